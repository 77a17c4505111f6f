"""Story-level harness (``claimwatch eval stories``): scores read from a ledger file, on a tiny ledger
built for the tests and on a small story set written for the tests; agreement with the shared
``score_stories.py`` when it is present."""
from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from claimwatch.evaluate import stories
from support import SHARED

SCORER = SHARED / "eval" / "score_stories.py"
needs_scorer = pytest.mark.skipif(not SCORER.is_file(), reason=f"shared scorer {SCORER} absent (not in CI)")

# Two stories, two articles each, written for these tests.
ARTICLES = {
    "bridge-a": ("bridge",
                 "The regional transport office said on Monday that the old river bridge at Kellbrook would close "
                 "for repairs. Engineers found cracks in two of its piers, the office added."),
    "bridge-b": ("bridge",
                 "Kellbrook's river bridge will shut for repairs, the regional transport office said. A council "
                 "spokesman denied that the bridge had been unsafe for months."),
    "dam-a": ("dam",
              "Farmers near the Orsa reservoir said the dam had released water without warning on Sunday night. "
              "The water authority denied that any release had taken place."),
    "dam-b": ("dam",
              "The water authority said no water had been released from the Orsa dam. Local farmers said their "
              "fields were flooded overnight."),
}
# gold statements: (slug, sid, content phrase, story claim)
GOLD = [
    ("bridge-a", "s1", "the old river bridge at Kellbrook would close for repairs", "bridge-1"),
    ("bridge-a", "s2", "Engineers found cracks in two of its piers", "bridge-2"),
    ("bridge-b", "s1", "Kellbrook's river bridge will shut for repairs", "bridge-1"),
    ("dam-a", "s1", "the dam had released water without warning on Sunday night", "dam-1"),
    ("dam-a", "s2", "any release had taken place", "dam-1"),
    ("dam-b", "s1", "no water had been released from the Orsa dam", "dam-1"),
]
STORIES = {"stories": {
    "bridge": {"articles": ["bridge-a.txt", "bridge-b.txt"], "claims": [
        {"id": "bridge-1", "text": "The Kellbrook bridge closes for repairs", "final_status": "confirmed", "why": "bridge-a s1"},
        {"id": "bridge-2", "text": "The bridge's piers are cracked", "final_status": "alleged", "why": "bridge-a s2"}]},
    "dam": {"articles": ["dam-a.txt", "dam-b.txt"], "claims": [
        {"id": "dam-1", "text": "The Orsa dam released water", "final_status": "denied", "why": "dam-a s2"}]},
}}


def write_gold_folder(folder: Path) -> Path:
    """texts, gold files (statements linked to story claims) and stories.json, in the shared format."""
    folder.mkdir(parents=True, exist_ok=True)
    for slug, (story, text) in ARTICLES.items():
        (folder / f"{slug}.txt").write_text(text, encoding="utf-8")
        statements, claims = [], []
        for k, (s_slug, sid, phrase, story_claim) in enumerate(g for g in GOLD if g[0] == slug):
            start = text.index(phrase)
            claims.append({"id": f"c{k}", "text": phrase, "story_claim": story_claim})
            statements.append({"id": sid, "content_span": [start, start + len(phrase)], "claims": [f"c{k}"]})
        gold = {"document": f"{slug}.txt", "story": story, "statements": statements, "claims": claims}
        (folder / f"{slug}.gold.json").write_text(json.dumps(gold), encoding="utf-8")
    (folder / "stories.json").write_text(json.dumps(STORIES), encoding="utf-8")
    return folder


CONTRACT = """
CREATE TABLE articles (id TEXT PRIMARY KEY, url TEXT, text TEXT, near_duplicate_of TEXT);
CREATE TABLE statements (pk INTEGER PRIMARY KEY, article_id TEXT, content_start INTEGER, content_end INTEGER);
CREATE TABLE statement_claims (statement_pk INTEGER, claim_pk INTEGER);
CREATE TABLE ledger_claim_members (claim_pk INTEGER PRIMARY KEY, ledger_claim_id INTEGER);
CREATE TABLE ledger_claims (id INTEGER PRIMARY KEY, text TEXT, status TEXT);
CREATE TABLE claim_events (id INTEGER PRIMARY KEY, ledger_claim_id INTEGER, date TEXT, to_status TEXT);
CREATE TABLE article_stories (article_id TEXT PRIMARY KEY, story_id INTEGER);
"""


def write_tiny_ledger(path: Path) -> Path:
    """A ledger with only the contract's tables. Statement -> ledger claim, by (slug, phrase):
    bridge-1's two statements in ledger claim 1 (confirmed); bridge-2 in 2 (alleged); dam-1 split
    over 3 (2 statements, contested) and 4 (1 statement); dam-a's second statement is cut short so
    it is not found (Jaccard < 0.5). Stories: both bridge articles in story 1, the dam articles in 2 and 3."""
    con = sqlite3.connect(path)
    con.executescript(CONTRACT)
    for slug, (_, text) in ARTICLES.items():
        con.execute("INSERT INTO articles VALUES (?, ?, ?, NULL)", (f"id-{slug}", f"https://dev.invalid/{slug}", text))
    placement = {("bridge-a", "s1"): 1, ("bridge-b", "s1"): 1, ("bridge-a", "s2"): 2,
                 ("dam-a", "s1"): 3, ("dam-b", "s1"): 3, ("dam-a", "s2"): 4}
    for pk, (slug, sid, phrase, _) in enumerate(GOLD, start=1):
        start = ARTICLES[slug][1].index(phrase)
        end = start + len(phrase) if (slug, sid) != ("dam-a", "s2") else start + 5
        con.execute("INSERT INTO statements VALUES (?, ?, ?, ?)", (pk, f"id-{slug}", start, end))
        con.execute("INSERT INTO statement_claims VALUES (?, ?)", (pk, 100 + pk))
        con.execute("INSERT INTO ledger_claim_members VALUES (?, ?)", (100 + pk, placement[(slug, sid)]))
    con.executemany("INSERT INTO ledger_claims VALUES (?, ?, ?)", [
        (1, "the bridge would close for repairs", "confirmed"), (2, "engineers found cracks", "alleged"),
        (3, "the dam released water", "contested"), (4, "a release had taken place", "denied")])
    con.executemany("INSERT INTO article_stories VALUES (?, ?)", [
        ("id-bridge-a", 1), ("id-bridge-b", 1), ("id-dam-a", 2), ("id-dam-b", 3)])
    con.commit()
    con.close()
    return path


def test_evaluate_stories_scores_a_tiny_ledger_by_the_shared_definitions(tmp_path):
    dev = stories.load_dev(write_gold_folder(tmp_path / "gold"))
    result = stories.score_dev(dev, stories.read_ledger(write_tiny_ledger(tmp_path / "tiny.db")))
    rows = {r["story_claim"]: r for r in result["claims"]}
    assert (rows["bridge-1"]["found"], rows["bridge-1"]["cohesion"], rows["bridge-1"]["ledger_final"]) == (2, 1.0, "confirmed")
    assert (rows["bridge-2"]["found"], rows["bridge-2"]["main"], rows["bridge-2"]["ledger_final"]) == (1, 2, "alleged")
    # dam-1: 2 of 3 found (the cut-short span is missed), both in ledger claim 3, which is contested
    assert (rows["dam-1"]["found"], rows["dam-1"]["main"], rows["dam-1"]["cohesion"]) == (2, 3, 1.0)
    summary = result["summary"]
    assert summary["found"] == round(5 / 6, 3)
    assert summary["final_status_acc"] == round(2 / 3, 3)
    assert (summary["story_purity"], summary["story_completeness"]) == (1.0, 0.75)
    clustering = result["clustering"]  # gold pairs: (bridge-a, bridge-b), (dam-a, dam-b); found: the first only
    assert (clustering["pair_precision"], clustering["pair_recall"]) == (1.0, 0.5)


def test_evaluate_stories_status_on_a_dated_step_comes_from_the_timeline(tmp_path):
    view = stories.read_ledger(write_tiny_ledger(tmp_path / "tiny.db"))
    view.events[3] = [("2026-03-01", "alleged"), ("2026-03-04", "contested")]
    assert view.status_at(3, "2026-03-02") == "alleged"
    assert view.status_at(3, "2026-03-04") == "contested"
    assert view.status_at(3, "2026-02-28") is None


def test_evaluate_stories_pairwise_clustering_counts_unclustered_articles_as_alone():
    scores = stories.pairwise_clustering({"a": 1, "b": None, "c": None}, {"a": "x", "b": "x", "c": "x"})
    assert (scores["pair_precision"], scores["pair_recall"], scores["pair_f1"]) == (0.0, 0.0, 0.0)


def _copying_cli(tmp_path: Path, ledger: Path) -> Path:
    """A stand-in for ``claimwatch`` whose ``ingest JSONL --db DB`` copies a prepared ledger to DB."""
    script = tmp_path / "fake-cli"
    script.write_text(f"#!{sys.executable}\nimport shutil, sys\nshutil.copy({str(ledger)!r}, sys.argv[sys.argv.index('--db') + 1])\n")
    script.chmod(0o755)
    return script


def _shared_summary(tmp_path: Path, gold: Path, ledger: Path) -> dict:
    out = subprocess.run([sys.executable, str(SCORER), str(_copying_cli(tmp_path, ledger)), str(gold),
                          "--keep", str(tmp_path / "shared-run")], capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stdout + out.stderr
    return json.loads(out.stdout.strip().splitlines()[-1])


@needs_scorer
def test_evaluate_stories_agrees_with_shared_scorer_on_a_tiny_ledger(tmp_path):
    gold = write_gold_folder(tmp_path / "gold")
    ledger = write_tiny_ledger(tmp_path / "tiny.db")
    ours = stories.score_dev(stories.load_dev(gold), stories.read_ledger(ledger))["summary"]
    assert ours == _shared_summary(tmp_path, gold, ledger)


def test_evaluate_stories_cli_ingests_a_story_set_and_scores_it(tmp_path):
    from claimwatch.cli import cli

    gold = write_gold_folder(tmp_path / "gold")
    keep = tmp_path / "run"
    result = CliRunner().invoke(cli, ["eval", "stories", "--set", "dev", "--dev", str(gold), "--keep", str(keep),
                                      "--lexical", "--format", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output[result.output.index("{"):])["dev"]
    assert data["summary"]["articles"] == 4 and data["summary"]["story_claims"] == 3
    assert data["summary"]["found"] > 0
    assert 0 <= data["propositions"]["share"] <= 1
    written = [json.loads(line) for line in (keep / "dev-stories.jsonl").read_text().splitlines()]
    assert [r["url"] for r in written] == [f"https://dev.invalid/{s}" for s in sorted(ARTICLES)]
    if SCORER.is_file():  # the product's figures and the shared scorer's on the same ledger
        assert data["summary"] == _shared_summary(tmp_path, gold, keep / "dev-stories.db")


def test_evaluate_stories_cli_missing_data_is_an_input_error(tmp_path):
    from claimwatch.cli import cli

    result = CliRunner().invoke(cli, ["eval", "stories", "--set", "dev", "--dev", str(tmp_path / "absent")])
    assert result.exit_code == 2 and "stories.json" in result.output
    result = CliRunner().invoke(cli, ["eval", "stories", "--ledger", __file__])
    assert result.exit_code == 2 and "--set" in result.output


def test_evaluate_stories_cli_verbose_lists_each_story_claim(tmp_path):
    from claimwatch.cli import cli

    gold = write_gold_folder(tmp_path / "gold")
    ledger = write_tiny_ledger(tmp_path / "tiny.db")
    result = CliRunner().invoke(cli, ["eval", "stories", "--set", "dev", "--dev", str(gold), "--ledger", str(ledger),
                                      "--no-propositions", "-v"])
    assert result.exit_code == 0, result.output
    assert "cohesion 1.0" in result.output and "final status 0.667" in result.output
    assert all(claim in result.output for claim in ("bridge-1", "bridge-2", "dam-1"))
