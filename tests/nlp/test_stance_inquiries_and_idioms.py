"""Phrases that read as stance only when they bear on a claim: an inquiry into a death or a person
reports what is being done, one into the reports leaves them open; a denial word that only names a
kind of thing ("propaganda videos") is no verdict; "I'll never know how ..." is an open question,
"can't think of a better name" no doubt, and "did not have any information" reads as "no information".

Each case is a news sentence written for these tests (conventions of ``shared/data/dev/README.md``).
"""
from __future__ import annotations

import pytest

from support import statement_at

CASES = [
    # inquiries: into a thing, into a claim, into whether
    ("Police said they are investigating the death of a 30-year-old man.", "said", "asserts"),
    ("Police said the driver is under investigation for dangerous driving.", "said", "asserts"),
    ("The ministry said it was investigating the reports.", "said", "uncommitted"),
    ("The club said it was looking into the matter.", "said", "uncommitted"),
    ("Officials said they were investigating whether the fire was set deliberately.", "said", "uncommitted"),
    ('"We are investigating," a police spokesman said.', "said", "uncommitted"),
    ("The bank said it is currently investigating the alleged breach of security.", "said", "uncommitted"),
    # denial words naming a kind of thing, and as verdicts
    ("The charity said children are often used in militant propaganda videos.", "said", "asserts"),
    ("Officials said the group had long relied on propaganda to recruit fighters.", "said", "asserts"),
    ("The ministry said the video was propaganda.", "said", "denies"),
    ("The ministry said the information was of dubious credibility.", "said", "disputes"),
    ('"It is part of their criminal propaganda," the ministry said.', "said", "denies"),
    # idioms of knowing and thinking
    ('"How the letter reached Paris, I will never know," the curator said.', "said", "uncommitted"),
    ("Police said they do not know who started the fire.", "said", "uncommitted"),
    ('"I can\'t think of a better name for the bridge," the mayor said.', "said", "asserts"),
    # negated possession as "no" + object
    ("Police said they did not have any information about such an arrest.", "said", "uncommitted"),
    ("The ministry said it did not have any evidence that the files were altered.", "said", "disputes"),
]


@pytest.mark.parametrize("text, cue, expected", CASES)
def test_stance_inquiries_labels_and_idioms(analyse, text: str, cue: str, expected: str) -> None:
    assert statement_at(analyse(text), cue).stance == expected
