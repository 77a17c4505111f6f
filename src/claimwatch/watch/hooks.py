"""What runs after each ingest (CLI and web form): check the watches, then publish the new alerts.

Cheap when nothing is watched (one query). Publishing never fails the ingest: a feed path that
cannot be written becomes a warning, and the webhook runs on a background thread.
"""
from __future__ import annotations

import logging
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Optional

from claimwatch.ledger.store import Ledger
from claimwatch.watch import webhook
from claimwatch.watch.check import Alert, alerts_by_id, check_watches, list_alerts, terminal_summary
from claimwatch.watch.config import WatchConfig, ledger_uid, load_config
from claimwatch.watch.feeds import FEED_SIZE, alert_tag, append_jsonl, write_atom

log = logging.getLogger("claimwatch.watch")


@dataclass
class WatchRun:
    """The alerts one check raised, where they were written, and the webhook delivery under way."""

    alerts: list[Alert] = field(default_factory=list)
    written: list[str] = field(default_factory=list)  # files written
    warnings: list[str] = field(default_factory=list)
    delivery: Optional[webhook.Delivery] = None
    config: Optional[WatchConfig] = None
    failure: Optional[str] = None  # why the check itself failed (see check_after_ingest)

    def summary(self) -> str:
        return terminal_summary(self.alerts)

    def to_dict(self) -> list[dict]:
        base = self.config.base_url if self.config else None
        return [a.to_dict(base) for a in self.alerts]

    def finish(self, wait: Optional[float] = None) -> bool:
        """Give the webhook at most ``wait`` seconds (default: the configured wait); True when done.
        Whatever is not delivered by then is retried on the next run."""
        if self.delivery is None:
            return True
        return self.delivery.wait(self.config.wait if wait is None and self.config else (wait or 0.0))


def has_watches(ledger: Ledger) -> bool:
    return ledger.connection.execute("SELECT 1 FROM watches LIMIT 1").fetchone() is not None


def _title(ledger: Ledger) -> str:
    name = "in-memory ledger" if ledger.path == ":memory:" else Path(ledger.path).name
    return f"claimwatch alerts: {name}"


def publish(ledger: Ledger, alerts: list[Alert], config: WatchConfig, force_feed: bool = False) -> WatchRun:
    """Append the new alerts to the JSON-lines file and rewrite the Atom feed from the ledger."""
    run = WatchRun(alerts=alerts, config=config)
    if config.jsonl and alerts:
        try:
            append_jsonl(config.jsonl, alerts, config.base_url)
            run.written.append(config.jsonl)
        except OSError as exc:
            run.warnings.append(f"could not append alerts to {config.jsonl}: {exc.strerror or exc}")
    if config.feed and (alerts or force_feed or not os.path.exists(config.feed)):
        day, uid = ledger_uid(ledger)
        try:
            write_atom(config.feed, list_alerts(ledger, limit=FEED_SIZE * 4), base_url=config.base_url,
                       ledger_day=day, ledger_uid=uid, title=_title(ledger))
            run.written.append(config.feed)
        except OSError as exc:
            run.warnings.append(f"could not write the Atom feed {config.feed}: {exc.strerror or exc}")
    for warning in run.warnings:
        log.warning("%s", warning)
    return run


def start_webhook(ledger: Ledger, config: WatchConfig, **options) -> Optional[webhook.Delivery]:
    """Start posting the alerts owed to the webhook (this run's and earlier undelivered ones)."""
    if not config.webhook:
        return None
    ids = webhook.pending_ids(ledger.connection)
    if not ids:
        return None
    day, uid = ledger_uid(ledger)
    batches = []
    alerts = alerts_by_id(ledger, ids)
    for start in range(0, len(alerts), webhook.MAX_BATCH):
        chunk = alerts[start:start + webhook.MAX_BATCH]
        items = [dict(a.to_dict(config.base_url), atom_id=alert_tag(day, uid, a.event_key)) for a in chunk]
        batches.append(([a.id for a in chunk], webhook.payload(items, uid)))
    return webhook.Delivery(ledger.path, config.webhook, batches, **options).start()


def after_ingest(ledger: Ledger, now: Optional[str] = None, **webhook_options) -> WatchRun:
    """Check every watch, publish new alerts, start the webhook; an empty run when nothing is watched."""
    if not has_watches(ledger):
        return WatchRun()
    config = load_config(ledger)
    alerts = check_watches(ledger, now=now, deliver=config.webhook is not None)
    run = publish(ledger, alerts, config)
    try:
        run.delivery = start_webhook(ledger, config, **webhook_options)
    except Exception as exc:  # noqa: BLE001 - the webhook must never fail an ingest
        run.warnings.append(f"webhook not started: {exc}")
        log.warning("webhook not started", exc_info=True)
    return run


def check_after_ingest(ledger: Ledger) -> WatchRun:
    """:func:`after_ingest` for a run that has stored its articles: it never raises.

    A failing check (a locked ledger) is recorded as the run's ``failure`` and a warning; the
    articles stay stored, and the next ingest or ``claimwatch watch check`` raises the alerts, since
    checks compare with what was raised before."""
    try:
        return after_ingest(ledger)
    except Exception as exc:  # noqa: BLE001 - alerts must never fail an ingest that stored its articles
        log.debug("watches not checked after the ingest", exc_info=True)
        return WatchRun(warnings=[f"watches not checked ({exc}); run `claimwatch watch check`"], failure=str(exc))
