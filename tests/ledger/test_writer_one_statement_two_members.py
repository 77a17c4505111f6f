"""A statement whose article tells two claims that join one ledger claim - one of them as a negated
restatement - counts once for that ledger claim, by its first claim, whether the writer's cache or a
cold read of the ledger gives the facts. Sentences written for the test."""
from __future__ import annotations

from dataclasses import replace

from claimwatch.ledger import Ledger
from support import scripted_article

ACTORS = {"Harbour Gazette": ("organization", ""), "Ruritanian port authority": ("organization", "Ruritania")}


def _articles():
    report = scripted_article("2031-02-01T08:00:00+00:00", "Harbour Gazette", [
        ("Harbour Gazette", "reported", "the Port Ellery ferry terminal will close for a year", "asserts",
         "the Port Ellery ferry terminal will close for a year", None, None)], ACTORS)
    reply = scripted_article("2031-02-02T08:00:00+00:00", "Valley Courier", [
        ("Ruritanian port authority", "said", "the Port Ellery ferry terminal will close for a month", "asserts",
         "the Port Ellery ferry terminal will close for a month", None, None),
        ("Ruritanian port authority", "said", "the Port Ellery ferry terminal will not close for a year", "asserts",
         "the Port Ellery ferry terminal will not close for a year", None, None)], ACTORS)
    report = replace(report, claims=tuple(replace(c, frame="close") for c in report.claims))
    first, second = reply.claims
    reply = replace(reply, claims=(replace(first, frame="close"), replace(second, frame="not close")),
                    statements=(replace(reply.statements[0], claims=("c1", "c2")),))
    return report, reply


def test_writer_a_statement_behind_two_members_counts_once_cached_or_cold(tmp_path):
    report, reply = _articles()
    with Ledger(tmp_path / "warm.db", embedder=lambda: None) as ledger:
        ledger.add_analysis(report)
        ledger.claims.facts(1)  # the claim's statements are cached before the reply joins
        ledger.add_analysis(reply)
        methods = [r[0] for r in ledger.connection.execute(
            "SELECT method FROM ledger_claim_members WHERE ledger_claim_id = 1 ORDER BY claim_pk")]
        cached = ledger.claims._statements[1][1]
        fresh = type(ledger.claims)(ledger.connection, embedder=lambda: None)._read_statements(1)
    assert "negated" in methods and len(methods) == 3
    assert [f.statement_pk for f, _, _ in fresh] == [f.statement_pk for f, _, _ in cached]
    assert len({f.statement_pk for f, _, _ in fresh}) == len(fresh) == 2
