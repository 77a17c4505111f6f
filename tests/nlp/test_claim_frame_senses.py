"""A claim's predicate frame (what the ledger's same_frame level compares) reads the verb in the
sense its object gives it: "fired two shots" is no dismissal and "captured footage" no arrest, so
they are not folded into the paraphrase sets of "sack" and "arrest"; "there were shots fired" has
the frame of its participle; "the closure of the plant" has the frame of "close". Passages written for these tests."""
from __future__ import annotations

import pytest


def _frame(analysis, words: str) -> str | None:
    found = [c for c in analysis.claims if words in c.text]
    assert found, [c.text for c in analysis.claims]
    return found[0].frame


SAME_FRAME = [
    ("Neighbours said several shots were fired outside the bakery. The owner said a masked man fired "
     "three shots at the door.", "shots were fired", "fired three shots"),
    # an event noun with its participant has the frame of its verb; paraphrases fold
    ("The ministry confirmed the killing of the pilot, who was seized in May. Officials said militants "
     "had killed the pilot last week.", "the killing of the pilot", "killed the pilot"),
    ("The minister confirmed the closure of the Leeds factory. The union said the company would shut "
     "the factory.", "closure of the Leeds factory", "shut the factory"),
    ("A farmer said there were shots fired near the barn. Police said a hunter fired two shots into the air.",
     "there were shots fired", "fired two shots"),
]


@pytest.mark.parametrize("text, first, second", SAME_FRAME)
def test_claim_frame_senses_one_event_in_other_words_has_one_frame(analyse, text, first, second) -> None:
    analysis = analyse(text)
    a, b = _frame(analysis, first), _frame(analysis, second)
    assert a is not None and a == b


DIFFERENT = [
    # shooting and sacking; filming and arresting: the verbs' other senses
    ("Witnesses said a guard fired two shots at the van. The board said the bank fired its chief "
     "executive on Monday.", "fired two shots", "fired its chief executive", "sack"),
    ("Two hikers said they captured footage of a lynx near the lake. Police said officers captured "
     "the escaped prisoner on Sunday.", "captured footage", "captured the escaped prisoner", "arrest"),
]


@pytest.mark.parametrize("text, literal, folded, folded_frame", DIFFERENT)
def test_claim_frame_senses_an_object_that_changes_the_sense_keeps_the_verb_apart(
        analyse, text, literal, folded, folded_frame) -> None:
    analysis = analyse(text)
    assert _frame(analysis, folded) == folded_frame
    assert _frame(analysis, literal) not in (None, folded_frame)
