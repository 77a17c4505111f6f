""" "The Smith family said ...", "Clinton aides said ...": a person's name before a head that names
people or a body describes the group, and the group speaks, not the person; a name alone still
speaks for itself.

Each case is a news sentence written for these tests.
"""
from __future__ import annotations

import pytest

from claimwatch import analyze_text


@pytest.mark.parametrize("text, source", [
    ("The Okafor family said the boy had been found safe.", "Okafor family"),
    ("Lindqvist aides said the speech had been rewritten overnight.", "Lindqvist aides"),
    ("The Moreau campaign said the poll was wrong.", "Moreau campaign"),
    ("Amara Okafor said the boy had been found safe.", "Amara Okafor"),
])
def test_a_group_named_after_a_person_is_the_speaker(text: str, source: str) -> None:
    (statement,) = analyze_text(text).statements
    assert statement.source == source
