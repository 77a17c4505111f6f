"""An outlet whose reported sentence only ends with someone's participle ("X left ..., saying Y, the
paper reports") states the rest itself and keeps its statement; an outlet that only passes a
statement on ("The paper reported that police said Y") is still folded into the chain.
Passages written for these tests."""
from __future__ import annotations

from claimwatch import analyze_text


def _pairs(text: str) -> list[tuple[str, str, tuple[str, ...]]]:
    return [(s.source, text[slice(*s.content_span)], s.via) for s in analyze_text(text).statements]


def test_outlet_keeps_its_own_report_before_a_participle() -> None:
    text = ("Maria Lopez left the company in May to open a bakery in her home town, saying she was tired "
            "of meetings, the Daily Courier reports.")
    found = _pairs(text)
    assert any(src == "Daily Courier" and content.startswith("Maria Lopez left the company") for src, content, _ in found), found
    assert any(src == "Maria Lopez" and content == "she was tired of meetings" for src, content, _ in found), found


def test_outlet_that_only_relays_is_folded() -> None:
    text = "The Daily Courier reported that police said the road would reopen."
    found = _pairs(text)
    assert [src for src, _, _ in found] == ["police"]
    assert found[0][2] == ("Daily Courier",)


def test_quote_before_quoted_as_saying_with_a_long_apposition() -> None:
    text = ('Officials denied the plan on Monday.\n\n"It would not surprise me at all if they built a second plant here," '
            "the Valley Herald quoted Anna Weiss, senior editor of the Northern Mining and Energy Review, as saying. "
            "She further explained that the site had water and cheap land.")
    found = _pairs(text)
    quote = [f for f in found if f[1].startswith("It would not surprise me")]
    assert quote and quote[0][0] == "Anna Weiss" and quote[0][2] == ("Valley Herald",), found
    assert any(src == "Anna Weiss" and content.startswith("the site had water") for src, content, _ in found), found
