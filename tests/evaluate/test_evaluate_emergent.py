"""Emergent headline-stance rules on hand-built analyses, the metrics, and claim-matching pairs."""
from __future__ import annotations

import pytest

from claimwatch.evaluate import emergent
from claimwatch.evaluate.metrics import confusion, pairwise_pr, per_class_f1
from claimwatch.ingest.emergent import EmergentRecord
from claimwatch.ledger.matching import make_features
from claimwatch.model import Analysis, Article, Statement


def _headline(text: str, *statements: tuple[str, str, bool]) -> Analysis:
    """An analysis of ``text`` with statements given as (stance, act, distanced)."""
    made = tuple(Statement(id=f"s{i}", source="Someone", cue="says", cue_span=(0, 1), content=text,
                           content_span=(0, len(text)), stance=stance, act=act, distanced=distanced)
                 for i, (stance, act, distanced) in enumerate(statements))
    return Analysis(article=Article(text=text), statements=made)


CLAIM = "A hospital in Leeds used robots to deliver medicine"


@pytest.mark.parametrize("analysis, expected", [
    (_headline("Leeds hospital sends robots to deliver medicine on its wards"), "for"),
    (_headline("Leeds hospital reportedly uses robots to carry medicine"), "observing"),
    (_headline("Are robots delivering medicine at a Leeds hospital?"), "observing"),
    (_headline("Leeds robot medicine story is a hoax"), "against"),
    (_headline("No, a Leeds hospital did not hand medicine rounds to robots"), "against"),
    (_headline("Hospital denies robots deliver medicine", ("denies", "deny", False)), "against"),
    (_headline("Trust confirms robots now deliver medicine in Leeds", ("supports", "confirm", False)), "for"),
    (_headline("Nurses say robots deliver medicine at Leeds hospital", ("asserts", "say", False)), "observing"),
    (_headline("Leaked memo reveals Leeds hospital robot rollout", ("asserts", "publish", False)), "for"),
])
def test_evaluate_emergent_headline_stance(analysis, expected):
    label, rule = emergent.headline_stance(analysis, CLAIM)
    assert label == expected, rule


def test_evaluate_emergent_negation_in_the_claim_itself_is_not_against():
    claim = "The mayor will not run for a second term"
    label, _ = emergent.headline_stance(_headline("Mayor will not seek a second term in office"), claim)
    assert label == "for"
    label, _ = emergent.headline_stance(_headline("Mayor will not seek a second term in office"), "The mayor will run again")
    assert label == "against"


def test_evaluate_emergent_metrics_count_what_they_should():
    gold = ["for", "for", "against", "observing"]
    pred = ["for", "observing", "against", "observing"]
    table = confusion(gold, pred, ("for", "against", "observing"))
    assert table["for"]["observing"] == 1 and table["against"]["against"] == 1
    f1 = per_class_f1(table)
    assert f1["against"] == 1.0 and f1["for"] == pytest.approx(0.667, abs=1e-3)
    report = emergent.stance_report(gold, pred)
    assert report["accuracy"] == 0.75 and report["majority_class"] == "for"


def test_evaluate_emergent_pairwise_precision_recall():
    groups = ["a", "a", "a", "b"]
    result = pairwise_pr(groups, {(0, 1): True, (0, 3): True})
    assert result["true_pairs"] == 3 and result["predicted_pairs"] == 2
    assert result["precision"] == 0.5 and result["recall"] == pytest.approx(0.333, abs=1e-3)


def test_evaluate_emergent_matching_report_groups_paraphrases():
    texts = [("Russia deploys 5,000 troops to the Belarus border", "c1"),
             ("Russia sends 6,000 troops to the border with Belarus", "c1"),
             ("Apple plans to launch a smartwatch with a sapphire screen", "c2")]
    feats = [make_features(t, "troop_deployment" if c == "c1" else None, "Russia" if c == "c1" else "Apple")
             for t, c in texts]
    result = emergent.matching_report(feats, [c for _, c in texts])
    assert result["precision"] == 1.0 and result["recall"] == 1.0


def test_evaluate_emergent_parts_are_deterministic_and_disjoint():
    records = [EmergentRecord(claim_id=f"claim-{i}", claim_headline="c", article_id=f"a{i}",
                              article_headline="h", stance="for") for i in range(60)]
    dev = {r.claim_id for r in emergent.select(records, "dev")}
    tune = {r.claim_id for r in emergent.select(records, "tune")}
    assert dev and tune and not dev & tune and len(dev | tune) == 60
    assert len({r.claim_id for r in emergent.select(records, "all", max_claims=7)}) == 7


def test_evaluate_emergent_cli_scores_a_tiny_csv(tmp_path):
    import csv

    from click.testing import CliRunner

    from claimwatch.cli import cli

    path = tmp_path / "emergent.csv"
    rows = [["claimHeadline", "articleHeadline", "articleHeadlineStance", "articleId", "claimId"],
            [CLAIM, "Leeds hospital robot medicine story is a hoax", "against", "a1", "claim-1"],
            [CLAIM, "Leeds hospital reportedly uses robots to carry medicine", "observing", "a2", "claim-1"],
            [CLAIM, "Robots deliver medicine at Leeds hospital", "for", "a3", "claim-1"]]
    with path.open("w", newline="", encoding="utf-8") as fh:
        csv.writer(fh).writerows(rows)
    out = tmp_path / "stance.csv"
    result = CliRunner().invoke(cli, ["eval", "emergent", "--csv", str(path), "--part", "all",
                                      "--out", str(out), "--format", "json"])
    assert result.exit_code == 0, result.output
    assert '"headlines": 3' in result.output
    written = list(csv.DictReader(out.open(encoding="utf-8")))
    assert [r["articleId"] for r in written] == ["a1", "a2", "a3"]
    assert written[0]["predicted"] == "against" and written[1]["predicted"] == "observing"
