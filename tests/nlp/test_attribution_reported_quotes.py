"""A quote that fills its own paragraph right after a reported statement goes on with that speaker.

'X said the plan was late.\n\n"Q."' — the speaker continues in their own words with no cue of their
own. Not when the reported cue sits inside a quote, when the paragraph before ends without a full
stop (a caption or headline), or when a short credit line under the quote names its own speaker.
Passages written for these tests.
"""
from __future__ import annotations

from claimwatch import analyze_text
from test_attribution_patterns import source_names, words


def _quoted(text: str) -> dict[str, set[str]]:
    analysis = analyze_text(text)
    return {words(text, s.content_span): source_names(analysis, s) for s in analysis.statements}


def test_quote_after_reported_statement_keeps_its_speaker() -> None:
    text = ("The harbour will reopen next month.\n\n"
            "Harbour master Olivia Brandt said the repairs to the outer wall were finished.\n\n"
            '"We expect the first ferries to dock again before the holidays."\n\n'
            "Fishermen have waited since March.")
    found = _quoted(text)
    assert "olivia brandt" in found["We expect the first ferries to dock again before the holidays."]


def test_credit_line_under_the_quote_is_not_overridden() -> None:
    text = ("Mayor Tom Ellis said the budget would be balanced.\n\n"
            '"Every district will have to give up one project this year."\n'
            "Karen Holt, city treasurer\n"
            "Holt said the cuts were painful.")
    found = _quoted(text)
    names = found.get("Every district will have to give up one project this year.", set())
    assert "tom ellis" not in names and "ellis" not in names


def test_caption_without_full_stop_gives_no_owner() -> None:
    text = ("Some residents said the noise was unbearable while others say it is the price of a busy port\n\n"
            '"We measured the sound levels twice and they were well under the limit."\n\n'
            "The port authority has not commented.")
    found = _quoted(text)
    names = found.get("We measured the sound levels twice and they were well under the limit.", set())
    assert "residents" not in " ".join(names) and "others" not in " ".join(names)


def test_cue_inside_a_quote_owns_no_next_paragraph() -> None:
    text = ('Engineer Paul Mertens said: "Then we realised the bridge had been closed for a week."\n\n'
            '"Nobody had told the drivers about it, and the detour signs were missing."')
    analysis = analyze_text(text)
    for s in analysis.statements:
        if words(text, s.content_span).startswith("Nobody had told"):
            assert "paul mertens" in source_names(analysis, s) or "mertens" in source_names(analysis, s)
