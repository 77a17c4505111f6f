"""Watches on ledger claims and the alerts they raise when a watched claim moves.

A watch follows one ledger claim or every claim matching a text query (also claims that appear
later). After each ingest :func:`~claimwatch.watch.hooks.after_ingest` compares the claims' timelines
with the alerts already raised, records the new ones, and publishes them: a terminal summary, a
JSON-lines log, an Atom feed and, when configured, a webhook POST on a background thread.
"""
from __future__ import annotations

from claimwatch.watch.check import Alert, check_watches, list_alerts, record_baseline
from claimwatch.watch.config import WatchConfig, load_config, set_setting, unset_setting
from claimwatch.watch.hooks import WatchRun, after_ingest, check_after_ingest
from claimwatch.watch.store import Watch, add_watch, covered_claims, get_watch, list_watches, remove_watch

__all__ = ["Alert", "Watch", "WatchConfig", "WatchRun", "add_watch", "after_ingest", "check_after_ingest", "check_watches",
           "covered_claims", "get_watch", "list_alerts", "list_watches", "load_config", "record_baseline",
           "remove_watch", "set_setting", "unset_setting"]
