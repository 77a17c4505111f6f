"""Closed-class words are defined once, in ``nlp/function_words.py``.

A static check: no other module under ``src/claimwatch`` writes a set, frozenset, tuple or list literal
holding two or more personal pronouns. A rule that needs pronouns imports a named set instead, so the
pronoun lists cannot drift apart again."""
from __future__ import annotations

import ast
from pathlib import Path

import pytest

from claimwatch.nlp import function_words
from claimwatch.nlp.function_words import PERSONAL_PRONOUNS

SRC = Path(__file__).resolve().parents[2] / "src" / "claimwatch"
HOME = SRC / "nlp" / "function_words.py"


def _pronoun_literals(path: Path, root: Path = SRC) -> list[str]:
    """Line numbers and contents of literal collections with two or more personal pronouns."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        if not isinstance(node, (ast.Set, ast.Tuple, ast.List)):
            continue
        words = {e.value.lower() for e in node.elts if isinstance(e, ast.Constant) and isinstance(e.value, str)}
        if len(words & PERSONAL_PRONOUNS) >= 2:
            found.append(f"{path.relative_to(root)}:{node.lineno} {sorted(words)}")
    return found


def test_function_words_no_module_but_one_defines_pronoun_sets():
    modules = [p for p in sorted(SRC.rglob("*.py")) if p != HOME]
    assert modules, "no source modules found"
    offenders = [hit for path in modules for hit in _pronoun_literals(path)]
    assert offenders == [], "define these in claimwatch/nlp/function_words.py and import them:\n" + "\n".join(offenders)


def test_function_words_checker_finds_a_pronoun_set(tmp_path):
    sample = tmp_path / "sample.py"
    sample.write_text('FORMS = {"she", "her", "report"}\nOK = ("it", "there")\n', encoding="utf-8")
    assert [hit.split(" ")[0].rsplit(":", 1)[1] for hit in _pronoun_literals(sample, tmp_path)] == ["1"]


@pytest.mark.parametrize("name", [n for n in dir(function_words) if n.isupper()])
def test_function_words_sets_are_lower_case_frozensets(name):
    value = getattr(function_words, name)
    assert isinstance(value, frozenset) and value
    assert all(w == w.lower() and " " not in w for w in value)
