"""A party named in many unrelated stories (a state or group the gazetteer knows, a wire agency, an
outlet named by one word) is no shared context: two stories' claims that name nobody else must not meet through it,
and a claim whose only names are such parties names nobody of its own."""
from __future__ import annotations

from typing import Optional

import pytest

from claimwatch.ledger.context import context_dependent, specific
from support import ledger_answer, scripted_article


@pytest.mark.parametrize(("text", "expected"), [
    ("more strikes on Islamic State positions followed in the area", True),
    ("the shipment was meant for fighters backed by Iran", True),
    ("the shipment was meant for fighters backed by Iran in Yemen", False),
    ("the shipment was meant for fighters backed by the Pentagon", False),
    ("the Harlow Street bridge was closed to traffic", False),
    ("Mara Quill had crossed the river before dawn", False),
])
def test_ledger_context_well_known_names_alone_name_nobody(text, expected):
    assert context_dependent(text, None) is expected


@pytest.mark.parametrize(("text", "subject", "expected"), [
    ("the Kremlin is reviewing the footage", "Russia", True),
    ("Isil will hold the town by spring", "Islamic State", True),
    ("the Kremlin is reviewing footage sent by Mara Quill", "Russia", False),
    ("Belarus had moved artillery to the border with Latvia", "Belarus", False),
    ("the Pentagon is reviewing the footage", "Pentagon", False),
    ("Mara Quill is reviewing the footage", "Mara Quill", False),
])
def test_ledger_context_a_well_known_agent_alone_names_nobody(text, subject, expected):
    assert context_dependent(text, subject) is expected


@pytest.mark.parametrize(("name", "expected"), [
    ("Islamic State", False),
    ("Isil", False),
    ("the White House", False),
    ("the Associated Press", False),
    ("the Pentagon", True),
    ("Valley Herald", True),
    ("the Herald", False),
    ("CNN", False),
    ("YouTube", False),
    ("Ivo Brandt", True),
    ("Harlow Rowing Club", True),
])
def test_ledger_context_well_known_parties_are_not_specific(name, expected):
    assert specific(name) is expected


def _count(first: tuple[str, str, str], second: tuple[str, str, str], actors: dict,
           agent: Optional[str] = None) -> int:
    """Two articles, each one statement (source, content, claim text) whose claim has ``agent``; the
    ledger claims they make."""
    one = scripted_article("2031-05-01T08:00:00+00:00", "Harbour Gazette",
                           [(first[0], "said", first[1], "asserts", first[2], None, agent)], actors)
    two = scripted_article("2031-05-02T08:00:00+00:00", "Valley Courier",
                           [(second[0], "said", second[1], "asserts", second[2], None, agent)], actors)
    return ledger_answer([one, two], "SELECT COUNT(*) FROM ledger_claims")


_ACTORS = {"the Kremlin": ("organization", "Russia"), "Ivo Brandt": ("person", ""),
           "Tessa Morrow": ("person", ""), "Inés Calvo": ("person", ""), "Ines Calvo": ("person", "")}


def test_ledger_context_a_well_known_speaker_does_not_join_two_stories():
    # a lost supply crate in one story, a sunk patrol boat in another: both told by the Kremlin
    crate, boat = "it was destroyed in a later airstrike", "it had been destroyed in a later airstrike"
    assert _count(("the Kremlin", crate, crate), ("the Kremlin", boat, boat), _ACTORS) == 2


def test_ledger_context_a_specific_speaker_still_joins_one_story():
    crate, again = "it was destroyed in a later airstrike", "it had been destroyed in a later airstrike"
    assert _count(("Ivo Brandt", crate, crate), ("Ivo Brandt", again, again), _ACTORS) == 1


def test_ledger_context_claims_naming_only_well_known_parties_stay_apart_across_stories():
    strikes, more = ("more strikes on Islamic State positions followed in the area",
                     "more strikes on Islamic State positions followed in that area")
    assert _count(("Ivo Brandt", strikes, strikes), ("Tessa Morrow", more, more), _ACTORS) == 2


def test_ledger_context_a_well_known_agent_does_not_join_two_stories():
    # a drone video in one story, a lost rifle in another: the Kremlin reviews both
    video, rifle = "the Kremlin is reviewing the footage", "the Kremlin is reviewing that footage"
    assert _count(("Ivo Brandt", video, video), ("Tessa Morrow", rifle, rifle), _ACTORS, "Russia") == 2


def test_ledger_context_a_well_known_agent_joins_one_story():
    video, again = "the Kremlin is reviewing the footage", "the Kremlin is reviewing that footage"
    assert _count(("Ivo Brandt", video, video), ("Ivo Brandt", again, again), _ACTORS, "Russia") == 1


def test_ledger_context_a_name_with_and_without_its_accent_is_shared_context():
    crate, again = "it was destroyed in a later airstrike", "it had been destroyed in a later airstrike"
    assert _count(("Inés Calvo", crate, crate), ("Ines Calvo", again, again), _ACTORS) == 1


def test_ledger_context_a_long_passage_repeated_word_for_word_joins_without_shared_context():
    # one bystander's words carried by two outlets that name nobody else in common
    quote = "nobody stopped to help the cyclist because everyone on the bridge thought the crash was staged for a film"
    assert _count(("Ivo Brandt", quote, quote), ("Tessa Morrow", quote, quote), _ACTORS) == 1


def test_ledger_context_a_short_claim_repeated_word_for_word_still_needs_shared_context():
    short = "it was destroyed in a later airstrike"
    assert _count(("Ivo Brandt", short, short), ("Tessa Morrow", short, short), _ACTORS) == 2
