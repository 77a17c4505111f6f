"""Emergent measurements: headline stance toward its claim, and "same claim" matching across outlets.

Stance (for / against / observing) is read from claimwatch's analysis of the headline (compared
with the claim's headline only for negation): a statement that denies or disputes, a refuting word
("hoax", "fake") or a negation the claim lacks -> against; a statement that supports (confirms,
backs) or an undistanced report/publication ("leak reveals ...") -> for; any other statement ->
observing (the headline reports someone's claim: "X says ..."); without attribution, a reporting or
hedging word ("reportedly", "rumour", "may", a question) -> observing; else the headline restates the
claim -> for. Word lists and acts in ``eval_stance.yaml``.

Matching: each headline becomes ledger matching features (its text, the event type and agent of its
first typed claim, a sentence embedding when available); two headlines are "the same claim" when
:func:`claimwatch.ledger.matching.score_pair` matches them. Scored pairwise against the claim ids.
"""
from __future__ import annotations

import re
import zlib
from collections import Counter
from typing import Callable, Optional, Sequence

import numpy as np

from claimwatch.evaluate.config import EmergentConfig, load_config
from claimwatch.evaluate.metrics import accuracy, confusion, pairwise_pr, per_class_f1
from claimwatch.ingest.emergent import STANCES, EmergentRecord, by_claim
from claimwatch.ledger.matching import ClaimFeatures, make_features, score_pair
from claimwatch.model import Analysis, Article

Embed = Callable[[Sequence[str]], np.ndarray]
PARTS = ("dev", "tune", "all")
SWEEP = (0.3, 0.4, 0.5, 0.6, 0.7)  # diagnostic: one threshold on the pair score for every unblocked pair
DEV_MODULUS = 5  # dev part: claims with crc32(claim id) % 5 == 0, about a fifth of the claims


def in_part(claim_id: str, part: str) -> bool:
    """dev: crc32(claim id) % 5 == 0 (held out from any tuning); tune: the others; all: every claim."""
    if part == "all":
        return True
    held_out = zlib.crc32(claim_id.encode("utf-8")) % DEV_MODULUS == 0
    return held_out if part == "dev" else not held_out


def select(records: Sequence[EmergentRecord], part: str, max_claims: Optional[int] = None) -> list[EmergentRecord]:
    """The records of one part; with ``max_claims``, only the first that many claims (file order)."""
    groups = [g for cid, g in by_claim(records).items() if in_part(cid, part)]
    if max_claims:
        groups = groups[:max_claims]
    return [r for g in groups for r in g]


def _has_word(text: str, words: Sequence[str]) -> Optional[str]:
    low = text.casefold().replace("\u2019", "'")
    for word in words:
        if not word[0].isalnum():
            if word in low:
                return word
        elif re.search(rf"(?<![\w']){re.escape(word)}(?![\w'])", low):
            return word
    return None


def headline_stance(analysis: Analysis, claim_headline: str = "",
                    config: Optional[EmergentConfig] = None) -> tuple[str, str]:
    """(for | against | observing, the rule that decided) for one analysed headline about a claim.

    A negation counts against the claim only when the claim's own headline lacks it, so a claim that
    is itself negative ("X will not run") is not contradicted by its restatement.
    """
    config = config or load_config().emergent
    statements = analysis.statements
    text = analysis.article.text
    if any(s.stance in ("denies", "disputes") for s in statements):
        return "against", "a statement denies or disputes"
    word = _has_word(text, config.against_words)
    if word:
        return "against", f"refuting word {word!r}"
    negations = [w for w in config.negation_words if _has_word(text, [w]) and not _has_word(claim_headline, [w])]
    if negations:
        return "against", f"negation {negations[0]!r} absent from the claim"
    if any(s.stance == "supports" for s in statements):
        return "for", "a statement confirms or backs"
    if any(s.stance == "asserts" and not s.distanced and s.act in config.asserting_acts for s in statements):
        return "for", "an undistanced report or publication"
    if statements:
        return "observing", f"reports a {statements[0].stance} statement"
    word = _has_word(text, config.observing_words)
    if word:
        return "observing", f"reporting word {word!r}"
    return "for", "restates the claim"


def stance_report(gold: Sequence[str], pred: Sequence[str]) -> dict:
    """Accuracy, per-class F1, macro F1 and confusion of headline stance."""
    table = confusion(gold, pred, STANCES)
    f1 = per_class_f1(table)
    majority = max(STANCES, key=lambda s: sum(g == s for g in gold)) if gold else "for"
    return {"headlines": len(gold), "accuracy": accuracy(gold, pred), "per_class_f1": f1,
            "macro_f1": round(sum(f1.values()) / len(f1), 3), "confusion": table,
            "majority_class": majority, "majority_accuracy": accuracy(gold, [majority] * len(gold))}


def headline_features(analysis: Analysis, vector: Optional[np.ndarray] = None) -> ClaimFeatures:
    """Matching features of a headline: its text, with the first typed claim's event type and agent."""
    typed = next((c for c in analysis.claims if c.predicate), None)
    agent = next((c.subject for c in analysis.claims if c.subject), None)
    return make_features(analysis.article.text, typed.predicate if typed else None, agent, (), vector)


def _miss_reason(score) -> str:
    if score.level == "blocked":
        return score.reason.split(" (")[0]
    if score.reason.startswith("too few"):
        return "too few content words"
    return f"below threshold ({score.level})"


def matching_report(features: Sequence[ClaimFeatures], claim_ids: Sequence[str]) -> dict:
    """Pairwise precision / recall of "same claim" predicted by ``score_pair``, grouped by claim id,
    with why the missed same-claim pairs were missed (blocked by structure or below threshold)."""
    same = {}
    missed: Counter = Counter()
    scores: dict[tuple[int, int], float] = {}
    for i in range(len(features)):
        for j in range(i + 1, len(features)):
            score = score_pair(features[i], features[j])
            if score.level != "blocked":
                scores[(i, j)] = score.score
            if score.matched:
                same[(i, j)] = True
            elif claim_ids[i] == claim_ids[j]:
                missed[_miss_reason(score)] += 1
    result = pairwise_pr(list(claim_ids), same)
    sweep = {}
    for cut in SWEEP:
        at = pairwise_pr(list(claim_ids), {k: True for k, s in scores.items() if s >= cut})
        sweep[f"{cut:.2f}"] = {"precision": at["precision"], "recall": at["recall"], "f1": at["f1"]}
    result.update(headlines=len(features), claims=len(set(claim_ids)), missed_because=dict(missed.most_common()),
                  single_threshold_sweep=sweep)
    return result


def headline_articles(records: Sequence[EmergentRecord]) -> list[Article]:
    """Each record's headline as an article (one per row, so predictions line up with the rows)."""
    return [Article(text=r.article_headline, id=f"emergent-{r.article_id}", title=r.article_headline,
                    url=r.url, outlet=r.outlet) for r in records]
