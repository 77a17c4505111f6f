"""A negated content denies a claim in circulation; otherwise it states a negative fact.

"A police spokesman said the mayor had not been arrested" denies, in an article that tells of the
claim he was; "the librarian said the dog wasn't causing any trouble" rejects nobody's claim. A
negated position ("the tax is not the answer") is a conviction; a fact pointed out against a claim
told before ("pointed out that the scheme did not cut waiting times") still rejects it. With no text
around it, a negation is read as a denial.

Each passage is written for these tests (conventions of ``shared/data/dev/README.md``).
"""
from __future__ import annotations

import pytest

from support import statement_at

DOG = ("A stray dog wandered into the town library on Tuesday morning and spent the day asleep under a "
       "reading table. Staff gave the animal water and a blanket, and children took turns reading stories "
       "to it until closing time. The head librarian said the dog wasn't causing any trouble, so they let it "
       "stay until its owner arrived in the evening.")
MAYOR = ("Social media posts claimed on Sunday that the city's mayor had been arrested at the airport while "
         "trying to leave the country. The posts were shared thousands of times before the mayor appeared at "
         "a council meeting on Monday morning. A police spokesman said the mayor had not been arrested, and "
         "asked residents to check their sources before sharing such posts.")
TAX = ("The council debated a new tax on sugary drinks for three hours on Wednesday evening, as rising "
       "obesity among children worries parents and doctors alike. Several shop owners warned that customers "
       "would simply buy their drinks in the next town. The mayor said the tax is not the answer to obesity "
       "among children, and promised more sports fields instead.")
SCHEME = ("The health minister said on Monday that the new booking scheme had reduced waiting times at every "
          "hospital in the region. Opposition members welcomed the figures but asked for the full data to be "
          "published before the next debate in parliament. Patient groups pointed out that the scheme did not "
          "reduce waiting times at the two largest hospitals.")

CASES = [
    # a negative fact nobody claimed otherwise
    (DOG, "said", "asserts"),
    # the same construction against a claim the article tells of
    (MAYOR, "said", "denies"),
    # a negated position, whatever else the article says of its words
    (TAX, "said", "asserts"),
    # a fact pointed out against a claim told before rejects it
    (SCHEME, "pointed out", "denies"),
    # no text around: read as a denial, the common case in news
    ("Police said the woman was not his wife.", "said", "denies"),
    ("The farmer said the dog wasn't causing anyone any trouble.", "said", "denies"),
]


@pytest.mark.parametrize("text, cue, expected", CASES)
def test_stance_negative_facts_deny_only_a_claim_in_circulation(analyse, text: str, cue: str, expected: str) -> None:
    assert statement_at(analyse(text), cue).stance == expected


@pytest.mark.parametrize("clause, expected", [
    ("The dog wasn't causing any trouble in the library.", {"cause", "trouble", "library"}),
    ("She is not the minister's wife.", {"minister", "wife"}),
])
def test_stance_negative_facts_matter_is_predicate_and_complements(nlp, clause: str, expected: set[str]) -> None:
    from claimwatch.nlp.negated_matter import negated_matter
    from claimwatch.nlp.stance import load_stance_rules

    doc = nlp(clause)
    root = next(t for t in doc if any(c.dep_ == "neg" for c in t.children))
    assert negated_matter(root, load_stance_rules()) == expected


PLAIN = [
    # an attitude of the subject
    ("The company said it isn't happy with the battery life of the watch.", "said", "asserts"),
    # a necessity
    ("The general said the rebels cannot be defeated without going after their bases in the mountains.",
     "said", "asserts"),
    # an idiom that affirms
    ("The newspaper said it is not the first time the mayor has been accused of fraud.", "said", "asserts"),
    # past unawareness presupposes the fact; present not-knowing leaves it open
    ("The museum said state officials did not know that the letters were hidden in the wall.", "said", "asserts"),
    ("Police said they do not know that the two men were involved.", "said", "uncommitted"),
    # a past impossibility still rejects
    ("The ministry said the soldiers could not have been in the town.", "said", "denies"),
]


@pytest.mark.parametrize("text, cue, expected", PLAIN)
def test_stance_negations_that_report_rather_than_reject(analyse, text: str, cue: str, expected: str) -> None:
    assert statement_at(analyse(text), cue).stance == expected


@pytest.mark.parametrize("text", [
    "None was among the 12 climbers, two badly hurt, that were rescued from the glacier on Sunday, the guide said.",
    "None was on the ferry, which sank near the harbour on Sunday, the coastguard said.",
])
def test_stance_content_opening_with_a_negative_subject_is_negated(analyse, text: str) -> None:
    """The parser may hang such a content on its relative clause; the opening subject still negates it
    (with no text around, a denial)."""
    assert statement_at(analyse(text), "said").stance == "denies"
