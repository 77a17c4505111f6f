"""Sources must be actors, and the right ones: an abstract noun, an event or a date is no source (it is
dropped, or stands for the actor it belongs to); a subject the parser split ("LONDON — The embassy",
"Another resident Ana Ruiz") speaks through its part next to the verb; a name in apposition to a
description is the speaker ("extremist group the Islamic State"); a description of people related to
a name ("friends of X") is not X; "who" hangs on a person, not on the place after it.

Every passage is written for these tests; expected values follow ``shared/data/dev/README.md``.
"""
from __future__ import annotations

import pytest

from support import statement_at

SOURCES = [
    # a dateline before the subject is no speaker, nor is its country
    ("CAIRO — The Sudanese embassy in Cairo has denied reports that it is closing its consulate.",
     "has denied", "Sudanese embassy in Cairo"),
    ("PARIS — The Iranian embassy in Paris has denied reports on French websites on Tuesday that it plans to "
     "close its cultural centre.", "has denied", "Iranian embassy in Paris"),
    ("NAIROBI — The Somali embassy in Nairobi has rejected claims that it issued false passports.",
     "has rejected", "Somali embassy in Nairobi"),
    # a description, then the name, as one split subject
    ('Another shopkeeper Rashid Osman said: "The windows were smashed before midnight."', "said", "Rashid Osman"),
    # ... but a name, then its description, stays the name
    ('"We saw smoke from the roof," Lena Varga, a hotel receptionist said.', "said", "Lena Varga"),
    # a name in apposition to a description
    ("Rebel coalition the Northern Front claims to have captured the airport.", "claims", "Northern Front"),
    ("Separatist movement the Free Coast Front claims to have attacked a navy patrol boat.", "claims", "Free Coast Front"),
    # people related to a named person are not that person
    ("Neighbours of Daniel Okafor told the newspaper that he had left the country in May.", "told",
     "Neighbours of Daniel Okafor"),
    # "who" is a person: the people, not the harbour they were at
    ("Journalists interviewed fishermen at the harbour who claimed to have seen the boat sink.", "claimed", "fishermen"),
    # a long capitalised title closed by a name: the name speaks; a description "for" a name does not
    ("Director of the National Water Authority of the Coastal Region Maria Delgado said the reservoirs were "
     "nearly empty.", "said", "Maria Delgado"),
    ("A spokesman for Anna Berg said the singer was resting.", "said", "spokesman for Anna Berg"),
    # an indefinite pronoun that speaks is an anonymous set of people, not the speaker before it
    ("Local hunter Ivan Petrov said he had seen the animal. Some have suggested the video was staged.",
     "have suggested", "some observers"),
    ("Local hunter Ivan Petrov said he had seen the animal. The clip drew wide interest, with others saying "
     "it showed a man in a costume.", "saying", "other observers"),
    # an event or act stands for its actor
    ("According to a speech by the finance minister, the budget will be balanced by 2027.", "According to",
     "finance minister"),
]


@pytest.mark.parametrize("text, cue, expected", SOURCES)
def test_actors_source_kinds_pick_the_actor_that_speaks(analyse, text: str, cue: str, expected: str) -> None:
    assert statement_at(analyse(text), cue).source.lower() == expected.lower()


NOT_ACTORS = [
    # abstract nouns and events with no actor of their own make no statement
    ("Transparency demands that the minister publishes the full contract.", "Transparency"),
    ("The dissolution of the alliance showed that the members had no common goal.", "dissolution"),
    ("A heated debate suggested that the party was split over the reform.", "debate"),
]


@pytest.mark.parametrize("text, word", NOT_ACTORS)
def test_actors_source_kinds_abstract_and_event_nouns_are_no_sources(analyse, text: str, word: str) -> None:
    sources = [s.source.lower() for s in analyse(text).statements]
    assert not any(word.lower() in s for s in sources), sources


@pytest.mark.parametrize("text, word", [
    ("The administration said the sanctions would stay in place.", "administration"),
    ("The commission said the merger would harm consumers.", "commission"),
    ("The indictment alleges that the director hid the losses from auditors.", "indictment"),
])
def test_actors_source_kinds_institutions_and_documents_with_abstract_endings_still_speak(
        analyse, text: str, word: str) -> None:
    sources = [s.source.lower() for s in analyse(text).statements]
    assert any(word in s for s in sources), sources


@pytest.mark.parametrize("text, cue, expected", [
    # two titles of one named person make one statement by that person, not one per word piece
    ("The firm's CEO and co-founder, Marta Lindqvist, says the company had been trying to find the hackers.",
     "says", ["Marta Lindqvist"]),
    # two people joined make two statements
    ("The mayor and the governor said they would meet on Monday.", "said", ["mayor", "governor"]),
])
def test_actors_source_kinds_titles_of_one_person_make_one_statement(analyse, text: str, cue: str, expected: list) -> None:
    analysis = analyse(text)
    start = analysis.article.text.index(cue)
    found = [s.source for s in analysis.statements if s.cue_span[0] == start]
    assert [f.lower() for f in found] == [e.lower() for e in expected]


@pytest.mark.parametrize("text", [
    "Footage shows a figure covered in hair walking out of the forest.",
    "Villagers hunt for mystery beast in remote valley\n\nFootage shows a figure covered in hair walking out of the forest.",
])
def test_actors_source_kinds_sentence_initial_things_are_no_sources(analyse, text: str) -> None:
    assert [s.source for s in analyse(text).statements] == []

