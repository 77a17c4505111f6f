"""Content boundaries of found statements (issue 17, PolNeAR span quality). Passages written for these
tests.

A content that is a noun phrase stops before the writer's note on its last noun: a non-restrictive
relative clause or an appended apposition to a thing. After a clause the note stays (it is as often the
speaker's), and so does an apposition saying who a person is."""
from __future__ import annotations

import pytest

from claimwatch import analyze_text


def _contents(text: str) -> list[str]:
    return [s.content for s in analyze_text(text).statements]


@pytest.mark.parametrize("text, content", [
    ("The senator criticised the harbour levy, which was introduced in 2011 to pay for dredging.",
     "the harbour levy"),
    ("The council leader praised the new bus depot, where two hundred drivers will be based from May.",
     "the new bus depot"),
    ("The union condemned the pension reform, a measure that will raise the retirement age by two years.",
     "the pension reform"),
])
def test_a_noun_content_stops_before_the_writers_note(text: str, content: str) -> None:
    assert _contents(text) == [content]


@pytest.mark.parametrize("text, content", [
    ("The mayor said the ferry service would resume in April, which would end a four-month gap.",
     "the ferry service would resume in April, which would end a four-month gap"),
    ('The minister denounced "the toll bridge, which nobody asked for."',
     "the toll bridge, which nobody asked for."),
])
def test_a_clause_or_quoted_note_keeps_it(text: str, content: str) -> None:
    got = _contents(text)
    assert len(got) == 1 and got[0].strip('".') == content.strip('".')


def test_an_apposition_saying_who_a_person_is_stays() -> None:
    text = "The senator criticised Paul Verner, a former customs officer who led the inquiry."
    assert _contents(text) == ["Paul Verner, a former customs officer who led the inquiry"]
