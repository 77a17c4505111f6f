"""Status rules by kind (issue 16, point 4), with made-up statements: who may confirm, what a reason names."""
from __future__ import annotations

import dataclasses

from claimwatch.ledger.status import Fact, load_rules, timeline


def fact(n: int, source: str, side, stance: str = "asserts", standing: str = "", **more) -> Fact:
    return Fact(statement_pk=n, date=f"2031-03-{n:02d}", source=source, side=side, stance=stance,
                source_key=f"outlet{n}", article_id=f"art{n}", standing=standing, **more)


def test_status_kinds_named_police_confirm_a_local_matter():
    rows = [fact(1, "witnesses", None, standing="unnamed"),
            fact(2, "Harbourtown police", "Harbourtown", standing="authority")]
    result = timeline(rows)
    assert result.status == "confirmed"
    assert result.reason.startswith("confirmed by Harbourtown")


def test_status_kinds_a_described_institution_confirms_on_the_record():
    rows = [fact(1, "anglers", None, standing="unnamed"),
            fact(2, "the regional water authority", None, standing="authority")]
    assert load_rules().standing("the regional water authority") == "authority"
    assert timeline(rows).status == "confirmed"


def test_status_kinds_an_unnamed_police_source_corroborates_but_does_not_confirm():
    rows = [fact(1, "a local radio station", "Radio Lakeside", standing="media"),
            fact(2, "a police source", None, standing="authority")]
    result = timeline(rows)
    assert result.status != "confirmed"
    assert result.counters["authority_for"] == 0


def test_status_kinds_unnamed_officials_rejecting_do_not_make_it_denied():
    rows = [fact(1, "Mayor Quill", "Harbourtown"),
            fact(2, "an official in the prosecutor's office", None, "denies", standing="authority")]
    assert timeline(rows).status != "denied"


def test_status_kinds_rule_can_be_switched_off_as_data():
    rows = [fact(1, "a police source", None, standing="authority")]
    lenient = dataclasses.replace(load_rules(), named_authority=False)
    assert timeline(rows, rules=lenient).status == "confirmed"


def test_status_kinds_reason_names_the_admitting_party_first():
    rows = [fact(1, "Tovaria's foreign ministry", "Tovaria"),
            fact(2, "Norland's defence ministry", "Norland", "denies"),
            fact(3, "Norland's defence ministry", "Norland")]
    result = timeline(rows, agent="Norland", parties=("Tovaria",))
    assert result.status == "confirmed"
    assert result.reason == "admitted by the party concerned, Norland"
    assert result.reason_statements == (3,)


def test_status_kinds_reason_names_the_side_that_asserts_an_allegation():
    result = timeline([fact(1, "Tovaria's foreign ministry", "Tovaria")], agent="Norland")
    assert result.status == "alleged" and "Tovaria" in result.reason


def test_status_kinds_a_news_outlet_of_the_agents_country_does_not_admit_for_it():
    rows = [fact(1, "an analyst", "Brightwater Research"),
            fact(2, "The Norland Gazette", "Norland", standing="media")]
    result = timeline(rows, agent="Norland")
    assert result.status != "confirmed"
    assert result.counters["accused_admits"] == 0


def test_status_kinds_the_agents_own_spokesman_still_admits():
    rows = [fact(1, "an analyst", "Brightwater Research"),
            fact(2, "Norland's foreign ministry", "Norland", "denies"),
            fact(3, "Norland's foreign ministry", "Norland")]
    assert timeline(rows, agent="Norland").status == "confirmed"


def test_status_kinds_a_hedged_confirmation_by_police_only_corroborates():
    rows = [fact(1, "a neighbour", None, standing="unnamed"),
            fact(2, "Harbourtown police", "Harbourtown", standing="authority", certainty="probable")]
    result = timeline(rows)
    assert result.status != "confirmed"
    assert result.counters["authority_for"] == 0 and result.counters["third_for"] > 0


def test_status_kinds_a_hedged_admission_is_no_admission():
    rows = [fact(1, "Tovaria's foreign ministry", "Tovaria"),
            fact(2, "Norland's foreign ministry", "Norland", "denies"),
            fact(3, "Norland's foreign ministry", "Norland", certainty="possible")]
    assert timeline(rows, agent="Norland").status != "confirmed"


def test_status_kinds_switches_are_checked():
    import pytest

    from claimwatch.errors import LexiconError
    from claimwatch.ledger.status import parse_rules
    from claimwatch.lexicons import load_yaml

    data = load_yaml("status_rules.yaml")
    for key, bad in (("named_authority", "yes"), ("confirm_certainty", ["sure"]), ("not_parties", ["press"])):
        with pytest.raises(LexiconError, match=key):
            parse_rules({**data, key: bad})


def test_status_kinds_a_denial_is_not_undone_by_its_own_side_in_the_same_article():
    rows = [fact(1, "a regional news site", "Veltria News", standing="media"),
            Fact(statement_pk=2, date="2031-03-05", source="Norland's palace", side="Norland", stance="denies",
                 source_key="outlet5", article_id="art5"),
            Fact(statement_pk=3, date="2031-03-05", source="a Norland blogger", side="Norland", stance="asserts",
                 source_key="outlet5", article_id="art5")]
    assert timeline(rows, agent="Norland").status != "confirmed"


def test_status_kinds_an_admission_in_a_later_article_still_confirms():
    rows = [fact(1, "a regional news site", "Veltria News", standing="media"),
            fact(2, "Norland's palace", "Norland", "denies"),
            fact(3, "Norland's palace", "Norland")]
    result = timeline(rows, agent="Norland")
    assert result.status == "confirmed" and result.reason_statements == (3,)


def test_status_kinds_the_party_concerned_that_spoke_first_then_rejects_it_denies_it():
    # a watcher of Norland is taken for Norland's side and speaks first; Norland's embassy then rejects it
    rows = [fact(1, "a Norland watcher", "Norland"),
            fact(2, "Norland's embassy", "Norland", "denies")]
    result = timeline(rows, agent="Norland")
    assert result.status == "denied"
    assert result.reason.startswith("rejected by Norland")


def test_status_kinds_a_third_party_that_made_the_claim_and_withdrew_it_retracts():
    rows = [fact(1, "Tovaria's foreign ministry", "Tovaria"),
            fact(2, "Tovaria's foreign ministry", "Tovaria", "denies")]
    assert timeline(rows, agent="Norland").status == "retracted"


def test_status_kinds_a_leader_of_the_authoritys_side_does_not_confirm_as_the_authority():
    # the harbour police reject it; later the island's premier (same side, no authority) asserts it
    rows = [fact(1, "a ferry passenger", None, standing="unnamed"),
            fact(2, "Harbourtown police", "Harbourtown", "denies", standing="authority"),
            fact(3, "Premier Aldous Venn", "Harbourtown")]
    result = timeline(rows)
    assert result.status != "confirmed"
    assert result.counters["authority_for"] == 0


def test_status_kinds_a_news_outlet_of_the_denying_party_does_not_turn_the_denial_into_an_admission():
    # Norland's palace denies; a later Norland newspaper (same side) repeats the rumour
    rows = [fact(1, "a regional news site", "Veltria News", standing="media"),
            fact(2, "Norland's palace", "Norland", "denies"),
            fact(3, "The Norland Gazette", "Norland", standing="media")]
    result = timeline(rows, agent="Norland")
    assert result.status != "confirmed" and result.counters["accused_admits"] == 0


def test_status_kinds_a_states_own_news_agency_speaks_for_it():
    assert load_rules().standing("Norland Central News Agency") == "state"
    assert load_rules().standing("The Norland Gazette") != "state"
    rows = [fact(1, "Tovaria's foreign ministry", "Tovaria"),
            fact(2, "Norland's palace", "Norland", "denies"),
            fact(3, "Norland Central News Agency", "Norland", standing="state")]
    result = timeline(rows, agent="Norland")
    assert result.status == "confirmed" and result.reason_statements == (3,)


def test_status_kinds_a_reason_with_no_side_behind_it_names_none():
    result = timeline([fact(1, "an analyst", "Brightwater Research", "uncommitted", certainty="uncertain")])
    assert result.status == "alleged"
    assert result.reason == "nobody asserts it on the record; not confirmed or rejected by Brightwater Research"
    assert timeline([fact(1, "officials", None, standing="unnamed")]).reason.startswith("asserted by officials")
    assert timeline([fact(1, "unnamed", None, standing="unnamed")]).reason.startswith("asserted by unnamed sources")
