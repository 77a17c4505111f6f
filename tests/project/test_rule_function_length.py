"""Rule code stays readable: no function in ``nlp/``, ``ledger/`` or ``lexicons/`` runs over 60 lines.

A longer rule function becomes an ordered tuple of small named rules (``STANCE_RULES``,
``SOURCE_RULES``, ``CONTENT_FRAMES``, ``NON_STATEMENT_USES``) or a few named steps."""
from __future__ import annotations

import ast
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[2] / "src" / "claimwatch"
PACKAGES = ("nlp", "ledger", "lexicons")
LIMIT = 60
EXEMPT: set[str] = set()


def long_functions(path: Path, limit: int = LIMIT) -> list[str]:
    """``name (lines)`` of each function or method in ``path`` longer than ``limit`` lines."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return [f"{node.name} ({node.end_lineno - node.lineno + 1} lines, line {node.lineno})"
            for node in ast.walk(tree) if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef))
            and node.end_lineno - node.lineno + 1 > limit]


def _modules() -> list[Path]:
    return [p for package in PACKAGES for p in sorted((SRC / package).rglob("*.py"))
            if p.relative_to(SRC).as_posix() not in EXEMPT]


@pytest.mark.parametrize("path", _modules(), ids=lambda p: p.relative_to(SRC).as_posix())
def test_rule_function_length_under_limit(path):
    assert long_functions(path) == [], f"split into named rules: {path.relative_to(SRC)}"


def test_rule_function_length_exemptions_exist():
    assert all((SRC / rel).is_file() for rel in EXEMPT)


def test_rule_function_length_checker_measures_whole_function(tmp_path):
    sample = tmp_path / "sample.py"
    sample.write_text("def short():\n    return 1\n\n\ndef long():\n" + "    x = 1\n" * 61 + "    return x\n",
                      encoding="utf-8")
    assert [hit.split(" ")[0] for hit in long_functions(sample)] == ["long"]
