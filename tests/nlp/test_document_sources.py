"""A poll, a survey, a study, a report, data and records are sources of kind "document": "according to
the new poll", "polls show", "the study concludes", "records show". The organisation behind one, when
named, is its affiliation ("a Quinnipiac poll" -> the poll, of Quinnipiac); a later "the poll" is the
same document. Their stance is read as for people ("shows" asserts, "suggests" lowers certainty).
Exhibits (a video, photos) show without stating and stay no source; a statement or a release stays its
author's voice. Every sentence is written for these tests.
"""
from __future__ import annotations

import pytest

DOCUMENTS = [
    # (text, source name, affiliation, stance, certainty)
    ("A Brightwater poll found that the mayor leads her rival by eleven points.",
     "Brightwater poll", "Brightwater", "asserts", "certain"),
    ("According to the new survey, most nurses plan to stay in the profession.",
     "new survey", None, "asserts", "certain"),
    ("Polls show the referendum is too close to call.", "Polls", None, "asserts", "certain"),
    ("The study concludes that the vaccine halves the rate of infection.", "study", None, "asserts", "certain"),
    ("The Navy report said the dock needs urgent repairs.", "Navy report", "Navy", "asserts", "certain"),
    ("The data suggest the drought has eased in the south.", "data", None, "asserts", "probable"),
    ("Court records show the firm paid no fines in those years.", "Court records", None, "asserts", "certain"),
]


@pytest.mark.parametrize("text, name, affiliation, stance, certainty", DOCUMENTS)
def test_document_is_a_source_of_its_own_kind(analyse, text, name, affiliation, stance, certainty):
    analysis = analyse(text)
    assert [s.source for s in analysis.statements] == [name]
    statement = analysis.statements[0]
    actor = analysis.actor(name)
    assert actor is not None and actor.kind == "document"
    if affiliation is not None:
        assert actor.affiliation == affiliation
    assert (statement.stance, statement.certainty) == (stance, certainty)


def test_the_poll_later_is_the_poll_named_before(analyse):
    analysis = analyse("A Brightwater poll found that the mayor leads by eleven points. "
                       "The poll also showed that turnout could fall.")
    assert [s.source for s in analysis.statements] == ["Brightwater poll", "Brightwater poll"]


@pytest.mark.parametrize("text", [
    "The video showed the soldiers crossing the bridge at dawn.",
    "Photos showed that the roof had collapsed.",
])
def test_exhibits_stay_no_source(analyse, text):
    assert analyse(text).statements == ()


def test_a_statement_stays_its_authors_voice(analyse):
    analysis = analyse("A Navy statement said the dock would reopen on Monday.")
    assert [s.source for s in analysis.statements] == ["Navy"]


def test_a_published_document_is_its_publishers_statement(analyse):
    analysis = analyse("The council released a report showing that rents rose sharply.")
    assert [s.source for s in analysis.statements] == ["council"]


def test_a_study_relayed_by_a_speaker_is_the_origin(analyse):
    analysis = analyse("Several studies have found that the paint is safe, the chemist said.")
    assert ("Several studies", ("chemist",)) in [(s.source, s.via) for s in analysis.statements]
