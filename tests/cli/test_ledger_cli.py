"""Ledger CLI commands over the bundled story: output, JSON, exit codes, and the story's arc.

The bundled story is ingested once per session with the real extractor (``story_ledger`` in
conftest.py); the tests read that ledger.
"""
from __future__ import annotations

import json
import shutil
from importlib import resources
from pathlib import Path

import pytest
from click.testing import CliRunner

from claimwatch.cli import COMMANDS as ALL_COMMANDS, cli

COMMANDS = [c for c in ALL_COMMANDS if c.callback.__module__ == "claimwatch.cli.ledger"]

STORY = Path(str(resources.files("claimwatch") / "data" / "story" / "north-korea-troops.jsonl"))


@pytest.fixture(scope="module")
def story_db(story_ledger) -> str:
    return str(story_ledger)


def run(*args: str):
    return CliRunner().invoke(cli, list(args))


def test_ledger_cli_story_has_enough_dated_articles_in_range():
    records = [json.loads(line) for line in STORY.read_text(encoding="utf-8").splitlines()]
    assert len(records) >= 12
    assert all(r["url"].startswith("https://example.org/") and r["outlet"] and r["title"] for r in records)
    dates = sorted(r["published"][:10] for r in records)
    assert dates[0] >= "2024-10-01" and dates[-1] <= "2025-04-30"
    words = [len(r["text"].split()) for r in records]
    assert sum(80 <= n <= 200 for n in words) >= len(records) - 1  # the worked example is longer


def test_ledger_cli_ingest_reports_the_wire_copy(story_db, tmp_path):
    db = str(tmp_path / "again.db")
    shutil.copy(story_db, db)
    result = run("ingest", str(STORY), "--db", db, "--format", "json")
    assert result.exit_code == 0
    data = json.loads(result.output)
    assert data["added"] == [] and data["already_stored"] >= 12


def test_ledger_cli_story_claim_moves_from_alleged_to_confirmed_with_denials(story_db):
    claims = json.loads(run("claims", "--db", story_db, "--story", "north korea", "--format", "json").output)
    main = claims[0]
    assert main["agent"] == "North Korea" and main["status"] == "confirmed"
    assert main["sources"]["for"] >= 3 and main["sources"]["against"] == 0  # the deniers admitted it at last
    detail = json.loads(run("claim", str(main["id"]), "--db", story_db, "--format", "json").output)
    kinds = [e["kind"] for e in detail["timeline"]]
    statuses = [e["to_status"] for e in detail["timeline"] if e["kind"] in ("first_alleged", "status_change")]
    assert statuses[0] == "alleged" and statuses[-1] == "confirmed"
    assert "denial" in kinds and kinds.count("new_quantity") >= 3
    figures = {q["value"] for q in detail["quantities"]}
    assert {1500, 10000} <= figures
    copies = [s for group in detail["statements"].values() for s in group if not s["independent"]]
    assert copies and all(s["outlet"] == "Harbour Post" for s in copies)


def test_ledger_cli_claims_text_table(story_db):
    result = run("claims", "--db", story_db, "--limit", "3")
    assert result.exit_code == 0
    lines = result.output.splitlines()
    assert lines[0].split()[:2] == ["id", "status"] and len(lines) == 4


def test_ledger_cli_claim_text_shows_timeline_statements_and_figures(story_db):
    result = run("claim", "1", "--db", story_db)
    assert result.exit_code == 0
    assert "timeline:" in result.output and "statements:" in result.output and "figures:" in result.output


@pytest.mark.parametrize(("args", "needle"), [
    (("actors",), "Dmitry Peskov (Russia)"),
    (("actor", "Peskov"), "denies"),
    (("search", "special forces"), "National Intelligence Service"),
])
def test_ledger_cli_read_commands(story_db, args, needle):
    result = run(*args, "--db", story_db)
    assert result.exit_code == 0
    assert needle in result.output


@pytest.mark.parametrize("command", [("claims",), ("claim", "1"), ("actors",), ("actor", "Zelensky"),
                                     ("search", "troops")])
def test_ledger_cli_json_output_parses(story_db, command):
    result = run(*command, "--db", story_db, "--format", "json")
    assert result.exit_code == 0
    assert json.loads(result.output)


@pytest.mark.parametrize(("args", "code", "message"), [
    (("claim", "9999"), 2, "no claim 9999"),
    (("actor", "Nobody Atall"), 2, "no actor named"),
    (("search", "   "), 2, "give some words"),
])
def test_ledger_cli_bad_input_exits_2(story_db, args, code, message):
    result = run(*args, "--db", story_db)
    assert result.exit_code == code
    assert message in result.stderr and "Traceback" not in result.stderr


def test_ledger_cli_not_a_ledger_exits_4(tmp_path):
    path = tmp_path / "notes.db"
    path.write_text("not a database\n" * 300)
    result = run("claims", "--db", str(path))
    assert result.exit_code == 4
    assert result.stderr.startswith("error: ")


def test_ledger_cli_ingest_nothing_readable_exits_2(tmp_path):
    bad = tmp_path / "notes.docx"
    bad.write_bytes(b"PK\x03\x04 not really a document")
    result = run("ingest", str(bad), "--db", str(tmp_path / "l.db"))
    assert result.exit_code == 2
    assert "skipped" in result.output and "nothing could be read" in result.stderr


def test_ledger_cli_every_command_has_an_example_and_is_in_the_readme():
    readme = (Path(__file__).parents[2] / "README.md").read_text(encoding="utf-8")
    for command in COMMANDS:
        assert "Example" in (command.help or "")
        assert f"claimwatch {command.name}" in readme


def test_ledger_cli_claim_says_why_it_has_its_status(story_db):
    main = json.loads(run("claims", "--db", story_db, "--story", "north korea", "--format", "json").output)[0]
    detail = json.loads(run("claim", str(main["id"]), "--db", story_db, "--format", "json").output)
    reason = detail["status_reason"]
    assert detail["status"] == "confirmed" and reason["rule"].startswith("admitted by the party concerned, North Korea")
    assert reason["text"].startswith("confirmed: admitted by the party concerned, North Korea")
    assert any(c["source"] == "Korean Central News Agency" and c["published"].startswith("2025-04-28")
               for c in reason["statements"])
    text = run("claim", str(main["id"]), "--db", story_db).output
    assert "why: confirmed: admitted by the party concerned, North Korea" in text
    assert all(c["id"] in text for c in reason["statements"])


def test_ledger_cli_claim_names_its_related_claims(story_db):
    """Every claim's JSON carries a `related` list, and the two directions of a link agree; the text
    view prints them on a `related:` line."""
    claims = json.loads(run("claims", "--db", story_db, "--format", "json").output)
    details = {c["id"]: json.loads(run("claim", str(c["id"]), "--db", story_db, "--format", "json").output)
               for c in claims}
    assert all(isinstance(d["related"], list) for d in details.values())
    links = {(i, r["id"]) for i, d in details.items() for r in d["related"]}
    assert links and links == {(b, a) for a, b in links}  # the story has umbrella and specific claims
    for i, d in details.items():
        text = run("claim", str(i), "--db", story_db).output
        assert ("related: " in text) == bool(d["related"])
