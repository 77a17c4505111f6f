"""Content boundaries of found statements (issue 17, PolNeAR span quality): a noun-phrase content stops
before the occasion of its saying ("in an interview", "during a campaign stop", "on Twitter"); in a
clause the same phrase is part of what was said. Passages written for these tests."""
from __future__ import annotations

import pytest

from claimwatch import analyze_text


def _contents(text: str) -> list[str]:
    return [s.content for s in analyze_text(text).statements]


@pytest.mark.parametrize("text, content", [
    ('The senator called the levy "daylight robbery" in an interview on Monday.', 'the levy "daylight robbery"'),
    ('The senator described the levy as "theft" Wednesday on his radio show.', 'the levy as "theft"'),
    ("The mayor blamed the port authority on Twitter.", "the port authority"),
])
def test_a_noun_content_stops_before_the_occasion(text: str, content: str) -> None:
    assert _contents(text) == [content]


@pytest.mark.parametrize("text, content", [
    ("The mayor said voters would settle the question in a debate next month.",
     "voters would settle the question in a debate next month"),
    ("The union voiced concern that the owners were provoking fights at rallies.",
     "concern that the owners were provoking fights at rallies"),
])
def test_an_occasion_inside_what_was_said_stays(text: str, content: str) -> None:
    assert _contents(text) == [content]
