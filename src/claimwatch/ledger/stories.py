"""Stories: ledger articles grouped by shared actors, shared claims, content and time.

Each article is assigned at ingest, inside its own write transaction, so it never exists without a
story: it joins the best-scoring existing story or starts one. A story keeps an aggregate profile
(actor and ledger-claim counts, summed content-word counts, an embedding sum when the optional
model is installed), so scoring a new article costs one profile read per candidate story, not a
pass over the story's articles. Greedy incremental clustering depends a little on arrival order;
:func:`rebuild` re-clusters every article in date order with final document frequencies and merges
stories that ended up alike, which gives the same stories whatever order the articles came in.
Thresholds and weights live in ``lexicons/stories.yaml``.
"""
from __future__ import annotations

import json
import logging
import math
import re
import sqlite3
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from typing import TYPE_CHECKING, Any, Iterable, Mapping, Optional, Sequence

import numpy as np

from claimwatch.errors import LexiconError
from claimwatch.lexicons import load_yaml, stopwords
from claimwatch.model import Analysis
from claimwatch.dates import parse_moment

if TYPE_CHECKING:  # pragma: no cover
    from claimwatch.ledger.embeddings import Embedder
    from claimwatch.ledger.store import Ledger

log = logging.getLogger("claimwatch.ledger")

SOURCE = "stories.yaml"
WEIGHT_KEYS = ("actors", "claims", "terms", "embedding")
LEAD_CHARS = 400  # title + this much of the text is embedded: the lead says what the story is

_WORD = re.compile(r"[a-z][a-z'\u2019\-]*[a-z]")
_STORY_ID = re.compile(r"^\s*[sS]?(\d{1,12})\s*$")
_STOPWORDS = stopwords("common", "news")


# --- configuration -----------------------------------------------------------------------------

@dataclass(frozen=True)
class StoryConfig:
    """Weights and thresholds from ``stories.yaml`` (see the comments there)."""

    weights: Mapping[str, float]
    join_threshold: float
    lexical_join_threshold: float
    strong_threshold: float
    window_days: float
    embedding_floor: float
    merge_threshold: float
    max_document_share: float
    min_articles_for_share: int
    ubiquitous_names: frozenset[str]
    ignored_actor_kinds: frozenset[str]
    max_terms: int
    max_profile_terms: int
    max_candidates: int
    label_actors: int
    label_max_chars: int


def _fail(where: str, problem: str) -> LexiconError:
    return LexiconError(f"{SOURCE}: {where}: {problem}")


def _unit(data: Mapping[str, Any], key: str, where: str = "") -> float:
    value = data.get(key)
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not 0 <= value <= 1:
        raise _fail(where + key, f"expected a number between 0 and 1, got {value!r}")
    return float(value)


def _count(data: Mapping[str, Any], key: str, where: str = "") -> int:
    value = data.get(key)
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise _fail(where + key, f"expected a positive integer, got {value!r}")
    return value


def _words(data: Mapping[str, Any], key: str, where: str = "") -> frozenset[str]:
    value = data.get(key, [])
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise _fail(where + key, "expected a list of non-empty strings")
    return frozenset(v.strip().casefold() for v in value)


def _section(data: Mapping[str, Any], key: str) -> Mapping[str, Any]:
    value = data.get(key)
    if not isinstance(value, Mapping):
        raise _fail(key, "expected a mapping")
    return value


def parse_config(data: Any) -> StoryConfig:
    """Validate the YAML data; every problem names the entry."""
    if not isinstance(data, Mapping) or data.get("version") != 1:
        raise _fail("top level", "expected a mapping with 'version: 1'")
    weights = _section(data, "weights")
    if set(weights) != set(WEIGHT_KEYS):
        raise _fail("weights", f"expected exactly {', '.join(WEIGHT_KEYS)}")
    parsed = {k: _unit(weights, k, "weights.") for k in WEIGHT_KEYS}
    if abs(sum(parsed.values()) - 1.0) > 1e-6:
        raise _fail("weights", f"must add up to 1, got {sum(parsed.values()):g}")
    window = data.get("window_days")
    if isinstance(window, bool) or not isinstance(window, (int, float)) or window <= 0:
        raise _fail("window_days", f"expected a positive number of days, got {window!r}")
    join, strong = _unit(data, "join_threshold"), _unit(data, "strong_threshold")
    lexical = _unit(data, "lexical_join_threshold")
    if strong < max(join, lexical):
        raise _fail("strong_threshold", "must not be below join_threshold or lexical_join_threshold")
    ubiquitous, label = _section(data, "ubiquitous"), _section(data, "label")
    return StoryConfig(
        weights=parsed, join_threshold=join, lexical_join_threshold=lexical, strong_threshold=strong, window_days=float(window),
        embedding_floor=_unit(data, "embedding_floor"), merge_threshold=_unit(data, "merge_threshold"),
        max_document_share=_unit(ubiquitous, "max_document_share", "ubiquitous."),
        min_articles_for_share=_count(ubiquitous, "min_articles", "ubiquitous."),
        ubiquitous_names=_words(ubiquitous, "names", "ubiquitous."),
        ignored_actor_kinds=_words(data, "ignored_actor_kinds"),
        max_terms=_count(data, "max_terms"), max_profile_terms=_count(data, "max_profile_terms"),
        max_candidates=_count(data, "max_candidates"), label_actors=_count(label, "actors", "label."),
        label_max_chars=_count(label, "max_chars", "label."))


@lru_cache(maxsize=1)
def load_config() -> StoryConfig:
    return parse_config(load_yaml(SOURCE))


# --- article features --------------------------------------------------------------------------

@dataclass(frozen=True)
class ArticleFeatures:
    """What story assignment looks at in one article (ledger claims are read inside the transaction)."""

    actors: Mapping[str, str]  # casefolded key -> display name
    terms: Mapping[str, int]  # content word -> count (title counted twice)
    embedding: Optional[np.ndarray] = field(default=None, compare=False, repr=False)


def _stem(word: str) -> str:
    """A light plural/possessive strip, enough to make "troops" meet "troop"."""
    word = word.replace("\u2019", "'")
    if word.endswith("'s"):
        word = word[:-2]
    word = word.strip("'-")
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


def content_terms(title: Optional[str], text: str, limit: int) -> dict[str, int]:
    """The ``limit`` most frequent content words of the title (twice) and text, as counts."""
    counts: Counter[str] = Counter()
    for source, weight in ((title or "", 2), (text, 1)):
        for raw in _WORD.findall(source.casefold()):
            word = _stem(raw)
            if len(word) >= 3 and word not in _STOPWORDS:
                counts[word] += weight
    return dict(sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:limit])


def story_actors(actors: Iterable[tuple[str, str]], config: StoryConfig) -> dict[str, str]:
    """Named actors that can define a story, from (name, kind) pairs: key -> display name."""
    out: dict[str, str] = {}
    for name, kind in actors:
        key = " ".join(name.casefold().split())
        if not key or kind in config.ignored_actor_kinds or key in config.ubiquitous_names:
            continue
        out.setdefault(key, name)
    return out


def article_features(analysis: Analysis, embedder: Optional["Embedder"] = None,
                     config: Optional[StoryConfig] = None) -> ArticleFeatures:
    """Features of an analysed article; computed before the write transaction (embedding included)."""
    config = config or load_config()
    article = analysis.article
    vector = None
    if embedder is not None:
        try:
            vector = embedder.embed([_lead(article.title, article.text)])[0]
        except Exception as exc:  # noqa: BLE001 - the optional model must never block ingest
            log.warning("story embedding failed (%s); grouping without it", exc)
    return ArticleFeatures(actors=story_actors(((a.name, a.kind) for a in analysis.actors), config),
                           terms=content_terms(article.title, article.text, config.max_terms), embedding=vector)


def _lead(title: Optional[str], text: str) -> str:
    lead = text[:LEAD_CHARS]
    return f"{title}. {lead}" if title and not text.startswith(title) else lead


# --- profiles and scoring ----------------------------------------------------------------------

@dataclass
class Profile:
    """A story's aggregate: what its independent articles name, claim and say, and when."""

    n: int = 0
    actors: Counter = field(default_factory=Counter)  # key -> articles naming it
    names: dict = field(default_factory=dict)  # key -> display name
    claims: Counter = field(default_factory=Counter)  # ledger claim id -> articles carrying it
    events: Counter = field(default_factory=Counter)  # event type -> articles carrying it
    terms: Counter = field(default_factory=Counter)  # word -> summed count
    embedding: Optional[np.ndarray] = None  # sum of member embeddings
    first: Optional[str] = None
    last: Optional[str] = None
    vectors: Optional[tuple] = field(default=None, repr=False, compare=False)  # cached weighted vectors

    def add(self, features: ArticleFeatures, claims: Iterable[int], events: Iterable[str],
            date: Optional[str], max_terms: int) -> None:
        self.vectors = None
        self.n += 1
        for key, name in features.actors.items():
            self.actors[key] += 1
            self.names.setdefault(key, name)
        self.claims.update(set(claims))
        self.events.update(set(events))
        self.terms.update(features.terms)
        if len(self.terms) > max_terms:
            self.terms = Counter(dict(sorted(self.terms.items(), key=lambda kv: (-kv[1], kv[0]))[:max_terms]))
        if features.embedding is not None:
            self.embedding = features.embedding.copy() if self.embedding is None else self.embedding + features.embedding
        self.widen(date)

    def widen(self, date: Optional[str]) -> None:
        if date:
            self.first = date if self.first is None or date < self.first else self.first
            self.last = date if self.last is None or date > self.last else self.last

    def merge(self, other: "Profile", max_terms: int) -> None:
        self.vectors = None
        self.n += other.n
        self.actors.update(other.actors)
        for key, name in other.names.items():
            self.names.setdefault(key, name)
        self.claims.update(other.claims)
        self.events.update(other.events)
        self.terms.update(other.terms)
        if len(self.terms) > max_terms:
            self.terms = Counter(dict(sorted(self.terms.items(), key=lambda kv: (-kv[1], kv[0]))[:max_terms]))
        if other.embedding is not None:
            self.embedding = other.embedding.copy() if self.embedding is None else self.embedding + other.embedding
        self.widen(other.first)
        self.widen(other.last)

    def to_json(self) -> str:
        return json.dumps({"n": self.n, "actors": self.actors, "names": self.names,
                           "claims": {str(k): v for k, v in self.claims.items()}, "events": self.events,
                           "terms": self.terms}, ensure_ascii=False, sort_keys=True)

    @classmethod
    def from_row(cls, profile: str, embedding: Optional[bytes], first: Optional[str], last: Optional[str]) -> "Profile":
        data = json.loads(profile or "{}")
        vector = np.frombuffer(embedding, dtype="<f4").astype(np.float32) if embedding else None
        return cls(n=data.get("n", 0), actors=Counter(data.get("actors", {})), names=dict(data.get("names", {})),
                   claims=Counter({int(k): v for k, v in data.get("claims", {}).items()}),
                   events=Counter(data.get("events", {})), terms=Counter(data.get("terms", {})),
                   embedding=vector, first=first, last=last)


@dataclass(frozen=True)
class Stats:
    """Document frequencies over independent articles, for IDF weights."""

    articles: int
    actor_df: Mapping[str, int]
    term_df: Mapping[str, int]

    def actor_weight(self, key: str, config: StoryConfig) -> float:
        df = max(1, self.actor_df.get(key, 1))
        if self.articles >= config.min_articles_for_share and df / self.articles > config.max_document_share:
            return 0.0  # named nearly everywhere: says nothing about which story this is
        return math.log(1 + self.articles / df)

    def term_weight(self, term: str) -> float:
        return math.log(1 + self.articles / max(1, self.term_df.get(term, 1)))


@dataclass(frozen=True)
class Score:
    """How well an article (or a story) fits a story, with the parts behind the figure."""

    total: float
    actors: float
    claims: float
    terms: float
    embedding: Optional[float]
    gap_days: Optional[float]


def _cosine(a: tuple[Mapping[str, float], float], b: tuple[Mapping[str, float], float]) -> float:
    """Cosine of two (vector, norm) pairs."""
    (va, na), (vb, nb) = a, b
    if not na or not nb:
        return 0.0
    if len(va) > len(vb):
        va, vb = vb, va
    return sum(v * vb.get(k, 0.0) for k, v in va.items()) / (na * nb)


def _weighted(p: Profile, stats: Stats, config: StoryConfig) -> tuple:
    """The profile's IDF-weighted actor and term vectors with their norms, cached until it changes."""
    if p.vectors is None or p.vectors[0] is not stats:
        actors = {k: stats.actor_weight(k, config) * c / max(1, p.n) for k, c in p.actors.items()}
        terms = {t: stats.term_weight(t) * c for t, c in p.terms.items()}
        p.vectors = (stats, (actors, math.sqrt(sum(v * v for v in actors.values()))),
                     (terms, math.sqrt(sum(v * v for v in terms.values()))))
    return p.vectors


def gap_days(first: Optional[str], last: Optional[str], other_first: Optional[str],
             other_last: Optional[str]) -> Optional[float]:
    """Days between two date ranges (0 when they overlap); None when either has no date."""
    a0, a1, b0, b1 = map(parse_moment, (first, last, other_first, other_last))
    if a0 is None or b0 is None:
        return None
    a1, b1 = a1 or a0, b1 or b0
    if b0 > a1:
        return (b0 - a1).total_seconds() / 86400
    if a0 > b1:
        return (a0 - b1).total_seconds() / 86400
    return 0.0


def score(a: Profile, b: Profile, stats: Stats, config: StoryConfig) -> Score:
    """Similarity of two profiles (an article is a one-member profile) under the YAML weights."""
    _, a_actors, a_terms = _weighted(a, stats, config)
    _, b_actors, b_terms = _weighted(b, stats, config)
    actors = _cosine(a_actors, b_actors)
    shared = sum(1 for c in a.claims if c in b.claims) if len(a.claims) <= len(b.claims) \
        else sum(1 for c in b.claims if c in a.claims)
    claims = 1 - 0.5 ** shared
    terms = _cosine(a_terms, b_terms)
    parts = {"actors": actors, "claims": claims, "terms": terms}
    weights = dict(config.weights)
    embedding = None
    if a.embedding is not None and b.embedding is not None:
        na, nb = float(np.linalg.norm(a.embedding)), float(np.linalg.norm(b.embedding))
        cosine = float(np.dot(a.embedding, b.embedding) / (na * nb)) if na and nb else 0.0
        embedding = max(0.0, (cosine - config.embedding_floor) / (1 - config.embedding_floor))
        parts["embedding"] = embedding
    else:
        weights.pop("embedding")
    total = sum(weights[k] * parts[k] for k in parts) / sum(weights.values())
    return Score(total=round(total, 4), actors=actors, claims=claims, terms=terms, embedding=embedding,
                 gap_days=gap_days(a.first, a.last, b.first, b.last))


def accepts(result: Score, config: StoryConfig, threshold: Optional[float] = None) -> bool:
    """True when the score is high enough, given how far apart in time the two are."""
    if threshold is not None:
        needed = threshold
    else:
        needed = config.join_threshold if result.embedding is not None else config.lexical_join_threshold
    if result.gap_days is not None and result.gap_days > config.window_days:
        needed = max(needed, config.strong_threshold)
    return result.total >= needed


def story_label(profile: Profile, stats: Stats, config: StoryConfig) -> str:
    """A short label: the most central actors, then the story's most common event type."""
    # central: named by many of the story's articles, and not by every article in the ledger (plain
    # IDF here: an actor too common to tell stories apart can still be what this story is about)
    ranked = sorted(profile.actors.items(),
                    key=lambda kv: (-kv[1] * math.log(1 + stats.articles / max(1, stats.actor_df.get(kv[0], 1))),
                                    kv[0]))
    names = [profile.names.get(k, k) for k, _ in ranked[:config.label_actors]]
    if not names:
        names = [t for t, _ in sorted(profile.terms.items(), key=lambda kv: (-kv[1], kv[0]))[:3]]
    label = ", ".join(names) or "unlabelled story"
    event, carried = min(profile.events.items(), key=lambda kv: (-kv[1], kv[0])) if profile.events else (None, 0)
    if event and carried * 2 >= profile.n and (carried >= 2 or profile.n == 1):
        label += " \u2014 " + event.replace("_", " ")  # the event type most of its articles report
    else:  # no dominant event type: its most distinctive words not already in the names
        named = {_stem(w) for n in names for w in _WORD.findall(n.casefold())}
        words = [t for t, _ in sorted(profile.terms.items(), key=lambda kv: (-kv[1] * stats.term_weight(kv[0]), kv[0]))
                 if t not in named][:3]
        if words and names:
            label += " \u2014 " + ", ".join(words)
    if len(label) > config.label_max_chars:
        label = label[:config.label_max_chars - 1].rstrip() + "\u2026"
    return label


# --- the ledger side -----------------------------------------------------------------------------

def _article_claims(conn: sqlite3.Connection, article_id: str) -> tuple[list[int], list[str]]:
    """The ledger claims an article's claims joined, and their event types."""
    rows = conn.execute(
        "SELECT DISTINCT l.id, l.event_type FROM claims c JOIN ledger_claim_members m ON m.claim_pk = c.pk"
        " JOIN ledger_claims l ON l.id = m.ledger_claim_id WHERE c.article_id = ?", (article_id,)).fetchall()
    return [r[0] for r in rows], sorted({r[1] for r in rows if r[1]})


def _stats(conn: sqlite3.Connection) -> Stats:
    """Stats over the ledger, document frequencies read from ``story_df`` only for the keys asked for."""
    articles = conn.execute("SELECT value FROM story_stats WHERE key = 'articles'").fetchone()
    return Stats(articles=articles[0] if articles else 0, actor_df=_DfView(conn, "actor"),
                 term_df=_DfView(conn, "term"))


class _DfView(dict):
    """A read-through cache of one kind of document frequency."""

    def __init__(self, conn: sqlite3.Connection, kind: str) -> None:
        super().__init__()
        self._conn, self._kind = conn, kind

    def get(self, key, default=None):  # type: ignore[override]
        if key not in self:
            row = self._conn.execute("SELECT df FROM story_df WHERE kind = ? AND key = ?", (self._kind, key)).fetchone()
            self[key] = row[0] if row else None
        value = self[key]
        return default if value is None else value


def _count_document(conn: sqlite3.Connection, features: ArticleFeatures) -> None:
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
           config: Optional[StoryConfig] = None) -> int:
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
    _count_document(conn, features)
    stats = _stats(conn)
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


# --- rebuilding and repairing --------------------------------------------------------------------

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
            embedded = embedder.embed([_lead(rows[i]["title"], rows[i]["text"]) for i in missing])
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


# --- reading ---------------------------------------------------------------------------------------

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
    """The story's articles, oldest first; ``independent_only`` leaves out near-duplicate copies."""
    return [r[0] for r in ledger.connection.execute(
        "SELECT a.id FROM article_stories s JOIN articles a ON a.id = s.article_id"
        " WHERE s.story_id = ?" + (" AND a.near_duplicate_of IS NULL" if independent_only else "")
        + " ORDER BY a.published IS NULL, a.published, a.rowid", (story_id,))]


def story_claim_ids(ledger: "Ledger", story_id: int) -> list[int]:
    """Ledger claims with at least one member claim in the story's articles, most-carried first."""
    return [r[0] for r in ledger.connection.execute(
        "SELECT m.ledger_claim_id FROM article_stories s JOIN claims c ON c.article_id = s.article_id"
        " JOIN ledger_claim_members m ON m.claim_pk = c.pk WHERE s.story_id = ?"
        " GROUP BY m.ledger_claim_id ORDER BY COUNT(DISTINCT c.article_id) DESC, m.ledger_claim_id", (story_id,))]


def _top_claims(ledger: "Ledger", story_id: int, limit: int) -> list[dict[str, Any]]:
    ids = story_claim_ids(ledger, story_id)[:limit] if limit else story_claim_ids(ledger, story_id)
    rows = {r["id"]: r for r in ledger.connection.execute(
        f"SELECT id, text, status, first_seen, last_seen FROM ledger_claims WHERE id IN ({','.join('?' * len(ids))})",
        ids)} if ids else {}
    return [{"id": i, "text": rows[i]["text"], "status": rows[i]["status"]} for i in ids if i in rows]


def _summary(ledger: "Ledger", row: sqlite3.Row, top: int) -> dict[str, Any]:
    counts = ledger.connection.execute(
        "SELECT COUNT(*), COUNT(DISTINCT src.source_key) FROM article_stories s"
        " JOIN article_sources src ON src.id = s.article_id WHERE s.story_id = ?", (row["id"],)).fetchone()
    return {"id": row["id"], "label": row["label"], "articles": counts[0], "independent_articles": counts[1],
            "first_seen": row["first_seen"], "last_seen": row["last_seen"],
            "top_claims": _top_claims(ledger, row["id"], top)}


def list_stories(ledger: "Ledger", limit: Optional[int] = None, top_claims: int = 3) -> list[dict[str, Any]]:
    """Stories, most articles first, each with counts, dates and its ``top_claims`` most-carried claims."""
    ensure_assigned(ledger)
    rows = [r for r in ledger.connection.execute(
        "SELECT st.*, (SELECT COUNT(*) FROM article_stories s WHERE s.story_id = st.id) AS n FROM stories st"
        " ORDER BY n DESC, st.last_seen DESC, st.id") if r["n"]]
    rows = rows[:limit] if limit else rows
    return [_summary(ledger, r, top_claims) for r in rows]


def story_detail(ledger: "Ledger", story_id: int) -> dict[str, Any]:
    """One story: its summary, its articles (with how each joined) and all its claims."""
    from claimwatch.errors import InputError

    ensure_assigned(ledger)
    row = ledger.connection.execute("SELECT * FROM stories WHERE id = ?", (story_id,)).fetchone()
    if row is None:
        raise InputError(f"no story {story_id} in {ledger.path}; list them with `claimwatch stories`")
    data = _summary(ledger, row, 0)
    data["claims"] = data.pop("top_claims")
    data["members"] = [dict(r) for r in ledger.connection.execute(
        "SELECT a.id, a.title, a.outlet, a.published, a.url, s.score, s.method, a.near_duplicate_of,"
        " a.wire_source FROM article_stories s JOIN articles a ON a.id = s.article_id WHERE s.story_id = ?"
        " ORDER BY a.published IS NULL, a.published, a.rowid", (story_id,))]
    return data


def parse_story_id(value: str) -> Optional[int]:
    """The number in a story id as written on the command line ("3" or "s3"), or None."""
    match = _STORY_ID.match(value or "")
    return int(match.group(1)) if match else None


def story_of(ledger: "Ledger", article_id: str) -> Optional[int]:
    row = ledger.connection.execute("SELECT story_id FROM article_stories WHERE article_id = ?", (article_id,)).fetchone()
    return row[0] if row else None
