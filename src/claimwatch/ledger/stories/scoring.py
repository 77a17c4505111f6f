"""Story profiles and how alike an article and a story are; the story label."""
from __future__ import annotations

import json
import math
from collections import Counter
from dataclasses import dataclass, field
from itertools import repeat
from operator import mul
from typing import Iterable, Mapping, Optional

import numpy as np

from claimwatch.dates import parse_moment
from claimwatch.ledger.stories.config import StoryConfig
from claimwatch.ledger.stories.features import ArticleFeatures, _stem, _WORD


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
    # sum(v * vb.get(k, 0.0) for k, v in va.items()), the same additions in the same order, in C
    return sum(map(mul, va.values(), map(vb.get, va.keys(), repeat(0.0)))) / (na * nb)


def _sum_of_squares(values) -> float:
    """``sum(v * v for v in values)``: the same additions in the same order, without a generator."""
    values = list(values)
    return sum(map(mul, values, values))


def _weighted(p: Profile, stats: Stats, config: StoryConfig) -> tuple:
    """The profile's IDF-weighted actor and term vectors with their norms, cached until it changes."""
    if p.vectors is None or p.vectors[0] is not stats:
        adf, tdf = stats.actor_df, stats.term_df
        if hasattr(type(adf), "weights"):  # the ledger's df view: each actor weighted once per article
            known = adf.weights(stats.articles, config)
            for k in [k for k in p.actors if k not in known]:
                known[k] = stats.actor_weight(k, config)
            n = max(1, p.n)
            actors = {k: known[k] * c / n for k, c in p.actors.items()}
        else:
            actors = {k: stats.actor_weight(k, config) * c / max(1, p.n) for k, c in p.actors.items()}
        if hasattr(type(tdf), "weights"):  # the ledger's df view: term_weight's expression, once per term and article
            articles = stats.articles
            known = tdf.weights(articles)
            for t in [t for t in p.terms if t not in known]:
                known[t] = math.log(1 + articles / max(1, tdf[t] or 1))
            terms = {t: known[t] * c for t, c in p.terms.items()}
        else:
            terms = {t: stats.term_weight(t) * c for t, c in p.terms.items()}
        p.vectors = (stats, (actors, math.sqrt(_sum_of_squares(actors.values()))),
                     (terms, math.sqrt(_sum_of_squares(terms.values()))))
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
