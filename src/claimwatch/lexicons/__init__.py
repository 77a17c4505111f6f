"""Lexicons and rules kept as data files beside this module, loaded once and validated on load."""
from __future__ import annotations

from claimwatch.errors import LexiconError
from claimwatch.lexicons.files import LEXICON_DIR, load_yaml
from claimwatch.lexicons.registry import LEXICONS, load

__all__ = ["LEXICONS", "LEXICON_DIR", "load", "load_yaml", "stopwords"]


def stopwords(*groups: str) -> frozenset[str]:
    """Stopword groups from ``stopwords.yaml`` ("common", "news"): words that say nothing about a topic."""
    data = load("stopwords")
    if not isinstance(data, dict) or data.get("version") != 1 or not all(isinstance(data.get(g), str) for g in groups):
        raise LexiconError(f"stopwords.yaml: expected 'version: 1' and a string of words for each of {', '.join(groups)}")
    return frozenset(w for g in groups for w in data[g].split())
