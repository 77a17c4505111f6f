"""Parse repairs for plain reported speech: a clause subject the parser gave to the cue ("said many
of the rooms were ..."), and a name that starts with a modal ("Will", "May") read as an auxiliary.
Passages written for these tests."""
from __future__ import annotations

from claimwatch import analyze_text
from test_attribution_patterns import source_names, words


def _statements(text: str) -> list[tuple[set[str], str]]:
    analysis = analyze_text(text)
    return [(source_names(analysis, s), words(text, s.content_span)) for s in analysis.statements]


def test_stolen_clause_subject_goes_back_to_the_content() -> None:
    text = "Will Barker, the station's weather reporter, says snow on the high roads will close two passes."
    found = _statements(text)
    assert any(any("barker" in n for n in names) and content.startswith("snow on the high roads") for names, content in found), found


def test_name_starting_with_a_modal_is_a_speaker() -> None:
    text = ("Will Hunter, the paper's Chile correspondent, says news the missing miners were not trapped in "
            "the shaft will give their families new hope.")
    found = _statements(text)
    assert any(any("hunter" in n for n in names) and content.startswith("news the missing miners") for names, content in found), found


def test_modal_question_stays_hypothetical() -> None:
    text = "Will Barker say the frost will last until Friday?"
    assert _statements(text) == []


def test_according_to_after_a_fronted_adverbial_reports_the_clause_after_it() -> None:
    text = "In 2019, according to the city's housing office, rents rose by a third."
    found = _statements(text)
    assert any(content == "rents rose by a third" for _, content in found), found
    text = "Only last month, according to the Central Hospital of the University in Tirana, 40 patients left without treatment."
    assert any(content == "40 patients left without treatment" for _, content in _statements(text))


def test_content_stops_before_with_noun_participle_of_another_speaker() -> None:
    text = "Officials said the pilot had recently become worried by the weather, with colleagues suggesting he turned back early."
    found = _statements(text)
    assert any(content == "the pilot had recently become worried by the weather" for _, content in found), found
