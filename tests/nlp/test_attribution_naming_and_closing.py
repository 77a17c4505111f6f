"""Naming cues with an "as" phrase, closing attributions the parser misreads, and nationals as
speakers. Passages written for these tests."""
from __future__ import annotations

import pytest

from claimwatch import analyze_text
from test_attribution_patterns import source_names, words


def _by_content(text: str) -> dict[str, set[str]]:
    analysis = analyze_text(text)
    return {words(text, s.content_span): source_names(analysis, s) for s in analysis.statements}


@pytest.mark.parametrize("text, content", [
    ("Investigators identified the driver as a former soldier from Leeds.",
     "the driver as a former soldier from Leeds"),
    ("The hikers saw what they described as a large cat crossing the road near the farm.",
     "as a large cat crossing the road near the farm"),
])
def test_naming_cue_content_is_its_as_phrase(text: str, content: str) -> None:
    assert content in _by_content(text)


@pytest.mark.parametrize("text", [
    "The team identified three problems with the engine.",
    "The claims, which the ministry dismissed as baseless, spread quickly online.",
])
def test_as_phrase_is_not_content_without_a_naming_cue(text: str) -> None:
    assert not any(c.startswith("as ") for c in _by_content(text))


@pytest.mark.parametrize("text, content, speaker", [
    ('"Your bombs have destroyed our homes and our schools," the man in the grey coat says.',
     "Your bombs have destroyed our homes and our schools", "man in the grey coat"),
    ('The vote was close.\n"Plus, the old bridge is falling apart," said Jones, before adding more.',
     "Plus, the old bridge is falling apart", "jones"),
])
def test_closing_cue_speaker_by_word_order(text: str, content: str, speaker: str) -> None:
    assert speaker in _by_content(text).get(content, set())


@pytest.mark.parametrize("text, content, speaker", [
    ("A group of Russians claim to have filmed a wolf in the city.", "to have filmed a wolf in the city", "russians"),
    ("Two Americans said the hotel was empty.", "the hotel was empty", "americans"),
    ("The Russians said the talks had failed.", "the talks had failed", "russia"),
])
def test_plural_nationals_are_people_not_their_state(text: str, content: str, speaker: str) -> None:
    assert speaker in _by_content(text).get(content, set())


def test_pronoun_after_an_unnamed_described_subject_is_that_person() -> None:
    text = ("Mayor Ann Long spoke first. Then the masked fighter makes a statement. "
            "Standing by the gate, he thanks Long and says the strike will go on.")
    names = _by_content(text).get("the strike will go on", set())
    assert "masked fighter" in names and "ann long" not in names


def test_she_inside_a_quote_is_not_the_quoted_speaker() -> None:
    text = ("Anna Berg had been sitting in the cafe for days. Staff noticed her on Tuesday.\n\n"
            '"When we asked her if she was fine, she said she was and just needed time to think," said waiter Tom Lind.')
    names = _by_content(text).get("she was and just needed time to think", set())
    assert "anna berg" in names and "tom lind" not in names


@pytest.mark.parametrize("text, name", [
    ("Depressed Tan Mei, 26, from Chengdu, decided she needed a break. She said she was tired.", "Tan Mei"),
    ('Waitress Lina Koster said: "I guess we miss her."', "Lina Koster"),
])
def test_descriptor_before_a_name_is_not_part_of_it(text: str, name: str) -> None:
    assert name in [a.name for a in analyze_text(text).actors]


@pytest.mark.parametrize("text, name", [
    ("Local officials told the Daily Courier that Northern Rail had cancelled the late trains.", "Daily Courier"),
    ("Only last year, according to the Clinical Centre of the University in Tuzla, 40 patients recovered.",
     "Clinical Centre of the University in Tuzla"),
])
def test_entity_names_are_whole_and_hold_no_clause(text: str, name: str) -> None:
    names = [a.name for a in analyze_text(text).actors]
    assert name in names and not any(" that " in n for n in names)


def test_hedges_held_in_longer_ones_are_recorded_once() -> None:
    (statement,) = analyze_text("The minister said he could not confirm these reports.").statements
    assert statement.hedges == ("could not confirm",)


@pytest.mark.parametrize("text", [
    '"Your strikes have destroyed our homes and our schools," the figure in black says.',
    'The tape runs for two minutes.\n\n"The life of this hostage depends on your next decision," the figure in black says.',
])
def test_whoever_a_quotation_is_credited_to_speaks(text: str) -> None:
    analysis = analyze_text(text)
    assert [s.source for s in analysis.statements] == ["figure in black"]


def test_headline_speaker_tagged_as_adjective_still_speaks() -> None:
    text = "'It's a nonsense', says official\n\nThe port was closed on Monday."
    (statement,) = analyze_text(text).statements
    assert (statement.source, statement.stance) == ("official", "denies")


def test_short_pointing_rejection_founds_no_claim_of_its_own() -> None:
    text = ("Reports said the city would open a new casino. "
            "The mayor's office denied it, saying \"That is complete nonsense.\"")
    analysis = analyze_text(text)
    claim_texts = [c.text for c in analysis.claims]
    assert not any("nonsense" in t for t in claim_texts)
