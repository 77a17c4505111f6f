"""Content boundaries of found statements (issue 17, PolNeAR span quality): a verb with tense of its own
joined to the cue verb by "and" or "but" is the speaker's next act, not more of what was said; an
alternative joined by "or" and a bare gerund continue the content. Passages written for these tests."""
from __future__ import annotations

import pytest

from claimwatch import analyze_text


def _contents(text: str) -> list[str]:
    return [s.content for s in analyze_text(text).statements]


@pytest.mark.parametrize("text, content", [
    ("The governor has promised a veto and attempted to persuade members of both parties.", "a veto"),
    ("The anchor declined the assignment and has since left the network.", "the assignment"),
])
def test_a_tensed_verb_after_and_is_the_next_act(text: str, content: str) -> None:
    assert _contents(text)[0] == content


@pytest.mark.parametrize("text, content", [
    ("This week, the mayor declined to criticize the council or even directly blame it for the delay.",
     "to criticize the council or even directly blame it for the delay"),
    ("The senator talked about reform and passing new laws.", "reform and passing new laws"),
])
def test_an_alternative_or_a_gerund_continues_the_content(text: str, content: str) -> None:
    assert _contents(text)[0] == content
