"""Reactions on condition that a claim hold, checks of "it", and verdicts on "it" (issue 16,
"References to claims resolve"): "if authentic, we are horrified by the killing of X" bears
uncommitted on the claim it reacts to and founds no claim of its own; "working to determine its
authenticity" and "could not verify it" bear uncommitted on what the exhibit was told to show; "it was
staged" after a video bears on what the video shows, not on the detail told just before. Each
passage is written for these tests."""
from __future__ import annotations

import pytest

from support import statement_about

LEAD = ("An armed group posted a recording on Sunday that it said showed the execution of a captured "
        "pilot, Omar Diallo. ")


def _founded_by(analysis, statement) -> list[str]:
    """The texts of claims only this statement bears on (what it founded)."""
    others = {c for s in analysis.statements if s is not statement for c in s.claims}
    return [c.text for c in analysis.claims if c.id in statement.claims and c.id not in others]


@pytest.mark.parametrize("reaction, phrase", [
    ('"If authentic, we are horrified by the cruel killing of a defenceless pilot," a defence ministry '
     'spokesman said.', "we are horrified"),
    ('Senator Mara Tully said: "If confirmed, this savage act sickens every decent person."', "savage act"),
    ('"If the recording is verified, it is simply unthinkable," the pilot\'s commander said.', "unthinkable"),
    ('"Should the reports prove accurate, we condemn this cowardly crime," the air force said.', "cowardly crime"),
    ('"If true, this would be a grave violation of the truce," a United Nations envoy said.', "grave violation"),
])
def test_conditional_reaction_bears_uncommitted_and_founds_no_claim(analyse, reaction, phrase):
    analysis = analyse(LEAD + reaction)
    told, reacting = statement_about(analysis, "showed the execution"), statement_about(analysis, phrase)
    assert reacting.stance == "uncommitted"
    assert reacting.claims and set(reacting.claims) <= set(told.claims)
    assert _founded_by(analysis, reacting) == []


def test_conditional_reaction_prefers_the_event_it_presupposes(analyse):
    analysis = analyse(
        "An armed group said it had shot down a transport plane over the hills. "
        "The group also said it had executed a captured pilot, Omar Diallo, on Sunday. "
        "Its commander said the group had seized three villages. "
        '"If genuine, we are appalled by the brutal execution of an unarmed pilot," a ministry spokesman said.')
    executed, reacting = statement_about(analysis, "executed a captured pilot"), statement_about(analysis, "appalled")
    assert reacting.claims and set(reacting.claims) <= set(executed.claims)


@pytest.mark.parametrize("text", [
    "If confirmed by the Senate, she would be the first woman to run the agency, her supporters said.",
    "The minister said that if the budget is approved, the hospital will open in May.",
])
def test_a_condition_that_is_no_check_of_a_claim_keeps_its_own_claim(analyse, text):
    analysis = analyse(text)
    assert any(s.claims for s in analysis.statements)


@pytest.mark.parametrize("check, phrase", [
    ("The foreign ministry said officials were working to determine its authenticity.", "its authenticity"),
    ("A ministry spokeswoman said analysts were studying the recording to determine whether it was genuine.",
     "whether it was genuine"),
    ("The army said it could not independently verify it.", "verify it"),
    ("The ministry said it had not yet confirmed the authenticity of the recording.", "authenticity of the"),
])
def test_a_reported_check_of_a_pronoun_bears_on_what_the_exhibit_shows(analyse, check, phrase):
    analysis = analyse(LEAD + "The group said the pilot had bombed a market. " + check)
    shown, checking = statement_about(analysis, "showed the execution"), statement_about(analysis, phrase)
    assert checking.stance == "uncommitted"
    assert checking.claims and set(checking.claims) <= set(shown.claims)
    assert _founded_by(analysis, checking) == []


@pytest.mark.parametrize("verdict", [
    "Independent analysts said it was staged.",
    "Independent analysts said it was just a stunt to win recruits.",
])
def test_a_verdict_on_a_pronoun_bears_on_what_the_exhibit_shows_not_the_latest_detail(analyse, verdict):
    analysis = analyse(LEAD + "The group said the pilot had been captured near the border in May. " + verdict)
    shown, detail = statement_about(analysis, "showed the execution"), statement_about(analysis, "near the border")
    judged = statement_about(analysis, "it was")
    assert judged.stance in ("denies", "disputes")
    assert judged.claims and set(judged.claims) <= set(shown.claims)
    assert not set(judged.claims) & set(detail.claims)


def test_a_suggested_verdict_stays_a_dispute(analyse):
    analysis = analyse(LEAD + "Some observers suggested the recording was a hoax.")
    assert statement_about(analysis, "was a hoax").stance == "disputes"


def test_a_passive_that_tells_where_is_no_verdict(analyse):
    analysis = analyse("Organisers said the protest was staged outside the parliament on Friday.")
    statement = statement_about(analysis, "staged outside")
    assert statement.stance == "asserts" and statement.claims


def test_a_pronoun_after_an_exhibit_stands_for_what_it_shows_not_the_latest_claim(analyse):
    analysis = analyse(
        "A hiking club posted footage on Monday that it said showed a large black cat on the moor. "
        "The club said the animal had been seen twice before in the area. Rangers called it a publicity exercise.")
    shown, detail = statement_about(analysis, "large black cat"), statement_about(analysis, "seen twice")
    called = statement_about(analysis, "publicity exercise")
    assert called.claims and set(called.claims) <= set(shown.claims)
    assert not set(called.claims) & set(detail.claims)


@pytest.mark.parametrize("doubt", [
    'The pilot\'s employer said there was "no reliable proof that this killing is authentic".',
    "The pilot's employer said it had found no evidence that the recording was genuine.",
])
def test_no_proof_that_a_named_claim_holds_doubts_it_and_founds_nothing(analyse, doubt):
    analysis = analyse("An armed group posted a recording on Sunday that it said showed the killing of a captured "
                       "pilot, Omar Diallo. " + doubt)
    shown, doubting = statement_about(analysis, "showed the killing"), statement_about(analysis, "that th")
    assert doubting.stance == "disputes"
    assert doubting.claims and set(doubting.claims) <= set(shown.claims)
    assert _founded_by(analysis, doubting) == []
