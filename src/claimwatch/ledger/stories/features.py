"""What an article brings to story clustering: its named actors, content words, ledger claims, lead embedding."""
from __future__ import annotations

import logging
import re
from collections import Counter
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Iterable, Mapping, Optional

import numpy as np

from claimwatch.lexicons import stopwords
from claimwatch.model import Analysis
from claimwatch.ledger.stories.config import load_config, StoryConfig

if TYPE_CHECKING:  # pragma: no cover
    from claimwatch.ledger.embeddings import Embedder

log = logging.getLogger("claimwatch.ledger")

LEAD_CHARS = 400  # title + this much of the text is embedded: the lead says what the story is

_WORD = re.compile(r"[a-z][a-z'\u2019\-]*[a-z]")
_STOPWORDS = stopwords("common", "news")


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
            vector = embedder.embed([story_lead(article.title, article.text)])[0]
        except Exception as exc:  # noqa: BLE001 - the optional model must never block ingest
            log.warning("story embedding failed (%s); grouping without it", exc)
    return ArticleFeatures(actors=story_actors(((a.name, a.kind) for a in analysis.actors), config),
                           terms=content_terms(article.title, article.text, config.max_terms), embedding=vector)


def story_lead(title: Optional[str], text: str) -> str:
    """The text an article's story vector is made from (the writer, a rebuild and the Dask workers'
    vector memo must agree on it byte for byte, or the memo falls back to the model)."""
    lead = text[:LEAD_CHARS]
    return f"{title}. {lead}" if title and not text.startswith(title) else lead
