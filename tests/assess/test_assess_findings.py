"""Rule-based findings on hand-built analyses: sections, camps, contrasts, citations, stories.

The analyses are built from model records over news text written for these tests, so the writer is
tested independently of what the extractor currently finds. ``build_border_analysis`` is shared
with the other ``test_assess_*`` files.
"""
from __future__ import annotations

from typing import Optional

import pytest

from claimwatch.assess import assess
from claimwatch.assess.grounding import check
from claimwatch.assess.knowledge import load_knowledge
from claimwatch.assess.topics import StatementIndex
from claimwatch.assess.writer import draft
from claimwatch.model import Actor, Analysis, Article, Claim, Evidence, Statement

BORDER_TEXT = (
    "Lithuania's defence ministry said on Monday that two Belarusian military helicopters had crossed "
    "into Lithuanian airspace near the town of Druskininkai. Defence Minister Laurynas Kasciunas said "
    "radar data showed the aircraft flew about two kilometres inside the border.\n\n"
    "Polish Foreign Minister Radoslaw Sikorski backed the account. Belarus's defence ministry denied "
    "that any of its aircraft had violated the border. A NATO spokesperson said the alliance could not "
    "confirm the incursion.\n\n"
    "Kasciunas urged NATO allies to strengthen air defences along the eastern flank, and warned that "
    "further incursions could follow if the alliance stayed silent.\n"
)


def span(text: str, phrase: str) -> tuple[int, int]:
    i = text.index(phrase)
    return (i, i + len(phrase))


def stmt(text: str, sid: str, source: str, cue: str, content: str, stance: str, act: str,
         claims: tuple[str, ...], **kw) -> Statement:
    return Statement(id=sid, source=source, cue=cue, cue_span=span(text, cue), content=content,
                     content_span=span(text, content), stance=stance, act=act, claims=claims, **kw)


def build_border_analysis(text: str = BORDER_TEXT, outlet: Optional[str] = "Baltic Wire",
                          published: Optional[str] = "2025-03-10T09:00:00Z") -> Analysis:
    """A border incident: Lithuania asserts, Poland backs, NATO cannot confirm, Belarus denies."""
    t = text
    statements = (
        stmt(t, "s1", "Lithuanian defence ministry", "said on Monday",
             "two Belarusian military helicopters had crossed into Lithuanian airspace near the town of Druskininkai",
             "asserts", "report", ("c1",)),
        stmt(t, "s2", "Laurynas Kasciunas", "said",
             "radar data showed the aircraft flew about two kilometres inside the border", "asserts", "say", ("c1",),
             evidence=(Evidence("official_data", "radar data", span(t, "radar data")),)),
        stmt(t, "s3", "Radoslaw Sikorski", "backed", "the account", "supports", "echo", ("c1",)),
        stmt(t, "s4", "Belarusian defence ministry", "denied",
             "any of its aircraft had violated the border", "denies", "deny", ("c2",)),
        stmt(t, "s5", "NATO", "could not confirm", "the incursion", "uncommitted", "say", ("c1",),
             certainty="uncertain"),
        stmt(t, "s6", "Laurynas Kasciunas", "urged",
             "NATO allies to strengthen air defences along the eastern flank", "asserts", "appeal", ("c3",)),
        stmt(t, "s7", "Laurynas Kasciunas", "warned",
             "further incursions could follow if the alliance stayed silent", "asserts", "warn", ("c4",),
             certainty="possible", conditional=True),
    )
    claims = (
        Claim("c1", "Belarusian military helicopters crossed into Lithuanian airspace", "g1",
              subject="Belarus", predicate="border_incident", object="Lithuania"),
        Claim("c2", "Belarusian aircraft violated the border", "g1", subject="Belarus", predicate="border_incident"),
        Claim("c3", "NATO allies should strengthen air defences", "g2", subject="NATO"),
        Claim("c4", "further incursions could follow", "g3", predicate="border_incident"),
    )
    actors = (
        Actor("Lithuania", "country", affiliation="Lithuania", aliases=("Lithuanian",)),
        Actor("Belarus", "country", affiliation="Belarus", aliases=("Belarusian",)),
        Actor("Poland", "country", affiliation="Poland", aliases=("Polish",)),
        Actor("NATO", "organization"),
        Actor("Lithuanian defence ministry", "organization", affiliation="Lithuania"),
        Actor("Belarusian defence ministry", "organization", affiliation="Belarus"),
        Actor("Laurynas Kasciunas", "person", role="Defence Minister", affiliation="Lithuania", aliases=("Kasciunas",)),
        Actor("Radoslaw Sikorski", "person", role="Foreign Minister", affiliation="Poland"),
    )
    article = Article(text=t, id="border01", title="Helicopters over Druskininkai", outlet=outlet, published=published)
    return Analysis(article=article, statements=statements, claims=claims, actors=actors)


@pytest.fixture(scope="module")
def border():
    return build_border_analysis()


@pytest.fixture(scope="module")
def result(border):
    return assess([border])


def _one(result, kind: str, cites: set[str]):
    """The finding of ``kind`` whose citations are exactly ``cites``."""
    found = [f for f in result.of_kind(kind) if set(f.cites) == cites]
    assert found, f"no {kind} finding citing {sorted(cites)}: {[(f.text, f.cites) for f in result.of_kind(kind)]}"
    return found[0]


@pytest.mark.parametrize(("kind", "cites", "words"), [
    ("significance", {"s1", "s2", "s3", "s4", "s5"}, ("disputed",)),
    ("position", {"s1", "s2"}, ("Lithuania", "official figures")),
    ("position", {"s3"}, ("Poland", "Radoslaw Sikorski")),
    ("position", {"s5", "s1", "s2", "s3"}, ("NATO", "could not confirm", "Lithuania and Poland")),
    ("position", {"s4", "s1", "s2", "s3"}, ("Belarus", "den")),
    ("call", {"s6", "s7"}, ("Laurynas Kasciunas (Lithuania)", "urged", "warned that")),
    ("watch", {"s5"}, ("NATO",)),
    ("watch", {"s4"}, ("denial by Belarus",)),
])
def test_assess_findings_border_story_by_kind_and_citation(result, kind, cites, words):
    finding = _one(result, kind, cites)
    for word in words:
        assert word in finding.text
    assert 0.0 < finding.confidence <= 1.0


def test_assess_findings_implications_are_conditional_on_confirmation(result):
    implications = result.of_kind("implication")
    assert implications
    for f in implications:
        assert f.text.startswith("If it is confirmed that Belarus was involved in an incident at the border")
        assert set(f.cites) == {"s1", "s2", "s3"}


def test_assess_findings_risks_cite_related_warnings(result):
    escalation = [f for f in result.of_kind("risk") if "escalate" in f.text]
    assert escalation
    assert {"s1", "s2", "s3"} <= set(escalation[0].cites)


def test_assess_findings_sections_come_in_reading_order(result):
    order = ("significance", "position", "call", "implication", "risk", "watch")
    kinds = [f.kind for f in result.findings]
    assert kinds == sorted(kinds, key=order.index)
    assert set(kinds) == set(order)


def test_assess_findings_every_drafted_sentence_is_grounded(border):
    """The rule texts themselves must pass the check: share of valid sentences is 100 %."""
    kb = load_knowledge()
    index = StatementIndex([border])
    drafted = draft(index, kb)
    assert drafted
    assert [f.text for f in drafted if check(f, index, kb) is not None] == []


def test_assess_findings_without_typed_claims_is_empty():
    text = "The mayor said the new library would open in spring.\n"
    analysis = Analysis(
        article=Article(text=text, id="lib01"),
        statements=(stmt(text, "s1", "mayor", "said", "the new library would open in spring", "asserts", "say", ("c1",)),),
        claims=(Claim("c1", "the new library would open in spring", "g1"),),
    )
    result = assess([analysis])
    assert result.findings == ()
    assert result.dropped == 0


def test_assess_findings_story_merges_articles_and_qualifies_citations(border):
    """A story of two articles: one topic, citations qualified by article id, camps merged."""
    denial_text = (
        "Minsk rejected the accusation on Tuesday. Belarus's defence ministry denied that any of its "
        "aircraft had violated the border, and the state news agency said the report was a provocation.\n"
    )
    second = Analysis(
        article=Article(text=denial_text, id="border02", outlet="Minsk Daily", published="2025-03-11"),
        statements=(stmt(denial_text, "s1", "Belarusian defence ministry", "denied",
                         "any of its aircraft had violated the border", "denies", "deny", ("c1",)),),
        claims=(Claim("c1", "Belarusian aircraft violated the border", "g1", subject="Belarus",
                      predicate="border_incident"),),
        actors=(Actor("Belarus", "country", affiliation="Belarus"),
                Actor("Belarusian defence ministry", "organization", affiliation="Belarus")),
    )
    result = assess([border, second])
    assert result.articles == ("border01", "border02")
    situation = result.of_kind("significance")[0]
    assert "border02:s1" in situation.cites and "border01:s1" in situation.cites
    denial = [f for f in result.of_kind("position") if "border02:s1" in f.cites]
    assert denial and "Belarus" in denial[0].text
    assert all(":" in c for f in result.findings for c in f.cites)
    outlets = {s.outlet for s in result.sources}
    assert {"Baltic Wire", "Minsk Daily"} <= outlets
