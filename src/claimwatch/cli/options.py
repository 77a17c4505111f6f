"""The options every command group shares, declared once: ``--db``, ``--format``, ``-v``.

Each is a decorator factory so a group can keep its own help line or choices while the flag names,
metavars and defaults stay the same everywhere.
"""
from __future__ import annotations

from typing import Callable, Optional, Sequence

import click

DEFAULT_DB = "claimwatch.db"
LEDGER_HELP = "The ledger file (SQLite); created on first use."
EXISTING_LEDGER_HELP = "The ledger file (SQLite)."
TEXT_JSON = ("text", "json")
TEXT_JSON_HELP = "text for reading, json for tools."


def db_option(help: str = LEDGER_HELP, default: Optional[str] = DEFAULT_DB) -> Callable:
    """``--db PATH``: the ledger file; ``default=None`` lets the command pick (e.g. only with --story)."""
    return click.option("--db", "db", default=default, show_default=default is not None, metavar="PATH", help=help)


def format_option(choices: Sequence[str] = TEXT_JSON, help: Optional[str] = TEXT_JSON_HELP,
                  default: Optional[str] = None) -> Callable:
    """``--format/-f``: how the result is printed; the first choice is the default."""
    return click.option("--format", "-f", "fmt", type=click.Choice(tuple(choices)), default=default or choices[0],
                        show_default=True, help=help)


def verbose_option() -> Callable:
    """``-v/--verbose``: the root group's logging level (counted: -v info, -vv debug)."""
    return click.option("-v", "--verbose", count=True, help="Log progress to stderr (-vv for debug detail).")
