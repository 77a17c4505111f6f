"""A verb that rejects something said only figuratively ("shot down the rumours", "brushed off the
criticism") is the literal act when its object is nothing said: "shot down two drones" is no denial,
neither as a cue nor as the head of what someone said. Passages written for these tests."""
from __future__ import annotations

import pytest

from claimwatch import analyze_text


@pytest.mark.parametrize("text", [
    "Air defence units shot down two drones over the port on Tuesday.",
    "The gunners knocked down a surveillance balloon near the coast.",
])
def test_a_literal_act_is_no_statement(text: str) -> None:
    assert analyze_text(text).statements == ()


@pytest.mark.parametrize("text", [
    "The navy said it shot down two drones over the port on Tuesday.",
    "Rebel commanders said they had shot down a transport helicopter.",
])
def test_reporting_a_literal_act_asserts_it(text: str) -> None:
    assert [s.stance for s in analyze_text(text).statements] == ["asserts"]


@pytest.mark.parametrize("text", [
    "The minister shot down the rumours of a cabinet split on Tuesday.",
    "The coach brushed off the criticism after the match.",
    "The mayor laughed off suggestions that she would resign.",
])
def test_rejecting_something_said_figuratively_still_denies(text: str) -> None:
    assert [s.stance for s in analyze_text(text).statements] == ["denies"]
