"""Verdicts on, and questions about, a NAMED claim (issue 16, point 2): "reports of the singer's death
are not accurate", "the kidnapping is a hoax", "claims that the coach quit are false" bear on the claim
for what they name with the verdict's stance and found no claim of their own; "could not verify the
authenticity of the recording" bears, uncommitted, on the claim about the recording. Each passage is
written for these tests."""
from __future__ import annotations

import pytest

from support import groups_of, statement_about

VERDICTS = [
    ("A gossip site reported that the singer Lena Mork died in a boating accident on Friday. "
     "Her manager said reports of the singer's death are not accurate.",
     "died in a boating", "death are not accurate", "denies"),
    ("Local radio said gunmen kidnapped two engineers near the dam. "
     "The provincial governor said the kidnapping is a hoax.",
     "kidnapped two engineers", "kidnapping is a hoax", "denies"),
    ("A tabloid reported that a crocodile attacked a fisherman on the lake. "
     "Wardens said the story about the crocodile is untrue.",
     "crocodile attacked", "story about the crocodile", "denies"),
    ("Bloggers claimed that the company sacked its chief engineer. "
     "The firm's spokeswoman said reports of the sacking are unconfirmed.",
     "sacked its chief engineer", "sacking are unconfirmed", "uncommitted"),
    ("A regional paper reported that the team was sold to a shipping magnate. "
     "Another newspaper had reported that the coach quit on Sunday. "
     "The club's owner said reports of the sale are accurate.",
     "was sold to a shipping", "sale are accurate", "supports"),
]


@pytest.mark.parametrize("text, told, verdict, stance", VERDICTS)
def test_named_verdict_bears_on_the_claim_it_names(analyse, text, told, verdict, stance):
    analysis = analyse(text)
    first, second = statement_about(analysis, told), statement_about(analysis, verdict)
    assert second.claims and set(second.claims) <= set(first.claims)
    assert second.stance == stance
    assert len(analysis.claims) == len({c for s in analysis.statements for c in s.claims})


def test_named_verdict_on_a_clause_founds_the_named_claim(analyse):
    analysis = analyse("A club spokesman said claims that the coach had quit were false.")
    statement = statement_about(analysis, "coach had quit")
    texts = [c.text for c in analysis.claims if c.id in statement.claims]
    assert texts == ["the coach had quit"]
    assert statement.stance == "denies"


def test_named_verdict_picks_the_named_claim_not_the_most_told(analyse):
    analysis = analyse(
        "Residents said the river flooded the market. Traders said the river flooded the market again on Monday. "
        "A ferry captain said a whale was stranded on the sandbank. "
        "The harbour office said the story about the flooding is untrue.")
    flood, whale = statement_about(analysis, "flooded the market"), statement_about(analysis, "whale was stranded")
    verdict = statement_about(analysis, "story about the flooding")
    assert groups_of(analysis, verdict) <= groups_of(analysis, flood)
    assert not groups_of(analysis, verdict) & groups_of(analysis, whale)


def test_question_about_a_named_thing_bears_uncommitted_on_its_claim(analyse):
    analysis = analyse(
        "An activist group posted a recording that it said showed soldiers looting a bank. "
        "The broadcaster could not verify the authenticity of the recording.")
    check = statement_about(analysis, "authenticity of the recording")
    assert check.stance == "uncommitted"
    assert check.claims
    assert not any(c.text.startswith("the authenticity") for c in analysis.claims)


@pytest.mark.parametrize("check", [
    "The ministry said it could not verify the authenticity of the recording.",
    "The ministry said it was working to determine whether the recording was genuine.",
])
def test_a_reported_check_bears_uncommitted_on_the_claim_it_checks(analyse, check):
    analysis = analyse("An activist group posted a recording that it said showed soldiers looting a bank. " + check)
    told, checked = statement_about(analysis, "looting a bank"), statement_about(analysis, "the recording")
    assert checked.stance == "uncommitted"
    assert checked.claims and set(checked.claims) <= set(told.claims)
    assert len(analysis.claims) == 1


@pytest.mark.parametrize("text, phrase", [
    ("Reporters said the council approved the budget. The opposition leader said the decision was wrong.",
     "decision was wrong"),
    ("Reporters said the council approved the budget. The opposition leader said the plan is ambitious.",
     "plan is ambitious"),
])
def test_a_judgement_of_worth_is_no_verdict_on_a_claim(analyse, text, phrase):
    analysis = analyse(text)
    told, judged = statement_about(analysis, "approved the budget"), statement_about(analysis, phrase)
    assert not set(judged.claims) & set(told.claims)
