"""An outlet that reports someone's act (a confirmation, a demand) states that the act happened: it
keeps its statement over the whole clause, and the inner statement is kept as well. An outlet that
only passes words on ("the paper reported that police said C") is still folded into the chain.
Passages written for these tests."""
from __future__ import annotations

from claimwatch import analyze_text


def _pairs(text: str) -> list[tuple[str, str, str]]:
    return [(s.source, text[slice(*s.content_span)], s.stance) for s in analyze_text(text).statements]


def test_outlet_reporting_a_confirmation_keeps_its_statement() -> None:
    text = "According to the Valley Herald, two engineers confirmed that the reservoir was drained early."
    found = _pairs(text)
    assert ("Valley Herald", "two engineers confirmed that the reservoir was drained early", "asserts") in found, found
    assert any(src == "two engineers" and stance == "supports" for src, _, stance in found), found


def test_outlet_reporting_a_demand_after_the_clause_keeps_its_statement() -> None:
    text = "Angry farmers are demanding to know why the dam gates were opened, reported the Valley Herald."
    found = _pairs(text)
    assert any(src == "Valley Herald" and content.startswith("Angry farmers are demanding") for src, content, _ in found), found
    assert any(src == "Angry farmers" for src, _, _ in found), found


def test_outlet_passing_on_a_plain_saying_is_still_folded() -> None:
    text = "The Valley Herald reported that the mayor said the dam gates were opened early."
    found = _pairs(text)
    assert [src for src, _, _ in found] == ["mayor"], found


def test_outlet_reporting_an_act_founds_no_claim_of_its_own() -> None:
    text = "Angry farmers are demanding to know why the dam gates were opened, reported the Valley Herald."
    outlet = [s for s in analyze_text(text).statements if s.source == "Valley Herald"]
    assert outlet and outlet[0].claims == (), outlet
