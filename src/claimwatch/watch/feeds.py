"""Alerts as files a reader or a script can follow: an Atom feed (rewritten) and JSON lines (appended).

The Atom feed (RFC 4287, written with feedgen) holds the latest ``FEED_SIZE`` alerts, one entry per
event even when several watches saw it; each entry's id is a ``tag:`` URI built from the ledger's
id and the event's content key, so a feed reader never sees one event twice even after the claim's
timeline was recomputed. Files are replaced atomically, so a reader never sees half a feed.
"""
from __future__ import annotations

import json
import os
import tempfile
from datetime import datetime, timezone
from pathlib import Path
from typing import Iterable, Optional, Sequence

from claimwatch.watch.check import Alert, claim_url, unique_events
from claimwatch.dates import parse_moment

FEED_SIZE = 200
AUTHORITY = "claimwatch"  # tag: URI authority (RFC 4151); the date and ledger id make it unique


def alert_tag(ledger_day: str, ledger_uid: str, event_key: str) -> str:
    """The stable Atom id of one event: ``tag:claimwatch,2024-11-25:<ledger uid>/claim/4/denial/17``."""
    return f"tag:{AUTHORITY},{ledger_day}:{ledger_uid}/{event_key}"


def _replace(path: str, data: bytes) -> None:
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", dir=str(target.parent))
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.replace(tmp, target)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise


def _entry_text(alert: Alert) -> str:
    when = (alert.date or "?")[:10]
    return (f"{alert.detail} on {when}. Claim {alert.ledger_claim_id}: \u201c{alert.claim_text}\u201d "
            f"(status now: {alert.claim_status or 'unknown'}).")


def atom_feed(alerts: Sequence[Alert], *, base_url: str, ledger_day: str, ledger_uid: str, title: str,
              now: Optional[datetime] = None) -> bytes:
    """The Atom document for ``alerts`` (newest first): feed id, title, updated, author, links; per
    entry id, title, updated, published (the event's date), summary, category and the claim's link."""
    from feedgen.feed import FeedGenerator

    entries = unique_events(alerts)[:FEED_SIZE]
    fg = FeedGenerator()
    fg.id(f"tag:{AUTHORITY},{ledger_day}:{ledger_uid}/alerts")
    fg.title(title)
    fg.author({"name": "claimwatch"})
    fg.link(href=base_url.rstrip("/") + "/", rel="alternate")
    fg.subtitle("Status changes, new figures, denials and confirmations on watched claims")
    newest = max((m for m in (parse_moment(a.created) for a in entries) if m), default=None)
    fg.updated(newest or now or datetime.now(timezone.utc))
    for alert in entries:
        fe = fg.add_entry(order="append")
        fe.id(alert_tag(ledger_day, ledger_uid, alert.event_key))
        fe.title(alert.summary)
        fe.updated(parse_moment(alert.created) or newest or datetime.now(timezone.utc))
        published = parse_moment(alert.date)
        if published:
            fe.published(published)
        fe.summary(_entry_text(alert))
        fe.link(href=claim_url(base_url, alert.ledger_claim_id), rel="alternate")
        fe.category(term=alert.kind, label=alert.kind.replace("_", " "))
    return fg.atom_str(pretty=True)


def write_atom(path: str, alerts: Sequence[Alert], **kwargs) -> None:
    """Rewrite the feed file at ``path`` atomically."""
    _replace(path, atom_feed(alerts, **kwargs))


def append_jsonl(path: str, alerts: Iterable[Alert], base_url: Optional[str] = None) -> int:
    """Append one JSON object per alert (oldest first) to ``path``; return how many lines were written."""
    lines = [json.dumps(a.to_dict(base_url), ensure_ascii=False) + "\n" for a in alerts]
    if not lines:
        return 0
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    with target.open("a", encoding="utf-8") as fh:
        fh.writelines(lines)
    return len(lines)
