"""A verdict word inside a question ("questioned whether the figures were accurate") gives no verdict:
the cue's doubt stands; outside a question the verdict still decides.

Each case is a news sentence written for these tests (conventions of ``shared/data/dev/README.md``).
"""
from __future__ import annotations

import pytest

from support import statement_at

CASES = [
    ("Officials questioned whether the video was genuine.", "questioned", "disputes"),
    ("The senator questioned whether the budget figures were correct.", "questioned", "disputes"),
    ("Two scientists questioned whether the photographs were authentic.", "questioned", "disputes"),
    ("Reporters asked whether the casualty figures were accurate.", "asked", "uncommitted"),
]


@pytest.mark.parametrize("text, cue, expected", CASES)
def test_stance_questioned_verdict_keeps_the_doubt(analyse, text: str, cue: str, expected: str) -> None:
    assert statement_at(analyse(text), cue).stance == expected
