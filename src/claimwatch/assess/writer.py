"""``assess(analyses)``: topics -> rule-based findings -> grounding check -> optional LLM rewrite.

One article is the one-element case of a story; the sections come out in the order analysts read
them (significance, positions, calls, implications, risks, watch).
"""
from __future__ import annotations

import logging
from dataclasses import replace
from typing import TYPE_CHECKING, Mapping, Optional, Sequence

from claimwatch.assess import findings as rules
from claimwatch.assess.grounding import ground
from claimwatch.assess.knowledge import KINDS, Knowledge, load_knowledge
from claimwatch.assess.model import Assessment, CitedSource, Finding, LedgerStanding
from claimwatch.assess.topics import StatementIndex, Topic, build_topics, main_topics, article_day
from claimwatch.model import Analysis
from claimwatch.render import describe_source

if TYPE_CHECKING:
    from claimwatch.assess.llm import LLMConfig

log = logging.getLogger("claimwatch.assess")


def draft(index: StatementIndex, kb: Knowledge, standings: Sequence[LedgerStanding] = ()) -> list[Finding]:
    """Every rule-based finding, before the grounding check, in section order."""
    topics = build_topics(index, kb)
    chosen, related = main_topics(topics, kb)
    log.info("%d topics, assessing %s", len(topics), ", ".join(f"{t.event_type}/{t.subject}" for t in chosen))
    views = [rules.TopicView(t, index, kb, _standing_of(t, standings)) for t in chosen]
    out: list[Finding] = []
    for standing in standings:
        out += rules.ledger_standing(standing, index, kb)
    for view in views:
        out += rules.situation(view)
    for view in views:
        out += rules.positions(view)
    out += rules.calls(index, kb)
    for view in views:
        out += rules.implications(view)
    for view in views:
        out += rules.risks(view, related.get(id(view.topic), []))
    for view in views:
        out += rules.watch(view)
    return _dedupe(out)


def _standing_of(topic: Topic, standings: Sequence[LedgerStanding]) -> Optional[LedgerStanding]:
    """The ledger claim a topic is: the standing sharing most of its statements, if any."""
    cites = set(topic.cites)
    best = max(standings, key=lambda s: len(cites & set(s.cites)), default=None)
    return best if best is not None and cites & set(best.cites) else None


def _localised(standing: LedgerStanding, index: StatementIndex) -> LedgerStanding:
    """A standing whose citations use the index's ids (bare statement ids for one article)."""
    steps = tuple(replace(s, cite=index.local(s.cite)) for s in standing.steps)
    return replace(standing, steps=steps, cites=tuple(index.local(c) for c in standing.cites))


def _dedupe(findings: Sequence[Finding]) -> list[Finding]:
    seen: set[str] = set()
    out = []
    for f in findings:
        if f.text not in seen:
            seen.add(f.text)
            out.append(f)
    return out


def cited_sources(index: StatementIndex, findings: Sequence[Finding]) -> tuple[CitedSource, ...]:
    """Provenance of every statement the findings cite, in story order."""
    cites = index.ordered(c for f in findings for c in f.cites)
    out = []
    for cite in cites:
        item = index[cite]
        s, art = item.statement, item.analysis.article
        out.append(CitedSource(id=cite, source=s.source, description=describe_source(item.analysis, s),
                               cue=s.cue, stance=s.stance, act=s.act, article_id=art.id, title=art.title,
                               outlet=art.outlet, published=article_day(art)))
    return tuple(out)


def assess(analyses: Sequence[Analysis], *, llm: Optional["LLMConfig"] = None,
           kb: Optional[Knowledge] = None, standings: Sequence[LedgerStanding] = (),
           sides: Optional[Mapping[str, str]] = None, as_of: Optional[str] = None) -> Assessment:
    """The grounded assessment of one article or a story: every printed sentence carries citations.

    ``standings`` (a ledger story, see :func:`claimwatch.assess.story.ledger_standings`) add what the
    ledger concluded about the story's main claims, cited like every other sentence.

    With ``llm`` (see :mod:`claimwatch.assess.llm`), finding texts are rewritten by the endpoint and
    the rewrite kept only where it passes the same grounding check.

    ``sides`` (article-qualified citation id -> side) groups speakers as the ledger does; ``as_of`` only labels the
    result: the caller leaves out what was published after it (see :mod:`claimwatch.assess.story`).
    """
    kb = kb or load_knowledge()
    index = StatementIndex(analyses)
    index.sides = {index.local(cite): side for cite, side in (sides or {}).items()}
    standings = [_localised(s, index) for s in standings]
    kept, dropped = ground(draft(index, kb, standings), index, kb)
    rewritten = 0
    if llm is not None:
        from claimwatch.assess.llm import rewrite_findings

        kept, rewritten = rewrite_findings(kept, index, kb, llm)
    return Assessment(findings=tuple(kept), sources=cited_sources(index, kept),
                      articles=tuple(a.article.id for a in analyses), dropped=dropped,
                      rewritten=rewritten, sections={k: kb.sections[k] for k in KINDS}, as_of=as_of)

