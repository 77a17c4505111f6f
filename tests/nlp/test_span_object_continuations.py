"""Content boundaries of found statements (issue 17, PolNeAR span quality): what continues a cue's
object or phrase. Passages written for these tests."""
from __future__ import annotations

import pytest

from claimwatch import analyze_text


def _contents(text: str) -> list[str]:
    return [s.content for s in analyze_text(text).statements]


@pytest.mark.parametrize("text, content", [
    ("The union has repeatedly pointed to the closure as proof of the company's bad faith.",
     "the closure as proof of the company's bad faith"),
    ("Critics pointed to the delay as a sign of poor planning.", "the delay as a sign of poor planning"),
])
def test_an_as_phrase_after_a_particle_object_belongs_to_it(text: str, content: str) -> None:
    assert _contents(text) == [content]


def test_a_second_phrase_of_the_same_kind_continues_the_content() -> None:
    text = "The minister declined to comment on the plan or on whether it would be delayed."
    assert _contents(text) == ["on the plan or on whether it would be delayed"]


def test_a_particle_object_without_as_phrase_stays_short() -> None:
    assert _contents("The union pointed to the closure on Tuesday.") == ["the closure"]
