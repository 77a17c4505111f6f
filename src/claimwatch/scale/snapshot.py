"""A ledger's content as plain data, to check that two ingest paths stored the same thing."""
from __future__ import annotations

from typing import Any

from claimwatch.ledger.store import Ledger

TABLES = ("articles", "actors", "claims", "statements", "statement_claims", "ledger_claims",
          "ledger_claim_members", "claim_quantities", "claim_events", "stories", "article_stories")
VOLATILE = {"ingested_at"}  # the wall-clock time of storing differs between any two runs


def ledger_snapshot(ledger: Ledger) -> dict[str, list[dict[str, Any]]]:
    """Every row of every ledger table in storage order, without the columns that record when."""
    conn = ledger.connection
    out: dict[str, list[dict[str, Any]]] = {}
    for table in TABLES:
        rows = conn.execute(f"SELECT * FROM {table} ORDER BY rowid").fetchall()
        out[table] = [{k: r[k] for k in r.keys() if k not in VOLATILE} for r in rows]
    return out
