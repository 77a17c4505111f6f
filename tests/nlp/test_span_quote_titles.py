"""A quote closed by a comma before "TITLE. Name said ..." belongs to that cue: the point of "Mr.",
"Sen." or "Dr." in the gap is no sentence end (issue 17, PolNeAR span quality). Passages written for
these tests."""
from __future__ import annotations

import pytest

from claimwatch import analyze_text

QUOTE = "It surprised me how quickly the whole board approved everything"


@pytest.mark.parametrize("text", [
    f'"{QUOTE}," Mr. Grant said of the meeting.',
    f'"{QUOTE}," Dr. Grant recalled of the meeting.',
    f'"{QUOTE}," Sen. Grant told reporters on Monday.',
])
def test_a_title_abbreviation_does_not_end_the_sentence(text: str) -> None:
    assert [s.content for s in analyze_text(text).statements] == [QUOTE]


def test_a_quote_ending_its_sentence_stays_apart() -> None:
    text = f'"{QUOTE}." Mr. Grant said the meeting was short.'
    assert [s.content for s in analyze_text(text).statements] == ["the meeting was short"]
