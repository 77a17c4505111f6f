"""Claims across articles in the ledger: matching on add, quantity history, independence, timeline."""
from __future__ import annotations

import pytest

from claimwatch.errors import LedgerError
from claimwatch.ledger import Ledger
from claimwatch.ledger.claims import ClaimBook
from claimwatch.ledger.embeddings import get_embedder
from claimwatch.model import Analysis, Article
from claimwatch.nlp.pipeline import article_id
from support import scripted_article

ACTORS = {
    "Volodymyr Zelensky": ("person", "Ukraine"), "National Intelligence Service": ("organization", "South Korea"),
    "Pentagon": ("organization", "United States"), "Lloyd Austin": ("person", "United States"),
    "Dmitry Peskov": ("person", "Russia"), "KCNA": ("organization", "North Korea"),
    "Alexander Lukashenko": ("person", "Belarus"),
}


def article(published: str, outlet: str, items: list[tuple], lead: str = "") -> Analysis:
    """A short scripted article (see ``support.scripted_article``) with this module's actors."""
    return scripted_article(published, outlet, items, ACTORS, lead)


def zelensky_1500() -> Analysis:
    return article("2024-10-13T10:00:00+00:00", "Kyiv Daily", [
        ("Volodymyr Zelensky", "said", "North Korea had sent 1,500 soldiers to Russia", "asserts",
         "North Korea had sent 1,500 soldiers to Russia", "troop_deployment", "North Korea",
         (1500, "soldiers", "1,500 soldiers"))])


NIS_LEAD = ("South Korea's spy agency briefed lawmakers in a closed session on Wednesday about the movement "
            "of North Korean units, according to two members of the intelligence committee who spoke to "
            "reporters afterwards. The briefing lasted about three hours and covered training camps in the "
            "Russian Far East as well as transport by sea and by air. ")


def nis_10000() -> Analysis:
    return article("2024-10-23T06:00:00+00:00", "Seoul Herald", lead=NIS_LEAD, items=[
        ("National Intelligence Service", "reported", "Pyongyang has dispatched some 10,000 troops to Russia",
         "asserts", "Pyongyang has dispatched some 10,000 troops to Russia", "troop_deployment", "Pyongyang",
         (10000, "troops", "some 10,000 troops"))])


def peskov_denial() -> Analysis:
    return article("2024-10-18T12:00:00+00:00", "Moscow Bulletin", [
        ("Dmitry Peskov", "denied", "North Korean soldiers had been sent to Russia", "denies",
         "North Korean soldiers had been sent to Russia", "troop_deployment", "North Korea")])


def pentagon_range() -> Analysis:
    return article("2024-11-05T18:00:00+00:00", "Capitol Report", [
        ("Pentagon", "confirmed", "11,000 to 12,000 North Korean troops are now in Russia", "asserts",
         "11,000 to 12,000 North Korean troops are now in Russia", "troop_deployment", "North Korea",
         (11000, "troops", "11,000 to 12,000 North Korean troops"))])


def belarus() -> Analysis:
    return article("2024-10-20T09:00:00+00:00", "Minsk Courier", [
        ("Alexander Lukashenko", "said", "Belarus had sent 1,500 soldiers to Russia", "asserts",
         "Belarus had sent 1,500 soldiers to Russia", "troop_deployment", "Belarus")])


def ledger_claim_of(ledger: Ledger, text: str) -> int:
    return ledger.connection.execute(
        "SELECT m.ledger_claim_id FROM ledger_claim_members m JOIN claims c ON c.pk = m.claim_pk WHERE c.text = ?",
        (text,)).fetchone()[0]


@pytest.fixture(params=["lexical", "embeddings"])
def ledger(request):
    if request.param == "embeddings" and get_embedder() is None:
        pytest.skip("sentence-embedding packages not installed")
    embedder = get_embedder if request.param == "embeddings" else (lambda: None)
    with Ledger(":memory:", embedder=embedder) as opened:
        yield opened


def test_ledger_claims_paraphrases_with_aliases_and_other_figures_join_one_claim(ledger):
    for analysis in (zelensky_1500(), nis_10000(), pentagon_range()):
        assert ledger.add_analysis(analysis)
    ids = {ledger_claim_of(ledger, a.claims[0].text) for a in (zelensky_1500(), nis_10000(), pentagon_range())}
    assert len(ids) == 1
    row = ledger.connection.execute("SELECT agent, event_type, story FROM ledger_claims WHERE id = ?",
                                    (ids.pop(),)).fetchone()
    assert tuple(row) == ("North Korea", "troop_deployment", "north-korea:military_involvement")


def test_ledger_claims_different_agents_stay_apart(ledger):
    ledger.add_analysis(zelensky_1500())
    ledger.add_analysis(belarus())
    assert ledger_claim_of(ledger, zelensky_1500().claims[0].text) != ledger_claim_of(ledger, belarus().claims[0].text)


def test_ledger_claims_quantity_history_keeps_each_figure_with_source_and_date(ledger):
    for analysis in (pentagon_range(), zelensky_1500(), nis_10000()):  # out of date order on purpose
        ledger.add_analysis(analysis)
    claim_id = ledger_claim_of(ledger, nis_10000().claims[0].text)
    history = ledger.connection.execute(
        "SELECT q.value, q.text, q.date, s.source FROM claim_quantities q JOIN statements s ON s.pk = q.statement_pk"
        " WHERE q.ledger_claim_id = ? ORDER BY q.date", (claim_id,)).fetchall()
    assert [(h["value"], h["date"][:10], h["source"]) for h in history] == [
        (1500, "2024-10-13", "Volodymyr Zelensky"), (10000, "2024-10-23", "National Intelligence Service"),
        (11000, "2024-11-05", "Pentagon")]
    assert history[2]["text"] == "11,000 to 12,000 North Korean troops"
    events = ledger.connection.execute(
        "SELECT date FROM claim_events WHERE ledger_claim_id = ? AND kind = 'new_quantity' ORDER BY id",
        (claim_id,)).fetchall()
    assert [e[0][:10] for e in events] == ["2024-10-13", "2024-10-23", "2024-11-05"]


def _timeline(ledger: Ledger, claim_id: int) -> list[tuple]:
    return [tuple(r) for r in ledger.connection.execute(
        "SELECT substr(e.date, 1, 10), e.kind, e.from_status, e.to_status, s.source FROM claim_events e"
        " JOIN statements s ON s.pk = e.statement_pk WHERE e.ledger_claim_id = ? AND e.kind != 'new_quantity'"
        " ORDER BY e.id", (claim_id,))]


def test_ledger_claims_status_timeline_names_the_statement_behind_each_change(ledger):
    for analysis in (zelensky_1500(), peskov_denial(), nis_10000(), pentagon_range()):
        ledger.add_analysis(analysis)
    claim_id = ledger_claim_of(ledger, zelensky_1500().claims[0].text)
    assert _timeline(ledger, claim_id) == [
        ("2024-10-13", "first_alleged", None, "alleged", "Volodymyr Zelensky"),
        ("2024-10-18", "status_change", "alleged", "contested", "Dmitry Peskov"),
        ("2024-10-18", "denial", "contested", "contested", "Dmitry Peskov"),
        ("2024-10-23", "status_change", "contested", "corroborated", "National Intelligence Service"),
        ("2024-10-23", "confirmation", "corroborated", "corroborated", "National Intelligence Service"),
        # a third state's defence ministry corroborates; only an admission, or an authority of a
        # state the claim concerns, confirms
        ("2024-11-05", "confirmation", "corroborated", "corroborated", "Pentagon"),
    ]
    row = ledger.connection.execute("SELECT status, first_seen, last_seen FROM ledger_claims WHERE id = ?",
                                    (claim_id,)).fetchone()
    assert (row[0], row[1][:10], row[2][:10]) == ("corroborated", "2024-10-13", "2024-11-05")


def test_ledger_claims_late_article_is_placed_in_date_order():
    analyses = [zelensky_1500(), peskov_denial(), nis_10000(), pentagon_range()]
    timelines = []
    for order in (analyses, analyses[::-1]):
        with Ledger(":memory:", embedder=lambda: None) as ledger:
            for analysis in order:
                ledger.add_analysis(analysis)
            timelines.append(_timeline(ledger, ledger_claim_of(ledger, analyses[0].claims[0].text)))
    assert timelines[0] == timelines[1]


def test_ledger_claims_wire_copy_adds_no_independent_source():
    original = nis_10000()
    copy_text = original.article.text + "Distributed by the Example Wire service."
    copy = Analysis(
        article=Article(text=copy_text, id=article_id(copy_text), outlet="Reprint Times",
                        published="2024-10-23T09:00:00+00:00"),
        statements=original.statements, claims=original.claims, actors=original.actors)
    with Ledger(":memory:", embedder=lambda: None) as ledger:
        ledger.add_analysis(zelensky_1500())
        ledger.add_analysis(original)
        claim_id = ledger_claim_of(ledger, original.claims[0].text)
        before = ledger.claims.facts(claim_id)
        assert ledger.add_analysis(copy)
        assert ledger.article_record(copy.article.id).near_duplicate_of == original.article.id
        after = ledger.claims.facts(claim_id)
        members = ledger.connection.execute(
            "SELECT COUNT(*) FROM ledger_claim_members WHERE ledger_claim_id = ?", (claim_id,)).fetchone()[0]
    assert members == 3  # the copy's claim is on the ledger claim ...
    assert after == before  # ... but its statement is not counted again


def test_ledger_claims_failure_while_matching_leaves_nothing_behind(monkeypatch):
    with Ledger(":memory:", embedder=lambda: None) as ledger:
        ledger.add_analysis(zelensky_1500())

        def broken(self, ledger_id):
            raise LedgerError("injected failure")

        monkeypatch.setattr(ClaimBook, "refresh", broken)
        with pytest.raises(LedgerError, match="injected"):
            ledger.add_analysis(nis_10000())
        conn = ledger.connection
        assert not ledger.has_article(nis_10000().article.id)
        assert conn.execute("SELECT COUNT(*) FROM ledger_claim_members").fetchone()[0] == 1
        assert conn.execute("SELECT COUNT(*) FROM claims").fetchone()[0] == 1


def test_ledger_claims_reingesting_changes_nothing():
    with Ledger(":memory:", embedder=lambda: None) as ledger:
        for analysis in (zelensky_1500(), peskov_denial()):
            ledger.add_analysis(analysis)
        snapshot = [tuple(r) for r in ledger.connection.execute("SELECT * FROM claim_events ORDER BY id")]
        assert not ledger.add_analysis(zelensky_1500())
        assert [tuple(r) for r in ledger.connection.execute("SELECT * FROM claim_events ORDER BY id")] == snapshot


def test_ledger_claims_surname_borrows_the_full_names_side():
    later = article("2024-11-04T10:00:00+00:00", "Kyiv Daily", [
        ("Zelensky", "said", "11,000 North Korean troops were in Russia", "asserts",
         "11,000 North Korean troops were in Russia", "troop_deployment", "North Korea")])
    with Ledger(":memory:", embedder=lambda: None) as ledger:
        ledger.add_analysis(zelensky_1500())
        ledger.add_analysis(later)
        assert ledger.claims.side("Zelensky") == "Ukraine"
        status = ledger.connection.execute("SELECT status FROM ledger_claims").fetchone()[0]
    assert status == "alleged"  # Ukraine repeating its own accusation is not corroboration
