"""Helpers for SQL over many ids: one ``IN (...)`` list per chunk, so no query exceeds SQLite's
limit on bound parameters (32,766 by default, 999 in builds before 3.32)."""
from __future__ import annotations

from typing import Iterable, Iterator, Sequence, TypeVar

T = TypeVar("T")

IN_LIST_MAX = 500  # ids per IN (...) list


def in_chunks(items: Iterable[T], size: int = IN_LIST_MAX) -> Iterator[list[T]]:
    """The items in order, ``size`` at a time."""
    items = list(items)
    for start in range(0, len(items), size):
        yield items[start:start + size]


def placeholders(chunk: Sequence) -> str:
    """The ``?,?,...`` placeholders for one chunk."""
    return ",".join("?" * len(chunk))


# An article's publication date as a statement's date: NULL when the ledger only holds the
# ingestion time in its place (``published_is_fallback``), so an undated report is never dated
# by the day it was ingested. Used over ``articles a``.
DATED = "CASE WHEN a.published_is_fallback THEN NULL ELSE a.published END"
