"""Webhook delivery of alerts: a JSON POST per batch, on a background thread, retried with backoff.

Off unless a URL is configured. Delivery never blocks ingest: it starts after the run and the CLI
waits for it only a bounded time (``wait``) at exit. Alerts the hook did not accept keep
``delivered_at`` empty and are sent again on the next run (at most ``MAX_TOTAL_ATTEMPTS`` tries in
all), so delivery is at least once: receivers deduplicate on each alert's ``atom_id``. The URL is
checked as ``ingest/fetch.py`` checks URLs (http(s) only, public hosts only unless
``CLAIMWATCH_ALLOW_PRIVATE_URLS=1``), redirects are not followed and proxy variables are ignored.
"""
from __future__ import annotations

import hashlib
import logging
import sqlite3
import threading
from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import Any, Callable, Optional

from claimwatch.errors import InputError
from claimwatch.ingest.fetch import USER_AGENT, check_url

log = logging.getLogger("claimwatch.watch")

SCHEMA = "claimwatch-alerts/1"
ATTEMPTS = 3  # tries per batch within one run
BACKOFF_S = 0.5  # first pause between tries; doubled after each
TIMEOUT_S = 5.0  # per request (read, write, pool)
CONNECT_TIMEOUT_S = 3.0
MAX_BATCH = 100  # alerts per POST
MAX_PENDING = 1000  # alerts sent in one run at most; the rest wait for the next
MAX_TOTAL_ATTEMPTS = 20  # tries across runs after which an alert is no longer sent
_RETRY_STATUSES = (408, 425, 429)


@dataclass
class Outcome:
    """What one delivery run achieved, filled in by the background thread."""

    delivered: list[int] = field(default_factory=list)
    failed: dict[int, str] = field(default_factory=dict)
    posts: int = 0  # HTTP requests made, retries included


def post_with_retries(client: Any, url: str, payload: dict, attempts: int = ATTEMPTS,
                      backoff: float = BACKOFF_S, sleep: Callable[[float], Any] = lambda s: None,
                      on_try: Callable[[], None] = lambda: None) -> tuple[bool, int, Optional[str]]:
    """POST ``payload``; retry network errors, 5xx, 408/425/429 with exponential backoff.

    Returns (accepted, tries, last error). A refused URL or another 4xx answer is not retried.
    """
    import httpx  # only when a webhook is configured

    error: Optional[str] = None
    for n in range(1, attempts + 1):
        try:
            check_url(url)
            on_try()
            response = client.post(url, json=payload)
        except InputError as exc:
            return False, n, str(exc)
        except httpx.HTTPError as exc:
            error = f"{type(exc).__name__}: {exc}" if str(exc) else type(exc).__name__
        else:
            if 200 <= response.status_code < 300:
                return True, n, None
            error = f"HTTP {response.status_code}"
            if response.status_code < 500 and response.status_code not in _RETRY_STATUSES:
                return False, n, error
        if n < attempts and sleep(backoff * 2 ** (n - 1)):
            break  # the sleep was interrupted: the delivery was cancelled
    return False, n, error


class Delivery:
    """Posts batches of alerts on a daemon thread and records the outcome in the ledger file.

    The thread opens its own SQLite connection (connections are not shared across threads); with an
    in-memory ledger the outcome is kept in :attr:`outcome` only.
    """

    def __init__(self, db_path: str, url: str, batches: list[tuple[list[int], dict]], *,
                 attempts: int = ATTEMPTS, backoff: float = BACKOFF_S, timeout: float = TIMEOUT_S) -> None:
        self.db_path, self.url, self.batches = db_path, url, batches
        self.attempts, self.backoff, self.timeout = attempts, backoff, timeout
        self.outcome = Outcome()
        self._cancel = threading.Event()
        self._thread = threading.Thread(target=self._run, name="claimwatch-webhook", daemon=True)

    @property
    def alert_count(self) -> int:
        return sum(len(ids) for ids, _ in self.batches)

    def start(self) -> "Delivery":
        self._thread.start()
        return self

    def wait(self, timeout: float) -> bool:
        """Wait at most ``timeout`` seconds; True when every batch was tried."""
        self._thread.join(max(0.0, timeout))
        return not self._thread.is_alive()

    def cancel(self) -> None:
        """Stop retrying (a request in flight still ends at its timeout)."""
        self._cancel.set()

    def _run(self) -> None:
        try:
            import httpx

            timeout = httpx.Timeout(self.timeout, connect=min(CONNECT_TIMEOUT_S, self.timeout))
            with httpx.Client(timeout=timeout, follow_redirects=False, trust_env=False,
                              headers={"User-Agent": USER_AGENT}) as client:
                for ids, payload in self.batches:
                    if self._cancel.is_set():
                        return
                    ok, tries, error = post_with_retries(
                        client, self.url, payload, self.attempts, self.backoff, sleep=self._cancel.wait,
                        on_try=self._count)
                    if ok:
                        self.outcome.delivered.extend(ids)
                    else:
                        self.outcome.failed.update(dict.fromkeys(ids, error or "not delivered"))
                        log.warning("webhook %s: %d alert(s) not delivered (%s); kept for the next run",
                                    self.url, len(ids), error)
                    self._record(ids, ok, tries, error)
        except Exception:  # noqa: BLE001 - a delivery failure must never surface in the ingest
            log.warning("webhook delivery failed", exc_info=True)

    def _count(self) -> None:
        self.outcome.posts += 1

    def _record(self, ids: list[int], ok: bool, tries: int, error: Optional[str]) -> None:
        if self.db_path == ":memory:" or not ids:
            return
        marks = ",".join("?" * len(ids))
        stamp = datetime.now(timezone.utc).isoformat(timespec="seconds")
        try:
            with sqlite3.connect(self.db_path, timeout=10.0) as conn:
                if ok:
                    conn.execute(f"UPDATE alerts SET delivered_at = ?, attempts = attempts + ?, last_error = NULL"
                                 f" WHERE id IN ({marks})", (stamp, tries, *ids))
                else:
                    conn.execute(f"UPDATE alerts SET attempts = attempts + ?, last_error = ? WHERE id IN ({marks})",
                                 (tries, error, *ids))
            conn.close()
        except sqlite3.Error:
            log.warning("could not record webhook delivery in %s", self.db_path, exc_info=True)


def payload(alerts: list[dict], ledger_uid: str) -> dict:
    """The JSON body of one POST: ``{"schema", "ledger", "batch", "alerts": [...]}``."""
    batch = hashlib.sha256("\n".join(a["atom_id"] for a in alerts).encode()).hexdigest()[:16]
    return {"schema": SCHEMA, "ledger": ledger_uid, "batch": batch, "alerts": alerts}


def pending_ids(conn: sqlite3.Connection, limit: int = MAX_PENDING) -> list[int]:
    """Alerts owed to the webhook and not yet accepted, oldest first."""
    return [r[0] for r in conn.execute(
        "SELECT id FROM alerts WHERE deliver = 1 AND delivered_at IS NULL AND baseline = 0 AND attempts < ?"
        " ORDER BY id LIMIT ?", (MAX_TOTAL_ATTEMPTS, limit))]
