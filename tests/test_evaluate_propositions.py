"""Which ledger claim texts are not propositions (story harness), judged by re-parsing with the model."""
from __future__ import annotations

import pytest

from claimwatch.errors import LexiconError
from claimwatch.evaluate import propositions
from claimwatch.lexicons import load_yaml


@pytest.mark.parametrize("text, reason", [
    ("the flooding in the lower valley", "noun_phrase"),
    ("senior hospital managers", "noun_phrase"),
    ("to the regional newspaper", "noun_phrase"),
    ("In addition", "connective"),
    ("Meanwhile,", "connective"),
    ("Did the council approve the budget?", "question"),
    ("whether the ferry had left port on time", "question"),
    ("STORM CHAOS", "all_caps_headline"),
    ("the accusations", "reference"),
    ("these rumours about the club", "reference"),
    ("they are baseless", "reference"),
    ("The claims are completely false", "reference"),
    ("there is no merit to the claim", "reference"),
    ("no evidence supports them", "reference"),
])
def test_evaluate_propositions_non_propositions_are_named_by_kind(nlp, text, reason):
    assert propositions.judge([text], nlp) == [reason]


@pytest.mark.parametrize("text", [
    "The council approved the budget on Tuesday",
    "two ferries were cancelled because of the storm",
    "the minister has resigned",
    "the bridge is unsafe",
    "FERRY SINKS OFF COAST",  # capitals, but a verb: parsed in sentence case
    "there is no evidence that the ferry was overloaded",
    "the inspectors found no evidence of a leak",
    "to have seen the animal near the school",
])
def test_evaluate_propositions_clauses_with_a_predicate_are_propositions(nlp, text):
    assert propositions.judge([text], nlp) == [None]


def test_evaluate_propositions_report_gives_share_and_reasons(nlp):
    result = propositions.report(["the accusations", "The council approved the budget", "In addition",
                                  "the minister has resigned"], nlp)
    assert (result["claims"], result["not_propositions"], result["share"]) == (4, 2, 0.5)
    assert result["by_reason"] == {"reference": 1, "connective": 1}


def test_evaluate_propositions_lexicon_is_validated_on_load():
    data = dict(load_yaml(propositions.SOURCE))
    assert propositions.parse_rules(data).claim_nouns
    broken = dict(data, verdicts=[True, "baseless"])  # unquoted yes/true in YAML
    with pytest.raises(LexiconError, match="verdicts"):
        propositions.parse_rules(broken)
    with pytest.raises(LexiconError, match="version"):
        propositions.parse_rules(dict(data, version=2))
