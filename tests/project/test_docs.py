"""The README fits a page and names every command; the docs are linked, reachable from the index,
and read as user documentation (the development diary lives in docs/history/)."""
from __future__ import annotations

import re
from pathlib import Path

import click
import pytest

from claimwatch.cli import cli

ROOT = Path(__file__).resolve().parents[2]
README = ROOT / "README.md"
DOCS = ROOT / "docs"
HISTORY = DOCS / "history"
LINK = re.compile(r"\[[^\]]*\]\(([^)\s]+)\)")
DIARY = re.compile(r"\bsessions?[ -]\d", re.IGNORECASE)


def _user_docs() -> list[Path]:
    return sorted(p for p in DOCS.rglob("*.md") if HISTORY not in p.parents)


def _command_paths(group: click.Group, prefix: str = "claimwatch") -> list[str]:
    paths = []
    for name, command in sorted(group.commands.items()):
        paths.append(f"{prefix} {name}")
        if isinstance(command, click.Group):
            paths.extend(_command_paths(command, f"{prefix} {name}"))
    return paths


def _relative_links(path: Path) -> list[tuple[str, Path]]:
    out = []
    for target in LINK.findall(path.read_text(encoding="utf-8")):
        if re.match(r"[a-z]+:", target) or target.startswith("#"):
            continue  # a URL or an anchor on the same page
        out.append((target, (path.parent / target.split("#")[0]).resolve()))
    return out


def test_docs_readme_fits_150_lines():
    assert len(README.read_text(encoding="utf-8").splitlines()) <= 150


@pytest.mark.parametrize("command", _command_paths(cli))
def test_docs_readme_names_every_command(command):
    text = README.read_text(encoding="utf-8")
    # a subcommand may share a row with its siblings: "claimwatch watch list / claimwatch watch remove ID"
    assert command in text, f"{command} is missing from the README's command list"


@pytest.mark.parametrize("path", [README, *_user_docs(), *sorted(HISTORY.glob("*.md"))],
                         ids=lambda p: str(p.relative_to(ROOT)))
def test_docs_relative_links_resolve(path):
    broken = [target for target, resolved in _relative_links(path) if not resolved.exists()]
    assert not broken, f"broken links in {path.name}: {broken}"


def test_docs_index_reaches_every_user_page():
    seen, todo = set(), [DOCS / "index.md"]
    while todo:
        page = todo.pop()
        if page in seen or page.suffix != ".md" or not page.exists():
            continue
        seen.add(page)
        todo.extend(resolved for _, resolved in _relative_links(page) if DOCS in resolved.parents)
    missing = [str(p.relative_to(ROOT)) for p in _user_docs() if p not in seen]
    assert not missing, f"not reachable from docs/index.md: {missing}"


def test_docs_readme_links_the_index():
    assert "(docs/index.md" in README.read_text(encoding="utf-8")


@pytest.mark.parametrize("path", [README, *_user_docs()], ids=lambda p: str(p.relative_to(ROOT)))
def test_docs_user_pages_hold_no_development_diary(path):
    hits = [line.strip() for line in path.read_text(encoding="utf-8").splitlines() if DIARY.search(line)]
    assert not hits, f"move development history to docs/history/: {hits[:3]}"


@pytest.mark.parametrize("line, diary", [
    ("measured in session 4 on a quiet machine", True),
    ("the session-1 analysis below", True),
    ("Sessions 2 and 3 raised it", True),
    ("a session cookie keeps the CSRF token", False),
])
def test_docs_diary_pattern(line, diary):
    assert bool(DIARY.search(line)) is diary
