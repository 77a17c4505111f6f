"""Verdicts on references (issue 16, point 2): "the reports were false", "it is a hoax" refer to the
claim told elsewhere and deny it; a content that states something of its own is no reference."""
from __future__ import annotations

import pytest

from claimwatch.errors import LexiconError
from claimwatch.ledger.references import is_reference, parse_lexicon, reference_stance
from claimwatch.lexicons import load_yaml


@pytest.mark.parametrize("content", [
    "the reports were false",
    "these claims are completely baseless",
    "it is a hoax",
    "the story was not true",
    "the rumour turned out to be false",
    "they are fake",
    "the allegations have been totally fabricated",
])
def test_reference_verdicts_deny_what_they_refer_to(content):
    assert is_reference(content)
    assert reference_stance(content, "asserts") == "denies"


@pytest.mark.parametrize("content", [
    "the reports were published on Monday",
    "the ferry was false-flagged by the coastguard",
    "the harbour master is wrong about the tides",
    "it was a quiet night at the depot",
])
def test_reference_verdicts_a_content_of_its_own_is_no_reference(content):
    assert not is_reference(content)


@pytest.mark.parametrize("content,stance", [
    ("the reports are true", "supports"),  # a verdict either way bears on what it judges
    ("the story about the ferry is accurate", "supports"),
    ("rumours of a ferry strike are unconfirmed", "uncommitted"),
    ("the strike is a hoax", "denies"),
    ("the captain's resignation is not accurate", "denies"),
])
def test_reference_verdicts_on_a_named_claim_take_the_verdict_stance(content, stance):
    assert is_reference(content)
    assert reference_stance(content, "asserts") == stance


def test_reference_verdicts_an_uncommitted_verdict_keeps_its_stance():
    # "could not say whether the reports were false": the statement's own stance stands
    assert reference_stance("the reports were false", "uncommitted") == "uncommitted"


def test_reference_verdicts_lists_are_checked():
    data = load_yaml("references.yaml")
    with pytest.raises(LexiconError, match="verdicts"):
        parse_lexicon({**data, "verdicts": "false"})


def test_reference_verdicts_a_reference_with_its_topic_is_named():
    assert reference_stance("claims of armed smugglers on the ferry were false", "asserts") == "denies"
    assert is_reference("claims of armed smugglers on the ferry were false")
    assert not is_reference("claims of armed smugglers on the ferry were published on Monday")
