"""A report called premature is a denial of its matter when affirmed ("confirmed that the news of
his death was premature"); "premature" alone still hedges. Sentences written for these tests."""
from __future__ import annotations

import pytest

from claimwatch import analyze_text


def _stances(text: str) -> list[tuple[str, str, list[str]]]:
    analysis = analyze_text(text)
    claims = {c.id: c.text for c in analysis.claims}
    return [(s.source, s.stance, [claims[c] for c in s.claims]) for s in analysis.statements]


@pytest.mark.parametrize("second", [
    "Her publicist confirmed that the news of her death was premature.",
    "Her publicist said reports of her death were premature.",
])
def test_stance_premature_report_denies_the_reported_matter(second):
    found = _stances("The singer died in Lisbon on Friday, a gossip site said. " + second)
    assert found[-1][1] == "denies", found
    assert found[-1][2] == ["The singer died in Lisbon on Friday"]


@pytest.mark.parametrize("text, stance", [
    ("The fire chief said it was premature to say what caused the blaze.", "uncommitted"),
    ("Her publicist did not confirm that the news of her death was premature.", "uncommitted"),
])
def test_stance_premature_alone_still_hedges(text, stance):
    assert _stances(text)[0][1] == stance
