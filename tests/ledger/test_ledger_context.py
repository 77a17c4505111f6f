"""Claims that name nobody ("she is alive and well") meet only claims from articles that share a
named participant: two stories' pronoun claims must not become one ledger claim."""
from __future__ import annotations

import pytest

from claimwatch.ledger.context import context_dependent
from support import ledger_answer, scripted_article


@pytest.mark.parametrize(("text", "subject", "expected"), [
    ("she is in fact alive and well", None, True),
    ("it was destroyed in a later airstrike", None, True),
    ("this footage is authentic", None, True),
    ("several had been captured", None, True),
    ("an additional 14 officers had been arrested", None, True),
    ("Mara Quill is alive and well", "Mara Quill", False),
    ("the Port Ellery ferry terminal will close", None, False),
    ("that the Lisbury mill will close", None, False),
])
def test_ledger_context_a_claim_naming_nobody_depends_on_its_article(text, subject, expected):
    assert context_dependent(text, subject) is expected


def _ledger_claims(first_source: str, second_source: str, content: str) -> int:
    actors = {first_source: ("person", ""), second_source: ("person", "")}
    one = scripted_article("2031-03-01T08:00:00+00:00", "Harbour Gazette",
                           [(first_source, "said", content, "asserts", content, None, None)], actors)
    two = scripted_article("2031-03-02T08:00:00+00:00", "Valley Courier",
                           [(second_source, "said", content, "asserts", content, None, None)], actors)
    return ledger_answer([one, two], "SELECT COUNT(*) FROM ledger_claims")


def test_ledger_context_two_stories_pronoun_claims_stay_apart():
    # a singer's agent on the singer; a climber's brother on the climber: "she is alive and well"
    assert _ledger_claims("Ivo Brandt", "Tessa Morrow", "she is in fact alive and well") == 2


def test_ledger_context_a_pronoun_claim_meets_its_story_in_another_article():
    # the same agent quoted by two outlets: the articles share the speaker
    assert _ledger_claims("Ivo Brandt", "Ivo Brandt", "she is in fact alive and well") == 1


def test_ledger_context_a_claim_that_names_its_participants_meets_across_articles():
    assert _ledger_claims("Ivo Brandt", "Tessa Morrow", "Mara Quill is in fact alive and well") == 1
