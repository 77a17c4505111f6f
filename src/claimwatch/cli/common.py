"""Helpers the command modules share: the bundled example, terminal size and colour, opening the
ledger, JSON output, and how a watch run is reported at the end of a command.

Command modules import from here (and :mod:`claimwatch.cli.options`), never from one another.
"""
from __future__ import annotations

import json
import logging
import os
import shutil
import sys
from importlib import resources
from pathlib import Path
from typing import Any, Callable, Optional

import click

from claimwatch.errors import InputError

log = logging.getLogger("claimwatch")

EXAMPLE = "north-korea-troops.txt"


def example_path() -> Path:
    """The bundled founding example article, so the demo needs no external file."""
    return Path(str(resources.files("claimwatch") / "data" / "examples" / EXAMPLE))


def configure_logging(verbose: int) -> None:
    """Only claimwatch's own logger, to stderr: quiet (warnings) by default, -v info, -vv debug."""
    level = logging.WARNING if verbose == 0 else logging.INFO if verbose == 1 else logging.DEBUG
    for handler in [h for h in log.handlers if getattr(h, "_claimwatch_cli", False)]:
        log.removeHandler(handler)
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("%(levelname)s %(name)s: %(message)s"))
    handler._claimwatch_cli = True  # type: ignore[attr-defined]
    log.addHandler(handler)
    log.setLevel(level)


def stdout_color() -> bool:
    return sys.stdout.isatty() and "NO_COLOR" not in os.environ


def width() -> int:
    return max(60, min(shutil.get_terminal_size((100, 24)).columns, 140))


def open_ledger(db: str, lexical: bool = False, embedder: Optional[Callable] = None):
    """The ledger at ``db``; ``lexical`` matches claims without the sentence-embedding model, and
    ``embedder`` replaces the installed model (an embedder factory, e.g. a VectorMemo)."""
    from claimwatch.ledger import Ledger

    return Ledger(db, embedder=(lambda: None) if lexical else embedder)


def existing_ledger(db: str) -> str:
    """``db`` when the file exists; commands that only read a ledger say how to make one otherwise."""
    if not Path(db).exists():
        raise InputError(f"no ledger at {db}; ingest articles first (`claimwatch ingest ... --db {db}`) or pass --db PATH")
    return db


def echo_json(data: Any) -> None:
    """Read models (or plain data) as indented JSON: the same fields and order the web API serves."""
    from claimwatch.ledger.read_models import as_data

    click.echo(json.dumps(as_data(data), ensure_ascii=False, indent=2))


def short_day(value: Optional[str]) -> str:
    """The date part of an ISO timestamp, '?' when there is none (table columns)."""
    return (value or "?")[:10]


# --- watch runs (after `ingest` and `watch check`) -----------------------------------------------

def webhook_state(run: Any) -> Optional[dict]:
    if run.delivery is None:
        return None
    return {"url": run.delivery.url, "alerts": run.delivery.alert_count}


def wait_for_webhook(run: Any, quiet: bool = False) -> None:
    """Give the webhook its bounded wait; say what is left for the next run."""
    if run.delivery is None:
        return
    done = run.finish()
    outcome = run.delivery.outcome
    if quiet:
        return
    if not done:
        click.echo(f"webhook: still sending after {run.config.wait:g} s; undelivered alerts are retried on the "
                   "next run", err=True)
    elif outcome.failed:
        click.echo(f"webhook: {len(outcome.failed)} alert(s) not delivered "
                   f"({next(iter(outcome.failed.values()))}); retried on the next run", err=True)


def finish_after_ingest(run: Any, fmt: str) -> None:
    """Print the alert summary on stderr (text mode) and give the webhook its bounded wait."""
    if fmt == "text":
        if run.alerts:
            click.echo(run.summary(), err=True)
        for warning in run.warnings:
            click.echo(f"warning: {warning}", err=True)
    wait_for_webhook(run, quiet=fmt == "json")
