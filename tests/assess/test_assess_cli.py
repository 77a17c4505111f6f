"""``claimwatch assess``: file, standard input, --example, --story over a ledger, formats and errors."""
from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from claimwatch.cli import cli
from claimwatch.ledger.store import Ledger
from test_assess_findings import build_border_analysis

ARTICLE = (
    "Estonia's foreign ministry accused Russia on Tuesday of carrying out a cyberattack that disrupted the "
    "websites of several government agencies. The European Commission said it could not confirm who was "
    "behind the breach.\n"
)


@pytest.fixture
def runner(monkeypatch) -> CliRunner:
    monkeypatch.delenv("CLAIMWATCH_LLM_URL", raising=False)  # the LLM rewrite stays off in tests
    return CliRunner()


@pytest.fixture
def article_file(tmp_path):
    path = tmp_path / "cyber.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    return str(path)


def test_assess_cli_json_from_file(runner, article_file):
    result = runner.invoke(cli, ["assess", article_file, "--format", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["assessment"]["findings"]
    assert all(f["cites"] for f in data["assessment"]["findings"])


def test_assess_cli_reads_standard_input_as_markdown(runner):
    result = runner.invoke(cli, ["assess", "-", "--format", "markdown"], input=ARTICLE)
    assert result.exit_code == 0, result.output
    assert result.output.startswith("# Assessment")


def test_assess_cli_example_has_every_section(runner):
    result = runner.invoke(cli, ["assess", "--example"])
    assert result.exit_code == 0, result.output
    for title in ("Situation and significance", "Positions", "Calls and warnings", "Implications", "Risks",
                  "What to watch", "Sources"):
        assert title in result.output


def test_assess_cli_story_from_ledger(runner, tmp_path):
    db = tmp_path / "ledger.db"
    with Ledger(db) as ledger:
        ledger.add_analysis(build_border_analysis())
    result = runner.invoke(cli, ["assess", "--story", "Belarusian helicopters", "--db", str(db), "-f", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)["assessment"]
    assert data["articles"] == ["border01"]
    assert any("Belarus" in f["text"] for f in data["findings"])


@pytest.mark.parametrize(("args", "message"), [
    ([], "give exactly one of"),
    (["x.txt", "--example"], "give exactly one of"),
    (["--story", "troops", "--db", "/nonexistent/ledger.db"], "no ledger at"),
    (["x.txt", "--db", "ledger.db"], "--db only applies with --story"),
])
def test_assess_cli_bad_arguments_are_one_line_errors(runner, args, message):
    result = runner.invoke(cli, ["assess", *args])
    assert result.exit_code == 2
    assert message in result.output
    assert "Traceback" not in result.output


def test_assess_cli_story_without_matches(runner, tmp_path):
    db = tmp_path / "ledger.db"
    with Ledger(db) as ledger:
        ledger.add_analysis(build_border_analysis())
    result = runner.invoke(cli, ["assess", "--story", "volcano eruption", "--db", str(db)])
    assert result.exit_code == 2
    assert "no article" in result.output
