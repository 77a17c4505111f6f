"""After a fronted "according to X", the content runs to the end of the sentence, over the clauses
the parser hung elsewhere; it stops where the rest holds a cue of its own. Sentences written for
these tests."""
from __future__ import annotations

from claimwatch import analyze_text


def _found(text: str) -> list[tuple[str, str]]:
    return [(s.source, text[slice(*s.content_span)]) for s in analyze_text(text).statements]


def test_fronted_according_to_covers_the_comma_joined_clauses() -> None:
    text = ("In March, according to the district clinic, 52 patients were vaccinated, eight of them are "
            "infants, twelve are pensioners and 32 are adults.")
    found = _found(text)
    assert any(content.startswith("52 patients were vaccinated") and content.endswith("32 are adults")
               for _, content in found), found


def test_fronted_according_to_stops_before_a_trailing_speaker() -> None:
    text = "According to the Valley Herald, the sawmill closed in June, the mayor said."
    found = _found(text)
    assert ("Valley Herald", "the sawmill closed in June") in found, found
