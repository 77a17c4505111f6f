"""Comparing watched claims' timelines with the alerts already raised, and recording the new ones.

``claim_events`` is derived data: a claim's rows are deleted and rewritten whenever an article about
it arrives, so an event is identified by its content, never its row id (:func:`event_key`). A claim
recomputed with the same events therefore raises nothing, and running a check twice raises nothing
new. The first check of a watch records what exists as its baseline without alerting, unless the
watch was added ``from_start``.
"""
from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Iterable, Optional, Sequence
from urllib.parse import quote

from claimwatch.errors import InputError
from claimwatch.ledger.sql import in_chunks
from claimwatch.ledger.store import Ledger
from claimwatch.watch.store import Watch, covered_claims, list_watches, now_iso

KINDS = ("first_alleged", "status_change", "new_quantity", "denial", "confirmation")
SHORT_CLAIM = 60  # characters of claim text quoted in a one-line summary
ONE_LINE_ALERTS = 3  # alerts on one claim that still fit the one-line terminal summary
MAX_SUMMARY_ALERTS = 12  # alerts listed in the terminal summary; the rest are counted


@dataclass(frozen=True)
class Alert:
    """One timeline event of a watched claim, raised once per watch."""

    id: int
    watch_id: int
    ledger_claim_id: int
    event_key: str
    kind: str
    date: Optional[str]  # when the event happened (the article's publication date)
    summary: str  # one line: claim id, short text and what happened
    detail: str  # what happened, without the claim
    statement_pk: Optional[int]
    from_status: Optional[str]
    to_status: Optional[str]
    note: str
    created: str  # when the alert was raised
    claim_text: str = ""
    claim_status: str = ""
    delivered_at: Optional[str] = None

    def to_dict(self, base_url: Optional[str] = None) -> dict:
        d = {"id": self.id, "watch_id": self.watch_id, "event_key": self.event_key, "kind": self.kind,
             "date": self.date, "created": self.created, "summary": self.summary, "detail": self.detail,
             "from_status": self.from_status, "to_status": self.to_status, "note": self.note,
             "claim": {"id": self.ledger_claim_id, "text": self.claim_text, "status": self.claim_status},
             "delivered_at": self.delivered_at}
        if base_url:
            d["url"] = claim_url(base_url, self.ledger_claim_id)
        return d


@dataclass(frozen=True)
class _Event:
    """A timeline row with its content key and wording."""

    ledger_claim_id: int
    key: str
    kind: str
    date: Optional[str]
    statement_pk: Optional[int]
    from_status: Optional[str]
    to_status: Optional[str]
    note: str
    detail: str
    summary: str


def claim_url(base_url: str, ledger_claim_id: int) -> str:
    """The claim's page in the web UI (``claimwatch serve``)."""
    return f"{base_url.rstrip('/')}/claims/{ledger_claim_id}"


def short(text: str, limit: int = SHORT_CLAIM) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[:limit - 1].rstrip() + "\u2026"


def quantity_label(note: str) -> str:
    """The figure as written, from a new_quantity note ("12,000 troops (Yonhap)")."""
    return note[:note.rfind(" (")] if note.endswith(")") and " (" in note else note


def event_key(ledger_claim_id: int, kind: str, statement_pk: Optional[int], to_status: Optional[str] = None,
              figure: Optional[str] = None) -> str:
    """The content key of an event: stable when the claim's timeline is rewritten with the same events.

    A claim is first alleged once; a status change is the move to a status at one statement (the
    status it left may change when a late article is slotted in before it); a denial or confirmation
    is one statement's; a new figure is its value and unit, whoever reported it first.
    """
    stmt = "-" if statement_pk is None else str(statement_pk)
    if kind == "first_alleged":
        tail = ""
    elif kind == "status_change":
        tail = f"/{to_status}/{stmt}"
    elif kind == "new_quantity":
        tail = "/" + quote(figure or "", safe="")
    else:
        tail = f"/{stmt}"
    return f"claim/{ledger_claim_id}/{kind}{tail}"


def _figure(quantities: dict[Optional[int], list[sqlite3.Row]], statement_pk: Optional[int], label: str) -> str:
    """Value and unit of the figure an event names, as the timeline dedupes figures; the label when unknown."""
    for q in quantities.get(statement_pk, []):
        if q["text"] == label or f"{q['value']:g} {q['unit']}" == label:
            return f"{round(float(q['value']), 3):g} {q['unit'].casefold()}"
    return label.casefold()


def _who(row: sqlite3.Row) -> str:
    source = row["source"] or "unknown source"
    source = "an unnamed source" if source == "unnamed" else source
    return f"{source}, {row['outlet']}" if row["outlet"] else source


def _detail(row: sqlite3.Row, label: str) -> str:
    who = _who(row)
    kind = row["kind"]
    if kind == "first_alleged":
        return f"new claim ({row['to_status']}), first reported by {who}"
    if kind == "status_change":
        return f"{row['from_status']} \u2192 {row['to_status']} ({who})"
    if kind == "denial":
        return f"{'disputed' if row['stance'] == 'disputes' else 'denied'} by {who}"
    if kind == "confirmation":
        return f"{'supported' if row['stance'] == 'supports' else 'confirmed'} by {who}"
    return f"new figure {label} ({who})"


def current_events(ledger: Ledger, claim_ids: Sequence[int]) -> list[_Event]:
    """Every timeline event of these ledger claims, in timeline order, with keys and wording."""
    out: list[_Event] = []
    conn = ledger.connection
    for part in in_chunks(sorted(set(claim_ids))):
        marks = ",".join("?" * len(part))
        quantities: dict[tuple[int, Optional[int]], list[sqlite3.Row]] = {}
        for q in conn.execute(f"SELECT ledger_claim_id, statement_pk, value, unit, text FROM claim_quantities"
                              f" WHERE ledger_claim_id IN ({marks})", part):
            quantities.setdefault((q["ledger_claim_id"], q["statement_pk"]), []).append(q)
        rows = conn.execute(
            "SELECT e.ledger_claim_id, e.date, e.kind, e.from_status, e.to_status, e.statement_pk, e.note,"
            " s.source, s.stance, a.outlet, l.text AS claim_text FROM claim_events e"
            " JOIN ledger_claims l ON l.id = e.ledger_claim_id LEFT JOIN statements s ON s.pk = e.statement_pk"
            f" LEFT JOIN articles a ON a.id = s.article_id WHERE e.ledger_claim_id IN ({marks})"
            " ORDER BY e.ledger_claim_id, e.id", part).fetchall()
        for r in rows:
            label = quantity_label(r["note"]) if r["kind"] == "new_quantity" else ""
            figure = None
            if r["kind"] == "new_quantity":
                by_statement = {k[1]: v for k, v in quantities.items() if k[0] == r["ledger_claim_id"]}
                figure = _figure(by_statement, r["statement_pk"], label)
            detail = _detail(r, label)
            out.append(_Event(
                ledger_claim_id=r["ledger_claim_id"],
                key=event_key(r["ledger_claim_id"], r["kind"], r["statement_pk"], r["to_status"], figure),
                kind=r["kind"], date=r["date"], statement_pk=r["statement_pk"], from_status=r["from_status"],
                to_status=r["to_status"], note=r["note"], detail=detail,
                summary=f"claim {r['ledger_claim_id']} '{short(r['claim_text'])}': {detail}"))
    return out


def _known_keys(ledger: Ledger, watch_id: int) -> set[str]:
    return {r[0] for r in ledger.connection.execute("SELECT event_key FROM alerts WHERE watch_id = ?", (watch_id,))}


def _insert(ledger: Ledger, watch: Watch, events: Iterable[_Event], created: str, baseline: bool,
            deliver: bool) -> list[int]:
    """Insert the events the watch has not seen; return the new alert ids (a concurrent check that got
    there first wins the unique key, so nothing is raised twice)."""
    ids = []
    for e in events:
        cursor = ledger.connection.execute(
            "INSERT OR IGNORE INTO alerts (watch_id, ledger_claim_id, event_key, kind, date, summary, statement_pk,"
            " from_status, to_status, note, created, baseline, deliver, detail)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (watch.id, e.ledger_claim_id, e.key, e.kind, e.date, e.summary, e.statement_pk, e.from_status,
             e.to_status, e.note, created, int(baseline), int(deliver and not baseline), e.detail))
        if cursor.rowcount == 1:
            ids.append(cursor.lastrowid)
    return ids


def _check_one(ledger: Ledger, watch: Watch, created: str, deliver: bool, baseline: bool) -> list[int]:
    conn = ledger.connection
    conn.execute("BEGIN IMMEDIATE")
    try:
        known = _known_keys(ledger, watch.id)
        fresh: dict[str, _Event] = {}
        for event in current_events(ledger, covered_claims(ledger, watch)):
            if event.key not in known:
                fresh.setdefault(event.key, event)
        ids = _insert(ledger, watch, fresh.values(), created, baseline, deliver)
        conn.execute("UPDATE watches SET baseline_at = COALESCE(baseline_at, ?) WHERE id = ?", (created, watch.id))
        conn.execute("COMMIT")
    except BaseException:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise
    return ids


def record_baseline(ledger: Ledger, watch: Watch, now: Optional[str] = None) -> int:
    """Record the watch's current events as seen, without alerting; return how many."""
    return len(_check_one(ledger, watch, now or now_iso(), deliver=False, baseline=True))


def check_watches(ledger: Ledger, now: Optional[str] = None, deliver: Optional[bool] = None,
                  watches: Optional[Sequence[Watch]] = None) -> list[Alert]:
    """Raise an alert for every event of a watched claim that its watch has not seen yet.

    A watch checked for the first time records its baseline instead (unless added ``from_start``).
    ``deliver`` marks the new alerts as owed to the webhook (default: when one is configured).
    """
    from claimwatch.ledger.queries import _ensure_matched

    _ensure_matched(ledger)  # claims of older ledgers are matched lazily: match them before comparing
    if deliver is None:
        from claimwatch.watch.config import load_config

        deliver = load_config(ledger).webhook is not None
    created = now or now_iso()
    ids: list[int] = []
    for watch in (list_watches(ledger) if watches is None else watches):
        first = watch.baseline_at is None and not watch.from_start
        raised = _check_one(ledger, watch, created, deliver, baseline=first)
        if not first:
            ids.extend(raised)
    return alerts_by_id(ledger, ids)


_ALERT_SELECT = ("SELECT x.*, l.text AS claim_text, l.status AS claim_status FROM alerts x"
                 " LEFT JOIN ledger_claims l ON l.id = x.ledger_claim_id")


def _alert(row: sqlite3.Row) -> Alert:
    return Alert(id=row["id"], watch_id=row["watch_id"], ledger_claim_id=row["ledger_claim_id"],
                 event_key=row["event_key"], kind=row["kind"], date=row["date"], summary=row["summary"],
                 detail=row["detail"], statement_pk=row["statement_pk"], from_status=row["from_status"],
                 to_status=row["to_status"], note=row["note"], created=row["created"],
                 claim_text=row["claim_text"] or "", claim_status=row["claim_status"] or "",
                 delivered_at=row["delivered_at"])


def alerts_by_id(ledger: Ledger, ids: Sequence[int]) -> list[Alert]:
    out: list[Alert] = []
    for part in in_chunks(list(ids)):
        marks = ",".join("?" * len(part))
        out.extend(_alert(r) for r in ledger.connection.execute(
            f"{_ALERT_SELECT} WHERE x.id IN ({marks}) ORDER BY x.id", part))
    return out


def normalise_since(value: str) -> str:
    """An ISO date or date-time as the UTC text alerts are stamped with (InputError otherwise)."""
    try:
        if len(value.strip()) == 10:
            return datetime.fromisoformat(value.strip()).date().isoformat()
        moment = datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
    except ValueError:
        raise InputError(f"--since {value}: expected an ISO date such as 2024-11-05 or 2024-11-05T18:00") from None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=timezone.utc)
    return moment.astimezone(timezone.utc).isoformat(timespec="seconds")


def list_alerts(ledger: Ledger, since: Optional[str] = None, watch_id: Optional[int] = None,
                limit: Optional[int] = None) -> list[Alert]:
    """Raised alerts (baselines excluded), newest first; ``since`` is an ISO date or date-time."""
    clauses, params = ["x.baseline = 0"], []
    if since:
        clauses.append("x.created >= ?")
        params.append(normalise_since(since))
    if watch_id is not None:
        clauses.append("x.watch_id = ?")
        params.append(watch_id)
    sql = f"{_ALERT_SELECT} WHERE {' AND '.join(clauses)} ORDER BY x.created DESC, x.id DESC"
    if limit:
        sql += f" LIMIT {int(limit)}"
    return [_alert(r) for r in ledger.connection.execute(sql, params)]


def unique_events(alerts: Iterable[Alert]) -> list[Alert]:
    """One alert per event when several watches saw it (the first one kept)."""
    seen: set[str] = set()
    out = []
    for a in alerts:
        if a.event_key not in seen:
            seen.add(a.event_key)
            out.append(a)
    return out


def terminal_summary(alerts: Sequence[Alert]) -> str:
    """A short summary for stderr: "2 alerts: claim 4 '...' alleged → corroborated; new figure ..."."""
    events = unique_events(alerts)
    if not events:
        return ""
    by_claim: dict[int, list[Alert]] = {}
    for a in events:
        by_claim.setdefault(a.ledger_claim_id, []).append(a)
    head = f"{len(events)} alert{'s' if len(events) != 1 else ''}:"
    if len(by_claim) == 1 and len(events) <= ONE_LINE_ALERTS:
        items = events
        return f"{head} claim {items[0].ledger_claim_id} '{short(items[0].claim_text)}' " + "; ".join(
            a.detail for a in items)
    lines, shown = [head], 0
    for cid, items in by_claim.items():
        if shown >= MAX_SUMMARY_ALERTS:
            break
        lines.append(f"  claim {cid} '{short(items[0].claim_text)}'")
        for a in items[:MAX_SUMMARY_ALERTS - shown]:
            lines.append(f"    {a.detail}")
            shown += 1
    if shown < len(events):
        lines.append(f"  ... and {len(events) - shown} more: `claimwatch watch alerts`")
    return "\n".join(lines)
