"""Beliefs and views held by a named holder, in constructions news uses for them: a viewing verb whose
"as" phrase the parser hung on the object, an attitude adjective with a clause written without "that",
and a view noun framing a whole clause ("her view is that C", "in his view, C"). Passages written for
these tests."""
from __future__ import annotations

import pytest

from claimwatch import analyze_text


def _one(text: str):
    statements = analyze_text(text).statements
    assert len(statements) == 1, statements
    return statements[0]


@pytest.mark.parametrize("text, source, content", [
    ("Most farmers view the new levy as a betrayal.", "farmers", "the new levy as a betrayal"),
    ("Several council members see the harbour plan as a waste of money.", "council members",
     "the harbour plan as a waste of money"),
])
def test_a_view_as_phrase_on_the_object(text: str, source: str, content: str) -> None:
    s = _one(text)
    assert source in s.source and s.content == content and s.stance == "asserts"


@pytest.mark.parametrize("text, content", [
    ("The harbour master is confident the new pier will hold.", "the new pier will hold"),
    ("The treasurer remains convinced the audit was flawed.", "the audit was flawed"),
    ("The coach was aware the pitch had flooded overnight.", "the pitch had flooded overnight"),
])
def test_an_attitude_adjective_with_a_bare_clause(text: str, content: str) -> None:
    s = _one(text)
    assert s.content == content and s.act == "say"


def test_a_worry_adjective_with_a_bare_clause_is_an_idiom() -> None:
    assert analyze_text("I am afraid the kitchen is closed tonight.").statements == ()


@pytest.mark.parametrize("text, source, content", [
    ("The auditor's view is that the ferry contract broke the rules.", "auditor", "the ferry contract broke the rules"),
    ("The panel's conclusion was that the dam needed repairs.", "panel", "the dam needed repairs"),
    ("In the opinion of the harbour board, the pier is unsafe.", "harbour board", "the pier is unsafe"),
    ("The pier is unsafe, in the engineer's view.", "engineer", "The pier is unsafe"),
])
def test_a_view_noun_framing_a_clause(text: str, source: str, content: str) -> None:
    s = _one(text)
    assert source in s.source and s.content == content


@pytest.mark.parametrize("text", [
    "The view from the tower is that of a wide valley.",
    "In the view of the lake, the hotel stood alone.",
    "In this view, the harbour looks calm.",
])
def test_a_view_without_a_holder_or_clause_is_no_statement(text: str) -> None:
    assert analyze_text(text).statements == ()


@pytest.mark.parametrize("text, source, content", [
    ("The ferry operator expressed confidence that the new timetable would work.", "ferry operator",
     "the new timetable would work"),
    ("The fishing council holds the view that the quota is too low.", "fishing council", "the quota is too low"),
    ("The harbour master made the point that the channel was too shallow.", "harbour master",
     "the channel was too shallow"),
    ("The architect made the case that the old mill could be saved.", "architect", "the old mill could be saved"),
])
def test_a_held_or_uttered_noun_with_a_that_clause(text: str, source: str, content: str) -> None:
    s = _one(text)
    assert source in s.source and s.content == content


@pytest.mark.parametrize("text", [
    "In the case that the pier fails, the council will pay for repairs.",
    "The point of the new pier is to bring more ferries.",
])
def test_case_and_point_without_a_holder_are_no_statement(text: str) -> None:
    assert analyze_text(text).statements == ()


def test_a_belief_participle_read_as_an_adjective_with_a_bare_clause() -> None:
    s = _one("Local divers are convinced this was the wreck of the lost ferry.")
    assert "divers" in s.source and s.content == "this was the wreck of the lost ferry"
