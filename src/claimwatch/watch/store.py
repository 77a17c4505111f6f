"""Watches: what a user follows, and which ledger claims each covers right now.

A claim watch covers one ledger claim. A query watch covers every ledger claim the query selects as a
text filter, exactly as ``claimwatch claims --story`` reads it (:func:`claimwatch.ledger.queries.text_matches`),
so claims that appear later are covered as soon as they are stored.
"""
from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Optional

from claimwatch.errors import InputError
from claimwatch.ledger.store import Ledger



@dataclass(frozen=True)
class Watch:
    """One watch; exactly one of ``query`` and ``claim_id`` is set."""

    id: int
    query: Optional[str]
    claim_id: Optional[int]
    created: str
    from_start: bool = False
    baseline_at: Optional[str] = None

    @property
    def kind(self) -> str:
        return "claim" if self.claim_id is not None else "query"

    @property
    def target(self) -> str:
        return f"claim {self.claim_id}" if self.claim_id is not None else f"query {self.query!r}"

    def to_dict(self) -> dict:
        return {"id": self.id, "kind": self.kind, "query": self.query, "claim_id": self.claim_id,
                "created": self.created, "from_start": self.from_start, "baseline_at": self.baseline_at}


def now_iso() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def _watch(row: sqlite3.Row) -> Watch:
    return Watch(id=row["id"], query=row["query"], claim_id=row["claim_id"], created=row["created"],
                 from_start=bool(row["from_start"]), baseline_at=row["baseline_at"])


def query_words(query: str) -> list[str]:
    """The words a query watch needs, read as every text filter is (``filter_words``)."""
    from claimwatch.ledger.queries import filter_words

    return filter_words(query)


def add_watch(ledger: Ledger, target: str, *, as_query: bool = False, from_start: bool = False,
              now: Optional[str] = None) -> tuple[Watch, bool]:
    """Create a watch on a claim id (a number) or a query; return it and whether it is new.

    Adding what is already watched returns the existing watch, so scripts can re-run ``watch add``.
    An unknown claim id or an empty query is an InputError.
    """
    conn = ledger.connection
    target = target.strip()
    if not as_query and target.isdigit():
        claim_id, query = int(target), None
        if conn.execute("SELECT 1 FROM ledger_claims WHERE id = ?", (claim_id,)).fetchone() is None:
            raise InputError(f"no claim {claim_id} in {ledger.path}; list them with `claimwatch claims`, "
                             "or add --query to watch the text")
        existing = conn.execute("SELECT * FROM watches WHERE claim_id = ?", (claim_id,)).fetchone()
    else:
        if not query_words(target):
            raise InputError("give a claim id or some words to watch, e.g. `claimwatch watch add \"north korea\"`")
        claim_id, query = None, " ".join(target.split())
        existing = conn.execute("SELECT * FROM watches WHERE query = ? COLLATE NOCASE", (query,)).fetchone()
    if existing is not None:
        return _watch(existing), False
    cursor = conn.execute("INSERT INTO watches (query, claim_id, created, from_start) VALUES (?, ?, ?, ?)",
                          (query, claim_id, now or now_iso(), int(from_start)))
    return get_watch(ledger, cursor.lastrowid), True


def get_watch(ledger: Ledger, watch_id: int) -> Watch:
    row = ledger.connection.execute("SELECT * FROM watches WHERE id = ?", (watch_id,)).fetchone()
    if row is None:
        raise InputError(f"no watch {watch_id} in {ledger.path}; list them with `claimwatch watch list`")
    return _watch(row)


def list_watches(ledger: Ledger) -> list[Watch]:
    return [_watch(r) for r in ledger.connection.execute("SELECT * FROM watches ORDER BY id")]


def remove_watch(ledger: Ledger, watch_id: int) -> Watch:
    """Delete a watch and the alerts it raised (the feed keeps them until it is next rewritten)."""
    watch = get_watch(ledger, watch_id)
    ledger.connection.execute("DELETE FROM watches WHERE id = ?", (watch_id,))
    return watch


def covered_claims(ledger: Ledger, watch: Watch) -> list[int]:
    """Ids of the ledger claims the watch covers now."""
    conn = ledger.connection
    if watch.claim_id is not None:
        row = conn.execute("SELECT id FROM ledger_claims WHERE id = ?", (watch.claim_id,)).fetchone()
        return [row[0]] if row else []
    if not query_words(watch.query or ""):
        return []
    from claimwatch.ledger.queries import text_matches

    return sorted(text_matches(ledger, watch.query or ""))


