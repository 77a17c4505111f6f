"""An indefinite generic title ("an official at the X embassy") is a named person only when the
person's description repeats all of its words, and a singular anonymous speaker is what "he" or
"she" stands for in the next sentence. Passages written for these tests."""
from __future__ import annotations

from claimwatch import analyze_text
from test_attribution_patterns import source_names, words


def _by_content(text: str) -> dict[str, set[str]]:
    analysis = analyze_text(text)
    return {words(text, s.content_span): source_names(analysis, s) for s in analysis.statements}


TEXT = ("Laura Stein, editor of the South Atlantic Shipping Review, said the port would lose trade.\n\n"
        "But an official at the South African consulate said the figures were wrong. "
        "She declined to give her name.")


def test_generic_official_is_not_a_person_sharing_one_word() -> None:
    found = _by_content(TEXT)
    names = found["the figures were wrong"]
    assert "laura stein" not in names and "stein" not in names


def test_she_after_a_singular_anonymous_speaker() -> None:
    found = _by_content(TEXT)
    names = found["to give her name"]
    assert "laura stein" not in names and "stein" not in names
    assert any("official" in n for n in names)


def _sources(text: str) -> list[str]:
    return [s.source for s in analyze_text(text).statements]


def test_role_held_in_a_body_is_named_body_first() -> None:
    assert _sources("A spokesman for the regional water board said the reservoir was full.") == ["regional water board spokesman"]
    assert _sources("An official at the Chilean embassy in Madrid said the visas were ready.") == ["Chilean embassy official"]


def test_role_held_for_a_person_is_possessive() -> None:
    assert _sources("A spokeswoman for the governor said the veto was final.") == ["governor's spokeswoman"]


def test_modified_role_keeps_the_writers_words() -> None:
    assert _sources("A senior official at the treasury said the bonds would be sold.") != ["treasury official"]


def test_singular_description_is_not_an_irregular_plural_group() -> None:
    text = "Men claiming to be members of the gang posted a video on Monday. The man in the mask then says the hostages will be freed."
    analysis = analyze_text(text)
    said = [s for s in analysis.statements if words(text, s.content_span) == "the hostages will be freed"]
    assert said and said[0].source != "Men"
