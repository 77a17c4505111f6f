"""Claim status from statements in date order: a table of transitions, party weighting, the rules file."""
from __future__ import annotations

import copy

import pytest

from claimwatch.errors import LexiconError
from claimwatch.ledger.status import (Fact, load_rules, one_side_per_utterance, parse_rules, side_key, timeline,
                                      utterance_key)
from claimwatch.lexicons import load_yaml
from claimwatch.model import Quantity

AGENT = "North Korea"
PARTIES = ("Russia",)


def facts(*rows) -> list[Fact]:
    """Rows of (date, source, side, stance[, certainty]); one article per row unless the date repeats."""
    out = []
    for n, row in enumerate(rows, start=1):
        date, source, side, stance, *rest = row
        out.append(Fact(statement_pk=n, date=date, source=source, side=side, stance=stance,
                        certainty=rest[0] if rest else "certain", source_key=f"article:{n}", article_id=f"a{n}"))
    return out


ZELENSKY = ("2024-10-13", "Volodymyr Zelensky", "Ukraine", "asserts")
HUR = ("2024-10-15", "HUR", "Ukraine", "asserts")
PESKOV = ("2024-10-18", "Dmitry Peskov", "Russia", "denies")
KCNA = ("2024-10-21", "KCNA", "North Korea", "denies")
NIS = ("2024-10-18", "National Intelligence Service", "South Korea", "asserts")
AUSTIN_UNSURE = ("2024-10-21", "Lloyd Austin", "United States", "uncommitted", "uncertain")
AUSTIN_YES = ("2024-10-23", "Lloyd Austin", "United States", "asserts")
RUTTE_NO = ("2024-10-21", "Mark Rutte", "NATO", "disputes")
RUTTE_YES = ("2024-10-28", "Mark Rutte", "NATO", "asserts")
PUTIN_ADMITS = ("2024-10-24", "Vladimir Putin", "Russia", "asserts")
UKRAINE_WITHDRAWS = ("2024-10-30", "Ukrainian officials", "Ukraine", "denies")


@pytest.mark.parametrize(("rows", "expected"), [
    ((ZELENSKY,), "alleged"),
    ((ZELENSKY, HUR, ("2024-10-20", "Ukrainian Pravda", "Ukraine", "asserts")), "alleged"),
    ((ZELENSKY, PESKOV), "contested"),
    ((ZELENSKY, RUTTE_NO), "contested"),
    ((ZELENSKY, NIS), "corroborated"),
    ((ZELENSKY, NIS, PESKOV, KCNA), "corroborated"),
    ((ZELENSKY, NIS, AUSTIN_YES), "corroborated"),
    ((ZELENSKY, PESKOV, PUTIN_ADMITS), "confirmed"),
    ((ZELENSKY, UKRAINE_WITHDRAWS), "retracted"),
    ((PESKOV, KCNA), "denied"),
    ((ZELENSKY, ("2024-10-20", "Lithuanian officials", "Lithuania", "asserts", "possible")), "alleged"),
], ids=["one-accusation", "repeated-accusation", "party-denial", "third-party-doubt", "third-party-report",
        "report-and-denials", "two-third-parties", "accused-admits", "retraction", "only-denials",
        "hedged-third-party"])
def test_ledger_status_transitions(rows, expected):
    assert timeline(facts(*rows), agent=AGENT, parties=PARTIES).status == expected


def test_ledger_status_uncommitted_ally_that_confirms_outweighs_repeated_accusations():
    repeated = timeline(facts(ZELENSKY, HUR, ("2024-10-25", "Zelensky", "Ukraine", "asserts"),
                              ("2024-10-26", "Ukrainian officials", "Ukraine", "asserts")), agent=AGENT)
    turnaround = timeline(facts(ZELENSKY, AUSTIN_UNSURE, AUSTIN_YES), agent=AGENT)
    straight = timeline(facts(ZELENSKY, AUSTIN_YES), agent=AGENT)
    assert repeated.status == "alleged"
    assert turnaround.counters["third_for"] > straight.counters["third_for"] >= 1.0
    assert turnaround.status == "corroborated"


def test_ledger_status_timeline_records_each_change_with_its_statement_and_date():
    result = timeline(facts(ZELENSKY, PESKOV, NIS, AUSTIN_UNSURE, RUTTE_NO, AUSTIN_YES, RUTTE_YES),
                      agent=AGENT, parties=PARTIES)
    changes = [(e.date, e.from_status, e.to_status, e.statement_pk) for e in result.events
               if e.kind in ("first_alleged", "status_change")]
    assert changes == [
        ("2024-10-13", None, "alleged", 1),
        ("2024-10-18", "alleged", "contested", 2),
        ("2024-10-18", "contested", "corroborated", 3),
        ("2024-10-21", "corroborated", "contested", 5),  # NATO doubts it: independent sources disagree
        ("2024-10-28", "contested", "corroborated", 7),  # NATO comes round; third parties never confirm
    ]
    assert [e.statement_pk for e in result.events if e.kind == "denial"] == [2, 5]
    assert result.roles == {"Ukraine": "accuser", "Russia": "accused", "South Korea": "third",
                            "United States": "third", "NATO": "third"}


def test_ledger_status_named_party_that_asserts_is_on_the_accusing_side():
    result = timeline(facts(("2024-10-13", "Zelensky", "Ukraine", "asserts")), agent=AGENT, parties=("Ukraine",))
    assert result.roles["Ukraine"] == "accuser"


def test_ledger_status_hedge_in_the_same_article_keeps_its_committed_stance():
    rows = facts(ZELENSKY, AUSTIN_YES, AUSTIN_YES)
    hedge = Fact(statement_pk=9, date="2024-10-23", source="Lloyd Austin", side="United States",
                 stance="uncommitted", source_key=rows[1].source_key, article_id=rows[1].article_id)
    same_article = timeline([rows[0], rows[1], hedge], agent=AGENT)
    later_article = timeline([rows[0], rows[1], Fact(**{**hedge.__dict__, "article_id": "later"})], agent=AGENT)
    assert same_article.counters["third_for"] >= 1.0
    assert later_article.counters["third_for"] == 0 and later_article.counters["third_uncommitted"] == 1


def test_ledger_status_new_figures_become_timeline_events_once():
    rows = facts(ZELENSKY, NIS, AUSTIN_YES)
    with_figures = [rows[0].__class__(**{**rows[0].__dict__, "quantities": (Quantity(10000, "troops"),)}),
                    rows[1].__class__(**{**rows[1].__dict__, "quantities": (Quantity(1500, "troops"),)}),
                    rows[2].__class__(**{**rows[2].__dict__, "quantities": (Quantity(10000, "troops"),)})]
    events = [e for e in timeline(with_figures, agent=AGENT).events if e.kind == "new_quantity"]
    assert [(e.date, e.statement_pk) for e in events] == [("2024-10-13", 1), ("2024-10-18", 2)]


def test_ledger_status_unnamed_sources_count_less():
    unnamed = Fact(statement_pk=2, date="2024-10-14", source="unnamed", side=None, stance="asserts",
                   source_key="article:2", article_id="a2")
    result = timeline([facts(ZELENSKY)[0], unnamed], agent=AGENT)
    assert result.counters["third_for"] == pytest.approx(load_rules().unnamed_factor)


@pytest.mark.parametrize(("change", "message"), [
    (lambda d: d["rules"].append({"status": "rumoured"}), "must be one of"),
    (lambda d: d["rules"][0]["min"].update(believers=1), "unknown counter"),
    (lambda d: d["rules"].pop(), "last rule must have no conditions"),
    (lambda d: d["certainty_weight"].pop("possible"), "certainty_weight"),
    (lambda d: d.update(turnaround_factor="big"), "turnaround_factor"),
])
def test_ledger_status_rules_are_validated(change, message):
    data = copy.deepcopy(load_yaml("status_rules.yaml"))
    change(data)
    with pytest.raises(LexiconError, match=message):
        parse_rules(data)


def standing_facts(*rows) -> list[Fact]:
    """Rows of (source, side, stance, standing), one article a day from 1 March."""
    return [Fact(statement_pk=n, date=f"2025-03-{n:02d}", source=src, side=side, stance=stance, standing=standing,
                 source_key=f"article:{n}", article_id=f"a{n}") for n, (src, side, stance, standing) in enumerate(rows, 1)]


WITNESS = ("a witness", None, "asserts", "unnamed")
LOCAL_PAPER = ("Harbour Gazette", "Harbour Gazette", "asserts", "media")
OTHER_PAPER = ("Valley Courier", "Valley Courier", "asserts", "media")
THIRD_PAPER = ("Coast Herald", "Coast Herald", "asserts", "media")
CITY_POLICE = ("Harbour City police", "Harbour City police", "asserts", "authority")


@pytest.mark.parametrize(("rows", "agent", "parties", "expected"), [
    ((LOCAL_PAPER, OTHER_PAPER, THIRD_PAPER, ("Fourth Weekly", "Fourth Weekly", "asserts", "media")), None, (), "corroborated"),
    ((LOCAL_PAPER, CITY_POLICE), None, (), "confirmed"),
    ((LOCAL_PAPER, ("Ruritania's interior ministry", "Ruritania", "asserts", "authority")), "Freedonia", ("Freedonia",), "corroborated"),
    ((LOCAL_PAPER, ("Freedonia's interior ministry", "Freedonia", "asserts", "authority")), None, ("Freedonia",), "confirmed"),
    ((("Freedonia's defence ministry", "Freedonia", "asserts", "authority"),), "Ruritania", ("Freedonia",), "alleged"),
    ((LOCAL_PAPER, ("Harbour City police", "Harbour City police", "denies", "authority")), None, (), "denied"),
    ((LOCAL_PAPER, ("a city spokesman", "Harbour City", "denies", ""),
      ("state wildlife officials", "Harbour State", "disputes", "authority")), None, (), "denied"),
    ((("Freedonia", "Freedonia", "asserts", ""), ("Ruritania", "Ruritania", "denies", "")), "Ruritania", (), "contested"),
    ((LOCAL_PAPER, ("Ruritania", "Ruritania", "denies", "")), "Ruritania", (), "denied"),
    ((LOCAL_PAPER, ("Senator Jane Roe", "Jane Roe", "asserts", "political"),
      ("Rep. John Doe", "John Doe", "asserts", "political")), None, (), "alleged"),
    ((LOCAL_PAPER, WITNESS, ("a second witness", None, "asserts", "unnamed")), None, (), "corroborated"),
    ((("Northern Front", "Northern Front", "asserts", ""), ("Valley Courier", "Valley Courier", "uncommitted", "media")),
     "Northern Front", (), "alleged"),
    ((LOCAL_PAPER, ("Northern Front", "Northern Front", "asserts", "")), "Northern Front", (), "confirmed"),
], ids=["many-outlets-corroborate-never-confirm", "authority-confirms", "foreign-authority-is-a-third-party",
        "authority-of-the-state-concerned", "a-ministry-accusing-another-state-only-alleges", "authority-rejects-a-report", "hoax-rejected-by-those-who-know",
        "accusing-state-against-accused-state", "accused-rejects-a-press-report", "politicians-repeating-spread-it",
        "two-unnamed-witnesses-in-two-articles", "a-group-claiming-its-own-act-is-an-allegation",
        "the-same-group-admitting-what-others-said-confirms"])
def test_ledger_status_confirmed_needs_admission_or_authority(rows, agent, parties, expected):
    assert timeline(standing_facts(*rows), agent=agent, parties=parties).status == expected


def test_ledger_status_a_denial_by_the_party_concerned_stands_against_unsourced_reports():
    # "Reports" that a ministry will close a port, then the ministry itself rejects them: the reports
    # are media, not a named party, so nothing independent supports the claim and it is denied
    reports = ("Reports", "Reports", "asserts", load_rules().standing("Reports"))
    ministry = ("Ruritania's port ministry", "Ruritania", "denies", "")
    assert timeline(standing_facts(reports, ministry), agent="Ruritania").status == "denied"
    # a named party making the same allegation keeps it contested
    rival = ("Freedonia", "Freedonia", "asserts", "")
    assert timeline(standing_facts(rival, ministry), agent="Ruritania").status == "contested"


def test_ledger_status_an_admission_independent_sources_still_dispute_is_not_confirmed():
    # the accused group's word confirms a claim no one independent disputes ...
    group = ("Northern Front", "Northern Front", "asserts", "")
    assert timeline(standing_facts(LOCAL_PAPER, group), agent="Northern Front").status == "confirmed"
    # ... but while a third party that checked still disputes it, it is contested, not settled
    debunker = ("Coast fact-check desk", "Coast fact-check desk", "disputes", "")
    disputed = timeline(standing_facts(LOCAL_PAPER, debunker, group), agent="Northern Front")
    assert disputed.status == "contested" and disputed.reason


def test_ledger_status_reason_names_the_rule_and_the_statements_behind_it():
    result = timeline(standing_facts(LOCAL_PAPER, OTHER_PAPER, CITY_POLICE))
    assert result.status == "confirmed"
    assert "authority" in result.reason
    assert result.reason_statements == (3,)
    corroborated = timeline(standing_facts(LOCAL_PAPER, OTHER_PAPER))
    assert corroborated.status == "corroborated" and set(corroborated.reason_statements) == {1, 2}


@pytest.mark.parametrize(("source", "role", "expected"), [
    ("Harbour City police", None, "authority"),
    ("Jane Roe", "District Attorney", "authority"),
    ("Jane Roe", "Senator", "political"),
    ("Valley Courier", None, ""),
    ("Alpine Deployment Group", None, ""),  # "department" is a whole word; "deployment" is not it
    ("Reports", None, "media"),
    ("local media", None, "media"),
    ("Media Reports", None, "media"),
])
def test_ledger_status_standing_from_name_or_role_words(source, role, expected):
    assert load_rules().standing(source, role) == expected


QUOTE = ("We were walking back from the harbour when the whole roof of the old cannery came down "
         "in one piece, and nobody was inside")


def quoted(n: int, source: str, side, content: str, stance: str = "asserts") -> Fact:
    return Fact(statement_pk=n, date=f"2025-05-0{n}", source=source, side=side, stance=stance,
                source_key=f"article:{n}", article_id=f"a{n}", utterance=utterance_key(content))


def test_ledger_status_a_quotation_copied_by_other_outlets_is_one_source():
    copies = [quoted(1, "Maria Lind", "Maria Lind", QUOTE), quoted(2, "Harbour Gazette", "Harbour Gazette", QUOTE),
              quoted(3, "a neighbour", None, QUOTE.split(",")[0] + ".")]  # the third copy cut at the comma
    assert timeline(copies).status == "corroborated"  # as if three sources
    merged = one_side_per_utterance(copies)
    assert {side_key(f) for f in merged} == {"Maria Lind"}
    assert timeline(merged).status == "alleged"


@pytest.mark.parametrize(("content", "expected"), [
    (QUOTE, "we were walking back from the harbour when the whole roof of the old cannery came down in one "
            "piece and nobody was inside"),
    ("\u201cWe were walking back from the harbour when the whole roof of the old cannery\u201d",
     "we were walking back from the harbour when the whole roof of the old cannery"),
    ("Russian missiles struck the hospital overnight", ""),  # short: two sources may say it apart
])
def test_ledger_status_utterance_key_is_the_first_words_of_long_contents(content, expected):
    assert utterance_key(content) == expected


def test_ledger_status_a_report_quoting_the_party_is_no_admission_within_the_same_article():
    rows = [Fact(statement_pk=1, date="2025-04-01", source="a source", side=None, stance="asserts",
                 source_key="article:1", article_id="a1", standing="unnamed"),
            Fact(statement_pk=2, date="2025-04-01", source="Northern Front", side="Northern Front",
                 stance="asserts", source_key="article:1", article_id="a1")]
    assert timeline(rows, agent="Northern Front").status != "confirmed"
    later = Fact(**{**rows[1].__dict__, "statement_pk": 3, "date": "2025-04-03", "article_id": "a2",
                    "source_key": "article:2"})
    assert timeline([rows[0], later], agent="Northern Front").status == "confirmed"
