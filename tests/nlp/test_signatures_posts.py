"""Statements credited by a signature: an embedded post ("text— Name (@handle) date") and a pull
quote with a credit line under it. Passages written for these tests."""
from __future__ import annotations

import pytest

from claimwatch import analyze_text
from test_attribution_patterns import source_names, words


def _by_content(text: str) -> dict[str, set[str]]:
    analysis = analyze_text(text)
    return {words(text, s.content_span): source_names(analysis, s) for s in analysis.statements}


@pytest.mark.parametrize("text, content, speaker", [
    ("Flooding closed the valley road on Monday.\n\n"
     "Water is now over the bridge near the old mill— Mary Jones (@maryjonesMP) October 3, 2015\n\n"
     "The council met later.",
     "Water is now over the bridge near the old mill", "mary jones"),
    ("Crowds gathered outside the stadium.\n\n"
     "Fans locked out of final after gates shut early: http://t.co/AbC123 pic.twitter.com/XyZ987 "
     "— Evening Planet (@EvePlanet) May 4, 2016\n\n"
     "Police said the gates were closed for safety.",
     "Fans locked out of final after gates shut early", "evening planet"),
])
def test_embedded_post_is_credited_to_its_signature(text: str, content: str, speaker: str) -> None:
    assert speaker in _by_content(text).get(content, set())


def test_repost_speaks_for_the_account_it_reposts() -> None:
    text = ("A fire broke out at the depot.\n\n"
            "RT @metrodesk: LONDON: @jsmith Smoke is rising over the bus depot in Hackney— Tom Baker (@tombaker) "
            "June 2, 2016\n\nFirefighters arrived soon after.")
    found = _by_content(text)
    assert any("metrodesk" in n for n in found.get("Smoke is rising over the bus depot in Hackney", set()))


def test_pull_quote_with_credit_line_is_the_named_persons() -> None:
    text = ("The city will close two libraries next year.\n\n"
            '"We cannot keep every branch open when the budget has been cut by a third."\n'
            "Mayor Sarah Collins\n"
            "Collins said the decision was painful.")
    found = _by_content(text)
    assert "sarah collins" in found["We cannot keep every branch open when the budget has been cut by a third."]


def test_long_line_after_a_quote_is_no_credit() -> None:
    text = ("The city will close two libraries next year.\n\n"
            '"We cannot keep every branch open when the budget has been cut by a third."\n'
            "Residents of the east side, led by teacher Anna Weiss, marched to the town hall on Friday.")
    names = _by_content(text).get("We cannot keep every branch open when the budget has been cut by a third.", set())
    assert "anna weiss" not in names


def test_first_person_quote_after_narration_is_the_narrated_persons() -> None:
    text = ("After a week Anna Berg decided she had had enough when reporters turned up.\n\n"
            '"I decided the best thing to do would be to leave the city and go home.\n\n'
            '"And I was getting tired of the food anyway."\n\nShe left on Sunday.')
    found = _by_content(text)
    assert "anna berg" in found["I decided the best thing to do would be to leave the city and go home."]
    assert "anna berg" in found["And I was getting tired of the food anyway."]


def test_third_person_quote_after_narration_has_no_speaker() -> None:
    text = ("Anna Berg walked into the station on Monday.\n\n"
            '"The trains have been late all week and nobody explains why."\n\nShe left on Sunday.')
    assert "The trains have been late all week and nobody explains why." not in _by_content(text)


@pytest.mark.parametrize("dash", ["\u2015", "\u2014", " --"])
def test_a_quote_paragraph_credited_after_a_dash_is_the_credited_persons(dash: str) -> None:
    text = ("Readers sent us their views after the debate.\n\n"
            f"\u201cThe plan will ruin small farms across the valley and nobody in the capital cares.\u201d{dash} Maria Gonzalez, farmer\n"
            f"\u201cI have never seen a council so eager to ignore its own voters.\u201d{dash} Peter Lang\n")
    found = {(s.source, text[slice(*s.content_span)]) for s in analyze_text(text).statements}
    assert ("Maria Gonzalez", "The plan will ruin small farms across the valley and nobody in the capital cares.") in found
    assert ("Peter Lang", "I have never seen a council so eager to ignore its own voters.") in found


def test_a_dash_inside_a_paragraph_credits_nobody() -> None:
    text = "The mayor spoke first.\n\nHe called it \u201ca plan for everyone\u201d \u2014 Maria Gonzalez disagreed later.\n"
    assert not any(s.source == "Maria Gonzalez" and s.cue_span[1] - s.cue_span[0] == 1
                   for s in analyze_text(text).statements)
