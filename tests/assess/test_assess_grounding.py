"""The grounding check: a sentence whose citations do not carry it is dropped and logged, never printed."""
from __future__ import annotations

import logging

import pytest

from claimwatch.assess.grounding import check, ground, stance_classes_in
from claimwatch.assess.knowledge import load_knowledge
from claimwatch.assess.model import Finding
from claimwatch.assess.topics import StatementIndex
from test_assess_findings import build_border_analysis

KB = load_knowledge()
TOPIC = ("c1", "c2")


@pytest.fixture(scope="module")
def index():
    return StatementIndex([build_border_analysis()])


@pytest.mark.parametrize(("text", "expected"), [
    ("Belarus denies that its aircraft crossed the border.", {"negative"}),
    ("NATO could not confirm the incursion.", {"cautious"}),
    ("NATO sees no evidence for it.", {"cautious"}),
    ("According to Lithuania, helicopters crossed the border.", {"positive"}),
    ("If it is confirmed, border patrols are likely to be reinforced.", set()),
    ("Lithuania asserts it, and Belarus denied it.", {"positive", "negative"}),
])
def test_assess_grounding_reads_stance_words(text, expected):
    assert stance_classes_in(text, KB) == expected


@pytest.mark.parametrize(("finding", "reason"), [
    # a correct sentence passes
    (Finding("position", "Belarus (Belarusian defence ministry) denies that Belarus was involved in an incident at the border.",
             ("s4",), 1.0, ("denies",), TOPIC), None),
    (Finding("position", "NATO is cautious: it could not confirm it, against the assertions of Lithuania.",
             ("s1", "s5"), 0.7, ("asserts", "uncommitted"), TOPIC), None),
    # deliberately wrong: a denial sentence citing an assertion
    (Finding("position", "Lithuania denies that Belarus was involved in an incident at the border.",
             ("s1",), 1.0, ("denies",), TOPIC), "says the cited statements denies"),
    # wrong even when the declared stances are made to match: the wording says "denies"
    (Finding("position", "Lithuania denies that Belarus was involved in an incident at the border.",
             ("s1",), 1.0, ("asserts",), TOPIC), "wording is negative"),
    # calling an assertion cautious
    (Finding("position", "Poland could not confirm the incursion.", ("s3",), 1.0, (), TOPIC), "wording is cautious"),
    # citing a statement that does not exist
    (Finding("position", "Belarus denies it.", ("s4", "s99"), 1.0, ("denies",), TOPIC), "unknown statement(s) s99"),
    # citing nothing
    (Finding("risk", "Incidents could escalate.", (), 0.5, (), TOPIC), "cites no statement"),
    # citing a statement about another claim
    (Finding("implication", "If it is confirmed, border patrols are likely to be reinforced.", ("s1", "s6"), 0.6,
             ("asserts",), TOPIC), "s6 are not about its claims"),
    # naming an actor none of the citations involves
    (Finding("position", "Poland asserts that Belarus was involved in an incident at the border.", ("s1",), 1.0,
             ("asserts",), TOPIC), "names 'Poland'"),
])
def test_assess_grounding_check(index, finding, reason):
    found = check(finding, index, KB)
    if reason is None:
        assert found is None
    else:
        assert found is not None and reason in found


def test_assess_grounding_drops_and_logs_a_wrong_finding(index, caplog):
    good = Finding("position", "Belarus (Belarusian defence ministry) denies that Belarus was involved in an incident at the border.",
                   ("s4",), 1.0, ("denies",), TOPIC)
    wrong = Finding("position", "Poland (Radoslaw Sikorski) denies that Belarus was involved in an incident at the border.",
                    ("s3",), 1.0, ("denies",), TOPIC)
    with caplog.at_level(logging.INFO, logger="claimwatch.assess"):
        kept, dropped = ground([good, wrong], index, KB)
    assert kept == [good]
    assert dropped == 1
    assert any("Radoslaw Sikorski" in r.getMessage() and "dropped" in r.getMessage() for r in caplog.records)


def test_assess_grounding_quoted_call_words_are_not_stances(index):
    """A call quoting the source's own words is not read as a stance of the citing sentence."""
    text = "Laurynas Kasciunas (Lithuania) warned that further incursions could follow if the alliance stayed silent."
    call = Finding("call", text, ("s7",), 0.6, ("asserts",), ())
    assert check(call, index, KB) is None
