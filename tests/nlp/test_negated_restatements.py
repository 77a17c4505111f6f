"""Negated restatements of an earlier claim, and hedges inside long quotes.

A negated clause that restates a claim told before is a denial of it, unless the negation only
draws a line after an affirmed conjunct ("fined but not arrested"), finds a measure short ("did not
go far enough") or agrees with what someone said ("not there, as the police had said"). A hedge
cue inside a long quote ("I began to think ...") weakens the sentence it governs, not the whole
statement. Every sentence here was written for these tests.
"""
from __future__ import annotations

import pytest

from claimwatch.nlp.pipeline import analyze_text

RESTATED = [
    # a plain negated restatement stays a denial
    ("Residents said the council would close the library. The mayor said the council would not close the library.",
     "denies"),
    # contrast after an affirmed conjunct
    ("Reports said the striker would be arrested. Police said the striker would be fined but would not be arrested.",
     "asserts"),
    # a measure found short
    ("Officials said the new rules would go far. Campaigners said the new rules did not go far enough.",
     "asserts"),
]


@pytest.mark.parametrize("text,stance", RESTATED)
def test_negated_restatement_stance(text, stance):
    analysis = analyze_text(text)
    last = max(analysis.statements, key=lambda s: s.content_span[0])
    assert last.stance == stance, [(s.source, s.stance, s.content) for s in analysis.statements]


def test_hedge_in_a_later_sentence_of_a_long_quote_leaves_the_statement_certain():
    text = ('"The van stopped outside the bakery and two men got out with ladders. They carried boxes into the '
            'shop for an hour. After a while I began thinking that one of them looked familiar," the shopkeeper said.')
    analysis = analyze_text(text)
    said = [s for s in analysis.statements if s.cue == "said"]
    assert said and said[0].certainty == "certain", [(s.cue, s.stance, s.certainty) for s in analysis.statements]


def test_hedge_in_the_lead_sentence_still_governs_the_statement():
    text = '"I think the van belonged to the bakery. It was parked there every morning," the shopkeeper said.'
    analysis = analyze_text(text)
    said = [s for s in analysis.statements if s.cue == "said"]
    assert said and said[0].certainty != "certain", [(s.cue, s.stance, s.certainty) for s in analysis.statements]
