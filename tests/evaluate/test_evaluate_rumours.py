"""FNC-1 bodies grouped by Emergent rumour, and the rumour scores read from a ledger (built for the tests)."""
from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from claimwatch.evaluate import rumours
from claimwatch.evaluate.stories import LedgerView

EMERGENT_HEADER = ["", "claimHeadline", "articleHeadline", "articleHeadlineStance", "articleId", "claimId", "url",
                   "source", "claimTruth", "claimCount", "articleCount", "sourceCount"]


def _write(path: Path, rows: list[list[str]]) -> Path:
    with path.open("w", newline="", encoding="utf-8") as fh:
        csv.writer(fh).writerows(rows)
    return path


def write_rumour_data(folder: Path) -> tuple[Path, Path]:
    """Two rumours; body 3 is paired with related headlines of both (dropped); body 4 only unrelated."""
    fnc1 = folder / "fnc1"
    fnc1.mkdir(parents=True)
    emergent = _write(folder / "emergent.csv", [EMERGENT_HEADER,
        ["0", "A tiger escaped from the city zoo", "Tiger  on the loose after zoo escape", "for", "a1", "zoo", "", "", "false", "", "", ""],
        ["1", "A tiger escaped from the city zoo", "Zoo says all tigers accounted for", "against", "a2", "zoo", "", "", "false", "", "", ""],
        ["2", "The mayor will resign on Friday", "Mayor to step down this week", "for", "a3", "mayor", "", "", "true", "", "", ""]])
    _write(fnc1 / "train_stances.reconstructed.csv", [["Headline", "Body ID", "Stance"],
        ["Tiger on the loose after zoo escape", "1", "agree"],   # spacing differs from Emergent: still joins
        ["Zoo says all tigers accounted for", "1", "discuss"],
        ["Mayor to step down this week", "1", "unrelated"],
        ["Zoo says all tigers accounted for", "2", "disagree"],
        ["Mayor to step down this week", "3", "agree"],
        ["Tiger on the loose after zoo escape", "3", "discuss"],
        ["Mayor to step down this week", "5", "discuss"],
        ["Mayor to step down this week", "4", "unrelated"]])
    bodies = [["Body ID", "articleBody"]] + [[str(i), f"Body number {i} tells its story."] for i in range(1, 6)]
    _write(fnc1 / "train_bodies.csv", bodies)
    return fnc1, emergent


def test_evaluate_rumours_bodies_join_rumours_through_related_headlines_only(tmp_path):
    fnc1, emergent = write_rumour_data(tmp_path)
    found, texts = rumours.load_rumours(fnc1, emergent)
    assert [(r.claim_id, r.truth, r.bodies) for r in found] == [("zoo", "false", ("1", "2")), ("mayor", "true", ("5",))]
    assert sorted(texts) == ["1", "2", "5"]
    assert [r.claim_id for r in rumours.load_rumours(fnc1, emergent, limit=1)[0]] == ["zoo"]


def test_evaluate_rumours_jsonl_writes_bodies_in_body_id_order(tmp_path):
    fnc1, emergent = write_rumour_data(tmp_path)
    found, texts = rumours.load_rumours(fnc1, emergent)
    rumours.rumours_jsonl(found, texts, tmp_path / "r.jsonl")
    urls = [json.loads(line)["url"] for line in (tmp_path / "r.jsonl").read_text().splitlines()]
    assert urls == [rumours.body_url(b) for b in ("1", "2", "5")]


def _view(placement: dict[str, list[int]], status: dict[int, str], story_of: dict[str, int]) -> LedgerView:
    """A ledger view where article ``a<body>`` has one statement per ledger claim in ``placement``."""
    spans, statement_article, ledger_of, pk = {}, {}, {}, 0
    for article, claims in placement.items():
        for claim_id in claims:
            pk += 1
            spans.setdefault(article, []).append(((0, 1), pk))
            statement_article[pk] = article
            ledger_of[pk] = {claim_id}
    articles = {rumours.body_url(a[1:]): (a, "") for a in placement}
    return LedgerView(articles, spans, statement_article, ledger_of, status, {k: f"claim {k}" for k in status}, {}, story_of)


def test_evaluate_rumours_coverage_mixing_and_status_against_veracity():
    found = [rumours.Rumour("zoo", "A tiger escaped", "false", ("1", "2", "3")),
             rumours.Rumour("mayor", "The mayor resigns", "unknown", ("4", "5"))]
    # claim 10 holds zoo bodies 1 and 2 (main claim of zoo, 2 of 3); claim 11 mixes zoo 3 and mayor 4;
    # claim 12 holds mayor 4 and 5 (main of mayor, 2 of 2)
    view = _view({"a1": [10], "a2": [10], "a3": [11], "a4": [11, 12], "a5": [12]},
                 {10: "confirmed", 11: "alleged", 12: "contested"},
                 {"a1": 1, "a2": 1, "a3": 1, "a4": 2, "a5": 2})
    result = rumours.score_rumours(found, view)
    rows = {r["rumour"]: r for r in result["rumours"]}
    assert (rows["zoo"]["main"], rows["zoo"]["coverage"], rows["zoo"]["agrees"]) == (10, round(2 / 3, 3), False)
    assert (rows["mayor"]["main"], rows["mayor"]["coverage"], rows["mayor"]["agrees"]) == (12, 1.0, True)
    summary = result["summary"]
    assert (summary["mixed_claims"], summary["multi_article_claims"]) == (1, 3)
    assert (summary["confirmed_not_true"], summary["not_true_rumours"]) == (1, 2)
    assert summary["main_claim_coverage_pooled"] == 0.8
    assert (result["clustering"]["pair_precision"], result["clustering"]["pair_recall"]) == (1.0, 1.0)


@pytest.mark.parametrize("truth, status, agrees", [
    ("true", "confirmed", True), ("true", "corroborated", True), ("true", "alleged", False),
    ("false", "denied", True), ("false", "contested", True), ("false", "confirmed", False),
    ("unknown", "alleged", True), ("unknown", "contested", True), ("unknown", "corroborated", False),
])
def test_evaluate_rumours_status_agrees_with_veracity_by_the_issue_table(truth, status, agrees):
    view = _view({"a1": [1]}, {1: status}, {"a1": 1})
    row = rumours.score_rumours([rumours.Rumour("r", "r", truth, ("1",))], view)["rumours"][0]
    assert row["agrees"] is agrees


def test_evaluate_rumours_cli_scores_an_existing_ledger(tmp_path, monkeypatch):
    from claimwatch.cli import cli
    from claimwatch.evaluate import stories

    fnc1, emergent = write_rumour_data(tmp_path)
    view = _view({"a1": [10], "a2": [10], "a5": [12]}, {10: "denied", 12: "corroborated"}, {"a1": 1, "a2": 1, "a5": 2})
    monkeypatch.setattr(stories, "read_ledger", lambda db: view)
    ledger = tmp_path / "ledger.db"
    ledger.write_bytes(b"")
    result = CliRunner().invoke(cli, ["eval", "stories", "--set", "fnc1", "--fnc1", str(fnc1), "--emergent", str(emergent),
                                      "--ledger", str(ledger), "--no-propositions", "-v", "--limit", "1"])
    assert result.exit_code == 0, result.output
    assert "the first 1 of 2 rumours, 3 bodies" in result.output
    assert "main claim's status agrees with veracity 1.0" in result.output  # zoo (false): denied
    assert "'confirmed' for 0 of 1 false/unknown rumours" in result.output
