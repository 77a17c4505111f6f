""" "reason to believe" and "I guess" present a clause as probable; "no reason to believe" still
casts doubt, held as certain.

Each case is a news sentence written for these tests (conventions of ``shared/data/dev/README.md``).
"""
from __future__ import annotations

import pytest

from support import statement_at

STANCE = [
    ("The fire chief said there was no reason to believe the blaze had been set on purpose.", "said", "disputes"),
]

CERTAINTY = [
    ('"We were later given strong reason to believe the pilot had landed in the desert," the editor said.',
     "said", "probable"),
    ("Police said they had good grounds to suspect the van had been stolen the night before.", "said", "probable"),
    ('Waiter Tom Rees said: "I guess we will all miss the old place."', "said", "probable"),
    ("The fire chief said there was no reason to believe the blaze had been set on purpose.", "said", "certain"),
]


@pytest.mark.parametrize("text, cue, expected", STANCE)
def test_stance_no_reason_to_believe_still_disputes(analyse, text: str, cue: str, expected: str) -> None:
    assert statement_at(analyse(text), cue).stance == expected


@pytest.mark.parametrize("text, cue, expected", CERTAINTY)
def test_stance_reason_to_believe_and_guess_are_probable(analyse, text: str, cue: str, expected: str) -> None:
    assert statement_at(analyse(text), cue).certainty == expected


@pytest.mark.parametrize("text, cue, expected", [
    # a modal inside a wh-question the content governs asks; it does not hedge the claim
    ("Officials said they would tell residents what might happen next.", "said", "certain"),
    ("Officials said the river might flood the lower town.", "said", "possible"),
])
def test_stance_modal_inside_embedded_question_is_no_hedge(analyse, text: str, cue: str, expected: str) -> None:
    assert statement_at(analyse(text), cue).certainty == expected


@pytest.mark.parametrize("text, cue, stance, certainty", [
    # "may not", "might not", "likely not" hedge a negation; "could not have" is an impossibility
    ("The coach said the striker might not play on Sunday.", "said", "disputes", "possible"),
    ("Police said the fire was likely not deliberate.", "said", "asserts", "probable"),
    ("The ministry said the soldiers could not have been in the town.", "said", "denies", "certain"),
    # a denial held with high confidence stays a denial; a felt one only casts doubt
    ("The ministry said the soldiers were almost certainly not in the town.", "said", "denies", "probable"),
    ("Fans said they felt the video was a hoax.", "said", "disputes", "probable"),
])
def test_stance_hedged_negations(analyse, text: str, cue: str, stance: str, certainty: str) -> None:
    found = statement_at(analyse(text), cue)
    assert (found.stance, found.certainty) == (stance, certainty)
