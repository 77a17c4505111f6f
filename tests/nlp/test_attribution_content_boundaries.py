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


@pytest.mark.parametrize("text, source, content", [
    ("In the clip, the pilot delivers a statement condemning the raid on the village.", "pilot",
     "the raid on the village"),
    ("The pilot reads a statement calling on his family to forgive him.", "pilot", "his family to forgive him"),
])
def test_a_cue_on_a_delivered_statement_is_the_deliverers(text: str, source: str, content: str) -> None:
    found = [(s.source.lower(), words(text, s.content_span)) for s in analyze_text(text).statements]
    assert (source, content) in found


@pytest.mark.parametrize("text, content", [
    ("Residents reported gunfire inside the old market, including several shots near the mosque.",
     "gunfire inside the old market, including several shots near the mosque"),
])
def test_an_including_list_after_the_object_is_content(text: str, content: str) -> None:
    assert content in contents(text)


@pytest.mark.parametrize("text, sources", [
    ("The Sunday Express and Daily Mirror identified Smith as a member of the gang.",
     {"sunday express", "daily mirror"}),
])
def test_two_titles_the_parser_ran_together_both_speak(text: str, sources: set[str]) -> None:
    assert {s.source.lower() for s in analyze_text(text).statements} == sources


@pytest.mark.parametrize("text, source, content", [
    ("The account was backed by the Daily Star, which quoted county police as saying that two gunmen are at large.",
     "county police", "two gunmen are at large"),
])
def test_quoted_as_saying_in_a_relative_clause_is_the_quoted_ones(text: str, source: str, content: str) -> None:
    found = {(s.source.lower(), words(text, s.content_span)) for s in analyze_text(text).statements}
    assert (source, content) in found
    assert ("daily star", "The account") in found


@pytest.mark.parametrize("text, source, content", [
    ("A retired diplomat told the Guardian Lee would accept any deal that ends the strike.",
     "retired diplomat", "Lee would accept any deal that ends the strike"),
])
def test_a_subject_run_into_the_hearer_opens_the_content(text: str, source: str, content: str) -> None:
    found = {(s.source.lower(), words(text, s.content_span)) for s in analyze_text(text).statements}
    assert (source, content) in found


@pytest.mark.parametrize("text, content", [
    ("Detectives are eyeing a former employee as the person who set the fire.",
     "a former employee as the person who set the fire"),
    ("Officials regard the test as a provocation.", "the test as a provocation"),
])
def test_a_view_in_an_as_phrase_is_a_statement(text: str, content: str) -> None:
    assert content in contents(text)


@pytest.mark.parametrize("text, content, rest", [
    ("The general said he would order a full review of the base and warned against leaks from the staff.",
     "he would order a full review of the base", "leaks from the staff"),
])
def test_a_finite_cue_after_a_modal_clause_is_the_speakers_next_act(text: str, content: str, rest: str) -> None:
    found = contents(text)
    assert content in found and rest in found


def test_a_participle_sharing_had_stays_in_the_content() -> None:
    text = "The minister said police had arrested two men and questioned a third."
    assert "police had arrested two men and questioned a third" in contents(text)


@pytest.mark.parametrize("text, source, content", [
    ("The embassy has denied reports on Italian news sites on Monday that it is planning to close.",
     "italian news sites", "it is planning to close"),
])
def test_reports_on_a_publication_name_their_source(text: str, source: str, content: str) -> None:
    found = {(s.source.lower(), words(text, s.content_span)) for s in analyze_text(text).statements}
    assert (source, content) in found


def test_reports_on_a_day_name_no_source() -> None:
    text = "The company denied reports on Tuesday that it would close."
    assert [s.source for s in analyze_text(text).statements] == ["company"]


@pytest.mark.parametrize("text, sources", [
    ("Local fire officials, the Lakeside County Health District and county officials say there is no sign of arson.",
     {"local fire officials", "lakeside county health district", "county officials"}),
])
def test_an_uncoordinated_list_of_subjects_all_speak(text: str, sources: set[str]) -> None:
    assert {s.source.lower() for s in analyze_text(text).statements} == sources


@pytest.mark.parametrize("text, source", [
    ("WASHINGTON -- The embassy said the talks had failed.", "embassy"),
    ("Another neighbour John Smith said he heard a bang.", "John Smith"),
])
def test_a_dateline_or_a_described_name_is_no_list(text: str, source: str) -> None:
    assert [s.source for s in analyze_text(text).statements] == [source]


@pytest.mark.parametrize("text, source", [
    ("He has a similar build to the gunman, according to a report published in the Herald.", "Herald"),
    ("According to a study published in March, prices rose.", "study"),
])
def test_a_report_published_in_an_outlet_is_the_outlets(text: str, source: str) -> None:
    assert [s.source for s in analyze_text(text).statements] == [source]


@pytest.mark.parametrize("text, source, content", [
    ("The account appears to be confirmed by the Herald.", "Herald", "The account"),
    ("The claim seems to have been denied by the ministry.", "ministry", "The claim"),
])
def test_a_passive_cue_under_seem_or_appear_has_the_raised_subject_as_content(text: str, source: str, content: str) -> None:
    found = {(s.source, words(text, s.content_span)) for s in analyze_text(text).statements}
    assert (source, content) in found


def test_a_verb_with_an_elided_subject_shares_the_clause_before() -> None:
    text = ('"The trip was over for me. I had already told the office I was unwell, so called them and said I was '
            'quitting," Lina said.')
    found = {(s.source, words(text, s.content_span)) for s in analyze_text(text).statements}
    assert ("Lina", "I was quitting") in found


def test_a_relative_pronoun_is_no_elided_subject() -> None:
    text = "Ana Ruiz. who works at the bakery, told the Herald that said she saw a van."
    assert not any(s.source == "unnamed" for s in analyze_text(text).statements)


@pytest.mark.parametrize("text, content", [
    ('The mayor called on residents to "stay calm and stay home."', 'residents to "stay calm and stay home."'),
    ('The coach said his players "gave everything they had tonight."', 'his players "gave everything they had tonight."'),
])
def test_a_partial_quote_keeps_the_words_that_lead_into_it(text: str, content: str) -> None:
    assert content in contents(text)


def test_a_whole_quote_after_the_cue_is_the_quote() -> None:
    text = 'The coach said: "We gave everything we had tonight."'
    assert "We gave everything we had tonight." in contents(text)
