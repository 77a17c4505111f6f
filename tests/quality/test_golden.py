"""Golden test: the worked example, scored by the shared scorer, must stay at or above pinned floors.

Floors live in ``tests/quality_floors.json`` ("worked_example") so raising them is a one-line edit.
The article text is read from ``../shared`` and never copied into the repo.
"""
from __future__ import annotations

import json

import pytest
from support import FLOORS, SHARED, load_quality_harness

SEED_TEXT = SHARED / "data" / "dev" / "seed-north-korea.txt"
SEED_GOLD = SHARED / "data" / "dev" / "seed-north-korea.gold.json"

if not (SEED_TEXT.is_file() and SEED_GOLD.is_file() and (SHARED / "eval" / "score.py").is_file()):
    pytest.skip(f"shared evaluation data not found at {SHARED} (need data/dev/seed-north-korea.* and "
                "eval/score.py; set CLAIMWATCH_SHARED to its folder)", allow_module_level=True)

quality = load_quality_harness()


@pytest.fixture(scope="module")
def gold() -> dict:
    return json.loads(SEED_GOLD.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def text() -> str:
    return quality.read_text(SEED_TEXT)


@pytest.fixture(scope="module")
def predicted(text) -> dict:
    from claimwatch.nlp.pipeline import load_nlp

    return quality.analyse([(quality.SEED, text)], nlp=load_nlp())[quality.SEED]


@pytest.fixture(scope="module")
def scores(scorer, gold, predicted) -> dict:
    return scorer.score(gold, predicted)


@pytest.mark.parametrize("metric", sorted(FLOORS["worked_example"]))
def test_golden_metric_at_or_above_floor(scores, metric):
    floor = FLOORS["worked_example"][metric]
    assert scores[metric] >= floor, f"{metric} fell to {scores[metric]:.3f}, below its floor {floor:.3f}"


def test_golden_floors_cover_every_reported_metric(scores):
    # A misspelt or forgotten floor would silently never be checked.
    assert set(FLOORS["worked_example"]) == set(quality.DEV_METRICS)
    assert set(FLOORS["worked_example"]) <= set(scores)


@pytest.mark.parametrize("section", ["worked_example", "first_16", "story_articles"])
def test_golden_floors_are_fractions(section):
    assert FLOORS[section], f"no floors pinned in {section}"
    assert all(isinstance(v, (int, float)) and 0.0 <= v <= 1.0 for v in FLOORS[section].values())


def test_golden_gold_through_the_model_scores_perfectly(scorer, gold, text):
    """Gold statements passed through the shared model's JSON keep every field the scorer reads."""
    from claimwatch.model import Actor, Analysis, Article, Claim, Statement

    statements = tuple(Statement.from_dict({k: v for k, v in s.items() if k != "quotes"})
                       for s in gold["statements"])
    analysis = Analysis(article=Article(text=text), statements=statements,
                        claims=tuple(Claim.from_dict(c) for c in gold["claims"]),
                        actors=tuple(Actor.from_dict(a) for a in gold["actors"]))
    result = scorer.score(gold, json.loads(json.dumps(analysis.to_dict())))
    assert {k: result[k] for k in quality.DEV_METRICS} == {k: 1.0 for k in quality.DEV_METRICS}


@pytest.mark.parametrize("field", ["content_span", "cue_span", "source_span"])
def test_golden_predicted_spans_lie_inside_the_text(predicted, text, field):
    spans = [s[field] for s in predicted["statements"] if s.get(field) is not None]
    assert all(0 <= a < b <= len(text) for a, b in spans), f"{field} outside the text: {spans}"
