"""Helpers shared by the pattern tests: known gaps and statement lookup by cue."""
from __future__ import annotations

import importlib.util
import json
import os
import sys
from pathlib import Path

import pytest

from claimwatch.model import Analysis, Statement


def gap(reason: str, *values):
    """A case the extractor fails today: kept visible, with the diagnosis, for whoever fixes it."""
    return pytest.param(*values, marks=pytest.mark.xfail(strict=False, reason=reason))


def statement_at(analysis: Analysis, cue: str) -> Statement:
    """The statement whose cue is (or begins with) ``cue``; fails listing the cues found."""
    text = analysis.article.text
    cues = [text[slice(*s.cue_span)] for s in analysis.statements]
    for s, found in zip(analysis.statements, cues):
        if found == cue or found.startswith(cue + " "):
            return s
    pytest.fail(f"no statement with cue {cue!r}; cues found: {cues}")


REPO = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("CLAIMWATCH_SHARED", REPO.parent / "shared"))
FLOORS = json.loads((Path(__file__).parent / "quality_floors.json").read_text(encoding="utf-8"))


def load_quality_harness():
    """The harness in benchmarks/quality.py, so the tests and docs/quality.md score the same way."""
    name = "claimwatch_bench_quality"
    if name not in sys.modules:  # dataclasses need the module registered while it executes
        spec = importlib.util.spec_from_file_location(name, REPO / "benchmarks" / "quality.py")
        sys.modules[name] = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(sys.modules[name])
    return sys.modules[name]
