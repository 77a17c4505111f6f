"""Status rules on who vouches for a claim (issue 16, point 4), with made-up statements: eyewitnesses
corroborate, an authority in charge confirms, an independent dispute contests, a rejection by those
with direct knowledge denies, and relays of one source add no independence."""
from __future__ import annotations

import dataclasses

import pytest

from claimwatch.errors import LexiconError
from claimwatch.ledger.status import (Fact, load_rules, one_side_per_utterance, parse_rules, same_utterance, side_key,
                                      timeline, utterance_key)
from claimwatch.lexicons import load_yaml
from support import ledger_answer, scripted_article


FIRST_STATUS = "SELECT status FROM ledger_claims ORDER BY id LIMIT 1"


def fact(n: int, source: str, side, stance: str = "asserts", standing: str = "", **more) -> Fact:
    return Fact(statement_pk=n, date=f"2031-05-{n:02d}", source=source, side=side, stance=stance,
                source_key=f"outlet{n}", article_id=f"art{n}", standing=standing, **more)


# --- independent eyewitnesses -> corroborated ------------------------------------------------

def test_status_independence_two_named_eyewitnesses_corroborate():
    # "I saw the tram leave the rails," said Ona Prell; "it tipped onto the platform," said Idris Vale
    rows = [fact(1, "Ona Prell", "Ona Prell"), fact(2, "Idris Vale", "Idris Vale")]
    result = timeline(rows)
    assert result.status == "corroborated"
    assert "Ona Prell" in result.reason and "Idris Vale" in result.reason
    assert set(result.reason_statements) == {1, 2}


def test_status_independence_unnamed_eyewitnesses_in_two_reports_corroborate():
    # "a witness told the Lantern the tram left the rails"; "eyewitnesses said it tipped onto the platform"
    rules = load_rules()
    assert rules.standing("one witness") == "witness" and rules.standing("eyewitnesses") == "witness"
    rows = [fact(1, "one witness", None, standing="witness"), fact(2, "eyewitnesses", None, standing="witness")]
    assert timeline(rows).status == "corroborated"


def test_status_independence_unnamed_officials_in_two_reports_only_allege():
    rows = [fact(1, "officials", None, standing="unnamed"), fact(2, "a source", None, standing="unnamed")]
    assert timeline(rows).status == "alleged"


def test_status_independence_witnesses_who_only_claim_to_have_seen_it_do_not_corroborate():
    # "residents claimed to have seen the creature" (distanced by the writer)
    rows = [fact(1, "one witness", None, standing="witness"),
            fact(2, "witnesses", None, standing="witness", distanced=True)]
    assert timeline(rows).status == "alleged"


def test_status_independence_a_hedged_eyewitness_does_not_corroborate():
    # "I think it may have been a tram," said a second passerby
    rows = [fact(1, "Ona Prell", "Ona Prell"), fact(2, "Idris Vale", "Idris Vale", certainty="possible")]
    assert timeline(rows).status == "alleged"


# --- an authority with first-hand responsibility confirming -> confirmed ----------------------

def test_status_independence_police_confirming_confirm():
    # Lakeport police "confirmed the collision at the depot" (a confirmation, stance supports)
    rows = [fact(1, "a commuter", None, standing="unnamed"),
            fact(2, "Lakeport police", "Lakeport", "supports", standing="authority", act="confirm")]
    result = timeline(rows)
    assert result.status == "confirmed"
    assert result.reason.startswith("confirmed by Lakeport") and result.reason_statements == (2,)


# --- a confirmation is the speaker's own knowledge, an echo is not -----------------------------

def test_status_independence_a_third_party_confirmation_counts_as_an_assertion():
    # "the regional hospital confirmed it had treated eleven passengers"
    rows = [fact(1, "Ona Prell", "Ona Prell"),
            fact(2, "Saint Avel hospital", "Saint Avel hospital", "supports", act="confirm")]
    assert timeline(rows).status == "corroborated"


def test_status_independence_an_echo_counts_half():
    # "the opposition party backed the passengers' account"
    rows = [fact(1, "Ona Prell", "Ona Prell"),
            fact(2, "the Green Alliance", "Green Alliance", "supports", act="echo")]
    assert timeline(rows).status == "alleged"


# --- a dispute by an independent party -> contested ------------------------------------------

def test_status_independence_an_independent_dispute_contests():
    # a rail engineers' union "said there was no sign the brakes had failed"
    rows = [fact(1, "Ona Prell", "Ona Prell"),
            fact(2, "the rail engineers' union", "Rail Engineers Union", "disputes")]
    result = timeline(rows)
    assert result.status == "contested"
    assert "Rail Engineers Union" in result.reason and "Ona Prell" in result.reason
    assert set(result.reason_statements) == {1, 2}


# --- a rejection by those with direct knowledge -> denied -------------------------------------

def test_status_independence_a_rejection_by_the_party_concerned_denies():
    # a tabloid says the Marrow Bay council sold the harbour; the council calls that untrue
    rows = [fact(1, "the Coastal Courier", "Coastal Courier", standing="media"),
            fact(2, "Marrow Bay council", "Marrow Bay council", "denies")]
    result = timeline(rows, agent="Marrow Bay council")
    assert result.status == "denied"
    assert result.reason.startswith("rejected by Marrow Bay council") and result.reason_statements == (2,)


def test_status_independence_a_rejection_by_the_police_denies():
    rows = [fact(1, "posts on social media", None, standing="unnamed"),
            fact(2, "Lakeport police", "Lakeport", "denies", standing="authority")]
    assert timeline(rows).status == "denied"


def test_status_independence_an_appeal_takes_no_position():
    # "police urged those responsible to come forward": asks for something, confirms nothing
    rows = [fact(1, "a shopkeeper", None, standing="unnamed"),
            fact(2, "Lakeport police", "Lakeport", standing="authority", act="appeal")]
    result = timeline(rows)
    assert result.status == "alleged"
    assert result.reason_statements == (1,)


def test_status_independence_two_authorities_of_one_state_are_two_sides():
    # "the regional prosecutor said the remains are those of the missing hikers"; later "the national
    # attorney general said tests show they are not": a dispute between authorities, not a confirmation
    rows = [fact(1, "regional prosecutor Ana Ruiz", "Ruritania", standing="authority"),
            fact(2, "Ruritania's attorney general", "Ruritania", "denies", standing="authority")]
    assert timeline(rows).status == "contested"


def test_status_independence_a_later_cannot_confirm_does_not_undo_another_authority():
    # Lakeport police confirmed the collision; a day later the national rail inspectorate "could not confirm"
    rows = [fact(1, "Lakeport police", "Ruritania", "supports", standing="authority", act="confirm"),
            fact(2, "the national rail inspector", "Ruritania", "uncommitted", standing="authority",
                 certainty="uncertain")]
    assert timeline(rows).status == "confirmed"


def test_status_independence_a_state_is_one_side_on_what_it_is_said_to_have_done():
    # the agent's own ministries: one party concerned, whose latest word stands
    rows = [fact(1, "the Harbour Herald", "Harbour Herald", standing="media"),
            fact(2, "Ruritania's defence ministry", "Ruritania", "denies", standing="authority"),
            fact(3, "Ruritania's interior ministry", "Ruritania", standing="authority")]
    result = timeline(rows, agent="Ruritania")
    assert len({k for k in result.roles if k.startswith("Ruritania")}) == 1


# --- relays of one source are not independent -------------------------------------------------

def test_status_independence_a_reportedly_does_not_corroborate():
    # "the star is reportedly leaving the club" (distanced): it relays the first report, it does not vouch
    rows = [fact(1, "the Evening Lantern", "Evening Lantern", standing="media"),
            fact(2, "the Harbour Herald", "Harbour Herald", standing="media", distanced=True)]
    result = timeline(rows)
    assert result.status == "alleged"
    assert result.counters["third_for"] < 1


def test_status_independence_unconfirmed_reports_do_not_corroborate():
    # "according to several unconfirmed reports, ..."
    rows = [fact(1, "the Evening Lantern", "Evening Lantern", standing="media"),
            fact(2, "several unconfirmed reports", "several unconfirmed reports", standing="media")]
    assert timeline(rows).status == "alleged"


@pytest.mark.parametrize("source", ["a phony report", "the hoaxer", "a satirical website", "fake news sites"])
def test_status_independence_a_source_the_writer_calls_false_does_not_corroborate(source):
    # "the singer died on Friday, a phony report claimed"; a second outlet repeating it on its own word
    rows = [fact(1, "the Evening Lantern", "Evening Lantern", standing="media"), fact(2, source, source)]
    result = timeline(rows)
    assert result.status == "alleged"
    assert result.counters["third_for"] == 0


def test_status_independence_a_source_named_for_a_real_report_still_counts():
    # "a report by the city's auditor found the bridge unsafe": nothing says the report is false
    rows = [fact(1, "the Evening Lantern", "Evening Lantern", standing="media"),
            fact(2, "a report by the city auditor", "city auditor")]
    assert timeline(rows).status == "corroborated"


def test_status_independence_one_unnamed_source_relayed_by_two_outlets_is_one_side():
    # "a club official told the Lantern ..." and "a club official told the Herald ..."
    rows = [fact(1, "club official", None, standing="unnamed", via=("Evening Lantern",)),
            fact(2, "a club official", None, standing="unnamed", via=("Harbour Herald",))]
    result = timeline(rows)
    assert result.status == "alleged" and len(result.roles) == 1


def test_status_independence_the_same_outlet_on_its_own_word_still_counts():
    # an outlet reporting on its own authority, unhedged, is an independent third side
    rows = [fact(1, "the Evening Lantern", "Evening Lantern", standing="media"),
            fact(2, "the Harbour Herald", "Harbour Herald", standing="media")]
    assert timeline(rows).status == "corroborated"


# --- standing words and the settings ----------------------------------------------------------

@pytest.mark.parametrize(("source", "role", "expected"), [
    ("a representative of the ferry company", None, ""),
    ("Rep. Dana Colfax", None, "political"),
    ("Dana Colfax", "state representative", "political"),
])
def test_status_independence_a_company_representative_is_no_politician(source, role, expected):
    assert load_rules().standing(source, role) == expected


def test_status_independence_relay_weight_is_data():
    rows = [fact(1, "the Evening Lantern", "Evening Lantern", standing="media"),
            fact(2, "the Harbour Herald", "Harbour Herald", standing="media", distanced=True)]
    lenient = dataclasses.replace(load_rules(), distanced_factor=1.0)
    assert timeline(rows, rules=lenient).status == "corroborated"


def test_status_independence_settings_are_checked():
    data = load_yaml("status_rules.yaml")
    for key, bad in (("act_weight", ["confirm"]), ("unconfirmed_words", "unconfirmed"), ("distanced_factor", 3),
                     ("discredited_words", "hoax"), ("discredited_factor", -1), ("positionless_acts", "appeal")):
        with pytest.raises(LexiconError, match=key):
            parse_rules({**data, key: bad})


def test_status_independence_nobody_on_the_record_names_who_is_verifying():
    rows = [fact(1, "Lakeport police", "Lakeport", "uncommitted", standing="authority", certainty="uncertain"),
            fact(2, "the ferry company", "Ferry company", "uncommitted", certainty="uncertain")]
    result = timeline(rows)
    assert result.status == "alleged"
    assert result.reason.startswith("nobody asserts it on the record")
    assert "Lakeport" in result.reason and "Ferry company" in result.reason
    assert set(result.reason_statements) == {1, 2}


# --- one quotation, lightly edited from copy to copy, is one source -----------------------------

SAYING = "The keepers in the valley say that the old lighthouse is now too far gone to be saved and that nobody will pay"


def test_status_independence_an_edited_copy_of_a_quotation_is_the_same_source():
    edited = SAYING.replace("the old lighthouse is now", "it is")  # a pronoun for the name, a word dropped
    rows = [fact(1, "one harbour historian", None, standing="unnamed", utterance=utterance_key(SAYING)),
            fact(2, "sources", None, standing="unnamed", utterance=utterance_key(edited)),
            fact(3, "Pia Stroud", "Pia Stroud", utterance=utterance_key(SAYING))]
    merged = one_side_per_utterance(rows)
    assert len({side_key(f) for f in merged}) == 1
    assert timeline(merged).status == "alleged"


def test_status_independence_two_different_long_sayings_stay_apart():
    other = "The ferry company said on Monday that its timetable would return to normal once the storm had passed"
    assert not same_utterance(utterance_key(SAYING), utterance_key(other), 0.7)
    assert same_utterance(utterance_key(SAYING), utterance_key(SAYING + " for it"), 0.7)


# --- end to end: the ledger hands the status rules each statement's act and distance -----------

def _two_reports(second: dict) -> str:
    actors = {"Harbour Gazette": ("organization", ""), "Valley Courier": ("organization", "")}
    claim = "the Port Ellery ferry terminal would close for a year"
    first = scripted_article("2031-06-01T08:00:00+00:00", "Harbour Gazette",
                             [("Harbour Gazette", "reported", claim, "asserts", claim, None, None)], actors)
    other = scripted_article("2031-06-02T08:00:00+00:00", "Valley Courier",
                             [("Valley Courier", "reported", claim, "asserts", claim, None, None)], actors)
    other = dataclasses.replace(other, statements=(other.statements[0].with_(**second),))
    return ledger_answer([first, other], FIRST_STATUS)


@pytest.mark.parametrize(("second", "expected"), [
    ({}, "corroborated"),  # a second outlet on its own word
    ({"distanced": True}, "alleged"),  # "the terminal would reportedly close": it relays the first report
    ({"stance": "supports", "act": "echo"}, "alleged"),  # "backed the report": an echo counts half
    ({"stance": "supports", "act": "confirm"}, "corroborated"),  # "confirmed the report": its own knowledge
])
def test_status_independence_the_ledger_reads_act_and_distance(second, expected):
    assert _two_reports(second) == expected


# --- private people speak for themselves, not for the place that describes them ---------------

def _resident_reports(source: str, affiliation: str) -> str:
    actors = {"Harbour Gazette": ("organization", ""), source: ("group", affiliation)}
    claim = "the Port Ellery ferry terminal would close for a year"
    first = scripted_article("2031-06-01T08:00:00+00:00", "Harbour Gazette",
                             [("Harbour Gazette", "reported", claim, "asserts", claim, None, None)], actors)
    other = scripted_article("2031-06-02T08:00:00+00:00", "Valley Courier",
                             [(source, "said", claim, "asserts", claim, None, None)], actors)
    return ledger_answer([first, other], FIRST_STATUS)


def test_status_independence_residents_of_a_town_are_an_unnamed_side_not_the_town():
    # "residents of Port Ellery said the terminal would close": one unnamed source, counted half
    assert _resident_reports("residents of Port Ellery", "Port Ellery") == "alleged"


def test_status_independence_a_town_council_still_speaks_for_its_town():
    # "the Port Ellery council said ...": a body that speaks for the place, counted whole
    assert _resident_reports("Port Ellery council", "Port Ellery") == "corroborated"
