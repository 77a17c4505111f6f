"""The analyst's morning from ../shared/WALKTHROUGH.md, end to end through the CLI, in order.

One ledger of the bundled story (a copy of the session's ``story_ledger``) is kept per module and the
steps run against it as a user would type them; each test is one step and fails on what that step promises.
"""
from __future__ import annotations

import json
from importlib import resources
from pathlib import Path

import pytest
from click.testing import CliRunner

from claimwatch.cli import cli
from support import copy_ledger

STORY = Path(str(resources.files("claimwatch") / "data" / "story" / "north-korea-troops.jsonl"))
ARTICLE = (
    "Ukrainian President Volodymyr Zelensky said on Monday that North Korean soldiers had been "
    "spotted near the border, citing intelligence reports.\n\n"
    "\u201cThey are already on Russian territory,\u201d he told reporters in Kyiv.\n\n"
    "The Kremlin denied the report, calling it \u201canother fabrication\u201d. A Pentagon spokesman "
    "said the department could not confirm that some 10,000 troops had arrived.\n"
)


def run(*args: str, input: str | None = None):
    return CliRunner().invoke(cli, list(args), input=input)


@pytest.fixture(scope="module")
def ledger(story_ledger, tmp_path_factory) -> str:
    return str(copy_ledger(story_ledger, tmp_path_factory.mktemp("walk")))  # a copy: the steps ingest again


def test_walkthrough_one_article_lists_statements_with_resolved_pronoun(tmp_path):
    path = tmp_path / "article.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    data = json.loads(run("analyze", str(path), "--format", "json").output)
    by_cue = {s["cue"].split()[0]: s for s in data["statements"]}
    assert by_cue["told"]["source"] == "Volodymyr Zelensky"  # "he told reporters"
    assert by_cue["denied"]["stance"] == "denies" and by_cue["denied"]["source"] == "Kremlin"
    uncommitted = [s for s in data["statements"] if s["stance"] == "uncommitted"]
    assert uncommitted and "10,000 troops" in uncommitted[0]["content"]
    assert any(q["value"] == 10000 for s in uncommitted for q in s["quantities"])
    text = run("analyze", str(path)).output
    assert "Volodymyr Zelensky" in text and "DENIES" in text and "UNCOMMITTED" in text


def test_walkthrough_ingest_summarises_and_running_again_adds_nothing(ledger):
    first = run("ingest", str(STORY), "--db", ledger, "--format", "json")
    data = json.loads(first.output)
    assert first.exit_code == 0 and data["added"] == [] and data["already_stored"] >= 12
    text = run("ingest", str(STORY), "--db", ledger).output
    assert "already" in text


def test_walkthrough_claims_show_status_independent_sources_and_dates(ledger):
    claims = json.loads(run("claims", "--db", ledger, "--story", "north korea troops", "--format", "json").output)
    assert claims, "the story filter found no claims"
    top = claims[0]
    assert top["status"] in {"alleged", "contested", "corroborated", "confirmed", "denied"}
    assert set(top["sources"]) >= {"for", "uncommitted", "against"}
    assert top["first_seen"] <= top["last_seen"]
    text = run("claims", "--db", ledger, "--story", "north korea troops").output
    assert top["status"] in text


def test_walkthrough_claim_timeline_has_denial_confirmation_and_changing_figures(ledger):
    top = json.loads(run("claims", "--db", ledger, "--story", "north korea troops", "--format", "json").output)[0]
    detail = json.loads(run("claim", str(top["id"]), "--db", ledger, "--format", "json").output)
    kinds = [event["kind"] for event in detail["timeline"]]
    assert kinds[0] == "first_alleged" and "denial" in kinds
    dates = [event["date"] for event in detail["timeline"] if event["date"]]
    assert dates == sorted(dates)
    figures = {q["value"] for q in detail["quantities"]}
    assert len(figures) >= 2  # the troop numbers changed as the story went on


def test_walkthrough_assessment_cites_every_sentence(ledger):
    result = run("assess", "--story", "north korea troops", "--db", ledger, "--format", "json")
    assert result.exit_code == 0, result.output
    findings = json.loads(result.output)["assessment"]["findings"]
    kinds = {finding["kind"] for finding in findings}
    assert {"significance", "position", "implication"} <= kinds
    assert all(finding["cites"] for finding in findings)


def test_walkthrough_report_is_one_offline_file(ledger, tmp_path):
    out = tmp_path / "story.html"
    result = run("report", "--db", ledger, "-o", str(out))
    assert result.exit_code == 0, result.output
    html = out.read_text(encoding="utf-8")
    assert "<html" in html and "North Korea" in html
    assert "src=\"http" not in html and "href=\"http" not in html.split("<body", 1)[0]


def test_walkthrough_bad_inputs_get_one_line_reasons_and_the_batch_goes_on(tmp_path):
    folder = tmp_path / "bad"
    folder.mkdir()
    (folder / "broken.xml").write_text("<rss><channel><item><title>half", encoding="utf-8")
    (folder / "image.bin").write_bytes(bytes(range(256)) * 64)
    (folder / "good.txt").write_text(ARTICLE, encoding="utf-8")
    result = run("ingest", str(folder), "--db", str(tmp_path / "bad.db"), "--format", "json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert len(data["added"]) == 1
    assert len(data["skipped"]) == 2 and all(s["reason"] and "\n" not in s["reason"] for s in data["skipped"])


def test_walkthrough_a_watched_claim_turns_its_next_status_change_into_a_feed_entry(tmp_path):
    import feedparser

    records = STORY.read_text(encoding="utf-8").splitlines()
    early, late = tmp_path / "early.jsonl", tmp_path / "late.jsonl"
    early.write_text("\n".join(records[:2]) + "\n", encoding="utf-8")
    late.write_text("\n".join(records[2:]) + "\n", encoding="utf-8")
    db = str(tmp_path / "watch.db")
    assert run("ingest", str(early), "--db", db).exit_code == 0
    claim = json.loads(run("claims", "--db", db, "--story", "north korea", "--format", "json").output)[0]
    assert run("watch", "add", str(claim["id"]), "--db", db).exit_code == 0
    result = run("ingest", str(late), "--db", db, "--format", "json")
    assert result.exit_code == 0, result.output
    changes = [a for a in json.loads(result.output)["alerts"] if a["kind"] == "status_change"]
    assert changes and all(a["claim"]["id"] == claim["id"] for a in changes)
    feed = feedparser.parse(Path(db + ".alerts.atom").read_bytes())
    assert not feed.bozo and feed.version == "atom10"
    titles = " ".join(e.title for e in feed.entries)
    assert all(f"→ {a['to_status']}" in titles for a in changes)
    assert len({e.id for e in feed.entries}) == len(feed.entries) >= len(changes)


def test_walkthrough_story_assessment_states_what_the_ledger_concluded_and_cites_each_step(ledger):
    top = json.loads(run("claims", "--db", ledger, "--story", "north korea troops", "--format", "json").output)[0]
    data = json.loads(run("assess", "--story", "north korea troops", "--db", ledger, "--format", "json").output)
    body = data["assessment"]
    stated = [f for f in body["findings"] if f["text"].startswith("Across the ledger")]
    assert stated, "the story's assessment does not say where its main claim stands"
    first = stated[0]
    assert f"is {top['status']}:" in first["text"]
    assert f"{top['sources']['for']} for" in first["text"] and f"{top['sources']['against']} against" in first["text"]
    cited = {s["id"]: s for s in body["sources"]}
    assert all(c in cited for c in first["cites"])
    # sides still against are cited; a side that denied and later admitted (the story's ending) is
    # cited for both, so a denial may be cited with no side against now
    assert top["sources"]["against"] == 0 or any(cited[c]["stance"] == "denies" for c in first["cites"])
