"""Stance and certainty kinds that news reads as assertions too easily: absence of evidence whatever
its adjectives, comment that holds only if the claim is true, work still under way to settle it,
understatement ("would not surprise me"), limits of knowledge, dismissive nouns; and negations that
report rather than reject (a want, progress so far) or that deny on evidence's authority.

Each case is a news sentence written for these tests, the cue of the statement under test, and the
value a careful annotator would give it (conventions of ``shared/data/dev/README.md``).
"""
from __future__ import annotations

import pytest

from support import statement_at

STANCE = [
    # absence of evidence, with adjectives between "no" and the evidence noun
    ("The fire chief said there was no credible sign that the blaze had been set deliberately.", "said", "disputes"),
    ('The ministry said there is "no reliable proof that the recording is authentic."', "said", "disputes"),
    # comment that holds only if the claim turns out true takes no side on it
    ('"If genuine, the letter would be a serious breach of protocol," the party chairman said.', "said", "uncommitted"),
    ("The minister said that if the footage is verified, the officers involved will be suspended.", "said", "uncommitted"),
    # ... a condition that is not the claim's truth leaves the assertion standing
    ("The governor said that if the storm turns north, the coastal towns will be evacuated.", "said", "asserts"),
    # work whose purpose is to settle the claim
    ("A police spokeswoman said detectives are examining the photographs to determine whether they were altered.",
     "said", "uncommitted"),
    ("The agency said its analysts were working to verify the authenticity of the document.", "said", "uncommitted"),
    # ... work with another purpose is an assertion of what is being done
    ("The council said engineers are working to restore power to the northern districts.", "said", "asserts"),
    # understatement
    ('"It would not surprise me if the company moved its headquarters abroad," the analyst said.', "said", "uncommitted"),
    ("The neighbours said they were not surprised by the allegations against the landlord.", "said", "uncommitted"),
    # limits of knowledge
    ('"It is hard to be sure that these are the same men," the detective told reporters.', "told", "uncommitted"),
    # dismissive nouns for the claim or its material
    ("Local officials said the sighting was a publicity stunt to attract visitors.", "said", "denies"),
    ("The embassy said the photograph of the minister had been doctored.", "said", "denies"),
    # negations that report rather than reject
    ('"I did not want to stay in the city after the flood," the farmer told the newspaper.', "told", "asserts"),
    ("Police said the driver was not yet in custody.", "said", "asserts"),
    # a negated clause under evidence is a denial on its authority
    ("The prosecutor said tests have shown that the remains are not those of the missing hiker.", "said", "denies"),
]


@pytest.mark.parametrize("text, cue, expected", STANCE)
def test_stance_kinds_read_absence_conditions_open_work_understatement_and_plain_negation(
        analyse, text: str, cue: str, expected: str) -> None:
    assert statement_at(analyse(text), cue).stance == expected


CERTAINTY = [
    # understatement over a clause holds the claim possible; over a claim it takes no side
    ('"It would not surprise me if the company moved its headquarters abroad," the analyst said.', "said", "possible"),
    ("The neighbours said they were not surprised by the allegations against the landlord.", "said", "uncertain"),
    # a condition on the claim's truth leaves it open
    ('"If genuine, the letter would be a serious breach of protocol," the party chairman said.', "said", "uncertain"),
    # an adjective that describes a thing, not the claim, is no stance phrase ("premature births")
    ("The health ministry said premature births rose by four percent last year.", "said", "certain"),
    # a hedge word that only describes a noun does not hedge the clause
    ("Police said the suspected gunman was carrying a hunting rifle.", "said", "certain"),
    ("Police said the gunman was probably carrying a hunting rifle.", "said", "probable"),
    # a first-person belief over a value judgement is a conviction; over a fact it stays a belief
    ('"I believe that independent local reporting is important," the editor said.', "said", "certain"),
    ('"I think every citizen has the right to see these documents," the senator said.', "said", "certain"),
    ('"I think it is wiser to wait for the final count," the governor said.', "said", "certain"),
    ('"I believe most voters will back the proposal," the senator said.', "said", "probable"),
]


@pytest.mark.parametrize("text, cue, expected", CERTAINTY)
def test_stance_kinds_certainty_of_understatement_conditions_and_descriptive_adjectives(
        analyse, text: str, cue: str, expected: str) -> None:
    assert statement_at(analyse(text), cue).certainty == expected


@pytest.mark.parametrize("text, cue, expected", [
    ('"It would not surprise me if the company moved its headquarters abroad," the analyst said.', "said", False),
    ("The minister said that if the footage is verified, the officers involved will be suspended.", "said", True),
])
def test_stance_kinds_understatement_if_clause_is_no_condition(analyse, text: str, cue: str, expected: bool) -> None:
    assert statement_at(analyse(text), cue).conditional is expected


@pytest.mark.parametrize("text, cue", [
    ("The health ministry said premature births rose by four percent last year.", "said"),
])
def test_stance_kinds_descriptive_adjective_keeps_assertion(analyse, text: str, cue: str) -> None:
    assert statement_at(analyse(text), cue).stance == "asserts"


@pytest.mark.parametrize("text, expected", [
    ("I did not want to go back to the house.", True),
    ("The suspect is not yet in custody.", True),
    ("She is not his wife.", False),
    ("The company did not pay the fine.", False),
])
def test_stance_kinds_plain_negation_reports_rather_than_rejects(nlp, text: str, expected: bool) -> None:
    """Claim matching asks the same question: a negated want or progress so far denies no earlier claim."""
    from claimwatch.nlp.stance import plain_negation
    root = next(iter(nlp(text).sents)).root
    assert plain_negation(root) is expected
