"""Confusion matrices, per-class F1, accuracy and pairwise precision/recall, kept dependency-free."""
from __future__ import annotations

from itertools import combinations
from typing import Hashable, Mapping, Sequence


def confusion(gold: Sequence[str], pred: Sequence[str], labels: Sequence[str]) -> dict[str, dict[str, int]]:
    """gold label -> predicted label -> count, over ``labels`` (other predictions count under 'other')."""
    if len(gold) != len(pred):
        raise ValueError(f"{len(gold)} gold labels but {len(pred)} predictions")
    table = {g: {p: 0 for p in list(labels) + ["other"]} for g in labels}
    for g, p in zip(gold, pred):
        table[g][p if p in labels else "other"] += 1
    return table


def per_class_f1(table: Mapping[str, Mapping[str, int]]) -> dict[str, float]:
    """F1 of each gold label from a :func:`confusion` table."""
    labels = list(table)
    scores = {}
    for c in labels:
        tp = table[c][c]
        fp = sum(table[g][c] for g in labels if g != c)
        fn = sum(v for p, v in table[c].items() if p != c)
        scores[c] = round(2 * tp / (2 * tp + fp + fn), 3) if tp else 0.0
    return scores


def accuracy(gold: Sequence[str], pred: Sequence[str]) -> float:
    return round(sum(g == p for g, p in zip(gold, pred)) / len(gold), 4) if gold else 0.0


def pairwise_pr(groups: Sequence[Hashable], same: Mapping[tuple[int, int], bool]) -> dict[str, float]:
    """Precision/recall/F1 of predicted "same" over all pairs ``(i, j)``, i < j, against ``groups``."""
    tp = fp = fn = 0
    for i, j in combinations(range(len(groups)), 2):
        gold, pred = groups[i] == groups[j], bool(same.get((i, j), False))
        tp += gold and pred
        fp += pred and not gold
        fn += gold and not pred
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": round(p, 3), "recall": round(r, 3), "f1": round(f, 3),
            "true_pairs": tp + fn, "predicted_pairs": tp + fp}
