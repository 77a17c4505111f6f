"""One person under several spellings is one agent: claims by "Omar Al-Farouk Saleh" and "Omar
Al Farouk Saleh" may meet in one ledger claim, while two people who share a surname stay apart.
Names written for these tests."""
from __future__ import annotations

import pytest

from claimwatch.ledger import matching
from claimwatch.ledger.member_index import MemberIndex

SAME = [
    ("Omar Al-Farouk Saleh", "Omar Al Farouk Saleh"),   # hyphen or space
    ("Omar Al Faruk Saleh", "Omar Al Farouk Saleh"),   # a letter dropped
    ("José Ferrándiz", "Jose Ferrandiz"),               # accents
    ("T. Okonkwo", "Tobenna Okonkwo"),                  # an initial
]
DIFFERENT = [
    ("Kim Jong-un", "Kim Jong-il"),          # the last word differs
    ("Peter Halvorsen", "Ingrid Halvorsen"),  # one surname, two people
    ("Halvorsen", "Peter Halvorsen"),        # a bare surname may be anyone of that name
    ("North Korea", "South Korea"),          # states are the gazetteer's business
]


@pytest.mark.parametrize("a, b", SAME)
def test_ledger_agent_spellings_variants_of_one_name(a, b) -> None:
    assert matching.name_variant(a, b) and matching.name_variant(b, a)


@pytest.mark.parametrize("a, b", DIFFERENT)
def test_ledger_agent_spellings_different_people_stay_apart(a, b) -> None:
    assert not matching.name_variant(a, b)


def test_ledger_agent_spellings_index_gives_the_ledgers_spelling_only_when_unambiguous() -> None:
    index = MemberIndex()
    index.set_agent(1, "Omar Al Farouk Saleh")
    assert index.known_agent("Omar Al-Farouk Saleh") == "Omar Al Farouk Saleh"
    assert index.known_agent("Peter Halvorsen") == "Peter Halvorsen"
    assert index.known_agent(None) is None
    index.set_agent(2, "Tobenna Okonkwo")
    index.set_agent(3, "Tunde Okonkwo")
    assert index.known_agent("T. Okonkwo") == "T. Okonkwo"  # two people it could be: neither
