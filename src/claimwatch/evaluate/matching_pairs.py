"""A claim-matching pair table with hard negatives, built from Emergent's claim ids.

Scoring every pair of headlines (``emergent.matching_report``) is dominated by easy negatives: two
headlines about unrelated rumours. This table keeps what decides precision in a ledger full of related
claims: **positives**, every pair of headlines of one claim id, and **hard negatives**, pairs of
headlines of different claims that share a named state/organisation or at least ``min_shared`` content
words (same entities, different claims). Cross-claim pairs with identical text are left out (the same
headline filed under two claim ids is label noise, not a negative). Pairs are split by claim id into
the tuning part and the held-out part (:func:`claimwatch.evaluate.emergent.in_part`); a negative
belongs to a part only when both its claims do.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Sequence

from claimwatch.evaluate.emergent import in_part
from claimwatch.ledger.matching import NUMBER_TOKEN, ClaimFeatures, score_pair


@dataclass(frozen=True)
class Pair:
    """Two rows of the feature list, and whether they are the same claim."""

    i: int
    j: int
    same: bool


def build_pairs(features: Sequence[ClaimFeatures], claim_ids: Sequence[str], part: str = "all",
                min_shared: int = 2) -> list[Pair]:
    """Positives and hard negatives among ``features`` whose claims are in ``part``."""
    keep = [k for k, cid in enumerate(claim_ids) if in_part(cid, part)]
    pairs = []
    for x, i in enumerate(keep):
        for j in keep[x + 1:]:
            if claim_ids[i] == claim_ids[j]:
                pairs.append(Pair(i, j, True))
            elif _hard_negative(features[i], features[j], min_shared):
                pairs.append(Pair(i, j, False))
    return pairs


def _hard_negative(a: ClaimFeatures, b: ClaimFeatures, min_shared: int) -> bool:
    if " ".join(a.text.casefold().split()) == " ".join(b.text.casefold().split()):
        return False
    common = (a.tokens & b.tokens) - {NUMBER_TOKEN}
    return len(common) >= min_shared or any(t.startswith("@") for t in common)


def pair_report(features: Sequence[ClaimFeatures], claim_ids: Sequence[str], pairs: Sequence[Pair],
                worst: int = 5) -> dict:
    """Precision and recall of ``score_pair`` on the table, matches by level, and the claim pairs
    behind most false matches (``worst`` of them, with one example each)."""
    tp = fp = fn = 0
    levels: Counter = Counter()
    confused: Counter = Counter()
    example: dict[tuple[str, str], tuple[str, str]] = {}
    for pair in pairs:
        a, b = features[pair.i], features[pair.j]
        score = score_pair(a, b)
        if score.matched:
            levels[score.level] += 1
        tp += score.matched and pair.same
        fn += (not score.matched) and pair.same
        if score.matched and not pair.same:
            fp += 1
            key = tuple(sorted((claim_ids[pair.i], claim_ids[pair.j])))
            confused[key] += 1
            example.setdefault(key, (a.text, b.text))
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"pairs": len(pairs), "positives": sum(p.same for p in pairs),
            "hard_negatives": sum(not p.same for p in pairs), "true_matches": tp, "false_matches": fp,
            "precision": round(precision, 3), "recall": round(recall, 3), "f1": round(f1, 3),
            "matches_by_level": dict(levels.most_common()),
            "worst_confusions": [{"claims": list(k), "false_matches": n, "example": list(example[k])}
                                 for k, n in confused.most_common(worst)]}
