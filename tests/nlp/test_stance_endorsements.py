"""Support is endorsement of a claim or a statement: praise of a person or a deed, welcoming a
decision, endorsing a policy or agreeing to act is the source's own assertion.

Each case is a news sentence written for these tests (conventions of ``shared/data/dev/README.md``).
"""
from __future__ import annotations

import pytest

from support import statement_at

CASES = [
    ("The mayor praised the firefighters for their courage.", "praised", "asserts"),
    ("The union welcomed the decision to raise wages.", "welcomed", "asserts"),
    ("The council agreed to lease the old library to a charity.", "agreed", "asserts"),
    ("The health agency endorsed the new vaccine schedule.", "endorsed", "asserts"),
    ("Two senators backed the report's findings.", "backed", "supports"),
    ("The minister welcomed the remarks by the ambassador.", "welcomed", "supports"),
    ("The chief of staff echoed the warning.", "echoed", "supports"),
    ("The governor backed the claim that the dam was safe.", "backed", "supports"),
]


@pytest.mark.parametrize("text, cue, expected", CASES)
def test_stance_endorsement_of_a_thing_asserts(analyse, text: str, cue: str, expected: str) -> None:
    assert statement_at(analyse(text), cue).stance == expected
