"""Belief, expectation and attitude cues (issue 17): a source's stated belief, expectation or fear about a
proposition is that source's position on the claim, with the stance and certainty EVAL.md gives it:
"believes"/"thinks"/"expects" assert with lowered certainty (probable), "fears"/"is concerned that" assert
a possibility, "doubts" disputes, "hopes that" neither affirms nor rejects (a wish is no claim: uncommitted),
"is convinced that" asserts as certain.

What is no statement: a wish or aim in the infinitive ("wants to run", "hopes to win"), a belief in the
passive that nobody holds ("the vote is expected Tuesday", "is believed to have fled"), a belief verb
asked about ("Do you know whether ...?"), and a first-person "I think" inside a quote, which hedges the
quoted statement instead of being a second one.

Each case is a sentence written for these tests.
"""
from __future__ import annotations

import pytest

from claimwatch.errors import LexiconError
from claimwatch.lexicons.schema import parse_cues
from claimwatch.nlp.cues import find_cues
from support import statement_at

POSITIONS = [
    ("The harbour master believes the pier was built without a permit.", "believes", ("asserts", "probable")),
    ("The treasurer thinks the audit will find nothing wrong.", "thinks", ("asserts", "probable")),
    ("Economists at the bank expect that inflation will ease next spring.", "expect", ("asserts", "probable")),
    ("The fishermen's union fears that the cannery will close before winter.", "fears", ("asserts", "possible")),
    ("Wildlife officers doubt that the bear came down from the ridge.", "doubt", ("disputes", "certain")),
    ("The villagers hope that the bridge will reopen by Easter.", "hope", ("uncommitted", "uncertain")),
    # the tagger lemmatises "hoped", "hopes", "hoping" as "hop": the cue is still found
    ("The organisers hoped the rain would stop before noon.", "hoped", ("uncommitted", "uncertain")),
    ("The farmers are hoping the drought will end soon.", "are hoping", ("uncommitted", "uncertain")),
    # an adjective of belief or attitude with a that-clause
    ("The fire chief is convinced that the blaze was started deliberately.", "convinced that", ("asserts", "certain")),
    ("The coach remains confident that the squad will avoid relegation.", "confident that", ("asserts", "probable")),
    ("The head teacher is hopeful that the new wing will open in September.", "hopeful that", ("uncommitted", "uncertain")),
]


@pytest.mark.parametrize("text, cue, expected", POSITIONS)
def test_belief_cues_state_a_position_with_lowered_certainty(analyse, text: str, cue: str, expected: tuple) -> None:
    s = statement_at(analyse(text), cue)
    assert (s.stance, s.certainty) == expected


NOT_STATEMENTS = [
    # a wish or an aim is no claim
    "The mayor wants to run for a third term.",
    "The striker hopes to score in the final.",
    # a belief in the passive that nobody holds: the writer's hedge on the narration
    "The vote on the harbour budget is expected Tuesday.",
    "The ferry company is expected to report a loss this year.",
    "The missing trawler is believed to have sunk near the reef.",
    # a belief verb asked about
    "Do the inspectors know whether the dam will hold?",
    "Does the treasurer really believe that the audit will find nothing?",
]


@pytest.mark.parametrize("text", NOT_STATEMENTS)
def test_belief_cues_wishes_speakerless_passives_and_questions_state_nothing(analyse, text: str) -> None:
    assert analyse(text).statements == ()


def test_belief_cues_first_person_think_in_a_quote_hedges_the_quote(analyse) -> None:
    analysis = analyse('"I think the cannery will close before winter," the union leader said.')
    assert len(analysis.statements) == 1
    s = statement_at(analysis, "said")
    assert (s.source, s.stance, s.certainty) == ("union leader", "asserts", "probable")


def test_belief_cues_expected_with_a_holder_is_kept(analyse) -> None:
    s = statement_at(analyse("Analysts had expected that the central bank would raise rates."), "had expected")
    assert (s.stance, s.certainty) == ("asserts", "probable")


@pytest.mark.parametrize("form", ["hopes", "hoped", "hoping"])
def test_belief_cues_lemma_repair_gives_hope_forms_their_cue(nlp, form: str) -> None:
    doc = nlp(f"The villagers were {form} that the bridge would reopen." if form == "hoping"
              else f"The villagers {form} that the bridge would reopen.")
    hits = find_cues(doc)
    assert [(h.head.lower_, h.head.lemma_, h.entry.lemma) for h in hits] == [(form, "hope", "hope")]


def test_belief_cues_lemma_repair_must_name_a_verb_cue() -> None:
    data = {"version": 1, "lemma_repairs": {"hopes": "wish"},
            "entries": [{"lemma": "hope", "pos": "verb", "act": "say", "stance": "uncommitted"}]}
    with pytest.raises(LexiconError, match="not a verb cue"):
        parse_cues(data)
