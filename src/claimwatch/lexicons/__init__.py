"""Lexicons and rules kept as data files beside this module, loaded once and validated on load."""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from claimwatch.errors import LexiconError
from claimwatch.lexicons.registry import LEXICONS, load

__all__ = ["LEXICONS", "LEXICON_DIR", "load", "load_yaml", "stopwords"]

LEXICON_DIR = Path(__file__).parent


@lru_cache(maxsize=None)
def load_yaml(name: str) -> Any:
    """Parse ``name`` (e.g. ``"cues.yaml"``) from the lexicon folder; malformed files raise LexiconError.

    The raw reader behind ``load``: code outside this package calls ``load(name)``, which also validates."""
    path = LEXICON_DIR / name
    try:
        with path.open(encoding="utf-8") as fh:
            return yaml.load(fh, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except FileNotFoundError as exc:
        raise LexiconError(f"lexicon file {path} is missing; reinstall claimwatch") from exc
    except yaml.YAMLError as exc:
        raise LexiconError(f"lexicon file {path} is not valid YAML: {exc}") from exc


def stopwords(*groups: str) -> frozenset[str]:
    """Stopword groups from ``stopwords.yaml`` ("common", "news"): words that say nothing about a topic."""
    data = load("stopwords")
    if not isinstance(data, dict) or data.get("version") != 1 or not all(isinstance(data.get(g), str) for g in groups):
        raise LexiconError(f"stopwords.yaml: expected 'version: 1' and a string of words for each of {', '.join(groups)}")
    return frozenset(w for g in groups for w in data[g].split())
