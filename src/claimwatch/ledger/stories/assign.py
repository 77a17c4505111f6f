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


class StoryCache:
    """What story assignment read from the ledger, kept across articles by one writer (``Ledger``).

    Document frequencies, decoded story profiles (as a fresh read of their row would decode them)
    with their labels, and the stories linked to each actor name and each ledger claim. Only valid
    while nobody else writes: the ledger clears it when its write session finds the file changed
    (see ``ClaimBook.begin``) and after a rollback. What ``assign`` writes it applies here too, so a
    read-through entry always equals what the SQL would return now."""

    def __init__(self) -> None:
        self.kinds: dict[str, dict[str, Optional[int]]] = {"actor": {}, "term": {}}
        self.profiles: dict[int, tuple[Profile, str]] = {}  # story id -> (profile as stored, label)
        self.actor_stories: dict[str, set[int]] = {}  # actors.name -> stories of the articles naming it
        self.claim_stories: dict[int, set[int]] = {}  # ledger claim id -> stories of its members' articles

    def clear(self) -> None:
        for values in self.kinds.values():
            values.clear()
        self.profiles.clear()
        self.actor_stories.clear()
        self.claim_stories.clear()

    def counted(self, kind: str, keys) -> None:
        values = self.kinds[kind]
        for key in keys:
            if key in values:
                values[key] = (values[key] or 0) + 1


def _stats(conn: sqlite3.Connection, cache: Optional[StoryCache] = None) -> Stats:
    """Stats over the ledger, document frequencies read from ``story_df`` only for the keys asked for."""
    articles = conn.execute("SELECT value FROM story_stats WHERE key = 'articles'").fetchone()
    return Stats(articles=articles[0] if articles else 0, actor_df=_DfView(conn, "actor", cache),
                 term_df=_DfView(conn, "term", cache))


class _DfView(dict):
    """A read-through cache of one kind of document frequency (shared across articles with ``cache``)."""

    def __init__(self, conn: sqlite3.Connection, kind: str, cache: Optional[StoryCache] = None) -> None:
        super().__init__()
        self._conn, self._kind = conn, kind
        self._shared = cache.kinds[kind] if cache is not None else {}
        self._weights: dict[str, float] = {}
        self._weighed_at: tuple = (None, None)

    def weights(self, articles: int, config: Optional[StoryConfig] = None) -> dict[str, float]:
        """Key weights computed so far at this article count and config (``scoring._weighted`` fills
        it), so a key shared by many candidate profiles is weighted once per article."""
        if articles != self._weighed_at[0] or config is not self._weighed_at[1]:
            self._weights, self._weighed_at = {}, (articles, config)
        return self._weights

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


def _count_document(conn: sqlite3.Connection, features: ArticleFeatures, cache: Optional[StoryCache] = None) -> None:
    if cache is not None:
        cache.counted("actor", features.actors)
        cache.counted("term", features.terms)
    conn.execute("INSERT INTO story_stats (key, value) VALUES ('articles', 1)"
                 " ON CONFLICT(key) DO UPDATE SET value = value + 1")
    conn.executemany("INSERT INTO story_df (kind, key, df) VALUES (?, ?, 1)"
                     " ON CONFLICT(kind, key) DO UPDATE SET df = df + 1",
                     [("actor", k) for k in features.actors] + [("term", t) for t in features.terms])


MAX_ACTOR_DF = 2000  # an actor in more articles than this leads to no candidates (too costly, too vague)


def _linked(conn: sqlite3.Connection, sql: str, keys: Sequence, known: Optional[dict]) -> set:
    """Stories linked to each key by ``sql`` (one key per ``?``), read once per key when ``known`` caches them."""
    if known is None:
        marks = ",".join("?" * len(keys))
        return {r[0] for r in conn.execute(sql.format(marks=marks), list(keys))}
    found: set = set()
    for key in keys:
        stories = known.get(key)
        if stories is None:
            stories = known[key] = {r[0] for r in conn.execute(sql.format(marks="?"), (key,))}
        found |= stories
    return found


_BY_ACTOR = ("SELECT DISTINCT s.story_id FROM actors a JOIN article_stories s ON s.article_id = a.article_id"
             " WHERE a.name IN ({marks})")
_BY_CLAIM = ("SELECT DISTINCT s.story_id FROM ledger_claim_members m JOIN claims c ON c.pk = m.claim_pk"
             " JOIN article_stories s ON s.article_id = c.article_id WHERE m.ledger_claim_id IN ({marks})")


def _candidates(conn: sqlite3.Connection, features: ArticleFeatures, claims: Sequence[int],
                stats: Stats, config: StoryConfig, cache: Optional[StoryCache] = None) -> list[int]:
    """Stories sharing a telling actor or a ledger claim with the article, and the most recently active ones."""
    found: set[int] = set()
    names = sorted({name for key, name in features.actors.items()
                    if stats.actor_weight(key, config) > 0 and stats.actor_df.get(key, 1) <= MAX_ACTOR_DF})
    if names:
        found |= _linked(conn, _BY_ACTOR, names, cache.actor_stories if cache is not None else None)
    if claims:
        found |= _linked(conn, _BY_CLAIM, claims, cache.claim_stories if cache is not None else None)
    found.update(r[0] for r in conn.execute(
        "SELECT id FROM stories ORDER BY last_seen IS NULL, last_seen DESC, id DESC LIMIT ?", (config.max_candidates,)))
    return sorted(found)


def _load_profile(conn: sqlite3.Connection, story_id: int,
                  cache: Optional[StoryCache] = None) -> Optional[tuple[Profile, str]]:
    """The story's profile and label, decoded from its row (once, with ``cache``)."""
    if cache is not None and story_id in cache.profiles:
        return cache.profiles[story_id]
    row = conn.execute("SELECT profile, centroid, first_seen, last_seen, label FROM stories WHERE id = ?",
                       (story_id,)).fetchone()
    if row is None:
        return None
    loaded = (Profile.from_row(*row[:4]), row[4])
    if cache is not None:
        cache.profiles[story_id] = loaded
    return loaded


def _embedding_bytes(vector: Optional[np.ndarray]) -> Optional[bytes]:
    return None if vector is None else np.asarray(vector, dtype="<f4").tobytes()


def _save_story(conn: sqlite3.Connection, story_id: Optional[int], profile: Profile, label: str,
                cache: Optional[StoryCache] = None) -> int:
    values = (label, profile.first, profile.last, profile.to_json(), _embedding_bytes(profile.embedding))
    if story_id is None:
        story_id = conn.execute("INSERT INTO stories (label, first_seen, last_seen, profile, centroid)"
                                " VALUES (?, ?, ?, ?, ?)", values).lastrowid
    else:
        conn.execute("UPDATE stories SET label = ?, first_seen = ?, last_seen = ?, profile = ?, centroid = ?"
                     " WHERE id = ?", values + (story_id,))
    if cache is not None:  # what a read of the row just written decodes to (key order, float32 centroid)
        cache.profiles[story_id] = (Profile.from_row(values[3], values[4], values[1], values[2]), label)
    return story_id


def _dated(conn: sqlite3.Connection, article_id: str) -> tuple[Optional[str], Optional[str]]:
    """(published date or None when it is only the ingestion time, near_duplicate_of)."""
    row = conn.execute("SELECT published, published_is_fallback, near_duplicate_of FROM articles WHERE id = ?",
                       (article_id,)).fetchone()
    if row is None:
        return None, None
    return (None if row[1] else row[0]), row[2]


def assign(conn: sqlite3.Connection, article_id: str, features: ArticleFeatures,
           config: Optional[StoryConfig] = None, cache: Optional[StoryCache] = None) -> int:
    """Put a stored article into a story inside the caller's open transaction; return the story id.

    A near-duplicate joins its original's story; otherwise the article joins the best-scoring
    candidate story that accepts it, or starts a new one.
    """
    config = config or load_config()
    date, original = _dated(conn, article_id)
    if original is not None:
        row = conn.execute("SELECT story_id FROM article_stories WHERE article_id = ?", (original,)).fetchone()
        if row is not None:
            loaded = _load_profile(conn, row[0], cache)
            if loaded is not None:
                profile, label = loaded
                profile.widen(date)
                _save_story(conn, row[0], profile, label, cache)
            _link(conn, article_id, row[0], 1.0, "copy", features.embedding, cache)
            return row[0]
    claims, events = _article_claims(conn, article_id)
    _count_document(conn, features, cache)
    stats = _stats(conn, cache)
    mine = Profile()
    mine.add(features, claims, events, date, config.max_profile_terms)
    best: Optional[tuple[float, int, Profile]] = None
    for story_id in _candidates(conn, features, claims, stats, config, cache):
        loaded = _load_profile(conn, story_id, cache)
        if loaded is None:
            continue
        profile = loaded[0]
        result = score(mine, profile, stats, config)
        if accepts(result, config) and (best is None or result.total > best[0]):
            best = (result.total, story_id, profile)
    if best is None:
        story_id = _save_story(conn, None, mine, story_label(mine, stats, config), cache)
        _link(conn, article_id, story_id, None, "new", features.embedding, cache, claims)
        return story_id
    total, story_id, profile = best
    profile.add(features, claims, events, date, config.max_profile_terms)
    _save_story(conn, story_id, profile, story_label(profile, stats, config), cache)
    _link(conn, article_id, story_id, total, "joined", features.embedding, cache, claims)
    return story_id


def _link(conn: sqlite3.Connection, article_id: str, story_id: int, value: Optional[float], method: str,
          embedding: Optional[np.ndarray], cache: Optional[StoryCache] = None,
          claims: Optional[Sequence[int]] = None) -> None:
    """Link a stored article (not yet in any story) to a story; ``claims`` are its ledger claims when known."""
    conn.execute("INSERT OR REPLACE INTO article_stories (article_id, story_id, score, method, embedding)"
                 " VALUES (?, ?, ?, ?, ?)", (article_id, story_id, value, method, _embedding_bytes(embedding)))
    if cache is None:
        return
    # keep the cached actor/claim -> stories entries equal to what their queries now return
    if cache.actor_stories:
        for (name,) in conn.execute("SELECT name FROM actors WHERE article_id = ?", (article_id,)):
            if name in cache.actor_stories:
                cache.actor_stories[name].add(story_id)
    if cache.claim_stories:
        for ledger_id in (claims if claims is not None else _article_claims(conn, article_id)[0]):
            if ledger_id in cache.claim_stories:
                cache.claim_stories[ledger_id].add(story_id)
