"""Inside a quote, the speaker telling what they said or told someone ("I told my boss I was unwell")
makes a statement of its own, by the quoted speaker, kept beside the quote; other first-person cues
("I think") and questions stay folded into the quote. Passages written for these tests."""
from __future__ import annotations

from claimwatch import analyze_text


def _found(text: str) -> list[tuple[str, str, str]]:
    return [(s.source, text[slice(*s.content_span)], s.stance) for s in analyze_text(text).statements]


def test_first_person_telling_inside_a_quote_is_the_speakers_statement() -> None:
    text = ('Nadia Petrova left the firm in March. "I had already told my manager I was unwell, so I called '
            'him and said I was quitting," Petrova said.')
    found = _found(text)
    assert any(src.endswith("Petrova") and (content, stance) == ("I was unwell", "asserts") for src, content, stance in found), found
    assert any(src.endswith("Petrova") and (content, stance) == ("I was quitting", "asserts") for src, content, stance in found), found
    assert any(content.startswith("I had already told my manager") for _, content, _ in found), found


def test_first_person_belief_inside_a_quote_stays_folded() -> None:
    text = '"I think the new bridge will be late," the engineer Omar Haddad said.'
    found = _found(text)
    assert len(found) == 1 and found[0][1].startswith("I think the new bridge"), found


def test_first_person_question_inside_a_quote_stays_folded() -> None:
    text = '"Rents keep rising. And I am saying, where is the money going?" the councillor Ruth Adeyemi said.'
    found = _found(text)
    assert not any(content.startswith("where is") for _, content, _ in found), found
