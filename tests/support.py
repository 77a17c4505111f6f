"""Helpers shared by the pattern tests: known gaps and statement lookup by cue."""
from __future__ import annotations

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
