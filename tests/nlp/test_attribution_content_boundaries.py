"""Content boundaries of object and particle frames: a phrase the parser hung on the cue but that stands
right after its object modifies that object; "called for X to go" keeps its for-to clause. Passages
written for these tests."""
from __future__ import annotations

import pytest

from claimwatch import analyze_text
from test_attribution_patterns import words


def contents(text: str) -> list[str]:
    return [words(text, s.content_span) for s in analyze_text(text).statements]


@pytest.mark.parametrize("text, content", [
    ("The governor unveiled a list of endorsements from 40 county sheriffs.",
     "a list of endorsements from 40 county sheriffs"),
    ("The mayor cited his own endorsements from 12 unions on Tuesday.", "his own endorsements from 12 unions"),
    ("Witnesses described loud music by the crowd near the gates of the park.",
     "loud music by the crowd near the gates of the park"),
    ("A 2012 audit found 14 cases of fraud out of more than a million claims.",
     "14 cases of fraud out of more than a million claims"),
])
def test_object_keeps_the_phrase_that_modifies_it(text: str, content: str) -> None:
    assert content in contents(text)


@pytest.mark.parametrize("text, content", [
    ("The agency published its findings by announcing that the dam was safe.", "its findings"),
])
def test_a_means_or_time_after_the_object_is_not_content(text: str, content: str) -> None:
    assert content in contents(text)


@pytest.mark.parametrize("text, content", [
    ("Protesters have called for the governor to resign.", "the governor to resign"),
    ("The farmers are angry and have called for the minister to step down.", "the minister to step down"),
])
def test_called_for_keeps_its_for_to_clause(text: str, content: str) -> None:
    assert content in contents(text)


@pytest.mark.parametrize("text, content", [
    ('The mayor called on residents to "stay calm and stay home."', 'residents to "stay calm and stay home."'),
    ('The coach said his players "gave everything they had tonight."', 'his players "gave everything they had tonight."'),
])
def test_a_partial_quote_keeps_the_words_that_lead_into_it(text: str, content: str) -> None:
    assert content in contents(text)


@pytest.mark.parametrize("text, source, content", [
    ("In the clip, the pilot delivers a statement condemning the raid on the village.", "pilot",
     "the raid on the village"),
    ("The pilot reads a statement calling on his family to forgive him.", "pilot", "his family to forgive him"),
])
def test_a_cue_on_a_delivered_statement_is_the_deliverers(text: str, source: str, content: str) -> None:
    found = [(s.source.lower(), words(text, s.content_span)) for s in analyze_text(text).statements]
    assert (source, content) in found
