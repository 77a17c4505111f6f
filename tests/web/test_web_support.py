"""The hostile article of ``web_support.py`` (shared by the report and web tests) still yields statements."""
from __future__ import annotations

from claimwatch.ledger.store import Ledger

from web_support import add_hostile, no_embedder


def test_web_support_hostile_article_has_statements_over_its_payloads(tmp_path):
    article_id = add_hostile(tmp_path / "h.db")
    with Ledger(tmp_path / "h.db", embedder=no_embedder) as ledger:
        statements = ledger.statements_for_article(article_id)
    said = " ".join(s.content + " " + s.source for s in statements)
    assert len(statements) >= 2
    assert "<script>" in said and "onerror=" in said
