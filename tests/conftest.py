"""Shared fixtures: the spaCy model loaded once per session, a hand-built Analysis, and the bundled
story's ledger built once per session.

Layout: the folders mirror ``src/claimwatch/`` (nlp, ingest, ledger, assess, evaluate, render, web,
export, scale, watch, lexicons; cli/ for the entry points and ledger commands), plus robustness/
(hostile inputs), quality/ (the gold-set floors), bench/ (the benchmark scripts) and project/
(set-up, docs, import graph, model helpers, the walkthrough).
Helpers that tests in several folders import sit here at the root (support.py, web_support.py,
ledger_pairs.py; ``pythonpath = ["tests"]`` in pyproject.toml). Basenames stay unique across folders.

The ``analysis`` fixture is built from model records over a short news text written for the tests,
so renderers and the CLI can be tested while the extractor is still being written.
"""
from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from claimwatch.model import Actor, Analysis, Article, Claim, Evidence, Mention, Quantity, Statement
from claimwatch.nlp.pipeline import analyze_text, article_id
from support import STORY, copy_ledger, no_embedder

HARBOUR_TEXT = (
    "The port authority in Rotterdam said on Tuesday that the fire aboard the cargo ship Meridian "
    "had been started by a shipment of lithium batteries, citing video footage from the quay.\n\n"
    "The shipping line denied that any batteries were on board, calling the account "
    "\u201ccategorically false\u201d.\n\n"
    "A coast guard spokesperson said the agency could not confirm the cause of the blaze and was "
    "looking into the footage.\n\n"
    "Municipal officials reported that about 40 containers were damaged, according to preliminary "
    "customs figures. Insurers at Zürich-based Helvetia Marine questioned whether the estimate could "
    "be trusted.\n\n"
    "If the wind turns, the terminal may have to close for a week, a harbour pilot said. The blaze "
    "was reportedly fed by a leaking fuel line.\n"
)


def span_of(text: str, phrase: str, start: int = 0) -> tuple[int, int]:
    """[start, end) of the first ``phrase`` in ``text`` at or after ``start``; fails loudly if absent."""
    i = text.index(phrase, start)
    return (i, i + len(phrase))


def _statement(text: str, sid: str, source: str, cue: str, content: str, **kw) -> Statement:
    cue_span = span_of(text, cue)
    content_span = span_of(text, content)
    return Statement(id=sid, source=source, cue=cue, cue_span=cue_span, content=content,
                     content_span=content_span, **kw)


def build_harbour_analysis() -> Analysis:
    """Six statements over two claim groups plus unclaimed ones, covering every stance and flag."""
    t = HARBOUR_TEXT
    video = "video footage from the quay"
    figures = "preliminary customs figures"
    statements = (
        _statement(t, "s1", "Port of Rotterdam Authority", "said",
                   "the fire aboard the cargo ship Meridian had been started by a shipment of lithium batteries",
                   act="say", stance="asserts", claims=("c1",),
                   evidence=(Evidence("video", video, span_of(t, video)),),
                   source_span=span_of(t, "The port authority in Rotterdam")),
        _statement(t, "s2", "Meridian Shipping", "denied", "any batteries were on board",
                   act="deny", stance="denies", claims=("c1", "c2"),
                   quotes=(span_of(t, "categorically false"),),
                   source_span=span_of(t, "The shipping line")),
        _statement(t, "s3", "coast guard", "could not confirm", "the cause of the blaze",
                   act="say", stance="uncommitted", certainty="uncertain", hedges=("could not confirm",),
                   claims=("c1",), source_span=span_of(t, "A coast guard spokesperson")),
        _statement(t, "s4", "municipal officials", "reported", "about 40 containers were damaged",
                   act="report", stance="asserts", claims=("c3",),
                   quantities=(Quantity(40, "containers", "about 40 containers",
                                        span_of(t, "about 40 containers"), approximate=True),),
                   evidence=(Evidence("official_data", figures, span_of(t, figures)),),
                   source_span=span_of(t, "Municipal officials")),
        _statement(t, "s5", "Helvetia Marine", "questioned", "whether the estimate could be trusted",
                   act="say", stance="disputes", certainty="possible", hedges=("could",),
                   claims=("c3",), source_span=span_of(t, "Insurers at Zürich-based Helvetia Marine")),
        _statement(t, "s6", "unnamed", "said", "the terminal may have to close for a week",
                   act="warn", stance="asserts", certainty="possible", hedges=("may",), conditional=True,
                   source_span=None),
        _statement(t, "s7", "unnamed", "reportedly", "The blaze was reportedly fed by a leaking fuel line",
                   act="report", stance="asserts", distanced=True, hedges=("reportedly",)),
    )
    claims = (
        Claim("c1", "Lithium batteries started the fire aboard the Meridian", "g1",
              subject="lithium batteries", predicate="start", object="fire aboard the Meridian"),
        Claim("c2", "Lithium batteries were on board the Meridian", "g1"),
        Claim("c3", "About 40 containers were damaged in the Meridian fire", "g2",
              quantities=(Quantity(40, "containers", approximate=True),)),
    )
    actors = (
        Actor("Port of Rotterdam Authority", "organization", role="port authority", affiliation="Netherlands",
              aliases=("port authority",),
              mentions=(Mention("The port authority in Rotterdam", span_of(t, "The port authority in Rotterdam")),)),
        Actor("Meridian Shipping", "organization", role="shipping line", aliases=("the shipping line",)),
        Actor("coast guard", "organization", role="spokesperson"),
        Actor("municipal officials", "group", affiliation="Rotterdam"),
        Actor("Helvetia Marine", "organization", role="insurer", affiliation="Zürich"),
        Actor("Netherlands", "country", affiliation="Netherlands"),
    )
    article = Article(text=t, id=article_id(t), title="Fire aboard cargo ship Meridian", path="harbour.txt")
    return Analysis(article=article, statements=statements, claims=claims, actors=actors,
                    warnings=("no publication date; using ingestion time",))


@pytest.fixture(scope="session")
def nlp():
    """The pinned spaCy model, loaded once for the whole test session."""
    from claimwatch.nlp.pipeline import load_nlp

    return load_nlp()


@pytest.fixture
def analysis() -> Analysis:
    """A hand-built Analysis of a harbour-fire news item (see :func:`build_harbour_analysis`)."""
    return build_harbour_analysis()


# --- helpers of the pattern tests (tests/nlp/test_*_patterns.py, test_actors_resolution, test_claims_grouping)

@pytest.fixture(scope="module")
def analyse(nlp):
    """Analyse each passage once per module with the session's spaCy model."""
    cache: dict[str, Analysis] = {}

    def run(text: str) -> Analysis:
        if text not in cache:
            cache[text] = analyze_text(text, nlp=nlp)
        return cache[text]

    return run



# --- the bundled story's ledger, built once (CLI, web, report, export, read-model and walkthrough tests)

def _digest(path: Path) -> str:
    """The ledger file and its write-ahead log, if any (a write not yet checkpointed lands there)."""
    wal = path.with_name(path.name + "-wal")
    return hashlib.sha256(path.read_bytes() + (wal.read_bytes() if wal.exists() else b"")).hexdigest()


@pytest.fixture(scope="session")
def story_ledger(tmp_path_factory) -> Path:
    """The bundled story ingested once per session, with lexical claim matching (``no_embedder``), so
    the ledger and the JSON pinned on it do not depend on the embedding model being installed.

    Read it only: a test or module that writes (an ingest, a watch, an added article) takes
    ``story_ledger_copy`` or ``support.copy_ledger(story_ledger, folder)``. The teardown fails the
    session if the file changed.
    """
    from claimwatch.ledger.ingest import ingest_into
    from claimwatch.ledger.store import Ledger

    path = tmp_path_factory.mktemp("story-ledger") / "story.db"
    with Ledger(path, embedder=no_embedder) as ledger:
        report = ingest_into(ledger, [str(STORY)], fetch_urls=False)
    assert report.added, "the bundled story must ingest"
    before = _digest(path)
    yield path
    assert _digest(path) == before, "a test wrote to the shared story ledger: it should take story_ledger_copy"


@pytest.fixture
def story_ledger_copy(story_ledger, tmp_path) -> Path:
    """A copy of the story ledger in this test's own folder, for tests that write to it."""
    return copy_ledger(story_ledger, tmp_path)
