"""FNC-1 training bodies grouped by the rumour they cover, with the rumour's veracity from Emergent.

A body belongs to the Emergent claim of each related (not "unrelated") headline it is paired with
in the stances CSV; headlines join Emergent claims through ``articleHeadline`` -> ``claimId`` (and
``claimTruth``) of an Emergent CSV. Bodies that map to exactly one rumour are kept. Once ingested
into a ledger (:mod:`claimwatch.evaluate.stories` reads it), ``score_rumours`` reports story
clustering, main-claim coverage, ledger claims mixing rumours, and status against veracity.
"""
from __future__ import annotations

import json
import re
from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Optional

from claimwatch.errors import InputError
from claimwatch.evaluate.fnc1 import open_csv, read_bodies
from claimwatch.evaluate.stories import LedgerView, pairwise_clustering

# The statuses that agree with each Emergent veracity (issue 16, point 5).
AGREEING = {"true": ("corroborated", "confirmed"), "false": ("contested", "denied"), "unknown": ("alleged", "contested")}
_SPACES = re.compile(r"\s+")


@dataclass(frozen=True)
class Rumour:
    """One Emergent claim and the FNC-1 bodies that cover it (by Body ID, ascending)."""

    claim_id: str
    headline: str
    truth: str
    bodies: tuple[str, ...]


def _key(headline: str) -> str:
    return _SPACES.sub(" ", headline).strip()


def read_claims(emergent_csv: Path) -> tuple[dict[str, set[str]], dict[str, tuple[str, str]]]:
    """Headline -> Emergent claim ids, and claim id -> (claim headline, veracity)."""
    by_headline: dict[str, set[str]] = defaultdict(set)
    claims: dict[str, tuple[str, str]] = {}
    for row in open_csv(emergent_csv, ("claimHeadline", "articleHeadline", "claimId", "claimTruth")):
        claim_id = row["claimId"].strip()
        by_headline[_key(row["articleHeadline"])].add(claim_id)
        claims[claim_id] = (row["claimHeadline"].strip(), row["claimTruth"].strip().lower())
    return by_headline, claims


def group_bodies(stances_csv: Path, by_headline: dict[str, set[str]]) -> dict[str, set[str]]:
    """Body ID -> the rumours of its related headlines (bodies with no known rumour are absent)."""
    rumours_of: dict[str, set[str]] = defaultdict(set)
    for row in open_csv(stances_csv, ("Headline", "Body ID", "Stance")):
        if row["Stance"].strip() == "unrelated":
            continue
        for claim_id in by_headline.get(_key(row["Headline"]), ()):
            rumours_of[row["Body ID"].strip()].add(claim_id)
    return rumours_of


def body_order(body_id: str) -> tuple:
    """Numeric Body IDs in number order, any other after them."""
    return (0, int(body_id), "") if body_id.isdigit() else (1, 0, body_id)


def build_rumours(rumours_of: dict[str, set[str]], claims: dict[str, tuple[str, str]],
                  limit: Optional[int] = None) -> list[Rumour]:
    """Rumours with their single-rumour bodies, ordered by their first Body ID; the first ``limit``."""
    members: dict[str, list[str]] = defaultdict(list)
    for body_id, ids in rumours_of.items():
        if len(ids) == 1:
            members[next(iter(ids))].append(body_id)

    rumours = [Rumour(cid, claims[cid][0], claims[cid][1], tuple(sorted(bodies, key=body_order)))
               for cid, bodies in members.items()]
    rumours.sort(key=lambda r: body_order(r.bodies[0]))
    return rumours[:limit] if limit else rumours


def load_rumours(fnc1_dir: Path, emergent_csv: Path, limit: Optional[int] = None) -> tuple[list[Rumour], dict[str, str]]:
    """The rumours of the FNC-1 training set and the texts of their bodies."""
    bodies_csv = Path(fnc1_dir) / "train_bodies.csv"
    stances_csv = next((p for p in (Path(fnc1_dir) / "train_stances.reconstructed.csv",
                                    Path(fnc1_dir) / "train_stances.csv") if p.is_file()), None)
    if stances_csv is None:
        raise InputError(f"{fnc1_dir} has no train_stances(.reconstructed).csv")
    by_headline, claims = read_claims(emergent_csv)
    rumours = build_rumours(group_bodies(stances_csv, by_headline), claims, limit)
    if not rumours:
        raise InputError(f"no FNC-1 body of {fnc1_dir} maps to exactly one rumour of {emergent_csv}")
    texts = read_bodies(bodies_csv)
    return rumours, {b: texts[b] for r in rumours for b in r.bodies if b in texts}


def body_url(body_id: str) -> str:
    return f"https://fnc1.invalid/body/{body_id}"


def rumours_jsonl(rumours: list[Rumour], texts: dict[str, str], path: Path) -> int:
    """Write the bodies in Body ID order (text, url); FNC-1 bodies carry no date or outlet."""
    ids = sorted((b for r in rumours for b in r.bodies if b in texts), key=body_order)
    with Path(path).open("w", encoding="utf-8") as fh:
        for body_id in ids:
            fh.write(json.dumps({"text": texts[body_id], "url": body_url(body_id)}) + "\n")
    return len(ids)


def main_claim(articles: set[str], claim_articles: dict[int, set[str]]) -> tuple[Optional[int], int]:
    """The ledger claim holding statements from the most of ``articles``, and how many (ties: lowest id)."""
    best, count = None, 0
    for claim_id in sorted(claim_articles):
        n = len(claim_articles[claim_id] & articles)
        if n > count:
            best, count = claim_id, n
    return best, count


def score_rumours(rumours: list[Rumour], view: LedgerView) -> dict:
    """Clustering, main-claim coverage, mixed ledger claims and status against veracity."""
    rumour_of_article: dict[str, str] = {}
    for rumour in rumours:
        for body_id in rumour.bodies:
            stored = view.articles.get(body_url(body_id))
            if stored is not None:
                rumour_of_article[stored[0]] = rumour.claim_id
    claim_articles = view.claim_articles()
    rows = []
    for rumour in rumours:
        articles = {a for a, r in rumour_of_article.items() if r == rumour.claim_id}
        main, count = main_claim(articles, claim_articles)
        status = view.status.get(main) if main is not None else None
        rows.append({"rumour": rumour.claim_id, "headline": rumour.headline, "truth": rumour.truth,
                     "articles": len(articles), "main": main, "main_articles": count,
                     "coverage": round(count / len(articles), 3) if articles else 0.0,
                     "status": status, "agrees": status in AGREEING.get(rumour.truth, ()),
                     "main_text": (view.text.get(main) or "")[:90]})
    scored = [r for r in rows if r["articles"]]
    multi = {cid: arts for cid, arts in claim_articles.items() if len(arts) >= 2}
    mixed = [cid for cid, arts in multi.items() if len({rumour_of_article.get(a) for a in arts} - {None}) >= 2]
    not_true = [r for r in scored if r["truth"] in ("false", "unknown")]
    by_truth: dict[str, list] = defaultdict(list)
    for r in scored:
        by_truth[r["truth"]].append(r["agrees"])
    clustering = pairwise_clustering({a: view.story_of.get(a) for a in rumour_of_article}, rumour_of_article)
    summary = {"rumours": len(scored), "articles": len(rumour_of_article),
               "main_claim_coverage": _mean(r["coverage"] for r in scored),
               "main_claim_coverage_pooled": round(sum(r["main_articles"] for r in scored)
                                                   / max(1, sum(r["articles"] for r in scored)), 3),
               "multi_article_claims": len(multi), "mixed_claims": len(mixed),
               "mixed_share": round(len(mixed) / len(multi), 3) if multi else 0.0,
               "status_agrees": _mean(r["agrees"] for r in scored),
               "status_agrees_by_truth": {t: _mean(v) for t, v in sorted(by_truth.items())},
               "confirmed_not_true": sum(r["status"] == "confirmed" for r in not_true),
               "confirmed_not_true_share": _mean(r["status"] == "confirmed" for r in not_true),
               "not_true_rumours": len(not_true),
               "main_statuses": dict(Counter(str(r["status"]) for r in scored).most_common()),
               "ledger_claims_total": len(view.status)}
    return {"summary": summary, "clustering": clustering, "rumours": rows}


def _mean(values) -> float:
    values = list(values)
    return round(sum(values) / len(values), 3) if values else 0.0
