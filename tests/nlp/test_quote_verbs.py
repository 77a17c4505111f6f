"""Verbs that report speech only beside a quote or before a colon (speech_objects.yaml ``quote_verbs``):
'"...," she continued' is a statement, "prices continued to rise" is none. Sentences written for the test."""
from __future__ import annotations

import pytest

from support import statement_at

SPOKEN = [
    ('"The first loser of this policy would be the harbour," the harbour master continued.', "harbour master"),
    ("The harbour master continued: the ferry must run every day of the week.", "harbour master"),
]


@pytest.mark.parametrize("text, source", SPOKEN)
def test_quote_verbs_report_speech_beside_a_quote(analyse, text: str, source: str) -> None:
    assert statement_at(analyse(text), "continued").source == source


@pytest.mark.parametrize("text", [
    "Fuel prices continued to rise in March despite the new tax.",
    "The talks between the union and the ferry company continued on Tuesday.",
])
def test_quote_verbs_without_a_quote_state_nothing(analyse, text: str) -> None:
    assert analyse(text).statements == ()
