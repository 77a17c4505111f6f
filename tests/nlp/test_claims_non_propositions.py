"""What founds a claim (issue 16, point 1): a proposition, cut from the text; the kinds of content
that state none stay statements with no claim of their own.

Every passage is written for these tests.
"""
from __future__ import annotations

import pytest

from claimwatch.lexicons import load
from claimwatch.model import Analysis
from claimwatch.nlp.claims import NON_PROPOSITIONS, QUESTION_NOUNS


def _claim_texts(analysis: Analysis) -> list[str]:
    return [c.text for c in analysis.claims]


@pytest.mark.parametrize("text", [
    "The families demanded the release of the fishermen.",                 # an appeal: a call
    "The tenants' union demanded that the landlord repair the boilers.",   # an appeal with a clause
    "Investigators could not verify the authenticity of the letter.",      # a question noun
    "Police have not confirmed the identity of the driver.",
    "The coroner is still examining the cause of the blaze.",
    "The pilot asked how many passengers were aboard.",                    # a real question
    "The chef described how hard it was to find saffron.",
    "The referee explained what the rule says.",                           # a free relative
    "Officials reported about the flooding in the valley.",                # a prepositional fragment
    "The paper hailed the treaty as a turning point.",                     # a label put on something
    "Colleagues described him as a quiet man who loved chess.",
    "The minister said that it was not true.",                             # a verdict on "it"
    "The mayor said the story was nonsense.",                              # a verdict on a claim noun
    "The activist posted photos of bruises that were sustained during the arrest.",   # published matter
])
def test_claims_non_propositional_contents_found_no_claim(analyse, text: str) -> None:
    analysis = analyse(text)
    assert analysis.statements, "the statement itself stays"
    assert _claim_texts(analysis) == []


@pytest.mark.parametrize("text, claim", [
    # a why or how question on the clause's own verb takes the clause as given
    ("The council explained why the road was closed.", "the road was closed"),
    ("The witness recalled how the bridge collapsed.", "the bridge collapsed"),
    # a yes/no question puts its clause in question: the clause is the claim, the doubt the statement's
    ("The ministry asked whether the bridge was safe.", "the bridge was safe"),
    ("Engineers argued about whether the dam would hold.", "the dam would hold"),
    ("Parents are demanding to know why the guards had left the gate open.", "the guards had left the gate open"),
    # the preposition between an object and its gerund is dropped: the object did it
    ("The bishop blamed the city council for closing the shelter in winter.",
     "the city council closing the shelter in winter"),
    ("The prosecutor accused him of selling forged tickets.", "him selling forged tickets"),
    ("Neighbours described the intruder as wearing a red coat.", "the intruder wearing a red coat"),
    # a claim noun judged true or false: its that-clause is the proposition
    ("The agency said the claim that the dam had cracked was false.", "the dam had cracked"),
    ("The mayor said the rumours that the zoo would close were nonsense.", "the zoo would close"),
])
def test_claims_proposition_is_cut_from_the_clause(analyse, text: str, claim: str) -> None:
    assert _claim_texts(analyse(text)) == [claim]


def test_claims_verdict_on_something_said_bears_on_it(analyse) -> None:
    analysis = analyse("The regional paper reported that the ferry company had sold two of its boats. "
                       "The company's chairman said the report was accurate.")
    told, verdict = analysis.statements[0], analysis.statements[-1]
    assert verdict.stance in ("asserts", "supports") and verdict.claims == told.claims
    assert [c.text for c in analysis.claims] == ["the ferry company had sold two of its boats"]


def test_claims_verdict_on_a_claim_keeps_its_stance(analyse) -> None:
    analysis = analyse("The agency said the claim that the dam had cracked was false.")
    assert [s.stance for s in analysis.statements] == ["denies"]
    assert analysis.statements[0].claims == (analysis.claims[0].id,)


@pytest.mark.parametrize("text, claim", [
    ("When the river rose, the mayor said, the road closed.", "the road closed"),   # "when" opens an adverbial
    ("The harbour master said the ferry had run aground.", "the ferry had run aground"),
    ("The union warned that workers will strike on Monday.", "workers will strike on Monday"),
    ("The chief said it had been a gas leak.", "it had been a gas leak"),           # no verdict word
])
def test_claims_propositions_still_found_claims(analyse, text: str, claim: str) -> None:
    assert claim in _claim_texts(analyse(text))


def test_claims_non_proposition_rules_are_named_and_small() -> None:
    assert all(rule.__doc__ for rule in NON_PROPOSITIONS)
    words = load("claim_words")
    assert QUESTION_NOUNS == words["question_nouns"] and "authenticity" in QUESTION_NOUNS
    assert "appeal" in words["non_founding_acts"]
