"""Source track records over resolved ledger claims, the `actor`/`outlets` commands and weighting by record.

The ledger is built from short dated articles written for these tests (hand-built analyses, so the
counts do not depend on the extractor): a defence ministry denies strikes that independent
governments later confirm, an accuser withdraws one allegation, and some statements come only after
a claim was settled.
"""
from __future__ import annotations

import copy
import json
import shutil

import pytest
from click.testing import CliRunner

from claimwatch.cli import cli
from claimwatch.errors import InputError, LexiconError
from claimwatch.ledger import Ledger
from claimwatch.ledger.records import (Weighting, outlet_record, outlet_records, parse_config, recompute,
                                       replayed_resolutions, side_tallies, stored_resolutions, track_record)
from claimwatch.ledger.status import parse_rules
from claimwatch.lexicons import load_yaml
from claimwatch.render.records import render_record
from claimwatch.model import Actor, Analysis, Article, Claim, Statement
from claimwatch.nlp.pipeline import article_id

ACTORS = {
    "Ukrainian Air Force": ("organization", "Ukraine"),
    "Russian Defence Ministry": ("organization", "Russia"),
    "Polish Foreign Ministry": ("organization", "Poland"),
    "French Defence Ministry": ("organization", "France"),
    "German government": ("organization", "Germany"),
    "Estonian Interior Ministry": ("organization", "Estonia"),
}

# claim key -> (claim text, event type); the agent is Russia for all of them
CLAIMS = {
    "hospital": ("Russian missiles struck a children's hospital in Kharkiv", "attack"),
    "grid": ("Russian hackers disabled the power grid in Lviv", "cyber_attack"),
    "customs": ("Russian border guards detained two Estonian customs officers", "detention"),
    "plant": ("Russian drones flew over the nuclear plant at Zaporizhzhia", "border_incident"),
    "prisoners": ("Russian troops shot surrendering soldiers near Avdiivka", "casualties"),
    "election": ("Russian agents funded fake news sites before the Moldovan election", "election_interference"),
}

UA, RU, PL, FR, DE, EE = ACTORS


def article(published: str, outlet: str, items: list[tuple], lead: str = "") -> Analysis:
    """Items are (source, cue, content, stance, claim key[, certainty[, written as]]); the text is built
    from them so every span is real. ``written as`` puts an unnamed source's words in the sentence."""
    text = lead
    statements, claims = [], []
    for n, (source, cue, content, stance, key, *rest) in enumerate(items, start=1):
        certainty = rest[0] if rest else "certain"
        shown = rest[1] if len(rest) > 1 else source
        start = len(text)
        text += f"{shown} {cue} that {content}. "
        cue_at = start + len(shown) + 1
        content_at = cue_at + len(cue) + len(" that ")
        claim_text, event_type = CLAIMS[key]
        claims.append(Claim(id=f"c{n}", text=claim_text, group=f"g{n}", subject="Russia", predicate=event_type))
        statements.append(Statement(
            id=f"s{n}", source=source, cue=cue, cue_span=(cue_at, cue_at + len(cue)), content=content,
            content_span=(content_at, content_at + len(content)), stance=stance, certainty=certainty,
            claims=(f"c{n}",), source_span=None if source == "unnamed" else (start, start + len(shown))))
    actors = tuple(Actor(name, kind=ACTORS[name][0], affiliation=ACTORS[name][1])
                   for name in dict.fromkeys(i[0] for i in items) if name in ACTORS)
    art = Article(text=text, id=article_id(text), title=f"{outlet} {published}", outlet=outlet,
                  published=f"{published}T09:00:00+00:00")
    return Analysis(article=art, statements=tuple(statements), claims=tuple(claims), actors=actors)


def story() -> list[Analysis]:
    """Six claims over five months; the ministry's denials fail three times and hold once."""
    return [
        # hospital: confirmed on 12 March by a second independent government
        article("2025-03-03", "Kyiv Courier", [(UA, "said", "Russian missiles struck a children's hospital in "
                                                "Kharkiv overnight", "asserts", "hospital")]),
        article("2025-03-04", "Moscow Herald", [(RU, "denied", "its missiles had hit any hospital in Kharkiv",
                                                 "denies", "hospital")]),
        article("2025-03-10", "Warsaw Ledger", [(PL, "said", "Russian missiles struck the children's hospital "
                                                 "in Kharkiv", "asserts", "hospital")]),
        article("2025-03-12", "Paris Dispatch", [(FR, "confirmed", "Russian missiles hit the children's "
                                                  "hospital in Kharkiv", "asserts", "hospital")]),
        article("2025-03-20", "Moscow Herald", [(RU, "again rejected", "reports that Russian missiles struck "
                                                 "a hospital in Kharkiv", "denies", "hospital")]),
        # grid: confirmed on 8 April; the ministry's later admission is no prediction
        article("2025-04-01", "Kyiv Courier", [
            (UA, "said", "Russian hackers had disabled the power grid in Lviv", "asserts", "grid"),
            ("unnamed", "said", "Russian hackers disabled the grid in Lviv for six hours", "asserts", "grid",
             "certain", "Engineers at the city utility")]),
        article("2025-04-02", "Moscow Herald", [(RU, "denied", "Russian hackers were behind the blackout in Lviv",
                                                 "denies", "grid")]),
        article("2025-04-05", "Warsaw Ledger", [(PL, "said", "Russian hackers disabled the power grid in Lviv",
                                                 "asserts", "grid")]),
        article("2025-04-08", "Berlin Post", [(DE, "confirmed", "Russian hackers had disabled the power grid "
                                               "in Lviv", "asserts", "grid")]),
        article("2025-04-20", "Moscow Herald", [(RU, "acknowledged", "Russian hackers had disabled the power grid "
                                                 "in Lviv", "asserts", "grid")]),
        # customs: confirmed on 9 May
        article("2025-05-05", "Tallinn Times", [(EE, "said", "Russian border guards detained two Estonian customs "
                                                 "officers", "asserts", "customs")]),
        article("2025-05-06", "Moscow Herald", [(RU, "denied", "Russian border guards had detained any Estonian "
                                                 "officers", "denies", "customs")]),
        article("2025-05-07", "Warsaw Ledger", [(PL, "said", "Russian border guards detained two Estonian customs "
                                                 "officers", "asserts", "customs")]),
        article("2025-05-09", "Paris Dispatch", [(FR, "said", "Russian border guards detained the two Estonian "
                                                  "customs officers", "asserts", "customs")]),
        # plant: confirmed on 3 June; the ministry speaks only a week later
        article("2025-06-01", "Kyiv Courier", [(UA, "said", "Russian drones flew over the nuclear plant at "
                                                "Zaporizhzhia", "asserts", "plant")]),
        article("2025-06-02", "Warsaw Ledger", [(PL, "said", "Russian drones flew over the nuclear plant at "
                                                 "Zaporizhzhia", "asserts", "plant")]),
        article("2025-06-03", "Berlin Post", [(DE, "confirmed", "Russian drones had flown over the nuclear plant "
                                               "at Zaporizhzhia", "asserts", "plant")]),
        article("2025-06-10", "Moscow Herald", [(RU, "denied", "Russian drones flew anywhere near the nuclear "
                                                 "plant at Zaporizhzhia", "denies", "plant")]),
        # prisoners: the accuser withdraws on 9 July, so the ministry's denial held
        article("2025-07-01", "Kyiv Courier", [(UA, "said", "Russian troops shot surrendering soldiers near "
                                                "Avdiivka", "asserts", "prisoners")]),
        article("2025-07-02", "Moscow Herald", [(RU, "denied", "Russian troops shot any surrendering soldiers near "
                                                 "Avdiivka", "denies", "prisoners")]),
        article("2025-07-09", "Kyiv Courier", [(UA, "withdrew its statement and denied", "Russian troops shot "
                                                "surrendering soldiers near Avdiivka", "denies", "prisoners")]),
        # election: unresolved by default (one firm third party, one hedged)
        article("2025-08-01", "Kyiv Courier", [(UA, "said", "Russian agents funded fake news sites before the "
                                                "Moldovan election", "asserts", "election")]),
        article("2025-08-02", "Moscow Herald", [(RU, "denied", "Russian agents funded any news sites in Moldova",
                                                 "denies", "election")]),
        article("2025-08-04", "Warsaw Ledger", [(PL, "said", "Russian agents funded fake news sites before the "
                                                 "Moldovan election", "asserts", "election")]),
        article("2025-08-05", "Paris Dispatch", [(FR, "said", "Russian agents may have funded fake news sites "
                                                  "before the Moldovan election", "asserts", "election", "possible")]),
    ]


def claim_id(ledger: Ledger, key: str) -> int:
    return ledger.connection.execute(
        "SELECT m.ledger_claim_id FROM ledger_claim_members m JOIN claims c ON c.pk = m.claim_pk"
        " WHERE c.text = ? LIMIT 1", (CLAIMS[key][0],)).fetchone()[0]


def statuses(ledger: Ledger) -> dict[str, str]:
    return {key: ledger.connection.execute("SELECT status FROM ledger_claims WHERE id = ?",
                                           (claim_id(ledger, key),)).fetchone()[0] for key in CLAIMS}


# Track records are kept over whatever statuses the rules give. This story's claims resolve through
# independent governments, so the module scores them with a rule set in which two independent third
# parties confirm a claim (the product's own rules call that "corroborated"; test_ledger_status.py
# covers them): the records' arithmetic is what is under test here.
THIRD_PARTIES_CONFIRM = [
    {"status": "retracted", "min": {"accuser_retracted": 1}, "max": {"third_for": 0.99, "accuser_for": 0}},
    {"status": "confirmed", "any": [{"min": {"third_for": 2.0}}, {"min": {"accused_admits": 1}}]},
    {"status": "corroborated", "min": {"third_for": 1.0}},
    {"status": "denied", "min": {"against": 1}, "max": {"accuser_for": 0, "third_for": 0.99}},
    {"status": "contested", "min": {"against": 1}},
    {"status": "alleged"},
]


@pytest.fixture(scope="module", autouse=True)
def third_parties_confirm():
    rules = parse_rules({**load_yaml("status_rules.yaml"), "rules": THIRD_PARTIES_CONFIRM, "standing": {}})
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr("claimwatch.ledger.status.load_rules", lambda: rules)
        patch.setattr("claimwatch.ledger.claims.load_rules", lambda: rules)
        yield rules


@pytest.fixture(scope="module")
def story_db(tmp_path_factory, third_parties_confirm) -> str:
    db = str(tmp_path_factory.mktemp("records") / "story.db")
    with Ledger(db, embedder=lambda: None) as ledger:
        for analysis in story():
            assert ledger.add_analysis(analysis)
    return db


@pytest.fixture
def ledger(story_db):
    with Ledger(story_db, embedder=lambda: None) as opened:
        yield opened


@pytest.fixture
def ids(ledger) -> dict[str, int]:
    return {key: claim_id(ledger, key) for key in CLAIMS}


def test_records_story_resolves_as_written(ledger):
    assert len(set(claim_id(ledger, k) for k in CLAIMS)) == len(CLAIMS)
    assert statuses(ledger) == {"hospital": "confirmed", "grid": "confirmed", "customs": "confirmed",
                                "plant": "confirmed", "prisoners": "retracted", "election": "corroborated"}


# --- actors ---------------------------------------------------------------------------------------

def test_records_batched_facts_equal_each_claims_own_facts(ledger):
    claim_ids = [r[0] for r in ledger.connection.execute("SELECT id FROM ledger_claims ORDER BY id")]
    batched = ledger.claims.facts_of(claim_ids + claim_ids[:3])  # repeats are read once
    assert set(batched) == set(claim_ids) and sum(map(len, batched.values())) > len(claim_ids)
    for claim_id_ in claim_ids:
        assert batched[claim_id_] == ledger.claims.facts(claim_id_)


def test_records_stored_resolutions_carry_each_claims_latest_status_date_and_facts(ledger):
    resolutions = stored_resolutions(ledger)
    assert resolutions and {r.status for r in resolutions} <= {"confirmed", "denied", "retracted"}
    for r in resolutions:
        latest = ledger.connection.execute(
            "SELECT date FROM claim_events WHERE ledger_claim_id = ? AND kind IN ('first_alleged', 'status_change')"
            " ORDER BY id DESC LIMIT 1", (r.claim_id,)).fetchone()
        assert r.date == (latest[0] if latest else None) and r.facts == tuple(ledger.claims.facts(r.claim_id))
    assert stored_resolutions(ledger, []) == []


def test_records_resolutions_of_more_claims_than_one_sql_list_holds(ledger):
    every = stored_resolutions(ledger)
    wanted = list(range(1300, 0, -1))  # three IN (...) chunks, given in reverse
    assert stored_resolutions(ledger, wanted) == [r for r in every if r.claim_id <= 1300] == every
    assert ledger.claims.facts_of(wanted)[every[0].claim_id] == list(every[0].facts)


def test_records_ministry_denials_counted_against_resolution(ledger, ids):
    record = track_record(ledger, RU)
    held, failed = record.tally("against")
    assert set(failed) == {ids["hospital"], ids["grid"], ids["customs"]}
    assert held == (ids["prisoners"],)
    assert record.tally("for") == ((), ())
    data = record.to_dict()
    assert data["denials"]["held"] == 1 and data["denials"]["of"] == 4 and data["denials"]["fraction"] == 0.25
    assert data["assertions"]["of"] == 0 and data["assertions"]["fraction"] is None
    assert data["resolved_claims"] == 4 and data["enough"] and data["note"] is None
    assert ids["election"] not in [c["id"] for c in data["claims"]]  # unresolved claims are not in a record


def test_records_lead_time_from_first_statement_to_resolution(ledger, ids):
    data = track_record(ledger, RU).to_dict()
    leads = {c["id"]: c["lead_days"] for c in data["claims"]}
    # hospital: denied 4 March, confirmed 12 March; grid 2 -> 8 April; customs 6 -> 9 May; prisoners 2 -> 9 July
    assert leads == {ids["hospital"]: 8, ids["grid"]: 6, ids["customs"]: 3, ids["prisoners"]: 7,
                     ids["plant"]: None}
    assert (data["lead_days"]["median"], data["lead_days"]["min"], data["lead_days"]["max"]) == (6.5, 3, 8)


def test_records_statements_after_resolution_are_no_prediction(ledger, ids):
    data = track_record(ledger, RU).to_dict()
    by_id = {c["id"]: c for c in data["claims"]}
    # spoke on the plant only a week after it was confirmed
    assert data["after_resolution"] == {"count": 1, "claims": [ids["plant"]]}
    assert by_id[ids["plant"]]["outcome"] == "after_resolution"
    # its later admission on the grid does not turn its earlier denial into a held assertion
    assert by_id[ids["grid"]]["stance"] == "against" and by_id[ids["grid"]]["outcome"] == "failed"


def test_records_third_party_assertions_held(ledger, ids):
    data = track_record(ledger, "Polish Foreign Ministry").to_dict()
    assert data["assertions"]["held_claims"] == sorted(ids[k] for k in ("hospital", "grid", "customs", "plant"))
    assert data["assertions"]["fraction"] == 1.0
    assert data["lead_days"]["median"] == 2  # 2, 3, 2 and 1 days ahead


def test_records_accuser_that_withdraws_is_counted_by_its_latest_stance(ledger, ids):
    by_id = {c["id"]: c for c in track_record(ledger, UA).to_dict()["claims"]}
    assert by_id[ids["prisoners"]]["stance"] == "against" and by_id[ids["prisoners"]]["outcome"] == "held"
    assert by_id[ids["prisoners"]]["lead_days"] == 8  # first spoke on 1 July, withdrew on 9 July


def test_records_below_minimum_shows_counts_without_fractions(ledger, ids):
    data = track_record(ledger, "German government").to_dict()
    assert data["resolved_claims"] == 2 and not data["enough"]
    assert data["note"] == "too few resolved claims (2 of 3 needed)"
    assert data["assertions"]["held"] == 2 and data["assertions"]["fraction"] is None
    assert data["lead_days"]["median"] is None and data["lead_days"]["count"] == 2
    text = "\n".join(render_record(track_record(ledger, "German government").view()))
    assert "too few resolved claims" in text and "held 2 of 2:" in text


def test_records_unknown_actor_is_an_input_error(ledger):
    with pytest.raises(InputError, match="no actor named"):
        track_record(ledger, "Nobody Atall")


# --- outlets ----------------------------------------------------------------------------------------

def test_records_outlet_own_voice_and_relayed_claims(ledger, ids):
    data = outlet_record(ledger, "kyiv courier").to_dict()
    assert data["name"] == "Kyiv Courier"
    assert data["resolved_claims"] == 4  # hospital, grid, plant, prisoners reported before resolution
    assert data["assertions"]["held_claims"] == [ids["grid"]]  # its unnamed utility engineers
    assert data["relayed"]["claims"] == sorted(ids[k] for k in ("hospital", "plant", "prisoners"))
    assert data["by_status"]["retracted"]["claims"] == [ids["prisoners"]]
    # what its articles carried from any source: the accusations held, the withdrawal too
    assert data["carried"]["assertions"]["held_claims"] == sorted(ids[k] for k in ("hospital", "grid", "plant"))
    assert data["carried"]["denials"]["held_claims"] == [ids["prisoners"]]


def test_records_outlet_carrying_failed_denials(ledger, ids):
    data = outlet_record(ledger, "Moscow Herald").to_dict()
    assert data["carried"]["denials"]["failed_claims"] == sorted(ids[k] for k in ("hospital", "grid", "customs"))
    assert data["carried"]["denials"]["fraction"] == 0.25
    assert data["after_resolution"]["claims"] == [ids["plant"]]
    assert track_record(ledger, RU).to_dict()["carried"] is None  # outlets only


def test_records_outlet_list_orders_by_resolved_claims(ledger):
    records = outlet_records(ledger)
    names = [r.name for r in records]
    assert names[:2] == ["Kyiv Courier", "Moscow Herald"] or names[:2] == ["Moscow Herald", "Kyiv Courier"]
    assert len(records[0].resolved) >= len(records[-1].resolved)
    with pytest.raises(InputError, match="no outlet named"):
        outlet_record(ledger, "Nowhere Gazette")


# --- configuration --------------------------------------------------------------------------------------

def test_records_config_is_validated():
    data = copy.deepcopy(load_yaml("records.yaml"))
    assert parse_config(data).min_resolved == 3
    for broken in ({**data, "min_resolved": 0}, {**data, "weighting": {**data["weighting"], "max_factor": 0.5}},
                   {**data, "extra": 1}, {**data, "version": 2}):
        with pytest.raises(LexiconError, match="records.yaml"):
            parse_config(broken)


@pytest.mark.parametrize(("held", "failed", "expected"), [
    (0, 0, 1.0), (2, 0, 1.0),  # too little record: unchanged
    (3, 0, 1.5), (10, 0, 1.5),  # bounded above
    (1, 3, 2 / 6 / 0.5), (0, 5, 0.5),  # bounded below
    (2, 2, 1.0),
])
def test_records_weighting_factor_is_smoothed_and_bounded(held, failed, expected):
    assert Weighting(min_resolved=3, prior=1, min_factor=0.5, max_factor=1.5).factor(held, failed) == \
        pytest.approx(expected, abs=1e-4)


def test_records_status_rules_weighting_is_off_by_default_and_validated():
    data = copy.deepcopy(load_yaml("status_rules.yaml"))
    assert parse_rules(data).record_weighting is False
    with pytest.raises(LexiconError, match="record_weighting"):
        parse_rules({**data, "record_weighting": "yes"})


# --- weighting ---------------------------------------------------------------------------------------

def test_records_weighting_never_uses_the_claim_being_scored(ledger, ids):
    tallies = side_tallies(replayed_resolutions(ledger.claims))
    assert tallies.factors()[("Poland", 1)] == 1.5  # four held assertions
    assert ("France", 1) not in tallies.factors()  # two: too few to weigh
    without_hospital = side_tallies(r for r in replayed_resolutions(ledger.claims) if r.claim_id != ids["hospital"])
    assert tallies.factors(exclude=ids["hospital"]) == without_hospital.factors()


def test_records_weighting_changes_a_status_only_when_asked(story_db, tmp_path, ids):
    db = str(tmp_path / "copy.db")
    shutil.copy(story_db, db)
    with Ledger(db, embedder=lambda: None) as ledger:
        default = statuses(ledger)
        assert recompute(ledger, weigh_by_record=False)["changed"] == []
        assert statuses(ledger) == default
        report = recompute(ledger, weigh_by_record=True)
        # Poland's record lifts its assertion to 1.5; with France's hedged 0.5 that is two sides' worth
        assert report["changed"] == [{"id": ids["election"], "from": "corroborated", "to": "confirmed"}]
        assert statuses(ledger) == {**default, "election": "confirmed"}
        assert report["sides"]["Poland"]["assertions"] == {"held": 4, "failed": 0, "factor": 1.5}
        assert recompute(ledger, weigh_by_record=False)["changed"][0]["to"] == "corroborated"


# --- command line ---------------------------------------------------------------------------------------

def run(*args: str):
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


def test_records_cli_actor_shows_the_record(story_db, ids):
    result = run("actor", RU, "--db", story_db)
    assert result.exit_code == 0, result.output
    assert "denials held 1 of 4 (0.25)" in result.output
    assert "lead time: median 6.5 days, range 3..8 days" in result.output
    data = json.loads(run("actor", RU, "--db", story_db, "--format", "json").output)
    assert data["record"]["denials"]["failed_claims"] == sorted(ids[k] for k in ("hospital", "grid", "customs"))


def test_records_cli_outlets_text_and_json(story_db, ids):
    listing = run("outlets", "--db", story_db)
    assert listing.exit_code == 0, listing.output
    assert "Kyiv Courier" in listing.output and "Berlin Post" in listing.output
    data = json.loads(run("outlets", "--db", story_db, "--format", "json").output)
    assert {r["name"] for r in data} >= {"Kyiv Courier", "Moscow Herald", "Warsaw Ledger"}
    one = json.loads(run("outlets", "Kyiv Courier", "--db", story_db, "--format", "json").output)
    assert one["relayed"]["count"] == 3
    missing = CliRunner().invoke(cli, ["outlets", "Nowhere Gazette", "--db", story_db])
    assert missing.exit_code == 2 and "no outlet named" in missing.output


def test_records_cli_recompute_reports_changes(story_db, tmp_path, ids):
    db = str(tmp_path / "copy.db")
    shutil.copy(story_db, db)
    result = run("recompute", "--weigh-by-record", "--db", db)
    assert result.exit_code == 0, result.output
    assert f"claim {ids['election']}: corroborated -> confirmed" in result.output
    data = json.loads(run("recompute", "--db", db, "--format", "json").output)
    assert data["weighted"] is False and data["changed"] == [
        {"id": ids["election"], "from": "confirmed", "to": "corroborated"}]


# --- web ---------------------------------------------------------------------------------------------------

def test_records_web_actor_page_and_api_carry_the_record(story_db, ids):
    from fastapi.testclient import TestClient

    from claimwatch.web.app import create_app

    client = TestClient(create_app(story_db, embedder=lambda: None))
    api = client.get(f"/api/actors/{RU}").json()
    assert api["record"]["denials"] == {"held": 1, "failed": 3, "of": 4, "fraction": 0.25,
                                        "held_claims": [ids["prisoners"]],
                                        "failed_claims": sorted(ids[k] for k in ("hospital", "grid", "customs"))}
    page = client.get(f"/actors/{RU}").text
    assert 'id="track-record"' in page and "1 of 4 (0.25)" in page
    few = client.get("/actors/German government").text
    assert "too few resolved claims (2 of 3 needed)" in few and "(1.00)" not in few


def test_records_weighting_switched_on_in_status_rules_applies_at_ingest(monkeypatch):
    import dataclasses

    from claimwatch.ledger.status import load_rules

    weighted = dataclasses.replace(load_rules(), record_weighting=True)
    monkeypatch.setattr("claimwatch.ledger.claims.load_rules", lambda: weighted)
    with Ledger(":memory:", embedder=lambda: None) as ledger:
        for analysis in story():
            ledger.add_analysis(analysis)
        assert statuses(ledger)["election"] == "confirmed"
        assert statuses(ledger)["hospital"] == "confirmed"


def test_records_outlet_own_voice_excludes_what_another_outlet_relayed():
    from claimwatch.ledger.records import Resolution, build_record, own_voice
    from claimwatch.ledger.status import Fact

    when = "2025-02-03T09:00:00+00:00"
    own = Fact(1, when, "unnamed", None, "asserts", source_key="article:a1", article_id="a1")
    relayed = Fact(2, when, "two diplomats", None, "denies", source_key="article:a2", article_id="a2",
                   via=("Baltic Wire",))
    resolved = [Resolution(1, "A tanker dragged its anchor over the cable", "confirmed", "2025-02-10T09:00:00+00:00",
                           (own,)),
                Resolution(2, "The cable was cut on purpose", "confirmed", "2025-02-10T09:00:00+00:00", (relayed,))]
    data = build_record("outlet", "Harbour Post", ["Harbour Post"], resolved, lambda f: True,
                        own_voice("Harbour Post")).to_dict()
    assert data["assertions"]["held_claims"] == [1]
    assert data["denials"]["of"] == 0 and data["relayed"]["claims"] == [2]
    assert data["carried"]["denials"]["failed_claims"] == [2]
