"""Helpers shared by the pattern tests: known gaps and statement lookup by cue."""
from __future__ import annotations

import importlib.util
import json
import os
import sys
from pathlib import Path
from typing import Optional

import pytest

from claimwatch.model import Analysis, Statement


def gap(reason: str, *values):
    """A case the extractor fails today: kept visible, with the diagnosis, for whoever fixes it."""
    return pytest.param(*values, marks=pytest.mark.xfail(strict=False, reason=reason))


def statement_at(analysis: Analysis, cue: str) -> Statement:
    """The statement whose cue is (or begins with) ``cue``; fails listing the cues found."""
    text = analysis.article.text
    cues = [text[slice(*s.cue_span)] for s in analysis.statements]
    for s, found in zip(analysis.statements, cues):
        if found == cue or found.startswith(cue + " "):
            return s
    pytest.fail(f"no statement with cue {cue!r}; cues found: {cues}")


REPO = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("CLAIMWATCH_SHARED", REPO.parent / "shared"))
FLOORS = json.loads((Path(__file__).parent / "quality_floors.json").read_text(encoding="utf-8"))
# The bundled story (15 dated articles): the ledger the session fixture ``story_ledger`` holds.
STORY = REPO / "src" / "claimwatch" / "data" / "story" / "north-korea-troops.jsonl"


def no_embedder():
    """Lexical claim matching only: keeps the tests fast and independent of the ONNX model."""
    return None


def copy_ledger(source: Path, folder: Path) -> Path:
    """A copy of the ledger file ``source`` as ``folder/story.db``, through SQLite's backup (WAL included)."""
    import sqlite3

    target = folder / "story.db"
    src, dst = sqlite3.connect(source), sqlite3.connect(target)
    try:
        src.backup(dst)
    finally:
        src.close()
        dst.close()
    return target


def load_quality_harness():
    """The harness in benchmarks/quality.py, so the tests and docs/quality.md score the same way."""
    name = "claimwatch_bench_quality"
    if name not in sys.modules:  # dataclasses need the module registered while it executes
        spec = importlib.util.spec_from_file_location(name, REPO / "benchmarks" / "quality.py")
        sys.modules[name] = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(sys.modules[name])
    return sys.modules[name]


def scripted_article(published: str, outlet: str, items: list[tuple], actors: dict[str, tuple[str, str]],
                     lead: str = "", title: Optional[str] = None, url: Optional[str] = None) -> Analysis:
    """A hand-built analysis of a short article, for ledger tests that need an exact timeline.

    Items are (source, cue, content, stance, claim text, event type, agent[, (value, unit, figure text)]);
    the text is built from them ("<source> <cue> that <content>. ") so every span is real. ``actors``
    maps a source name to (kind, affiliation).
    """
    from claimwatch.model import Actor, Article, Claim, Quantity
    from claimwatch.nlp.pipeline import article_id

    text = lead
    statements, claims = [], []
    for n, (source, cue, content, stance, claim_text, event_type, agent, *rest) in enumerate(items, start=1):
        start = len(text)
        text += f"{source} {cue} that {content}. "
        cue_at = start + len(source) + 1
        content_at = start + len(f"{source} {cue} that ")
        quantities = ()
        if rest:
            value, unit, figure = rest[0]
            at = text.index(figure, content_at)
            quantities = (Quantity(value, unit, figure, (at, at + len(figure))),)
        claims.append(Claim(id=f"c{n}", text=claim_text, group=f"g{n}", subject=agent, predicate=event_type))
        statements.append(Statement(id=f"s{n}", source=source, cue=cue, cue_span=(cue_at, cue_at + len(cue)),
                                    content=content, content_span=(content_at, content_at + len(content)),
                                    stance=stance, quantities=quantities, claims=(f"c{n}",),
                                    source_span=(start, start + len(source))))
    named = tuple(Actor(name, kind=actors[name][0], affiliation=actors[name][1])
                  for name in dict.fromkeys(i[0] for i in items) if name in actors)
    art = Article(text=text, id=article_id(text), title=title or f"{outlet} {published}", outlet=outlet,
                  published=published, url=url)
    return Analysis(article=art, statements=tuple(statements), claims=tuple(claims), actors=named)


def ledger_answer(analyses: list[Analysis], sql: str):
    """Store ``analyses`` in order in a fresh in-memory ledger (lexical matching) and return the first
    column of the first row ``sql`` selects: what a ledger test asks of the result."""
    from claimwatch.ledger import Ledger

    with Ledger(":memory:", embedder=lambda: None) as ledger:
        for analysis in analyses:
            ledger.add_analysis(analysis)
        return ledger.connection.execute(sql).fetchone()[0]


def entity_name_at(tok):
    """The name of the entity a token is in (person, organisation, state, nationality), without a
    possessive "'s": the ``name_at`` a test hands to ``nlp.claims.clause_agent``."""
    for ent in tok.doc.ents:
        if ent.start <= tok.i < ent.end and ent.label_ in ("GPE", "NORP", "ORG", "PERSON"):
            return ent.text.removesuffix("'s")
    return None


def statement_about(analysis: Analysis, phrase: str) -> Statement:
    """The statement whose content contains ``phrase``; fails listing the contents found."""
    for s in analysis.statements:
        if phrase in analysis.article.text[slice(*s.content_span)]:
            return s
    pytest.fail(f"no statement about {phrase!r}; contents: {[s.content for s in analysis.statements]}")


def groups_of(analysis: Analysis, statement: Statement) -> set[str]:
    """The claim groups a statement bears on; fails when it bears on none."""
    groups = {c.group for c in analysis.claims if c.id in statement.claims}
    assert groups, f"statement {statement.content!r} has no claim"
    return groups
