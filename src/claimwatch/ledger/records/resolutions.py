"""Resolved ledger claims: final status confirmed, denied or retracted, the date of the status change
that brought them there, and the statements (status facts) counted on them; as stored, or by an
unweighted replay of the status rules."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable, Optional

from claimwatch.ledger.sql import in_chunks, placeholders
from claimwatch.ledger.status import Fact, timeline

RESOLVED = ("confirmed", "denied", "retracted")


@dataclass(frozen=True)
class Resolution:
    """A resolved ledger claim with the statements (status facts) that were counted on it."""

    claim_id: int
    text: str
    status: str
    date: Optional[str]
    facts: tuple[Fact, ...] = ()  # from ClaimBook.facts, oldest first


def stored_resolutions(ledger, claim_ids: Optional[Iterable[int]] = None) -> list[Resolution]:
    """Resolved ledger claims as stored: final status, the date of the last status change, the facts."""
    conn = ledger.connection
    sql = f"SELECT id, text, status FROM ledger_claims WHERE status IN ({placeholders(RESOLVED)})"
    if claim_ids is None:
        rows = conn.execute(sql + " ORDER BY id", RESOLVED).fetchall()
    else:  # ascending chunks of ascending ids: the rows come in id order as from one query
        rows = [row for chunk in in_chunks(sorted(set(claim_ids)))
                for row in conn.execute(sql + f" AND id IN ({placeholders(chunk)}) ORDER BY id", (*RESOLVED, *chunk))]
    resolved = [row["id"] for row in rows]
    facts = ledger.claims.facts_of(resolved)
    dates = _last_status_dates(conn, resolved)
    return [Resolution(row["id"], row["text"], row["status"], dates.get(row["id"]), tuple(facts[row["id"]]))
            for row in rows]


def _last_status_dates(conn, claim_ids: list[int]) -> dict[int, Optional[str]]:
    """Each claim's date of its latest 'first_alleged' or 'status_change' event (highest event id)."""
    out: dict[int, Optional[str]] = {}
    for chunk in in_chunks(claim_ids):
        for claim_id, date in conn.execute(
                "SELECT e.ledger_claim_id, e.date FROM claim_events e WHERE e.id IN ("
                " SELECT MAX(id) FROM claim_events WHERE kind IN ('first_alleged', 'status_change')"
                f" AND ledger_claim_id IN ({placeholders(chunk)}) GROUP BY ledger_claim_id)", chunk):
            out[claim_id] = date
    return out


def replayed_resolutions(book, exclude: Optional[int] = None) -> list[Resolution]:
    """Resolved claims by the *unweighted* replay of their statements, so that weighting one claim
    never feeds on weighted outcomes of others (no loop, no dependence on the order of refreshes)."""
    from claimwatch.ledger import matching

    conn = book._conn  # noqa: SLF001 - the book's own connection, read in its transaction
    out = []
    for row in conn.execute("SELECT id, text, agent FROM ledger_claims ORDER BY id").fetchall():
        if row["id"] == exclude:
            continue
        facts = book.facts(row["id"])
        if not facts:
            continue
        agent = matching.side_of(row["agent"]) if row["agent"] else None
        result = timeline(facts, agent=agent, parties=book.parties(row["id"]) - {agent}, factors={})
        if result.status not in RESOLVED:
            continue
        changes = [e for e in result.events if e.kind in ("first_alleged", "status_change")]
        out.append(Resolution(row["id"], row["text"], result.status, changes[-1].date if changes else None,
                              tuple(facts)))
    return out
