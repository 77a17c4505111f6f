"""Topics and camps: event-type families, the agent's untyped claims, camp names in running text."""
from __future__ import annotations

import pytest

from claimwatch.assess.knowledge import load_knowledge
from claimwatch.assess.topics import StatementIndex, build_topics, describe_camps, display_name, join_names
from claimwatch.model import Actor, Analysis, Article, Claim
from test_assess_findings import build_border_analysis, stmt

KB = load_knowledge()

TROOPS_TEXT = (
    "Kyiv said on Friday that Iranian instructors were training drone crews in occupied Crimea. "
    "Ukraine's military intelligence said Iran had sent soldiers to help Russian units. "
    "Tehran denied that it was involved in the war in any way, and its envoy rejected any role in it.\n"
)


def _troops_analysis() -> Analysis:
    t = TROOPS_TEXT
    statements = (
        stmt(t, "s1", "Ukraine", "said on Friday", "Iranian instructors were training drone crews in occupied Crimea",
             "asserts", "say", ("c1",)),
        stmt(t, "s2", "Ukrainian military intelligence", "said", "Iran had sent soldiers to help Russian units",
             "asserts", "report", ("c2",)),
        stmt(t, "s3", "Iran", "denied", "it was involved in the war in any way", "denies", "deny", ("c3",)),
        stmt(t, "s4", "Iran", "rejected", "any role in it", "denies", "deny", ("c4",)),
    )
    claims = (
        Claim("c1", "Iranian instructors trained drone crews in Crimea", "g1", subject="Iran",
              predicate="military_involvement"),
        Claim("c2", "Iran sent soldiers to help Russian units", "g1", subject="Iran", predicate="troop_deployment"),
        Claim("c3", "Iran was involved in the war", "g2", subject="Iran", predicate="military_involvement"),
        Claim("c4", "Iran had a role in it", "g3", subject="Iran"),
    )
    actors = (Actor("Ukraine", "country", affiliation="Ukraine"), Actor("Iran", "country", affiliation="Iran"),
              Actor("Ukrainian military intelligence", "organization", affiliation="Ukraine"))
    return Analysis(article=Article(text=t, id="iran01"), statements=statements, claims=claims, actors=actors)


def test_assess_topics_child_type_names_the_family_topic():
    index = StatementIndex([_troops_analysis()])
    topics = build_topics(index, KB)
    assert len(topics) == 1
    topic = topics[0]
    assert (topic.event_type, topic.family, topic.subject) == ("troop_deployment", "military_involvement", "Iran")
    assert set(topic.cites) == {"s1", "s2", "s3", "s4"}  # the untyped "any role in it" joins by its agent


def test_assess_topics_untyped_claim_stays_out_when_agent_is_ambiguous():
    analysis = _troops_analysis()
    extra = Claim("c5", "Iran imposed sanctions on Ukraine", "g4", subject="Iran", predicate="sanctions")
    analysis = Analysis(article=analysis.article, statements=analysis.statements,
                        claims=analysis.claims + (extra,), actors=analysis.actors)
    topics = build_topics(StatementIndex([analysis]), KB)
    main = next(t for t in topics if t.family == "military_involvement")
    assert "s4" not in main.cites


@pytest.mark.parametrize(("name", "expected"), [
    ("United States", "the United States"),
    ("Department of Homeland Security", "the Department of Homeland Security"),
    ("European Commission", "the European Commission"),
    ("NATO", "NATO"),
    ("Ukraine", "Ukraine"),
    ("Mark Rutte", "Mark Rutte"),
])
def test_assess_topics_display_name(name, expected):
    assert display_name(name, KB) == expected


@pytest.mark.parametrize(("names", "expected"), [
    ([], ""), (["Ukraine"], "Ukraine"), (["Ukraine", "France"], "Ukraine and France"),
    (["Ukraine", "France", "Poland"], "Ukraine, France and Poland"),
])
def test_assess_topics_join_names(names, expected):
    assert join_names(names) == expected


def test_assess_topics_camps_group_sources_by_state():
    index = StatementIndex([build_border_analysis()])
    text, count = describe_camps(index, ("s1", "s2", "s3"), KB)
    assert text == "Lithuania (Lithuanian defence ministry, Laurynas Kasciunas) and Poland (Radoslaw Sikorski)"
    assert count == 2
