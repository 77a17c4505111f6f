"""Incremental assignment at ingest: each article joins the best story or starts one, in its own transaction."""
from __future__ import annotations

import sqlite3
from typing import Optional, Sequence

import numpy as np

from claimwatch.ledger.stories.config import load_config, StoryConfig
from claimwatch.ledger.stories.features import ArticleFeatures
from claimwatch.ledger.stories.scoring import accepts, Profile, score, Stats, story_label


def _article_claims(conn: sqlite3.Connection, article_id: str) -> tuple[list[int], list[str]]:
    """The ledger claims an article's claims joined, and their event types."""
    rows = conn.execute(
        "SELECT DISTINCT l.id, l.event_type FROM claims c JOIN ledger_claim_members m ON m.claim_pk = c.pk"
        " JOIN ledger_claims l ON l.id = m.ledger_claim_id WHERE c.article_id = ?", (article_id,)).fetchall()
    return [r[0] for r in rows], sorted({r[1] for r in rows if r[1]})


class DfCache:
    """Document frequencies read so far, kept across articles by one writer (``Ledger``).

    Only valid while nobody else writes ``story_df``: the ledger clears it when its write session
    finds the file changed (see ``ClaimBook.begin``) and after a rollback. ``_count_document`` keeps
    the cached counts in step with the rows it increments."""

    def __init__(self) -> None:
        self.kinds: dict[str, dict[str, Optional[int]]] = {"actor": {}, "term": {}}

    def clear(self) -> None:
        for values in self.kinds.values():
            values.clear()

    def counted(self, kind: str, keys) -> None:
        values = self.kinds[kind]
        for key in keys:
            if key in values:
                values[key] = (values[key] or 0) + 1


def _stats(conn: sqlite3.Connection, cache: Optional[DfCache] = None) -> Stats:
    """Stats over the ledger, document frequencies read from ``story_df`` only for the keys asked for."""
    articles = conn.execute("SELECT value FROM story_stats WHERE key = 'articles'").fetchone()
    return Stats(articles=articles[0] if articles else 0, actor_df=_DfView(conn, "actor", cache),
                 term_df=_DfView(conn, "term", cache))


class _DfView(dict):
    """A read-through cache of one kind of document frequency (shared across articles with ``cache``)."""

    def __init__(self, conn: sqlite3.Connection, kind: str, cache: Optional[DfCache] = None) -> None:
        super().__init__()
        self._conn, self._kind = conn, kind
        self._shared = cache.kinds[kind] if cache is not None else {}

    def __missing__(self, key):
        """``view[key]``: the stored df, or None when the key has none (read once, then kept)."""
        if key in self._shared:
            value = self._shared[key]
        else:
            row = self._conn.execute("SELECT df FROM story_df WHERE kind = ? AND key = ?", (self._kind, key)).fetchone()
            value = self._shared[key] = row[0] if row else None
        self[key] = value
        return value

    def get(self, key, default=None):  # type: ignore[override]
        value = self[key]
        return default if value is None else value


def _count_document(conn: sqlite3.Connection, features: ArticleFeatures, cache: Optional[DfCache] = None) -> None:
    if cache is not None:
        cache.counted("actor", features.actors)
        cache.counted("term", features.terms)
    conn.execute("INSERT INTO story_stats (key, value) VALUES ('articles', 1)"
                 " ON CONFLICT(key) DO UPDATE SET value = value + 1")
    conn.executemany("INSERT INTO story_df (kind, key, df) VALUES (?, ?, 1)"
                     " ON CONFLICT(kind, key) DO UPDATE SET df = df + 1",
                     [("actor", k) for k in features.actors] + [("term", t) for t in features.terms])


MAX_ACTOR_DF = 2000  # an actor in more articles than this leads to no candidates (too costly, too vague)


def _candidates(conn: sqlite3.Connection, features: ArticleFeatures, claims: Sequence[int],
                stats: Stats, config: StoryConfig) -> list[int]:
    """Stories sharing a telling actor or a ledger claim with the article, and the most recently active ones."""
    found: set[int] = set()
    names = sorted({name for key, name in features.actors.items()
                    if stats.actor_weight(key, config) > 0 and stats.actor_df.get(key, 1) <= MAX_ACTOR_DF})
    if names:
        marks = ",".join("?" * len(names))
        found.update(r[0] for r in conn.execute(
            f"SELECT DISTINCT s.story_id FROM actors a JOIN article_stories s ON s.article_id = a.article_id"
            f" WHERE a.name IN ({marks})", names))
    if claims:
        marks = ",".join("?" * len(claims))
        found.update(r[0] for r in conn.execute(
            "SELECT DISTINCT s.story_id FROM ledger_claim_members m JOIN claims c ON c.pk = m.claim_pk"
            f" JOIN article_stories s ON s.article_id = c.article_id WHERE m.ledger_claim_id IN ({marks})", list(claims)))
    found.update(r[0] for r in conn.execute(
        "SELECT id FROM stories ORDER BY last_seen IS NULL, last_seen DESC, id DESC LIMIT ?", (config.max_candidates,)))
    return sorted(found)


def _load_profile(conn: sqlite3.Connection, story_id: int) -> Optional[Profile]:
    row = conn.execute("SELECT profile, centroid, first_seen, last_seen FROM stories WHERE id = ?", (story_id,)).fetchone()
    return Profile.from_row(*row) if row else None


def _embedding_bytes(vector: Optional[np.ndarray]) -> Optional[bytes]:
    return None if vector is None else np.asarray(vector, dtype="<f4").tobytes()


def _save_story(conn: sqlite3.Connection, story_id: Optional[int], profile: Profile, label: str) -> int:
    values = (label, profile.first, profile.last, profile.to_json(), _embedding_bytes(profile.embedding))
    if story_id is None:
        return conn.execute("INSERT INTO stories (label, first_seen, last_seen, profile, centroid) VALUES (?, ?, ?, ?, ?)",
                            values).lastrowid
    conn.execute("UPDATE stories SET label = ?, first_seen = ?, last_seen = ?, profile = ?, centroid = ? WHERE id = ?",
                 values + (story_id,))
    return story_id


def _dated(conn: sqlite3.Connection, article_id: str) -> tuple[Optional[str], Optional[str]]:
    """(published date or None when it is only the ingestion time, near_duplicate_of)."""
    row = conn.execute("SELECT published, published_is_fallback, near_duplicate_of FROM articles WHERE id = ?",
                       (article_id,)).fetchone()
    if row is None:
        return None, None
    return (None if row[1] else row[0]), row[2]


def assign(conn: sqlite3.Connection, article_id: str, features: ArticleFeatures,
           config: Optional[StoryConfig] = None, cache: Optional[DfCache] = None) -> int:
    """Put a stored article into a story inside the caller's open transaction; return the story id.

    A near-duplicate joins its original's story; otherwise the article joins the best-scoring
    candidate story that accepts it, or starts a new one.
    """
    config = config or load_config()
    date, original = _dated(conn, article_id)
    if original is not None:
        row = conn.execute("SELECT story_id FROM article_stories WHERE article_id = ?", (original,)).fetchone()
        if row is not None:
            profile = _load_profile(conn, row[0])
            if profile is not None:
                profile.widen(date)
                _save_story(conn, row[0], profile, conn.execute(
                    "SELECT label FROM stories WHERE id = ?", (row[0],)).fetchone()[0])
            _link(conn, article_id, row[0], 1.0, "copy", features.embedding)
            return row[0]
    claims, events = _article_claims(conn, article_id)
    _count_document(conn, features, cache)
    stats = _stats(conn, cache)
    mine = Profile()
    mine.add(features, claims, events, date, config.max_profile_terms)
    best: Optional[tuple[float, int, Profile]] = None
    for story_id in _candidates(conn, features, claims, stats, config):
        profile = _load_profile(conn, story_id)
        if profile is None:
            continue
        result = score(mine, profile, stats, config)
        if accepts(result, config) and (best is None or result.total > best[0]):
            best = (result.total, story_id, profile)
    if best is None:
        story_id = _save_story(conn, None, mine, story_label(mine, stats, config))
        _link(conn, article_id, story_id, None, "new", features.embedding)
        return story_id
    total, story_id, profile = best
    profile.add(features, claims, events, date, config.max_profile_terms)
    _save_story(conn, story_id, profile, story_label(profile, stats, config))
    _link(conn, article_id, story_id, total, "joined", features.embedding)
    return story_id


def _link(conn: sqlite3.Connection, article_id: str, story_id: int, value: Optional[float], method: str,
          embedding: Optional[np.ndarray]) -> None:
    conn.execute("INSERT OR REPLACE INTO article_stories (article_id, story_id, score, method, embedding)"
                 " VALUES (?, ?, ?, ?, ?)", (article_id, story_id, value, method, _embedding_bytes(embedding)))
