"""Story clustering settings from ``lexicons/stories.yaml``, validated on load."""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Mapping

from claimwatch.errors import LexiconError
from claimwatch.lexicons import load

SOURCE = "stories.yaml"
WEIGHT_KEYS = ("actors", "claims", "terms", "embedding")


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
    return load("stories")
