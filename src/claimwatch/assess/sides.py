"""Where each side stands on a topic as of its latest statement, and how it got there.

A side is who a statement speaks for (:meth:`StatementIndex.camp`: the ledger's side in a story).
Its statements are read in story order and split into runs of one stance class (positive,
cautious, negative); the last run is where it stands now, the run before it where it stood
before. A side moves between reports, not within one: within one report its committed stance
(asserting or denying) stands over its caution, and of two committed stances the first stands (an
ambiguity of that report, not a change of mind). A refusal to comment ("could not confirm",
"declined to comment") after a committed stance does not start a run either: silence does not
withdraw an assertion or a denial.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Optional

from claimwatch.assess.model import SideStance
from claimwatch.assess.topics import STANCE_CLASS, StatementIndex, Topic

SILENT = ("uncommitted",)
COMMITTED_CLASSES = ("positive", "negative")


@dataclass(frozen=True)
class SidePosition:
    """One side's current run of statements on a topic and the last statement of the run before."""

    side: str
    cites: tuple[str, ...]  # the current run, story order
    previous: Optional[str] = None  # the last statement of the previous run

    @property
    def latest(self) -> str:
        return self.cites[-1]

    @property
    def moved(self) -> str:
        """The statement with which the side took its current stance."""
        return self.cites[0]

    def stance_class(self, index: StatementIndex) -> str:
        return STANCE_CLASS[index[self.latest].statement.stance]

    def record(self, index: StatementIndex) -> SideStance:
        latest = index[self.latest].statement
        before = index[self.previous].statement if self.previous else None
        return SideStance(side=self.side, stance=latest.stance, as_of=index.date(self.latest),
                          previous_stance=before.stance if before else None,
                          previous_as_of=index.date(self.previous) if self.previous else None)


def _runs(cites: list[str], index: StatementIndex) -> list[list[str]]:
    """Consecutive statements of one stance class; a silent one after a committed run is skipped."""
    runs: list[list[str]] = []
    for cite in cites:
        stance = index[cite].statement.stance
        cls = STANCE_CLASS[stance]
        if runs:
            last = STANCE_CLASS[index[runs[-1][-1]].statement.stance]
            if cls == last:
                runs[-1].append(cite)
                continue
            if stance in SILENT and last in COMMITTED_CLASSES:
                continue
            article = index[cite].analysis.article.id
            if index[runs[-1][-1]].analysis.article.id == article:
                if last != "cautious" or cls not in COMMITTED_CLASSES:
                    continue  # two committed stances of one side in one report: the first stands
                # the report's own caution gives way to the committed stance it also takes
                runs[-1] = [c for c in runs[-1] if index[c].analysis.article.id != article]
                if not runs[-1]:
                    runs.pop()
                if runs and STANCE_CLASS[index[runs[-1][-1]].statement.stance] == cls:
                    runs[-1].append(cite)
                    continue
        runs.append([cite])
    return runs


def side_positions(topic: Topic, index: StatementIndex) -> list[SidePosition]:
    """Each side of the topic once, in the order it first spoke, with its current run and the
    statement it moved from (conditional statements commit no one and are left out)."""
    by_side: dict[str, list[str]] = {}
    for cite in index.ordered(topic.cites):
        if not index[cite].statement.conditional:
            by_side.setdefault(index.camp(cite), []).append(cite)
    out = []
    for side, cites in by_side.items():
        runs = _runs(cites, index)
        out.append(SidePosition(side, tuple(runs[-1]), runs[-2][-1] if len(runs) > 1 else None))
    return out
