"""Quality gate: the whole development gold set must keep its mean scores at or above pinned floors.

Runs in ``make test``: one model load and 44 short articles, a few seconds on the sm model.
Floors live in ``tests/quality_floors.json`` per group ("first_16", "story_articles"); the mean excludes the worked example,
which ``tests/quality/test_golden.py`` gates on its own.
"""
from __future__ import annotations

import json

import pytest
from support import FLOORS, SHARED, load_quality_harness

DEV = SHARED / "data" / "dev"

if not (DEV.is_dir() and any(DEV.glob("*.gold.json")) and (SHARED / "eval" / "score.py").is_file()):
    pytest.skip(f"development gold set not found at {DEV} (need *.gold.json, *.txt and eval/score.py; "
                "set CLAIMWATCH_SHARED to the shared folder)", allow_module_level=True)

quality = load_quality_harness()


@pytest.fixture(scope="module")
def dev(scorer):
    from claimwatch.nlp.pipeline import load_nlp

    return quality.score_dev(SHARED, nlp=load_nlp(), scorer=scorer)


@pytest.fixture(scope="module")
def seed_gold() -> dict:
    return json.loads((DEV / f"{quality.SEED}.gold.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize("group, metric", [(g, m) for g in quality.GROUPS for m in sorted(FLOORS[g])])
def test_quality_gate_dev_group_mean_at_or_above_floor(dev, group, metric):
    mean, floor = dev.mean(group=group)[metric], FLOORS[group][metric]
    assert mean >= floor, f"{group} mean {metric} fell to {mean:.3f}, below its floor {floor:.3f}"


def test_quality_gate_groups_split_the_dev_set(dev):
    first, story = (len([n for n in dev.scores if n != quality.SEED and (n in dev.story_articles) == (g == "story_articles")])
                    for g in quality.GROUPS)
    assert story > 0 and first > 0 and first + story == len(dev.scores) - 1


def test_quality_gate_scores_every_dev_article(dev):
    names = {p.name[: -len(".gold.json")] for p in DEV.glob("*.gold.json")}
    assert set(dev.scores) == names
    assert next(iter(dev.scores)) == quality.SEED
    assert all(0.0 <= s[k] <= 1.0 for s in dev.scores.values() for k in quality.DEV_METRICS)


def test_quality_gate_mean_leaves_out_the_worked_example(dev):
    others = [s for name, s in dev.scores.items() if name != quality.SEED]
    expected = round(sum(s["attribution_f1"] for s in others) / len(others), 3)
    assert dev.mean()["attribution_f1"] == expected


@pytest.mark.parametrize("prediction, expected_kinds", [
    ("empty", {"missed"}),
    ("gold", set()),
    ("gold_wrong_source", {"wrong source"}),
    ("gold_flipped_stance", {"wrong polarity", "wrong stance"}),
])
def test_quality_gate_error_list_classifies_each_gold_statement(scorer, seed_gold, prediction, expected_kinds):
    statements = [dict(s) for s in seed_gold["statements"]]
    if prediction == "empty":
        statements = []
    elif prediction == "gold_wrong_source":
        statements = [{**s, "source": "Nobody In Particular"} for s in statements]
    elif prediction == "gold_flipped_stance":
        flip = {"asserts": "denies", "supports": "asserts", "uncommitted": "denies", "disputes": "denies",
                "denies": "asserts"}
        statements = [{**s, "stance": flip[s["stance"]]} for s in statements]
    errors = quality.gold_errors(quality.SEED, seed_gold, {"statements": statements}, scorer)
    assert {e.kind for e in errors} == expected_kinds
    if expected_kinds:
        assert len(errors) == len(seed_gold["statements"])


def test_quality_gate_worst_list_is_capped_and_spread_over_articles(dev):
    picked = quality.worst(dev.errors)
    assert len(picked) == min(quality.N_WORST, len(dev.errors))
    articles_with_errors = {e.article for e in dev.errors}
    assert len({e.article for e in picked}) == min(len(articles_with_errors), len(picked))


def test_quality_gate_report_names_cues_not_article_text(dev):
    """The texts may not be copied: the known-errors section quotes cues, never content."""
    section = quality.errors_section(dev)
    for path in DEV.glob("*.gold.json"):
        for s in json.loads(path.read_text(encoding="utf-8"))["statements"]:
            if len(s["content"]) > 30:
                assert s["content"] not in section
