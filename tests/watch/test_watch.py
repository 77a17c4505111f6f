"""Watch alerts: watches on claims and queries, alerts after ingest, Atom/JSONL outputs, the webhook.

The ledger is built from short invented dated articles about one claim (Iran delivering ballistic
missiles to Russia) and a later, unrelated one (North Korean artillery shells); most tests store
hand-built analyses so the timeline is exact, and one runs the real `claimwatch ingest` end to end.
"""
from __future__ import annotations

import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import feedparser
import pytest
from click.testing import CliRunner
from lxml import etree

from claimwatch.cli import cli
from claimwatch.errors import InputError
from claimwatch.ledger import Ledger
from claimwatch.model import Analysis
from support import scripted_article
from claimwatch.watch import (add_watch, after_ingest, check_watches, covered_claims, list_alerts, list_watches,
                              load_config, remove_watch, set_setting)
from claimwatch.watch.check import event_key, terminal_summary
from claimwatch.watch.webhook import post_with_retries

ATOM = "http://www.w3.org/2005/Atom"
ACTORS = {
    "State Department": ("organization", "United States"),
    "Iranian Foreign Ministry": ("organization", "Iran"),
    "Ukrainian military intelligence": ("organization", "Ukraine"),
    "Ministry of National Defense": ("organization", "South Korea"),
    "German Defence Ministry": ("organization", "Germany"),
}


def article(published: str, outlet: str, items: list[tuple], lead: str = "") -> Analysis:
    """A short scripted article (see ``support.scripted_article``) with this module's actors and a URL."""
    return scripted_article(published, outlet, items, ACTORS, lead, title=f"{outlet}, {published[:10]}",
                            url=f"https://example.org/{outlet.lower().replace(' ', '-')}/{published[:10]}")


MISSILES = ("missile_drone_supply", "Iran")


def us_allegation() -> Analysis:
    return article("2025-03-02T09:00:00+00:00", "Atlantic Ledger", [
        ("State Department", "said", "Iran had delivered short-range ballistic missiles to Russia", "asserts",
         "Iran had delivered short-range ballistic missiles to Russia", *MISSILES)])


def iran_denial() -> Analysis:
    return article("2025-03-04T14:30:00+00:00", "Gulf Evening News", [
        ("Iranian Foreign Ministry", "denied", "Iran had delivered any ballistic missiles to Russia", "denies",
         "Iran had delivered any ballistic missiles to Russia", *MISSILES)])


def ukraine_figure() -> Analysis:
    return article("2025-03-09T07:15:00+00:00", "Kyiv Morning", [
        ("Ukrainian military intelligence", "said", "Iran had delivered some 200 ballistic missiles to Russia",
         "asserts", "Iran had delivered some 200 ballistic missiles to Russia", *MISSILES,
         (200, "missiles", "some 200 ballistic missiles"))])


def german_confirmation() -> Analysis:
    return article("2025-03-15T18:00:00+00:00", "Berlin Courier", [
        ("German Defence Ministry", "confirmed", "Iran had delivered ballistic missiles to Russia", "asserts",
         "Iran had delivered ballistic missiles to Russia", *MISSILES)])


def shells_report() -> Analysis:
    return article("2025-03-10T03:00:00+00:00", "Seoul Herald", [
        ("Ministry of National Defense", "said", "North Korea had shipped artillery shells to Russia by rail",
         "asserts", "North Korea had shipped artillery shells to Russia by rail", "arms_transfer", "North Korea")])


def claim_of(ledger: Ledger, analysis: Analysis) -> int:
    return ledger.connection.execute(
        "SELECT m.ledger_claim_id FROM ledger_claim_members m JOIN claims c ON c.pk = m.claim_pk"
        " WHERE c.text = ?", (analysis.claims[0].text,)).fetchone()[0]


@pytest.fixture
def ledger(tmp_path):
    with Ledger(tmp_path / "watch.db", embedder=lambda: None) as opened:
        yield opened


def kinds(alerts) -> list[tuple]:
    return [(a.kind, a.to_status if a.kind in ("status_change", "first_alleged") else None) for a in alerts]


def watched(ledger: Ledger, *before: Analysis, target: str = "", from_start: bool = False):
    """A ledger holding ``before`` with a watch on their first claim (or on ``target``), baseline taken."""
    for analysis in before:
        assert ledger.add_analysis(analysis)
    watch, new = add_watch(ledger, target or str(claim_of(ledger, before[0])), from_start=from_start)
    assert new
    return watch, check_watches(ledger)


# --- alerts on a watched claim -------------------------------------------------------------------

@pytest.mark.parametrize("later, expected", [
    (iran_denial, {("status_change", "contested"), ("denial", None)}),
    (ukraine_figure, {("status_change", "corroborated"), ("confirmation", None), ("new_quantity", None)}),
    (german_confirmation, {("status_change", "corroborated"), ("confirmation", None)}),
])
def test_watch_claim_watch_alerts_on_denial_figure_and_confirmation(ledger, later, expected):
    watch, first = watched(ledger, us_allegation())
    assert first == []  # the first check records the baseline silently
    ledger.add_analysis(later())
    alerts = check_watches(ledger)
    assert set(kinds(alerts)) == expected
    assert all(a.watch_id == watch.id and a.ledger_claim_id == watch.claim_id for a in alerts)
    source = later().statements[0].source
    assert all(source in a.summary and later().article.outlet in a.summary for a in alerts)


def test_watch_summary_is_one_line_for_a_few_alerts_on_one_claim(ledger):
    watched(ledger, us_allegation())
    ledger.add_analysis(iran_denial())
    summary = terminal_summary(check_watches(ledger))
    assert summary == ("2 alerts: claim 1 'Iran had delivered short-range ballistic missiles to Russia' "
                       "alleged \u2192 contested (Iranian Foreign Ministry, Gulf Evening News); "
                       "denied by Iranian Foreign Ministry, Gulf Evening News")


def test_watch_summary_lists_many_alerts_one_per_line(ledger):
    watched(ledger, us_allegation())
    ledger.add_analysis(iran_denial())
    ledger.add_analysis(ukraine_figure())
    lines = terminal_summary(check_watches(ledger)).splitlines()
    assert lines[:2] == ["5 alerts:", "  claim 1 'Iran had delivered short-range ballistic missiles to Russia'"]
    assert "    new figure some 200 ballistic missiles (Ukrainian military intelligence, Kyiv Morning)" in lines
    assert len(lines) == 7


def test_watch_summary_counts_what_it_does_not_list():
    from claimwatch.watch.check import MAX_SUMMARY_ALERTS, Alert

    alerts = [Alert(id=n, watch_id=1, ledger_claim_id=n % 3, event_key=f"claim/{n % 3}/denial/{n}", kind="denial",
                    date="2025-03-04", summary="", detail=f"denied by source {n}", statement_pk=n, from_status=None,
                    to_status=None, note="", created="2025-03-05T00:00:00+00:00", claim_text=f"claim {n % 3}")
              for n in range(MAX_SUMMARY_ALERTS + 3)]
    lines = terminal_summary(alerts + alerts[:2]).splitlines()  # repeats (a second watch) count once
    assert lines[0] == f"{MAX_SUMMARY_ALERTS + 3} alerts:"
    assert sum(line.startswith("    denied by") for line in lines) == MAX_SUMMARY_ALERTS
    assert lines[-1] == "  ... and 3 more: `claimwatch watch alerts`"


def test_watch_check_twice_and_recomputed_claim_raise_nothing_new(ledger):
    watch, _ = watched(ledger, us_allegation())
    ledger.add_analysis(iran_denial())
    assert len(check_watches(ledger)) == 2
    assert check_watches(ledger) == []
    ledger.add_analysis(shells_report())  # another claim's rows, so the rewritten rows get new ids
    before = ledger.connection.execute("SELECT MIN(id) FROM claim_events WHERE ledger_claim_id = ?",
                                       (watch.claim_id,)).fetchone()[0]
    ledger.connection.execute("BEGIN")
    ledger.claims.refresh(watch.claim_id)  # the timeline rows are deleted and written again
    ledger.connection.execute("COMMIT")
    after = ledger.connection.execute("SELECT MIN(id) FROM claim_events WHERE ledger_claim_id = ?",
                                      (watch.claim_id,)).fetchone()[0]
    assert after != before
    assert check_watches(ledger) == []


def test_watch_late_article_raises_only_its_own_events(ledger):
    """A denial dated before the figure arrives last: the later status change keeps its key (same target
    status at the same statement), so only the denial's own events are new."""
    watched(ledger, us_allegation(), ukraine_figure())
    ledger.add_analysis(iran_denial())
    alerts = check_watches(ledger)
    assert set(kinds(alerts)) == {("status_change", "contested"), ("denial", None)}
    assert {a.date[:10] for a in alerts} == {"2025-03-04"}


def test_watch_from_start_raises_the_existing_events(ledger):
    watch, first = watched(ledger, us_allegation(), iran_denial(), from_start=True)
    assert ("first_alleged", "alleged") in kinds(first) and ("denial", None) in kinds(first)
    assert check_watches(ledger) == []


def test_watch_event_key_identifies_events_by_content():
    assert event_key(4, "status_change", 17, "confirmed") == "claim/4/status_change/confirmed/17"
    assert event_key(4, "first_alleged", 17, "alleged") == event_key(4, "first_alleged", 3, "alleged")
    assert event_key(4, "new_quantity", 17, figure="12000 troops") == event_key(4, "new_quantity", 9,
                                                                                   figure="12000 troops")
    assert event_key(4, "denial", 17) != event_key(5, "denial", 17)


# --- query watches -----------------------------------------------------------------------------

@pytest.mark.parametrize("query, covers", [
    ("iran missiles", True),
    ("Missile-drone supply", True),  # the event type, read with "-" and "_" as spaces
    ("IRAN", True),
    ("north korea", False),
    ("iran shells", False),  # every word must occur
])
def test_watch_query_matches_text_agent_and_event_type(ledger, query, covers):
    ledger.add_analysis(us_allegation())
    watch, _ = add_watch(ledger, query)
    assert (covered_claims(ledger, watch) == [claim_of(ledger, us_allegation())]) is covers


def test_watch_query_watch_catches_a_claim_first_seen_later(ledger):
    watch, _ = watched(ledger, us_allegation(), target="north korea")
    assert covered_claims(ledger, watch) == []
    ledger.add_analysis(shells_report())
    alerts = check_watches(ledger)
    assert kinds(alerts) == [("first_alleged", "alleged")]
    assert alerts[0].ledger_claim_id == claim_of(ledger, shells_report())
    assert "new claim" in alerts[0].summary and "Ministry of National Defense" in alerts[0].summary


def test_watch_add_is_idempotent_and_rejects_unknown_claims(ledger):
    ledger.add_analysis(us_allegation())
    first, new = add_watch(ledger, "1")
    again, new_again = add_watch(ledger, " 1 ")
    assert new and not new_again and again.id == first.id
    assert add_watch(ledger, "1", as_query=True)[0].query == "1"
    with pytest.raises(InputError, match="no claim 99"):
        add_watch(ledger, "99")
    with pytest.raises(InputError):
        add_watch(ledger, "  - ")


def test_watch_remove_forgets_its_alerts(ledger):
    watch, _ = watched(ledger, us_allegation())
    ledger.add_analysis(iran_denial())
    assert check_watches(ledger)
    remove_watch(ledger, watch.id)
    assert list_watches(ledger) == [] and list_alerts(ledger) == []
    with pytest.raises(InputError, match="no watch"):
        remove_watch(ledger, watch.id)


# --- outputs -------------------------------------------------------------------------------------

def _one(element, name: str):
    found = element.findall(f"{{{ATOM}}}{name}")
    assert len(found) == 1, f"{element.tag} has {len(found)} <{name}>"
    return found[0]


def assert_valid_atom(data: bytes) -> etree._Element:
    """The RFC 4287 structure: atom:feed root; feed and each entry with exactly one id, title, updated
    (RFC 3339 dates); a feed author or one per entry; an entry without content has an alternate link;
    ids are absolute IRIs and unique."""
    root = etree.fromstring(data)
    assert root.tag == f"{{{ATOM}}}feed"
    for name in ("id", "title", "updated"):
        _one(root, name)
    entries = root.findall(f"{{{ATOM}}}entry")
    ids = []
    for entry in entries:
        for name in ("id", "title", "updated"):
            assert _one(entry, name).text.strip()
        assert root.find(f"{{{ATOM}}}author/{{{ATOM}}}name") is not None or entry.find(f"{{{ATOM}}}author") is not None
        if entry.find(f"{{{ATOM}}}content") is None:
            assert any(link.get("rel", "alternate") == "alternate" and link.get("href")
                       for link in entry.findall(f"{{{ATOM}}}link"))
        ids.append(_one(entry, "id").text)
    for stamp in [_one(root, "updated").text] + [_one(e, "updated").text for e in entries]:
        assert feedparser_date(stamp) is not None, stamp
    assert all(i.startswith("tag:") for i in ids + [_one(root, "id").text])
    assert len(set(ids)) == len(ids)
    return root


def feedparser_date(text: str):
    from datetime import datetime

    return datetime.fromisoformat(text.replace("Z", "+00:00")).tzinfo


def test_watch_atom_feed_parses_and_is_structurally_valid_atom(ledger):
    watch, _ = watched(ledger, us_allegation())
    add_watch(ledger, "iran")  # a second watch seeing the same events: one entry per event in the feed
    for later in (iran_denial, ukraine_figure):
        ledger.add_analysis(later())
        run = after_ingest(ledger)
        assert run.alerts and not run.warnings
    config = load_config(ledger)
    data = Path(config.feed).read_bytes()
    root = assert_valid_atom(data)
    parsed = feedparser.parse(data)
    assert not parsed.bozo and parsed.version == "atom10"
    assert len(parsed.entries) == 5 == len(root.findall(f"{{{ATOM}}}entry"))
    assert all(e.link == f"http://127.0.0.1:8000/claims/{watch.claim_id}" for e in parsed.entries)
    assert "denied by Iranian Foreign Ministry" in " ".join(e.title for e in parsed.entries)
    ids = [e.id for e in parsed.entries]
    ledger.connection.execute("BEGIN")
    ledger.claims.refresh(watch.claim_id)
    ledger.connection.execute("COMMIT")
    ledger.add_analysis(german_confirmation())
    after_ingest(ledger)
    again = feedparser.parse(Path(config.feed).read_bytes())
    assert set(ids) < {e.id for e in again.entries}  # old entries keep their ids after a recompute


def test_watch_jsonl_lines_parse_one_per_alert(ledger, tmp_path):
    watched(ledger, us_allegation())
    set_setting(ledger, "jsonl", str(tmp_path / "out" / "alerts.jsonl"))
    set_setting(ledger, "base_url", "https://claims.example.org/")
    ledger.add_analysis(iran_denial())
    first = after_ingest(ledger).alerts
    ledger.add_analysis(ukraine_figure())
    second = after_ingest(ledger).alerts
    lines = [json.loads(line) for line in (tmp_path / "out" / "alerts.jsonl").read_text().splitlines()]
    assert [line["id"] for line in lines] == [a.id for a in first + second]
    assert {line["kind"] for line in lines} == {"status_change", "denial", "confirmation", "new_quantity"}
    assert all(line["url"] == f"https://claims.example.org/claims/{line['claim']['id']}" for line in lines)


def test_watch_unwritable_feed_is_a_warning_not_a_failure(ledger, tmp_path):
    watched(ledger, us_allegation())
    blocker = tmp_path / "file"
    blocker.write_text("x")
    set_setting(ledger, "feed", str(blocker / "feed.atom"))  # a path under a regular file
    ledger.add_analysis(iran_denial())
    run = after_ingest(ledger)
    assert run.alerts and any("Atom feed" in w for w in run.warnings)
    assert check_watches(ledger) == []  # the alerts were still recorded


# --- webhook -------------------------------------------------------------------------------------

class HookServer:
    """A local webhook receiver answering POSTs from a plan of status codes ("hang" stalls)."""

    def __init__(self, plan):
        self.plan, self.bodies, self.release = list(plan), [], threading.Event()
        owner = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
                owner.bodies.append(json.loads(body))
                action = owner.plan.pop(0) if owner.plan else 200
                if action == "hang":
                    owner.release.wait(20)
                    action = 200
                self.send_response(action)
                self.send_header("Content-Length", "0")
                self.end_headers()

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/hook"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def close(self):
        self.release.set()
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def hook(monkeypatch):
    monkeypatch.setenv("CLAIMWATCH_ALLOW_PRIVATE_URLS", "1")
    monkeypatch.delenv("CLAIMWATCH_WEBHOOK_URL", raising=False)
    servers = []

    def start(*plan):
        servers.append(HookServer(plan))
        return servers[-1]

    yield start
    for server in servers:
        server.close()


def delivered(ledger: Ledger) -> list[tuple]:
    return [tuple(r) for r in ledger.connection.execute(
        "SELECT delivered_at IS NOT NULL, attempts, last_error FROM alerts WHERE baseline = 0 ORDER BY id")]


def test_watch_webhook_retries_after_a_failure_then_delivers(ledger, hook):
    server = hook(500, 200)
    watched(ledger, us_allegation())
    set_setting(ledger, "webhook", server.url)
    ledger.add_analysis(iran_denial())
    run = after_ingest(ledger, backoff=0.05)
    assert run.finish(10)
    assert run.delivery.outcome.posts == 2 and len(server.bodies) == 2
    assert server.bodies[0] == server.bodies[1]  # the same batch, posted again
    body = server.bodies[1]
    assert body["schema"] == "claimwatch-alerts/1"
    assert {a["kind"] for a in body["alerts"]} == {"status_change", "denial"}
    assert all(a["atom_id"].startswith("tag:claimwatch,") for a in body["alerts"])
    assert delivered(ledger) == [(1, 2, None), (1, 2, None)]


def test_watch_webhook_undelivered_alerts_are_retried_on_the_next_run(ledger, hook):
    server = hook(503, 503, 200)
    watched(ledger, us_allegation())
    set_setting(ledger, "webhook", server.url)
    ledger.add_analysis(iran_denial())
    run = after_ingest(ledger, attempts=2, backoff=0.01)
    assert run.finish(10) and run.delivery.outcome.failed
    assert delivered(ledger) == [(0, 2, "HTTP 503"), (0, 2, "HTTP 503")]
    again = after_ingest(ledger, backoff=0.01)  # nothing new, but the owed alerts go out
    assert again.alerts == [] and again.finish(10)
    assert [row[0] for row in delivered(ledger)] == [1, 1]
    assert after_ingest(ledger).delivery is None  # nothing left to send


def test_watch_webhook_is_off_by_default_and_alerts_are_not_owed(ledger, monkeypatch):
    monkeypatch.delenv("CLAIMWATCH_WEBHOOK_URL", raising=False)
    watched(ledger, us_allegation())
    ledger.add_analysis(iran_denial())
    run = after_ingest(ledger)
    assert run.alerts and run.delivery is None
    assert load_config(ledger).webhook_source == "off"
    monkeypatch.setenv("CLAIMWATCH_WEBHOOK_URL", "https://hooks.example.org/cw")
    assert load_config(ledger).webhook == "https://hooks.example.org/cw"
    assert load_config(ledger).webhook_source == "environment"


def test_watch_webhook_refuses_private_hosts_unless_allowed(ledger, monkeypatch):
    monkeypatch.delenv("CLAIMWATCH_ALLOW_PRIVATE_URLS", raising=False)
    with pytest.raises(InputError, match="non-public"):
        set_setting(ledger, "webhook", "http://127.0.0.1:9/hook")
    with pytest.raises(InputError, match="scheme"):
        set_setting(ledger, "webhook", "file:///etc/passwd")
    import httpx

    calls = []
    with httpx.Client(transport=httpx.MockTransport(lambda r: calls.append(r) or httpx.Response(200))) as client:
        ok, tries, error = post_with_retries(client, "http://10.0.0.8/hook", {"alerts": []})
    assert (ok, tries, calls) == (False, 1, []) and "non-public" in error


def test_watch_webhook_backoff_doubles_and_4xx_is_not_retried(monkeypatch):
    import httpx

    monkeypatch.setenv("CLAIMWATCH_ALLOW_PRIVATE_URLS", "1")  # no DNS look-up for the example host

    pauses = []
    answers = iter([503, 503, 200])
    with httpx.Client(transport=httpx.MockTransport(lambda r: httpx.Response(next(answers)))) as client:
        ok, tries, _ = post_with_retries(client, "https://hooks.example.org/cw", {}, attempts=3, backoff=0.5,
                                         sleep=pauses.append)
    assert (ok, tries, pauses) == (True, 3, [0.5, 1.0])
    with httpx.Client(transport=httpx.MockTransport(lambda r: httpx.Response(404))) as client:
        assert post_with_retries(client, "https://hooks.example.org/cw", {}, sleep=pauses.append)[:2] == (False, 1)


# --- CLI -----------------------------------------------------------------------------------------

def run(*args: str):
    return CliRunner().invoke(cli, list(args))


def jsonl_of(path: Path, *analyses: Analysis) -> str:
    path.write_text("".join(json.dumps({k: getattr(a.article, k) for k in ("id", "url", "outlet", "title",
                                                                          "published", "text")}) + "\n"
                            for a in analyses), encoding="utf-8")
    return str(path)


@pytest.fixture
def stored_analyses(monkeypatch):
    """`claimwatch ingest` with the hand-built analyses standing in for the extractor."""
    from dataclasses import replace

    import claimwatch.ledger.ingest as ingest_module

    known = {a.article.text: a for a in (us_allegation(), iran_denial(), ukraine_figure(), german_confirmation(),
                                         shells_report())}
    monkeypatch.setattr(ingest_module, "_default_analyzer",
                        lambda articles: [replace(known[a.text], article=a) for a in articles])


def test_watch_cli_ingest_not_blocked_by_a_hanging_webhook(tmp_path, hook, stored_analyses):
    server = hook("hang")
    db = str(tmp_path / "cli.db")
    assert run("ingest", jsonl_of(tmp_path / "a.jsonl", us_allegation()), "--db", db).exit_code == 0
    assert run("watch", "add", "1", "--db", db).exit_code == 0
    assert run("watch", "config", "--webhook", server.url, "--wait", "1", "--db", db).exit_code == 0
    started = time.monotonic()
    result = run("ingest", jsonl_of(tmp_path / "b.jsonl", iran_denial()), "--db", db)
    elapsed = time.monotonic() - started
    assert result.exit_code == 0, result.output
    assert elapsed < 4, elapsed
    assert "2 alerts: claim 1" in result.stderr and "still sending" in result.stderr
    with Ledger(db, embedder=lambda: None) as opened:
        assert [row[0] for row in delivered(opened)] == [0, 0]  # kept for the next run


def test_watch_cli_commands_and_json(tmp_path, stored_analyses, monkeypatch):
    monkeypatch.delenv("CLAIMWATCH_WEBHOOK_URL", raising=False)
    db = str(tmp_path / "cli.db")
    run("ingest", jsonl_of(tmp_path / "a.jsonl", us_allegation()), "--db", db)
    added = json.loads(run("watch", "add", "1", "--db", db, "--format", "json").output)
    assert added["new"] and added["baseline_events"] == 1 and added["claims"] == [1]
    text = run("watch", "add", "north korea", "--db", db).output
    assert "watch 2 added on query \"north korea\" (0 claims now" in text and "baseline: 0" in text
    ingested = json.loads(run("ingest", jsonl_of(tmp_path / "b.jsonl", iran_denial(), shells_report()),
                              "--db", db, "--format", "json").stdout)
    assert {(a["watch_id"], a["kind"]) for a in ingested["alerts"]} == {
        (1, "status_change"), (1, "denial"), (2, "first_alleged")}
    listed = json.loads(run("watch", "list", "--db", db, "--format", "json").output)
    assert [(w["id"], w["kind"], w["alerts"]) for w in listed] == [(1, "claim", 2), (2, "query", 1)]
    alerts = json.loads(run("watch", "alerts", "--db", db, "--watch", "1", "--format", "json").output)
    assert [a["kind"] for a in alerts] == ["denial", "status_change"]  # newest first
    assert json.loads(run("watch", "alerts", "--db", db, "--since", "2999-01-01", "--format", "json").output) == []
    assert Path(db + ".alerts.atom").exists() and Path(db + ".alerts.jsonl").exists()
    assert json.loads(run("watch", "check", "--db", db, "--format", "json").output)["alerts"] == []
    assert "removed" in run("watch", "remove", "2", "--db", db).output
    config = json.loads(run("watch", "config", "--db", db, "--feed", str(tmp_path / "f.atom"), "--format",
                            "json").output)
    assert config["feed"] == str(tmp_path / "f.atom") and config["webhook"] is None


@pytest.mark.parametrize("args, code, message", [
    (("watch", "remove", "9"), 2, "no watch 9"),
    (("watch", "add", "42"), 2, "no claim 42"),
    (("watch", "alerts", "--watch", "9"), 2, "no watch 9"),
    (("watch", "alerts", "--since", "last tuesday"), 2, "ISO date"),
    (("watch", "config", "--webhook", "ftp://hooks.example.org/x"), 2, "scheme"),
    (("watch", "config", "--wait", "600"), 2, "--wait"),
])
def test_watch_cli_bad_input_exits_2(tmp_path, args, code, message):
    result = run(*args, "--db", str(tmp_path / "empty.db"))
    assert result.exit_code == code and message in result.stderr


def test_watch_cli_not_a_ledger_exits_4(tmp_path):
    bad = tmp_path / "notes.db"
    bad.write_text("not a database, just notes " * 100)
    result = run("watch", "list", "--db", str(bad))
    assert result.exit_code == 4 and result.stderr.startswith("error:")


@pytest.mark.parametrize("command", ["add", "list", "remove", "alerts", "check", "config"])
def test_watch_cli_every_command_has_an_example(command):
    result = run("watch", command, "--help")
    assert result.exit_code == 0 and "Example:" in result.output and "--format" in result.output


REAL_DAY_1 = {
    "id": "missiles-us", "url": "https://example.org/atlantic/iran-missiles", "outlet": "Atlantic Ledger",
    "title": "US says Iran sent missiles to Russia", "published": "2025-03-02T09:00:00+00:00",
    "text": "The State Department said on Sunday that Iran had delivered short-range ballistic missiles to "
            "Russia for use in Ukraine. A spokesman said the shipments had arrived at a port on the Caspian "
            "Sea in recent weeks, and that Washington would respond with new sanctions against Iranian "
            "shipping firms."}
REAL_DAY_2 = {
    "id": "missiles-denial", "url": "https://example.org/gulf/iran-denies", "outlet": "Gulf Evening News",
    "title": "Tehran rejects missile report", "published": "2025-03-04T14:30:00+00:00",
    "text": "Iran's foreign ministry on Tuesday denied that Iran had delivered ballistic missiles to Russia, "
            "calling the American accusation baseless. A ministry spokesman told reporters that the "
            "government in Tehran had not sold weapons to either side of the war."}


def test_watch_cli_real_ingest_raises_alerts_end_to_end(tmp_path, monkeypatch):
    """The real extractor: the denial in a later article moves the watched claim and is reported on
    stderr after `claimwatch ingest`, and listed by `watch alerts`."""
    monkeypatch.delenv("CLAIMWATCH_WEBHOOK_URL", raising=False)
    db = str(tmp_path / "real.db")
    day1, day2 = tmp_path / "day1.jsonl", tmp_path / "day2.jsonl"
    day1.write_text(json.dumps(REAL_DAY_1) + "\n", encoding="utf-8")
    day2.write_text(json.dumps(REAL_DAY_2) + "\n", encoding="utf-8")
    assert run("ingest", str(day1), "--db", db).exit_code == 0
    assert run("watch", "add", "iran missiles", "--db", db).exit_code == 0
    result = run("ingest", str(day2), "--db", db)
    assert result.exit_code == 0, result.output
    assert "alerts:" in result.stderr and "\u2192 contested" in result.stderr and "denied by" in result.stderr
    listed = json.loads(run("watch", "alerts", "--db", db, "--format", "json").output)
    assert {"status_change", "denial"} <= {a["kind"] for a in listed}
    assert all(a["claim"]["status"] == "contested" for a in listed if a["kind"] == "denial")


def test_watch_web_ingest_form_raises_alerts(tmp_path, monkeypatch):
    from dataclasses import replace
    import re

    from fastapi.testclient import TestClient

    from claimwatch.web.app import create_app

    monkeypatch.delenv("CLAIMWATCH_WEBHOOK_URL", raising=False)
    known = {a.article.text.strip(): a for a in (us_allegation(), iran_denial())}
    db = tmp_path / "web.db"
    with Ledger(db, embedder=lambda: None) as opened:
        watched(opened, us_allegation())
    app = create_app(db, embedder=lambda: None, analyze=lambda art: replace(known[art.text.strip()], article=art))
    client = TestClient(app)
    token = re.search(r'name="csrf_token" value="([^"]+)"', client.get("/ingest").text).group(1)
    response = client.post("/ingest", data={"csrf_token": token, "text": iran_denial().article.text,
                                            "outlet": "Gulf Evening News", "published": "2025-03-04"},
                           follow_redirects=False)
    assert response.status_code == 303
    with Ledger(db, embedder=lambda: None) as opened:
        assert {a.kind for a in list_alerts(opened)} == {"status_change", "denial"}
    assert feedparser.parse(str(db) + ".alerts.atom").entries
