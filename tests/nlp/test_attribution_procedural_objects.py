"""A rejecting verb that acts on a case or a person makes no statement ("prosecutors dismissed 300
cases"); on a claim, or with an "as" phrase, it still does. A quote that goes on unclosed to the end
of its paragraph continues the quoted speaker before it. Passages written for these tests."""
from __future__ import annotations

import pytest

from claimwatch import analyze_text
from test_attribution_patterns import source_names, words


@pytest.mark.parametrize("text", [
    "Prosecutors in the county have dismissed 300 traffic cases since May.",
    "The judge threw out the lawsuit on Friday.",
    "The consulate denied him a visa last year.",
    "The club dismissed its coach after the defeat.",
])
def test_acting_on_a_case_or_person_is_no_statement(text: str) -> None:
    assert analyze_text(text).statements == ()


@pytest.mark.parametrize("text, stance", [
    ("The minister denied the charges against him.", "denies"),
    ("The company dismissed the lawsuit as frivolous.", "denies"),
    ("The embassy rejected the reports.", "denies"),
])
def test_rejecting_a_claim_is_still_a_statement(text: str, stance: str) -> None:
    assert [s.stance for s in analyze_text(text).statements] == [stance]


def _speakers_by_content(text: str) -> dict[str, set[str]]:
    """Each statement's content words -> the names of its sources."""
    analysis = analyze_text(text)
    return {words(text, s.content_span): source_names(analysis, s) for s in analysis.statements}


def test_unclosed_quote_paragraph_continues_the_speaker() -> None:
    text = ('"The shop opens at six and closes late, so we see a lot of people. Nobody noticed him at first," '
            "said baker Tomas Ruiz.\n\n"
            '"After a week I started to recognise his coat. Then I realised he had been sitting there every day.\n\n'
            '"When we asked him if he needed help, he smiled and ordered another coffee."')
    found = _speakers_by_content(text)
    para = "After a week I started to recognise his coat. Then I realised he had been sitting there every day."
    assert "tomas ruiz" in found.get(para, set())
    assert not any("unnamed" in names for names in found.values())


@pytest.mark.parametrize("text, content", [
    ("Some have suggested the video was a stunt to attract tourists while others are convinced it is real.",
     "the video was a stunt to attract tourists"),
    ("He said the economy grew while unemployment fell.", "the economy grew while unemployment fell"),
])
def test_content_stops_where_another_party_takes_over(text: str, content: str) -> None:
    assert content in {words(text, s.content_span) for s in analyze_text(text).statements}


def test_lower_case_quotation_continues_the_clause() -> None:
    text = ("The mayor took an interest in the vote in September, when officials claimed he felt a new stadium "
            "\u201cwould be a very positive thing\u201d.")
    contents = {words(text, s.content_span) for s in analyze_text(text).statements}
    assert "he felt a new stadium \u201cwould be a very positive thing\u201d" in contents


def test_unclosed_quote_after_a_reported_statement_keeps_its_speaker() -> None:
    text = ("Inspector Marta Vuk visited the school on Monday.\n\n"
            "Teachers and parents, she said, should play a bigger role in road safety.\n\n"
            "\u201cIt is clear that children do not know enough about the risks of the road.\n\n"
            "\u201cWe have to teach them before the street does.\u201d")
    found = _speakers_by_content(text)
    para = "It is clear that children do not know enough about the risks of the road."
    assert "marta vuk" in found.get(para, set())


@pytest.mark.parametrize("text, name", [
    ("A post on Boston.com, the Globe's free site, claimed the chef had quit.", "Boston.com"),
])
def test_a_domain_name_is_an_outlet_name_not_a_link(text: str, name: str) -> None:
    assert any(name in a.name for a in analyze_text(text).actors)


def test_quotes_paired_across_styles_credit_no_continuation() -> None:
    text = ('The coach said on Monday that he was taking a break.\n\n'
            '"These claims are completely false,\'\' said his agent, Mark Stone, in a statement. "We will sue."')
    for s in analyze_text(text).statements:
        if words(text, s.content_span).startswith("These claims"):
            assert s.source != "coach"
