"""Fixtures shared by the quality gates: one scorer loaded from ``../shared/eval/score.py``."""
from __future__ import annotations

import pytest
from support import SHARED, load_quality_harness


@pytest.fixture(scope="session")
def scorer():
    return load_quality_harness().load_scorer(SHARED)
