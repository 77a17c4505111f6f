"""Reading stories: the ``--story`` resolver, story lists and details."""
from __future__ import annotations

import re
import sqlite3
from dataclasses import dataclass
from typing import TYPE_CHECKING, Optional

from claimwatch.ledger.read_models import StoryClaim, StoryDetail, StoryMember, StorySummary
from claimwatch.ledger.sql import DATED
from claimwatch.ledger.stories.rebuild import ensure_assigned

if TYPE_CHECKING:  # pragma: no cover
    from claimwatch.ledger.store import Ledger

_STORY_ID = re.compile(r"^\s*[sS]?(\d{1,12})\s*$")


@dataclass(frozen=True)
class StorySelection:
    """What a ``--story`` value selects: a story by id, or (the older behaviour) a text filter."""

    value: str
    story_id: Optional[int] = None
    label: Optional[str] = None
    article_ids: tuple[str, ...] = ()

    @property
    def by_id(self) -> bool:
        return self.story_id is not None


def resolve_story(ledger: "Ledger", value: str) -> StorySelection:
    """``"3"`` or ``"s3"`` naming an existing story selects it by id; anything else is a text filter."""
    match = _STORY_ID.match(value or "")
    if match:
        ensure_assigned(ledger)
        story_id = int(match.group(1))
        row = ledger.connection.execute("SELECT label FROM stories WHERE id = ?", (story_id,)).fetchone()
        if row is not None:
            return StorySelection(value=value, story_id=story_id, label=row[0],
                                  article_ids=tuple(story_article_ids(ledger, story_id)))
    return StorySelection(value=value)


def story_article_ids(ledger: "Ledger", story_id: int, independent_only: bool = False) -> list[str]:
    """The story's articles, oldest first and the undated last, by ingestion (their stand-in date is
    the ingestion time); ``independent_only`` leaves out near-duplicate copies."""
    return [r[0] for r in ledger.connection.execute(
        "SELECT a.id FROM article_stories s JOIN articles a ON a.id = s.article_id"
        " WHERE s.story_id = ?" + (" AND a.near_duplicate_of IS NULL" if independent_only else "")
        + " ORDER BY a.published IS NULL OR a.published_is_fallback, a.published, a.rowid", (story_id,))]


def story_claim_ids(ledger: "Ledger", story_id: int) -> list[int]:
    """Ledger claims with at least one member claim in the story's articles, most-carried first."""
    return [r[0] for r in ledger.connection.execute(
        "SELECT m.ledger_claim_id FROM article_stories s JOIN claims c ON c.article_id = s.article_id"
        " JOIN ledger_claim_members m ON m.claim_pk = c.pk WHERE s.story_id = ?"
        " GROUP BY m.ledger_claim_id ORDER BY COUNT(DISTINCT c.article_id) DESC, m.ledger_claim_id", (story_id,))]


def _top_claims(ledger: "Ledger", story_id: int, limit: Optional[int]) -> tuple[StoryClaim, ...]:
    """The story's most-carried claims: ``limit`` of them, all with None, none with 0."""
    if limit == 0:
        return ()
    ids = story_claim_ids(ledger, story_id)
    ids = ids if limit is None else ids[:limit]
    rows = {r["id"]: r for r in ledger.connection.execute(
        f"SELECT id, text, status FROM ledger_claims WHERE id IN ({','.join('?' * len(ids))})",
        ids)} if ids else {}
    return tuple(StoryClaim(id=i, text=rows[i]["text"], status=rows[i]["status"]) for i in ids if i in rows)


def _summary(ledger: "Ledger", row: sqlite3.Row, top: Optional[int]) -> StorySummary:
    counts = ledger.connection.execute(
        "SELECT COUNT(*), COUNT(DISTINCT src.source_key) FROM article_stories s"
        " JOIN article_sources src ON src.id = s.article_id WHERE s.story_id = ?", (row["id"],)).fetchone()
    return StorySummary(id=row["id"], label=row["label"], articles=counts[0], independent_articles=counts[1],
                        first_seen=row["first_seen"], last_seen=row["last_seen"],
                        top_claims=_top_claims(ledger, row["id"], top))


def list_stories(ledger: "Ledger", limit: Optional[int] = None, top_claims: int = 3) -> list[StorySummary]:
    """Stories, most articles first, each with counts, dates and its ``top_claims`` most-carried claims."""
    ensure_assigned(ledger)
    rows = [r for r in ledger.connection.execute(
        "SELECT st.*, (SELECT COUNT(*) FROM article_stories s WHERE s.story_id = st.id) AS n FROM stories st"
        " ORDER BY n DESC, st.last_seen DESC, st.id") if r["n"]]
    rows = rows[:limit] if limit else rows
    return [_summary(ledger, r, top_claims) for r in rows]


def story_detail(ledger: "Ledger", story_id: int) -> StoryDetail:
    """One story: its summary, its articles (with how each joined) and all its claims."""
    from claimwatch.errors import InputError

    ensure_assigned(ledger)
    row = ledger.connection.execute("SELECT * FROM stories WHERE id = ?", (story_id,)).fetchone()
    if row is None:
        raise InputError(f"no story {story_id} in {ledger.path}; list them with `claimwatch stories`")
    summary = _summary(ledger, row, None)
    members = tuple(StoryMember(**r) for r in ledger.connection.execute(
        f"SELECT a.id, a.title, a.outlet, {DATED} AS published, a.url, s.score, s.method, a.near_duplicate_of,"
        " a.wire_source FROM article_stories s JOIN articles a ON a.id = s.article_id WHERE s.story_id = ?"
        " ORDER BY a.published IS NULL OR a.published_is_fallback, a.published, a.rowid", (story_id,)))
    return StoryDetail(id=summary.id, label=summary.label, articles=summary.articles,
                       independent_articles=summary.independent_articles, first_seen=summary.first_seen,
                       last_seen=summary.last_seen, claims=summary.top_claims, members=members)


def parse_story_id(value: str) -> Optional[int]:
    """The number in a story id as written on the command line ("3" or "s3"), or None."""
    match = _STORY_ID.match(value or "")
    return int(match.group(1)) if match else None


def story_of(ledger: "Ledger", article_id: str) -> Optional[int]:
    row = ledger.connection.execute("SELECT story_id FROM article_stories WHERE article_id = ?", (article_id,)).fetchone()
    return row[0] if row else None
