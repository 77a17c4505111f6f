"""The trained statement filter (claimwatch.nlp.learned): loads, keeps plain reported speech, drops
what its weights say is no statement, and refuses a malformed model file. Sentences written for the test."""
from __future__ import annotations

import pytest

from claimwatch.errors import LexiconError
from claimwatch.nlp.attribution import find_attributions
from claimwatch.nlp.learned import StatementFilter, attribution_features, statement_filter


def _atts(nlp, text):
    return find_attributions(nlp(text), learned=False)


def test_learned_filter_ships_with_the_package():
    model = statement_filter()
    assert model is not None
    assert 0.0 < model.threshold < 1.0
    assert {"publish", "deny"} <= model.exempt_acts


@pytest.mark.parametrize("text", [
    "The harbour master said that the ferry would not sail on Friday.",
    "\"We have no plans to close the library,\" a council spokeswoman told reporters.",
    "According to the fire brigade, the blaze started in a kitchen on the second floor.",
    "The ferry operator called a meeting with staff on Tuesday to deny the rumours.",
])
def test_learned_filter_keeps_plain_reported_speech(nlp, text):
    atts = _atts(nlp, text)
    assert atts
    assert all(statement_filter().keep(a) for a in atts)
    assert len(find_attributions(nlp(text))) == len(atts)


@pytest.mark.parametrize("text, expected", [
    ("The mayor said that the bridge would reopen in May.", {"lemma=say", "where=after", "clause=True"}),
    ("The bridge will reopen in May, the mayor said.", {"lemma=say", "where=before"}),
])
def test_learned_filter_features_name_the_construction(nlp, text, expected):
    (att,) = _atts(nlp, text)
    assert expected <= set(attribution_features(att))


def test_learned_filter_drops_what_its_weights_reject_but_keeps_exempt_acts(nlp):
    strict = StatementFilter(weights={"bias": -10.0}, threshold=0.5, exempt_acts=frozenset({"publish"}))
    said = _atts(nlp, "The mayor said that the bridge would reopen in May.")[0]
    assert not strict.keep(said)
    shown = [a for a in _atts(nlp, "The museum published a letter showing that the painting was a copy.")
             if a.hit.entry.act == "publish"]
    assert shown and all(strict.keep(a) for a in shown)


@pytest.mark.parametrize("data", [{}, {"version": 2, "weights": {}, "threshold": 0.1}, {"version": 1, "threshold": 0.1},
                                  {"version": 1, "weights": {}, "threshold": "low"}])
def test_learned_filter_refuses_a_malformed_model(data):
    with pytest.raises(LexiconError, match="train_cue_model"):
        StatementFilter.from_dict(data)
