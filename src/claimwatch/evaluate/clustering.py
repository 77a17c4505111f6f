"""Scores for a clustering against gold groups: purity, inverse purity (completeness), their F, ARI.

Purity asks whether each found story holds one gold story; completeness (inverse purity) whether
each gold story landed in one found story. Putting every article alone scores purity 1, putting all
together completeness 1, so both are reported with their harmonic mean, plus the adjusted Rand index.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from math import comb
from typing import Hashable, Mapping


@dataclass(frozen=True)
class ClusterScores:
    items: int
    gold_groups: int
    found_groups: int
    purity: float
    completeness: float
    f1: float
    ari: float

    def to_dict(self) -> dict:
        return {k: (round(v, 4) if isinstance(v, float) else v) for k, v in self.__dict__.items()}


def _overlap(found: Mapping[Hashable, Hashable], gold: Mapping[Hashable, Hashable]) -> Counter:
    return Counter((found[k], gold[k]) for k in gold if k in found)


def score_clusters(found: Mapping[Hashable, Hashable], gold: Mapping[Hashable, Hashable]) -> ClusterScores:
    """Compare ``found`` (item -> cluster) with ``gold`` (item -> gold group) over the gold items."""
    items = [k for k in gold if k in found]
    n = len(items)
    if not n:
        return ClusterScores(0, 0, 0, 0.0, 0.0, 0.0, 0.0)
    pairs = _overlap(found, gold)
    by_found: dict[Hashable, int] = {}
    by_gold: dict[Hashable, int] = {}
    for (f, g), count in pairs.items():
        by_found[f] = max(by_found.get(f, 0), count)
        by_gold[g] = max(by_gold.get(g, 0), count)
    purity = sum(by_found.values()) / n
    completeness = sum(by_gold.values()) / n
    f1 = 2 * purity * completeness / (purity + completeness) if purity + completeness else 0.0
    found_sizes = Counter(found[k] for k in items)
    gold_sizes = Counter(gold[k] for k in items)
    index = sum(comb(c, 2) for c in pairs.values())
    a = sum(comb(c, 2) for c in found_sizes.values())
    b = sum(comb(c, 2) for c in gold_sizes.values())
    total = comb(n, 2)
    expected = a * b / total if total else 0.0
    maximum = (a + b) / 2
    ari = (index - expected) / (maximum - expected) if maximum != expected else 1.0
    return ClusterScores(n, len(gold_sizes), len(found_sizes), purity, completeness, f1, ari)
