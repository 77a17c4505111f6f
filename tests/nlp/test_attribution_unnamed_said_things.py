"""Something said, in the plural or a mass noun, with its that-clause and nobody named as saying it
("amid speculation that C", "reports that C were false"): an unnamed source's statement. Passages
written for these tests."""
from __future__ import annotations

import pytest

from claimwatch import analyze_text


@pytest.mark.parametrize("text, content", [
    ("Ferry shares rose amid speculation that the harbour will be sold.", "the harbour will be sold"),
    ("Rumours that the old pier had collapsed spread quickly in the town.", "the old pier had collapsed"),
])
def test_an_unnamed_said_thing_with_its_clause(text: str, content: str) -> None:
    statements = analyze_text(text).statements
    assert [(s.source, s.content) for s in statements] == [("unnamed", content)]


@pytest.mark.parametrize("text", [
    "The mayor denied allegations that she had sold the pier.",
    "The council's claims that the pier was safe were false.",
])
def test_a_said_thing_with_a_speaker_stays_theirs(text: str) -> None:
    assert all(s.source != "unnamed" for s in analyze_text(text).statements)
