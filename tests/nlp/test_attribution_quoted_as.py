"""'X was quoted as saying C' names X as the speaker, with or without who quoted; a report's author
can stand in the relative clause that published it. Passages written for these tests."""
from __future__ import annotations

import pytest

from claimwatch import analyze_text
from test_attribution_patterns import source_names, words


def _by_content(text: str) -> dict[str, set[str]]:
    analysis = analyze_text(text)
    return {words(text, s.content_span): source_names(analysis, s) for s in analysis.statements}


@pytest.mark.parametrize("text, content, speaker", [
    ("The coach was quoted as saying the team had lost its spirit.", "the team had lost its spirit", "coach"),
    ('"We have lost our spirit," the coach was quoted as saying.', "We have lost our spirit", "coach"),
    ("Doctors were quoted by local media as saying the hospital was full.", "the hospital was full", "doctors"),
    ("The report, which was published by the Tribune, claims that the mayor lied.", "the mayor lied", "tribune"),
])
def test_quoted_speaker_and_published_author(text: str, content: str, speaker: str) -> None:
    assert speaker in _by_content(text).get(content, set())


@pytest.mark.parametrize("text, content, speaker", [
    ("The mayor has emerged as the main suspect in the fraud case, the Evening Post quoted two detectives.",
     "The mayor has emerged as the main suspect in the fraud case", "two detectives"),
])
def test_fronted_clause_of_a_quoting_verb_is_the_quoted_ones(text: str, content: str, speaker: str) -> None:
    assert speaker in _by_content(text).get(content, set())


def test_citing_a_source_still_credits_the_reporting_outlet() -> None:
    assert "reuters" in _by_content("The port will close, Reuters reported, citing two officials.").get("The port will close", set())


def test_declining_to_comment_to_an_outlet_has_no_topic_but_the_story() -> None:
    text = ("The mayor is said to be welcoming the new parking rules. "
            "A spokesman for the mayor declined to comment to the Evening Post.")
    analysis = analyze_text(text)
    declined = next(s for s in analysis.statements if words(text, s.cue_span).startswith("declined"))
    assert words(text, declined.content_span) == "to comment"
    assert declined.claims and declined.claims == analysis.statements[0].claims


def test_declining_with_a_topic_keeps_the_topic() -> None:
    text = "The army declined to comment on the report."
    (statement,) = analyze_text(text).statements
    assert words(text, statement.content_span) == "on the report"


@pytest.mark.parametrize("text, content, speaker", [
    ("The port has closed, according to several unconfirmed reports, including the Herald.", "The port has closed", "herald"),
    ("Several outlets, including the BBC, reported that the port had closed.", "the port had closed", "bbc"),
])
def test_a_named_member_of_plural_sources_speaks_too(text: str, content: str, speaker: str) -> None:
    analysis = analyze_text(text)
    assert any(speaker in source_names(analysis, s) for s in analysis.statements if words(text, s.content_span) == content)
