"""A source standing as a relative pronoun ("Maria Holm, who said ...") is resolved to its antecedent,
but its mention (source_span) is the pronoun itself, the word that is the cue's subject, as PolNeAR
marks it. Passages written for these tests."""
from __future__ import annotations

from claimwatch import analyze_text


def _sources(text: str) -> list[tuple[str, str]]:
    return [(s.source, text[s.source_span[0]:s.source_span[1]]) for s in analyze_text(text).statements if s.source_span]


def test_relative_pronoun_is_the_mention_and_the_antecedent_the_source() -> None:
    text = "The harbour plan was drawn up with Maria Holm, who said the port would need new cranes."
    assert ("Maria Holm", "who") in _sources(text)


def test_a_subject_before_its_cue_keeps_its_own_mention() -> None:
    text = "Maria Holm, who chairs the board, said the port would need new cranes."
    assert _sources(text) == [("Maria Holm", "Maria Holm")]
