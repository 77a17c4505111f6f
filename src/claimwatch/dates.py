"""Reading the ISO dates the ledger stores: one rule for every stage that compares or prints them."""
from __future__ import annotations

from datetime import datetime, timezone
from typing import Optional


UNDATED = "date unknown"  # what an undated report shows: never its ingestion day


def day(value: object) -> str:
    """The day part of a stored date, or "date unknown" for an undated report."""
    return str(value)[:10] if value else UNDATED


def parse_moment(value: Optional[str]) -> Optional[datetime]:
    """An ISO date or timestamp as an aware UTC datetime; a bare date or naive time is read as UTC.

    None for an empty or unreadable value, so a bad date in one article never stops a page or a report.
    """
    if not value:
        return None
    try:
        moment = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None
    return moment.replace(tzinfo=timezone.utc) if moment.tzinfo is None else moment.astimezone(timezone.utc)
