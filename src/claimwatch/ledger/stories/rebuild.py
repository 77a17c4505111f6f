"""Re-clustering every article in date order, and repairing articles left without a story."""
from __future__ import annotations

import logging
import sqlite3
from collections import Counter
from dataclasses import dataclass
from typing import TYPE_CHECKING, Optional, Sequence

import numpy as np

from claimwatch.ledger.stories.assign import assign, _article_claims, _link, _save_story
from claimwatch.ledger.stories.config import load_config, StoryConfig
from claimwatch.ledger.stories.features import ArticleFeatures, content_terms, story_actors, story_lead
from claimwatch.ledger.stories.scoring import accepts, Profile, score, Stats, story_label

if TYPE_CHECKING:  # pragma: no cover
    from claimwatch.ledger.embeddings import Embedder
    from claimwatch.ledger.store import Ledger

log = logging.getLogger("claimwatch.ledger")


@dataclass
class _Item:
    article_id: str
    date: Optional[str]
    original: Optional[str]
    features: ArticleFeatures
    claims: list[int]
    events: list[str]


def _stored_features(ledger: "Ledger", article_ids: Optional[Sequence[str]], config: StoryConfig,
                     embedder: Optional["Embedder"]) -> list[_Item]:
    """Features of stored articles (all, or ``article_ids``) from what the ledger holds, date order."""
    conn = ledger.connection
    where, params = "", []
    if article_ids is not None:
        where = f" WHERE a.id IN ({','.join('?' * len(article_ids))})"
        params = list(article_ids)
    rows = conn.execute(
        "SELECT a.id, a.title, a.text, a.published, a.published_is_fallback, a.near_duplicate_of, s.embedding"
        f" FROM articles a LEFT JOIN article_stories s ON s.article_id = a.id{where}"
        " ORDER BY a.published IS NULL, a.published, a.id", params).fetchall()
    missing = [i for i, r in enumerate(rows) if r["embedding"] is None and r["near_duplicate_of"] is None]
    vectors: dict[int, np.ndarray] = {}
    if embedder is not None and missing:
        try:
            embedded = embedder.embed([story_lead(rows[i]["title"], rows[i]["text"]) for i in missing])
            vectors = {i: embedded[n] for n, i in enumerate(missing)}
        except Exception as exc:  # noqa: BLE001 - optional
            log.warning("story embedding failed (%s); grouping without it", exc)
    items = []
    for i, r in enumerate(rows):
        actors = conn.execute("SELECT name, kind FROM actors WHERE article_id = ? ORDER BY pos", (r["id"],)).fetchall()
        vector = vectors.get(i)
        if vector is None and r["embedding"] is not None:
            vector = np.frombuffer(r["embedding"], dtype="<f4").astype(np.float32)
        features = ArticleFeatures(actors=story_actors(((a[0], a[1]) for a in actors), config),
                                   terms=content_terms(r["title"], r["text"], config.max_terms), embedding=vector)
        claims, events = _article_claims(conn, r["id"])
        items.append(_Item(r["id"], None if r["published_is_fallback"] else r["published"], r["near_duplicate_of"],
                           features, claims, events))
    return items


@dataclass(frozen=True)
class RebuildSummary:
    articles: int
    stories: int
    merged: int


INDEX_TERMS = 8  # an article's most distinctive words that lead to candidate stories
MAX_POSTING = 50  # a key shared by more stories than this proposes no merge candidates


def _keys(item: _Item, stats: Stats, config: StoryConfig) -> set[str]:
    """The keys under which an article is found as a candidate: actors, ledger claims, top words."""
    keys = {f"a:{k}" for k in item.features.actors if stats.actor_weight(k, config) > 0}
    keys.update(f"c:{c}" for c in item.claims)
    ranked = sorted(item.features.terms.items(), key=lambda kv: (-kv[1] * stats.term_weight(kv[0]), kv[0]))
    keys.update(f"t:{t}" for t, _ in ranked[:INDEX_TERMS])
    return keys


def cluster(items: Sequence[_Item], config: StoryConfig) -> tuple[list[list[_Item]], Stats, int]:
    """Order-independent clustering: greedy in (date, id) order with final IDF, then merge alike stories.

    Each article is scored only against stories sharing an actor, a ledger claim or a distinctive
    word with it, and the ``max_candidates`` most recently started ones, so a rebuild stays near
    linear in the number of articles.
    """
    independent = [it for it in items if it.original is None]
    actor_df: Counter[str] = Counter()
    term_df: Counter[str] = Counter()
    for it in independent:
        actor_df.update(it.features.actors.keys())
        term_df.update(it.features.terms.keys())
    stats = Stats(articles=len(independent), actor_df=actor_df, term_df=term_df)
    ordered = sorted(independent, key=lambda it: (it.date is None, it.date or "", it.article_id))
    groups: list[list[_Item]] = []
    profiles: list[Profile] = []
    postings: dict[str, set[int]] = {}
    for it in ordered:
        mine = Profile()
        mine.add(it.features, it.claims, it.events, it.date, config.max_profile_terms)
        keys = _keys(it, stats, config)
        candidates = set(range(max(0, len(profiles) - config.max_candidates), len(profiles)))
        for key in keys:
            candidates.update(postings.get(key, ()))
        best: Optional[tuple[float, int]] = None
        for n in sorted(candidates):
            result = score(mine, profiles[n], stats, config)
            if accepts(result, config) and (best is None or result.total > best[0]):
                best = (result.total, n)
        if best is None:
            groups.append([it])
            profiles.append(mine)
            target = len(profiles) - 1
        else:
            target = best[1]
            groups[target].append(it)
            profiles[target].merge(mine, config.max_profile_terms)
        for key in keys:
            postings.setdefault(key, set()).add(target)
    merged = _merge_alike(groups, profiles, postings, stats, config)
    groups = [g for g in groups if g]
    by_id = {it.article_id: n for n, group in enumerate(groups) for it in group}
    for it in items:  # copies follow their original
        if it.original is not None:
            n = by_id.get(it.original)
            if n is None:
                groups.append([it])
                by_id[it.article_id] = len(groups) - 1
            else:
                groups[n].append(it)
    return groups, stats, merged


def _merge_alike(groups: list[list[_Item]], profiles: list[Profile], postings: dict[str, set[int]],
                 stats: Stats, config: StoryConfig) -> int:
    """Merge stories whose profiles reach the merge threshold, most alike first; returns the merges.

    Candidate pairs share a key; each pair is re-scored on the merged profiles before it is merged.
    Emptied groups are left in place (the caller drops them).
    """
    pairs: set[tuple[int, int]] = set()
    for members in postings.values():
        if 1 < len(members) <= MAX_POSTING:
            ordered = sorted(members)
            pairs.update((a, b) for i, a in enumerate(ordered) for b in ordered[i + 1:])
    scored = []
    for a, b in pairs:
        result = score(profiles[a], profiles[b], stats, config)
        if accepts(result, config, config.merge_threshold):
            scored.append((-result.total, a, b))
    root = list(range(len(profiles)))

    def find(n: int) -> int:
        while root[n] != n:
            root[n] = root[root[n]]
            n = root[n]
        return n

    merged = 0
    for _, a, b in sorted(scored):
        ra, rb = find(a), find(b)
        if ra == rb:
            continue
        if not accepts(score(profiles[ra], profiles[rb], stats, config), config, config.merge_threshold):
            continue
        keep, drop = min(ra, rb), max(ra, rb)
        groups[keep].extend(groups[drop])
        groups[drop] = []
        profiles[keep].merge(profiles[drop], config.max_profile_terms)
        root[drop] = keep
        merged += 1
    return merged


def rebuild(ledger: "Ledger", config: Optional[StoryConfig] = None,
            embedder: Optional["Embedder"] = None) -> RebuildSummary:
    """Re-cluster every article from scratch, independent of the order they were ingested in.

    Story ids are renumbered by each story's first date. Runs in one write transaction.
    """
    config = config or load_config()
    if embedder is None:
        embedder = ledger.claims.embedder
    items = _stored_features(ledger, None, config, embedder)
    groups, stats, merged = cluster(items, config)
    groups.sort(key=lambda g: (min((it.date or "\uffff") for it in g), min(it.article_id for it in g)))
    conn = ledger.connection
    conn.execute("BEGIN IMMEDIATE")
    try:
        for table in ("article_stories", "stories", "story_df", "story_stats"):
            conn.execute(f"DELETE FROM {table}")
        conn.execute("INSERT INTO story_stats (key, value) VALUES ('articles', ?)", (stats.articles,))
        conn.executemany("INSERT INTO story_df (kind, key, df) VALUES (?, ?, ?)",
                         [("actor", k, v) for k, v in stats.actor_df.items()]
                         + [("term", k, v) for k, v in stats.term_df.items()])
        for group in groups:
            profile = Profile()
            for it in group:
                if it.original is None:
                    profile.add(it.features, it.claims, it.events, it.date, config.max_profile_terms)
                else:
                    profile.widen(it.date)
            story_id = _save_story(conn, None, profile, story_label(profile, stats, config))
            for it in group:
                _link(conn, it.article_id, story_id, None, "copy" if it.original else "rebuilt", it.features.embedding)
        late = unassigned(ledger)  # stored by another writer while the features were being read
        for it in (_stored_features(ledger, late, config, None) if late else ()):
            assign(conn, it.article_id, it.features, config)
        conn.execute("COMMIT")
    except BaseException:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise
    return RebuildSummary(articles=len(items), stories=len(groups), merged=merged)


def unassigned(ledger: "Ledger") -> list[str]:
    """Articles with no story (stored before migration 4, or by a writer that crashed mid-way)."""
    return [r[0] for r in ledger.connection.execute(
        "SELECT a.id FROM articles a LEFT JOIN article_stories s ON s.article_id = a.id"
        " WHERE s.article_id IS NULL ORDER BY a.published IS NULL, a.published, a.id")]


def ensure_assigned(ledger: "Ledger", config: Optional[StoryConfig] = None) -> int:
    """Give every article a story before a read; returns how many were repaired.

    With no stories at all (a ledger made before migration 4) everything is clustered with
    :func:`rebuild`; otherwise each missing article is assigned in its own transaction.
    """
    missing = unassigned(ledger)
    if not missing:
        return 0
    try:
        _repair(ledger, missing, config or load_config())
    except sqlite3.OperationalError as exc:  # a read-only file or a busy writer: show what there is
        log.warning("could not assign %d article(s) to stories (%s); showing the stories as stored", len(missing), exc)
        return 0
    return len(missing)


def _repair(ledger: "Ledger", missing: list[str], config: StoryConfig) -> None:
    conn = ledger.connection
    if conn.execute("SELECT COUNT(*) FROM stories").fetchone()[0] == 0:
        rebuild(ledger, config)
        return
    for item in _stored_features(ledger, missing, config, ledger.claims.embedder):
        conn.execute("BEGIN IMMEDIATE")
        try:
            if conn.execute("SELECT 1 FROM article_stories WHERE article_id = ?", (item.article_id,)).fetchone() is None:
                assign(conn, item.article_id, item.features, config)
            conn.execute("COMMIT")
        except BaseException:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise
