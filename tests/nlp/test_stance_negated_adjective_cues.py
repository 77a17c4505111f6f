""" "is not confident that C": the copula carries the adjective cue's negation, so the holder does
not vouch for C; without "not" the view stays an assertion.

Each case is a news sentence written for these tests.
"""
from __future__ import annotations

import pytest

from support import statement_at

CASES = [
    ("The harbour master is not confident that the pier will hold through the winter.", "confident", "uncommitted"),
    ("The harbour master is confident that the pier will hold through the winter.", "confident", "asserts"),
    ("Auditors were not confident the accounts had been kept properly.", "confident", "uncommitted"),
]


@pytest.mark.parametrize("text, cue, expected", CASES)
def test_negated_copula_takes_the_adjective_cues_commitment_away(analyse, text: str, cue: str, expected: str) -> None:
    assert statement_at(analyse(text), cue).stance == expected
