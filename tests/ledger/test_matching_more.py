"""Claim matching without event-type agreement: the "shared_words" level, polarity, the hard-negative pair table."""
from __future__ import annotations

import copy
import dataclasses

import pytest

from claimwatch.errors import LexiconError
from claimwatch.evaluate.matching_pairs import build_pairs, pair_report
from claimwatch.evaluate.emergent import in_part
from claimwatch.lexicons import load_yaml
from claimwatch.ledger import matching


def lexical(text: str, event_type: str | None = None, agent: str | None = None) -> matching.ClaimFeatures:
    return matching.make_features(text, event_type, agent)


@pytest.mark.parametrize(("a", "b"), [
    ("Giant sinkhole swallows cars outside Florida shopping mall",
     "Sinkhole opens outside Florida mall and swallows three cars"),
    ("Pop singer cancels European tour after throat surgery",
     "European tour cancelled by pop singer after surgery on her throat"),
    ("Airline grounds its Dreamliner fleet over battery fires",
     "Dreamliner fleet grounded by airline after battery fires"),
])
def test_matching_more_untyped_paraphrases_sharing_specific_words_match(a: str, b: str) -> None:
    result = matching.score_pair(lexical(a), lexical(b))
    assert result.level == "shared_words"
    assert result.matched, result.reason


@pytest.mark.parametrize(("a", "b"), [
    ("the singer cancelled her European tour after throat surgery",
     "the singer did not cancel her European tour after throat surgery"),
    ("the airline grounded its Dreamliner fleet over battery fires",
     "the airline never grounded its Dreamliner fleet over battery fires"),
])
def test_matching_more_opposite_polarity_is_not_lifted(a: str, b: str) -> None:
    result = matching.score_pair(lexical(a), lexical(b))
    assert result.level != "shared_words"


@pytest.mark.parametrize(("a", "b"), [
    ("the minister resigned over the scandal", "the minister denied any part in the scandal"),
    ("the coach was sacked after the defeat", "the coach praised his players despite the defeat"),
])
def test_matching_more_two_shared_words_are_not_enough(a: str, b: str) -> None:
    result = matching.score_pair(lexical(a), lexical(b))
    assert result.level == "nothing_shared"
    assert not result.matched


@pytest.mark.parametrize(("a", "b"), [
    ("Ukraine's intelligence service was monitoring the convoy", "the case was handled by Ukraine's intelligence service"),
    ("French police arrested two men near the Paris stadium", "French police said the Paris stadium would reopen"),
])
def test_matching_more_named_states_do_not_count_as_shared_words(a: str, b: str) -> None:
    fa, fb = lexical(a), lexical(b)
    assert not any(t.startswith("@") for t in matching.shared_words(fa, fb))
    assert len(matching.shared_words(fa, fb)) < matching.load_config().shared_words_min
    assert matching.score_pair(fa, fb).level != "shared_words"


@pytest.mark.parametrize(("a", "b"), [
    (("North Korea has sent troops to Russia", "troop_deployment", "North Korea"),
     ("Belarus has sent troops to Russia", "troop_deployment", "Belarus")),
    (("Iran has shipped ballistic missiles to Russia", "missile_drone_supply", "Iran"),
     ("Iran has launched ballistic missiles at Israel", "missile_launch", "Iran")),
])
def test_matching_more_shared_words_never_override_blocking(a: tuple, b: tuple) -> None:
    result = matching.score_pair(lexical(*a), lexical(*b))
    assert result.level == "blocked"
    assert not result.matched


@pytest.mark.parametrize(("text", "expected"), [
    ("The company didn't recall the phones", True),
    ("The company didn\u2019t recall the phones", True),
    ("No phones were recalled", True),
    ("The company has never recalled a phone", True),
    ("The company recalled two million phones", False),
    ("Notebook sales fell sharply", False),
])
def test_matching_more_negation_detection(text: str, expected: bool) -> None:
    assert matching.is_negated(text) is expected


def test_matching_more_shared_words_level_off_when_min_is_zero() -> None:
    config = dataclasses.replace(matching.load_config(), shared_words_min=0)
    a = lexical("Giant sinkhole swallows cars outside Florida shopping mall")
    b = lexical("Sinkhole opens outside Florida mall and swallows three cars")
    assert matching.score_pair(a, b, config).level == "nothing_shared"


def test_matching_more_shared_threshold_sits_between_typed_and_untyped() -> None:
    config = matching.load_config()
    shared, nothing = config.thresholds["shared_words"], config.thresholds["nothing_shared"]
    typed = config.thresholds["same_type_same_agent"]
    assert typed < shared < nothing


@pytest.mark.parametrize(("mutate", "message"), [
    (lambda d: d.update(shared_words_min=-1), "shared_words_min"),
    (lambda d: d.update(negation_words="not"), "negation_words"),
    (lambda d: d["thresholds"].pop("shared_words"), "expected exactly the levels"),
])
def test_matching_more_config_errors_name_the_entry(mutate, message: str) -> None:
    data = copy.deepcopy(load_yaml("claim_matching.yaml"))
    mutate(data)
    with pytest.raises(LexiconError, match=message):
        matching.parse_config(data)


HEADLINES = [
    ("c-sinkhole", "Giant sinkhole swallows cars outside Florida shopping mall"),
    ("c-sinkhole", "Sinkhole opens outside Florida mall and swallows three cars"),
    ("c-mall", "Florida shopping mall to close after sinkhole scare, owners say"),
    ("c-mall", "Owners will close the Florida shopping mall after sinkhole scare"),
    ("c-other", "Chess champion retires at 35"),
    ("c-copy", "Florida shopping mall to close after sinkhole scare, owners say"),
]


def test_matching_more_pair_table_has_positives_and_hard_negatives_only() -> None:
    ids = [cid for cid, _ in HEADLINES]
    feats = [lexical(text) for _, text in HEADLINES]
    pairs = build_pairs(feats, ids, "all")
    kinds = {(ids[p.i], ids[p.j], p.same) for p in pairs}
    assert ("c-sinkhole", "c-sinkhole", True) in kinds and ("c-mall", "c-mall", True) in kinds
    assert ("c-sinkhole", "c-mall", False) in kinds  # same entities, another claim
    assert not any("c-other" in (ids[p.i], ids[p.j]) for p in pairs)  # nothing shared: an easy negative
    # the identical headline under another claim id is label noise, not a negative
    assert not any({HEADLINES[p.i][1], HEADLINES[p.j][1]} == {HEADLINES[2][1]} for p in pairs)
    report = pair_report(feats, ids, pairs)
    assert report["positives"] == sum(p.same for p in pairs)
    assert 0.0 <= report["precision"] <= 1.0 and 0.0 <= report["recall"] <= 1.0


def test_matching_more_pair_table_parts_split_by_claim_id() -> None:
    ids = [f"claim-{n}" for n in range(40) for _ in range(2)]
    feats = [lexical(f"Florida shopping mall sinkhole report number {n}") for n in range(80)]
    for part in ("tune", "dev"):
        for pair in build_pairs(feats, ids, part):
            assert in_part(ids[pair.i], part) and in_part(ids[pair.j], part)


def test_matching_more_cli_scores_the_pair_table(tmp_path) -> None:
    import csv
    import json

    from click.testing import CliRunner

    from claimwatch.cli import cli

    header = ["claimHeadline", "articleHeadline", "articleHeadlineStance", "articleId", "claimId"]
    rows = [["Sinkhole swallows cars", text, "for", str(n), cid] for n, (cid, text) in enumerate(HEADLINES)]
    path = tmp_path / "emergent.csv"
    with path.open("w", newline="", encoding="utf-8") as fh:
        csv.writer(fh).writerows([header] + rows)
    result = CliRunner().invoke(cli, ["eval", "matching", "--csv", str(path), "--part", "all", "--claims", "10",
                                      "--no-embeddings", "--hard-negatives", "--format", "json"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.output)
    assert report["positives"] == 2 and report["hard_negatives"] >= 1
    assert report["headlines"] == len(HEADLINES) and report["embeddings"] is False
    assert {"precision", "recall", "matches_by_level", "worst_confusions"} <= set(report)
