"""A cue set off by commas inside the sentence it reports, after a single fronted adverb ("Now, she
said, C") or after a condition the parser hung on the cue ("If X, he said, Y"): the whole sentence is
the content, as for other medial asides. Passages written for these tests."""
from __future__ import annotations

import pytest

from claimwatch import analyze_text


@pytest.mark.parametrize("text, source", [
    ("Still, the harbour master said, the new pier will open in May.", "harbour master"),
    ("Perhaps, the treasurer said, the levy had grown too large for the town.", "treasurer"),
])
def test_a_medial_aside_after_one_adverb(text: str, source: str) -> None:
    statements = analyze_text(text).statements
    assert len(statements) == 1
    assert source in statements[0].source
    assert statements[0].content == text.rstrip(".")


def test_a_condition_before_a_medial_aside_is_part_of_what_was_said() -> None:
    text = "If the levy passes, the treasurer said, she would leave the council."
    statements = analyze_text(text).statements
    assert len(statements) == 1
    assert statements[0].content.startswith("If the levy passes")
    assert statements[0].content.endswith("she would leave the council")


def test_a_single_link_word_is_no_content_side() -> None:
    assert analyze_text("Yes, she said.").statements == ()
