"""A story assessment as of its latest report (issue 18): each side once with its shift, replays with
``--as-of``, watch items that are still open, "now that it is confirmed", undated reports."""
from __future__ import annotations

import json
from datetime import datetime, timezone

import pytest
from click.testing import CliRunner

from claimwatch.assess.knowledge import load_knowledge
from claimwatch.assess.sides import side_positions
from claimwatch.assess.topics import StatementIndex, build_topics
from claimwatch.cli import cli
from claimwatch.model import Actor, Analysis, Article, Claim
from test_assess_findings import stmt

# Three dated reports written for these tests: Germany cannot confirm a deployment, then asserts it;
# the accused denies throughout, and third states' assertions make the ledger rate it corroborated.
# A fourth report, where the accused acknowledges it, makes it confirmed.
REPORTS = [
    {"published": "2025-03-03", "outlet": "Harbour Times", "url": "https://example.test/a1",
     "title": "Poland says Belarus moved troops to Lithuanian border",
     "text": "Poland's defence minister Wladyslaw Kosiniak-Kamysz said on Monday that Belarus had deployed troops "
             "to the border with Lithuania.\n\nGerman Defence Minister Boris Pistorius said he could not confirm "
             "that Belarus had deployed troops to the border.\n\nThe Belarusian foreign ministry denied that "
             "Belarus had deployed troops to the border."},
    {"published": "2025-03-06", "outlet": "Evening Courier", "url": "https://example.test/a2",
     "title": "Germany now says Belarusian troops are at the border",
     "text": "German Defence Minister Boris Pistorius said on Thursday that Belarus had deployed troops to the "
             "border with Lithuania, citing satellite imagery.\n\nLithuanian President Gitanas Nauseda said "
             "Belarus had deployed troops to the border."},
    {"published": "2025-03-10", "outlet": "Northern Wire", "url": "https://example.test/a3",
     "title": "Minsk repeats denial over border troops",
     "text": "The Belarusian foreign ministry again denied that Belarus had deployed troops to the border with "
             "Lithuania.\n\nLatvian Foreign Minister Baiba Braze said Belarus had deployed troops to the "
             "border."},
]
ADMISSION = {"published": "2025-03-12", "outlet": "Harbour Times", "url": "https://example.test/a5",
             "title": "Minsk acknowledges troops at the Lithuanian border",
             "text": "The Belarusian foreign ministry acknowledged on Wednesday that Belarus had deployed troops to "
                     "the border with Lithuania, calling the move a routine exercise."}
UNDATED = {"outlet": "Plain Post", "url": "https://example.test/a4", "title": "Border troops row goes on",
           "text": "Estonian Prime Minister Kristen Michal said Belarus had deployed troops to the border with "
                   "Lithuania."}


@pytest.fixture
def runner(monkeypatch) -> CliRunner:
    monkeypatch.delenv("CLAIMWATCH_LLM_URL", raising=False)
    return CliRunner()


def _ledger(runner, tmp_path, records) -> str:
    path = tmp_path / "story.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    db = str(tmp_path / "story.db")
    result = runner.invoke(cli, ["ingest", str(path), "--db", db])
    assert result.exit_code == 0, result.output
    return db


@pytest.fixture
def story_db(runner, tmp_path) -> str:
    return _ledger(runner, tmp_path, REPORTS)


@pytest.fixture
def admitted_db(runner, tmp_path) -> str:
    return _ledger(runner, tmp_path, [*REPORTS, ADMISSION])


def _assess(runner, db, *extra) -> dict:
    result = runner.invoke(cli, ["assess", "--story", "s1", "--db", db, "-f", "json", *extra])
    assert result.exit_code == 0, result.output
    return json.loads(result.output)["assessment"]


def _sides(body: dict) -> list[dict]:
    return [s for f in body["findings"] if f["kind"] == "position" for s in f["sides"]]


def test_a_side_that_changed_stance_appears_once_with_its_shift(runner, story_db):
    body = _assess(runner, story_db)
    sides = _sides(body)
    names = [s["side"] for s in sides]
    assert len(names) == len(set(names)), names  # each side once
    germany = next(s for s in sides if s["side"] == "Germany")
    assert germany["stance"] == "asserts" and germany["as_of"] == "2025-03-06"
    assert germany["previous"] == {"stance": "uncommitted", "as_of": "2025-03-03"}
    shift = next(f for f in body["findings"] if f["kind"] == "position" and "Germany moved from" in f["text"])
    assert "'could not confirm' (Boris Pistorius, 2025-03-03)" in shift["text"]
    assert "(Boris Pistorius, 2025-03-06)" in shift["text"]
    cautious = [f for f in body["findings"] if f["kind"] == "position" and "cautious" in f["text"]]
    assert not any("Germany" in f["text"] for f in cautious)  # not cautious and asserting at once
    belarus = next(s for s in sides if s["side"] == "Belarus")
    assert belarus["stance"] == "denies" and belarus["previous"] is None


def test_as_of_before_a_confirmation_gives_other_watch_items_and_implications(runner, admitted_db):
    before = _assess(runner, admitted_db, "--as-of", "2025-03-04")
    after = _assess(runner, admitted_db)
    assert before["as_of"] == "2025-03-04" and after["as_of"] is None
    watch_before = [f["text"] for f in before["findings"] if f["kind"] == "watch"]
    watch_after = [f["text"] for f in after["findings"] if f["kind"] == "watch"]
    assert any(t.startswith("Whether Germany can confirm") for t in watch_before)
    assert not any("Germany can confirm" in t for t in watch_after)  # Germany has asserted it since
    germany = next(s for s in _sides(before) if s["side"] == "Germany")
    assert germany == {"side": "Germany", "stance": "uncommitted", "as_of": "2025-03-03", "previous": None}
    implied_before = [f["text"] for f in before["findings"] if f["kind"] == "implication"]
    implied_after = [f["text"] for f in after["findings"] if f["kind"] == "implication"]
    assert implied_before and all(t.startswith("If it is confirmed") for t in implied_before)
    assert implied_after and all(t.startswith("Now that it is confirmed") for t in implied_after)
    assert all("(confirmed on 2025-03-12 when Belarusian foreign ministry backed it)" in t for t in implied_after)


def test_as_of_replays_the_ledger_status_of_that_day(runner, admitted_db):
    stated = [f["text"] for f in _assess(runner, admitted_db, "--as-of", "2025-03-11")["findings"]
              if f.get("ledger_claim") is not None]
    assert stated and "is corroborated" in stated[0] and "2025-03-12" not in stated[0]
    latest = [f["text"] for f in _assess(runner, admitted_db)["findings"] if f.get("ledger_claim") is not None]
    assert "is confirmed" in latest[0]


def test_as_of_takes_a_date_and_only_with_a_story(runner, story_db):
    result = runner.invoke(cli, ["assess", "--story", "s1", "--db", story_db, "--as-of", "March 4"])
    assert result.exit_code != 0 and "YYYY-MM-DD" in result.output
    result = runner.invoke(cli, ["assess", "--example", "--as-of", "2025-03-04"])
    assert result.exit_code != 0 and "--as-of only applies with --story" in result.output


def test_an_undated_report_is_shown_as_date_unknown_not_its_ingestion_day(runner, tmp_path):
    db = _ledger(runner, tmp_path, [*REPORTS, UNDATED])
    body = _assess(runner, db)
    undated = [s for s in body["sources"] if s["source"] == "Kristen Michal"]
    assert undated and all(s["published"] is None for s in undated)
    text = runner.invoke(cli, ["assess", "--story", "s1", "--db", db]).output
    assert "Plain Post, date unknown" in text
    claims = json.loads(runner.invoke(cli, ["claims", "--db", db, "--format", "json"]).output)
    assert claims[0]["last_seen"].startswith("2025-03-10")  # not the day of ingestion
    detail = runner.invoke(cli, ["claim", str(claims[0]["id"]), "--db", db]).output
    assert "date unknown Plain Post" in detail
    today = datetime.now(timezone.utc).date().isoformat()  # the ingestion day
    for fmt in ("markdown", "html"):
        report = runner.invoke(cli, ["report", "--db", db, "-o", "-", "-f", fmt]).output
        assert "date unknown" in report and today not in report, fmt
    assert today not in text and today not in detail
    replay = _assess(runner, db, "--as-of", "2025-03-31")
    assert not any(s["source"] == "Kristen Michal" for s in replay["sources"])  # cannot be placed by a date


# --- one side's statements within and across reports (hand-built analyses) ----------------------

INCURSION = "Belarusian military helicopters had crossed into Lithuanian airspace"


def _report(aid: str, published: str, said: list[tuple[str, str, str]]) -> Analysis:
    """One report in which NATO (and Lithuania) speak on the incursion: (cue, content, stance) each by NATO."""
    text = f"Lithuania's defence ministry said that {INCURSION}. " + " ".join(
        f"A NATO spokesperson {cue} that {content}." for cue, content, _ in said)
    statements = [stmt(text, "s1", "Lithuanian defence ministry", "said", INCURSION, "asserts", "say", ("c1",))]
    for i, (cue, content, stance) in enumerate(said, start=2):
        statements.append(stmt(text, f"s{i}", "NATO", cue, content, stance, "say", ("c1",)))
    claims = (Claim("c1", INCURSION, "g1", subject="Belarus", predicate="border_incident", object="Lithuania"),)
    actors = (Actor("Belarus", "country", affiliation="Belarus"), Actor("NATO", "organization"),
              Actor("Lithuanian defence ministry", "organization", affiliation="Lithuania"))
    return Analysis(article=Article(text=text, id=aid, outlet="Baltic Wire", published=published),
                    statements=tuple(statements), claims=claims, actors=actors)


def _nato(analyses):
    index = StatementIndex(analyses)
    topic = build_topics(index, load_knowledge())[0]
    return next(p.record(index) for p in side_positions(topic, index) if p.side == "NATO")


def test_within_one_report_a_sides_committed_stance_stands_over_its_caution():
    report = _report("r1", "2025-05-02", [("could not immediately confirm", "the helicopters had crossed", "uncommitted"),
                                          ("later said", "radar tracks showed the helicopters had crossed", "asserts")])
    nato = _nato([report])
    assert (nato.stance, nato.previous_stance) == ("asserts", None)  # no shift inside one report


def test_a_later_refusal_to_comment_does_not_withdraw_an_assertion():
    first = _report("r1", "2025-05-02", [("said", "radar tracks showed the helicopters had crossed", "asserts")])
    later = _report("r2", "2025-05-05", [("declined to say", "the helicopters had crossed", "uncommitted")])
    nato = _nato([first, later])
    assert (nato.stance, nato.as_of, nato.previous_stance) == ("asserts", "2025-05-02", None)


def test_a_caution_in_one_report_then_an_assertion_in_the_next_is_a_shift():
    first = _report("r1", "2025-05-02", [("could not confirm", "the helicopters had crossed", "uncommitted")])
    later = _report("r2", "2025-05-05", [("said", "radar tracks showed the helicopters had crossed", "asserts")])
    nato = _nato([first, later])
    assert (nato.stance, nato.as_of, nato.previous_stance, nato.previous_as_of) == (
        "asserts", "2025-05-05", "uncommitted", "2025-05-02")
