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
    ("how the talks between the unions ended", "question"),
    ("the officer who was suspended on Sunday", "noun_phrase"),
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
    "When the river rose, the road to the village closed",  # wh-word opening an adverbial clause
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


def test_evaluate_propositions_clause_under_a_noun_root_is_still_a_proposition(nlp):
    """A parse that hangs the text on a noun still holds a clause: a finite verb (or finite auxiliary)
    with a subject that is not a relative pronoun; a relative clause alone does not count."""
    from spacy.tokens import Doc

    def parsed(words, heads, deps, tags, pos):
        return Doc(nlp.vocab, words=words, heads=heads, deps=deps, tags=tags, pos=pos)

    # "the crate that held the files was found": misparsed with "crate" as root, "was" an auxiliary
    words = ["the", "crate", "that", "held", "the", "files", "was", "found"]
    doc = parsed(words, [1, 1, 3, 1, 5, 7, 7, 3], ["det", "ROOT", "nsubj", "relcl", "det", "nsubjpass", "auxpass", "ccomp"],
                 ["DT", "NN", "WDT", "VBD", "DT", "NNS", "VBD", "VBN"],
                 ["DET", "NOUN", "PRON", "VERB", "DET", "NOUN", "AUX", "VERB"])
    assert propositions.judge_doc(" ".join(words), doc, propositions.load_rules()) is None
    # "the crate that held the files": only a relative clause
    words = words[:6]
    doc = parsed(words, [1, 1, 3, 1, 5, 3], ["det", "ROOT", "nsubj", "relcl", "det", "dobj"],
                 ["DT", "NN", "WDT", "VBD", "DT", "NNS"], ["DET", "NOUN", "PRON", "VERB", "DET", "NOUN"])
    assert propositions.judge_doc(" ".join(words), doc, propositions.load_rules()) == "noun_phrase"
