"""Where alerts go, kept in the ledger's ``settings`` table so the configuration travels with the file.

Feed and JSON-lines paths default to files beside the ledger (``<db>.alerts.atom``,
``<db>.alerts.jsonl``); the webhook is off unless a URL is set here or in ``CLAIMWATCH_WEBHOOK_URL``
(the environment wins, so a deployment can override a copied ledger's setting).
"""
from __future__ import annotations

import os
import uuid
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Optional

from claimwatch.errors import InputError
from claimwatch.ledger.store import Ledger

WEBHOOK_ENV = "CLAIMWATCH_WEBHOOK_URL"
DEFAULT_BASE_URL = "http://127.0.0.1:8000"  # where `claimwatch serve` listens by default
DEFAULT_WAIT_S = 5.0  # longest the CLI waits at exit for webhook delivery
MAX_WAIT_S = 60.0
KEYS = ("feed", "jsonl", "webhook", "base_url", "wait")
_UID_KEY = "ledger_uid"


@dataclass(frozen=True)
class WatchConfig:
    """The effective alert outputs of one ledger (None: that output is off)."""

    feed: Optional[str]
    jsonl: Optional[str]
    webhook: Optional[str]
    base_url: str
    wait: float
    webhook_source: str  # "settings", "environment" or "off"

    def to_dict(self) -> dict:
        return {"feed": self.feed, "jsonl": self.jsonl, "webhook": self.webhook, "webhook_source": self.webhook_source,
                "base_url": self.base_url, "wait": self.wait}


def _settings(ledger: Ledger) -> dict[str, str]:
    return {r[0]: r[1] for r in ledger.connection.execute("SELECT key, value FROM settings")}


def _beside(ledger: Ledger, suffix: str) -> Optional[str]:
    return None if ledger.path == ":memory:" else f"{ledger.path}{suffix}"


def load_config(ledger: Ledger) -> WatchConfig:
    """The configured outputs with their defaults filled in."""
    stored = _settings(ledger)
    env = os.environ.get(WEBHOOK_ENV, "").strip()
    webhook, source = (env, "environment") if env else (stored.get("webhook"), "settings")
    return WatchConfig(feed=stored.get("feed", _beside(ledger, ".alerts.atom")) or None,
                       jsonl=stored.get("jsonl", _beside(ledger, ".alerts.jsonl")) or None,
                       webhook=webhook or None, webhook_source=source if webhook else "off",
                       base_url=stored.get("base_url", DEFAULT_BASE_URL),
                       wait=float(stored.get("wait", DEFAULT_WAIT_S)))


def _checked(key: str, value: str) -> str:
    """The value to store: paths made absolute, URLs and numbers validated."""
    if key in ("feed", "jsonl"):
        if not value.strip():
            return ""  # an empty path turns that output off
        path = Path(value).expanduser().resolve()
        if path.is_dir():
            raise InputError(f"--{key} {value}: is a directory; give a file path")
        return str(path)
    if key == "webhook":
        from claimwatch.ingest.fetch import check_url

        return check_url(value.strip()) if value.strip() else ""
    if key == "base_url":
        if not value.startswith(("http://", "https://")):
            raise InputError(f"--base-url {value}: expected an http(s) URL such as {DEFAULT_BASE_URL}")
        return value.rstrip("/")
    if key == "wait":
        try:
            seconds = float(value)
        except ValueError:
            raise InputError(f"--wait {value}: expected a number of seconds") from None
        if not 0 <= seconds <= MAX_WAIT_S:
            raise InputError(f"--wait {value}: expected 0 to {MAX_WAIT_S:g} seconds")
        return repr(seconds)
    raise InputError(f"unknown setting {key!r}; expected one of {', '.join(KEYS)}")


def set_setting(ledger: Ledger, key: str, value: str) -> None:
    """Store one setting after validating it (InputError on a bad path, URL or number)."""
    ledger.connection.execute("INSERT OR REPLACE INTO settings (key, value) VALUES (?, ?)", (key, _checked(key, value)))


def unset_setting(ledger: Ledger, key: str) -> None:
    """Back to the default for ``key``."""
    if key not in KEYS:
        raise InputError(f"unknown setting {key!r}; expected one of {', '.join(KEYS)}")
    ledger.connection.execute("DELETE FROM settings WHERE key = ?", (key,))


def ledger_uid(ledger: Ledger) -> tuple[str, str]:
    """A random id and creation date for this ledger, minted once: feed entry ids stay unique when one
    reader follows several ledgers, and stay stable when the ledger file is moved."""
    row = ledger.connection.execute("SELECT value FROM settings WHERE key = ?", (_UID_KEY,)).fetchone()
    if row is None:
        value = f"{datetime.now(timezone.utc).date().isoformat()}/{uuid.uuid4().hex}"
        ledger.connection.execute("INSERT OR IGNORE INTO settings (key, value) VALUES (?, ?)", (_UID_KEY, value))
        row = ledger.connection.execute("SELECT value FROM settings WHERE key = ?", (_UID_KEY,)).fetchone()
    day, uid = row[0].split("/", 1)
    return day, uid
