"""Speaker labels (issue 17): a headline or a transcript turn that opens with who speaks and a colon gives
the rest of its paragraph to that speaker; layout labels ("UPDATE:", "Q:") and a colon inside a sentence
name nobody. Each text is written for these tests."""
from __future__ import annotations

import pytest

LABELLED = [
    ("Mayor Diaz: Ferry fares will not rise this year.\n\nThe council meets on Friday.",
     [("Diaz", "Ferry fares will not rise this year")]),
    ('"HARTLEY: We handed the letter to the clerk before noon.\n\n"OKAFOR: Your office kept it for a week.\n\n',
     [("HARTLEY", "We handed the letter to the clerk before noon"), ("OKAFOR", "Your office kept it for a week")]),
]


@pytest.mark.parametrize("text, expected", LABELLED)
def test_speaker_labels_give_the_paragraph_to_the_speaker(analyse, text: str, expected: list) -> None:
    analysis = analyse(text)
    found = [(s.source, text[slice(*s.content_span)]) for s in analysis.statements if text[slice(*s.cue_span)] == ":"]
    assert [(src.split()[-1], content) for src, content in found] == expected


def test_speaker_labels_keep_a_cue_inside_the_paragraph(analyse) -> None:
    text = "Senator Okafor: The clerk said the letter was lost in the post.\n\nMore follows."
    cues = sorted(text[slice(*s.cue_span)] for s in analyse(text).statements)
    assert cues == [":", "said"]


NOT_LABELS = [
    "UPDATE: The ferry will run on Sunday after all.\n\nMore follows.",
    "Q: Will the ferry run on Sunday after all?\n\nMore follows.",
    "Then came the punch line: the ferry will never sail again.\n\nMore follows.",
    "Photos: the new ferry at the harbour wall this morning.\n\nMore follows.",
]


@pytest.mark.parametrize("text", NOT_LABELS)
def test_speaker_labels_layout_labels_and_inner_colons_name_nobody(analyse, text: str) -> None:
    assert [s for s in analyse(text).statements if text[slice(*s.cue_span)] == ":"] == []
