"""The statement-filter trainer (benchmarks/train_cue_model.py): the fit is reproducible, learns which
feature marks a statement, and its output loads as the runtime model. Data made up for the test."""
from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))
import train_cue_model  # noqa: E402

from claimwatch.nlp.learned import StatementFilter  # noqa: E402

# "lemma=say" marks statements, "lemma=call" marks non-statements, "quote=quote" is noise
FEATS = [["bias", "lemma=say", "quote=quote"]] * 30 + [["bias", "lemma=say"]] * 30 + \
        [["bias", "lemma=call", "quote=quote"]] * 30 + [["bias", "lemma=call"]] * 30
LABELS = [1] * 55 + [0] * 5 + [0] * 55 + [1] * 5


def test_learned_training_fit_is_reproducible():
    assert train_cue_model.fit(FEATS, LABELS, 1.0, 17) == train_cue_model.fit(FEATS, LABELS, 1.0, 17)


def test_learned_training_fit_learns_the_marking_feature():
    w = train_cue_model.fit(FEATS, LABELS, 1.0, 17)
    assert w["lemma=say"] > 1.0 > -1.0 > w["lemma=call"]
    p = train_cue_model.score(w, [["bias", "lemma=say"], ["bias", "lemma=call"]])
    assert p[0] > 0.8 > 0.2 > p[1]


def test_learned_training_output_loads_as_the_runtime_model(tmp_path):
    w = train_cue_model.fit(FEATS, LABELS, 1.0, 17)
    model = {"version": 1, "threshold": 0.2, "exempt_acts": ["publish"], "weights": w}
    path = tmp_path / "model.json"
    path.write_text(json.dumps(model))
    loaded = StatementFilter.from_dict(json.loads(path.read_text()))
    assert loaded.threshold == pytest.approx(0.2)
    assert loaded.weights["lemma=say"] == pytest.approx(w["lemma=say"])
