""" "is examining a video, purporting to show Y": a participle of showing set off by a comma after a
cue's object still says what the object shows, so it stays in the content; the speaker's own next
act after the comma ("dismissed the report, claiming ...") stays a statement of its own.

Each case is a news sentence written for these tests.
"""
from __future__ import annotations

import pytest

from claimwatch import analyze_text


@pytest.mark.parametrize("text, cue, content", [
    ("The coast guard is examining a video posted online on Monday, purporting to show the ferry sinking.",
     "examining", "a video posted online on Monday, purporting to show the ferry sinking"),
    ("Investigators are reviewing footage, appearing to show two men at the gate.",
     "reviewing", "footage, appearing to show two men at the gate"),
])
def test_a_showing_participle_after_the_objects_comma_stays_in_the_content(text: str, cue: str, content: str) -> None:
    statement = next(s for s in analyze_text(text).statements if cue in s.cue)
    assert statement.content == content


def test_the_speakers_own_participle_after_the_comma_is_a_statement_of_its_own() -> None:
    statements = analyze_text("The ministry dismissed the report, claiming it was invented.").statements
    assert {s.content for s in statements} == {"the report", "it was invented"}
