"""Story-level scores of a ledger file: do the articles of one story, and the statements of one
story claim, end up together, and does the main ledger claim carry the right status?

The ledger is read as a file (SQLite, read-only), through the tables and columns the evaluation
contract names (``shared/EVAL.md``, "Story level"), never through the ledger's Python API, so the
scores keep their meaning while the ledger's claims, matching and status rules change. The
definitions follow ``shared/eval/score_stories.py`` step for step (its figures and these must
agree on the same ledger): a gold statement is *found* when a stored statement's content span
overlaps it at character Jaccard >= 0.5; a story claim's *main* ledger claim is the one most of its
found statements joined; *cohesion* is the share of the found ones in it.

``dev_jsonl`` writes the articles of a gold folder exactly as that script does (same fields, same
order), ``ingest`` stores them in a fresh ledger through the product's own ingest, ``read_ledger``
and ``score_dev`` score it.
"""
from __future__ import annotations

import json
import re
import sqlite3
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from itertools import combinations
from pathlib import Path
from typing import Callable, Hashable, Mapping, Optional

from claimwatch.errors import InputError

FOUND_JACCARD = 0.5


@dataclass
class LedgerView:
    """What the story scores read from one ledger file."""

    articles: dict[str, tuple[str, str]]  # url -> (article id, stored text)
    spans: dict[str, list[tuple[tuple[int, int], int]]]  # article id -> [(content span, statement pk)]
    statement_article: dict[int, str]  # statement pk -> article id
    ledger_of: dict[int, set[int]]  # statement pk -> ledger claim ids
    status: dict[int, str]  # ledger claim id -> status
    text: dict[int, str]  # ledger claim id -> text
    events: dict[int, list[tuple[str, str]]]  # ledger claim id -> [(day, to_status)] in date order
    story_of: dict[str, int]  # article id -> story id
    near_duplicate_of: dict[str, Optional[str]] = field(default_factory=dict)

    def status_at(self, claim_id: int, day: str) -> Optional[str]:
        """The claim's status at the end of ``day`` (YYYY-MM-DD), from its timeline events."""
        current = None
        for date, to in self.events.get(claim_id, ()):
            if date <= day:
                current = to
        return current

    def claim_articles(self) -> dict[int, set[str]]:
        """Ledger claim id -> the articles whose statements it holds."""
        out: dict[int, set[str]] = defaultdict(set)
        for pk, claims in self.ledger_of.items():
            article = self.statement_article.get(pk)
            for claim_id in claims:
                if article is not None:
                    out[claim_id].add(article)
        return out


def read_ledger(db: Path) -> LedgerView:
    """Read the contract's tables from the ledger file at ``db`` (read-only)."""
    if not Path(db).is_file():
        raise InputError(f"no ledger file at {db}")
    con = sqlite3.connect(f"file:{Path(db).resolve()}?mode=ro", uri=True)
    try:
        articles = {url: (aid, text) for aid, url, text in con.execute("SELECT id, url, text FROM articles")}
        spans: dict[str, list] = defaultdict(list)
        statement_article: dict[int, str] = {}
        for aid, a, b, pk in con.execute("SELECT article_id, content_start, content_end, pk FROM statements"):
            spans[aid].append(((a, b), pk))
            statement_article[pk] = aid
        ledger_of: dict[int, set[int]] = defaultdict(set)
        for spk, lid in con.execute("SELECT sc.statement_pk, m.ledger_claim_id FROM statement_claims sc "
                                    "JOIN ledger_claim_members m ON m.claim_pk = sc.claim_pk"):
            ledger_of[spk].add(lid)
        status, text = {}, {}
        for lid, claim_text, claim_status in con.execute("SELECT id, text, status FROM ledger_claims"):
            status[lid], text[lid] = claim_status, claim_text
        events: dict[int, list] = defaultdict(list)
        for lid, day, to in con.execute("SELECT ledger_claim_id, date, to_status FROM claim_events "
                                        "WHERE to_status IS NOT NULL ORDER BY date, id"):
            events[lid].append(((day or "")[:10], to))
        story_of = dict(con.execute("SELECT article_id, story_id FROM article_stories"))
        columns = {row[1] for row in con.execute("PRAGMA table_info(articles)")}
        near = dict(con.execute("SELECT id, near_duplicate_of FROM articles")) if "near_duplicate_of" in columns else {}
    except sqlite3.DatabaseError as exc:
        raise InputError(f"{db} is not a claimwatch ledger the story scores can read: {exc}") from exc
    finally:
        con.close()
    return LedgerView(articles, dict(spans), statement_article, dict(ledger_of), status, text, dict(events),
                      story_of, near)


# --- shared definitions ------------------------------------------------------------------------

def jaccard(a: tuple[int, int], b: tuple[int, int]) -> float:
    """Character Jaccard of two [start, end) spans."""
    inter = max(0, min(a[1], b[1]) - max(a[0], b[0]))
    union = max(a[1], b[1]) - min(a[0], b[0])
    return inter / union if union else 0.0


def purity(found: Mapping[Hashable, Hashable], gold: Mapping[Hashable, Hashable]) -> float:
    """Share of items whose ``found`` cluster's majority ``gold`` label is their own (score_stories.py)."""
    by: dict[Hashable, Counter] = defaultdict(Counter)
    for item in found:
        by[found[item]][gold[item]] += 1
    return sum(c.most_common(1)[0][1] for c in by.values()) / len(found) if found else 0.0


def pairwise_clustering(found: Mapping[Hashable, Hashable], gold: Mapping[Hashable, Hashable]) -> dict:
    """Pairwise precision/recall/F1 of "same cluster" over all item pairs, with purity and completeness.

    An item the ledger did not cluster (``None``) shares a cluster with nobody.
    """
    items = sorted((k for k in gold if k in found), key=str)
    tp = fp = fn = 0
    for a, b in combinations(items, 2):
        same_gold = gold[a] == gold[b]
        same_found = found[a] is not None and found[a] == found[b]
        tp += same_gold and same_found
        fp += same_found and not same_gold
        fn += same_gold and not same_found
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    sub_found = {k: found[k] for k in items}
    sub_gold = {k: gold[k] for k in items}
    return {"pair_precision": round(p, 3), "pair_recall": round(r, 3),
            "pair_f1": round(2 * p * r / (p + r), 3) if p + r else 0.0,
            "purity": round(purity(sub_found, sub_gold), 3), "completeness": round(purity(sub_gold, sub_found), 3),
            "articles": len(items), "gold_stories": len(set(sub_gold.values())),
            "found_stories": len(set(sub_found.values()))}


# --- the dev story set -------------------------------------------------------------------------

@dataclass
class DevSet:
    """A gold folder with ``stories.json``: its stories, the gold files that belong to one, the texts."""

    folder: Path
    stories: dict
    golds: dict[str, dict]  # slug -> gold file
    texts: dict[str, str]
    dates: dict[str, str]

    def url(self, slug: str) -> str:
        return self.golds[slug].get("url") or f"https://dev.invalid/{slug}"


def article_date(gold: dict) -> str:
    """The gold's publication date, else the last date in its note, else ''."""
    if gold.get("published"):
        return gold["published"]
    found = re.findall(r"\d{4}-\d{2}-\d{2}", gold.get("published_note") or "")
    return found[-1] if found else ""


def load_dev(folder: Path) -> DevSet:
    """Read ``stories.json`` and the gold files carrying a ``story``, with their texts."""
    folder = Path(folder)
    if not (folder / "stories.json").is_file():
        raise InputError(f"{folder} has no stories.json (a gold folder such as ../shared/data/dev)")
    try:
        stories = json.loads((folder / "stories.json").read_text(encoding="utf-8"))
        golds = {p.name[:-10]: json.loads(p.read_text(encoding="utf-8")) for p in sorted(folder.glob("*.gold.json"))}
    except (OSError, ValueError) as exc:
        raise InputError(f"cannot read the gold files in {folder}: {exc}") from exc
    golds = {k: g for k, g in golds.items() if g.get("story")}
    if not golds:
        raise InputError(f"no gold file in {folder} names a story")
    texts, dates = {}, {}
    for slug, gold in golds.items():
        path = folder / gold["document"]
        if not path.is_file():
            raise InputError(f"{path} (the text of {slug}.gold.json) is missing")
        texts[slug], dates[slug] = path.read_text(encoding="utf-8"), article_date(gold)
    return DevSet(folder, stories, golds, texts, dates)


def dev_jsonl(dev: DevSet, path: Path) -> int:
    """Write the articles as score_stories.py does: by date, fields text, url, outlet[, published]."""
    with Path(path).open("w", encoding="utf-8") as fh:
        for slug, gold in sorted(dev.golds.items(), key=lambda kv: article_date(kv[1])):
            record = {"text": dev.texts[slug], "url": dev.url(slug), "outlet": gold.get("outlet")}
            if dev.dates[slug]:
                record["published"] = dev.dates[slug]
            fh.write(json.dumps(record) + "\n")
    return len(dev.golds)


def ingest(jsonl: Path, db: Path, lexical: bool = False, progress: Optional[Callable[[object], None]] = None):
    """Store the JSONL's articles in a fresh ledger at ``db`` with the product's ingest (as ``claimwatch
    ingest JSONL --db DB`` does); returns the ingest report."""
    from claimwatch.ledger import Ledger
    from claimwatch.ledger.ingest import ingest_into

    for stale in (db, db.with_name(db.name + "-wal"), db.with_name(db.name + "-shm")):
        stale.unlink(missing_ok=True)
    with Ledger(db, embedder=(lambda: None) if lexical else None) as ledger:
        return ingest_into(ledger, [str(jsonl)], fetch_urls=False, progress=progress)


def _placed(dev: DevSet, view: LedgerView) -> dict[str, tuple[str, int]]:
    """slug -> (article id, offset shift of the stored text) for the articles the ledger holds."""
    out = {}
    for slug in dev.golds:
        row = view.articles.get(dev.url(slug))
        if row is None:
            continue
        text = dev.texts[slug]
        shift = text.find(row[1][:200]) if row[1] != text else 0
        out[slug] = (row[0], max(shift, 0))
    return out


def _members(dev: DevSet) -> dict[str, list[tuple[str, dict]]]:
    """story claim id -> [(slug, gold statement)] through the gold claims' ``story_claim``."""
    members: dict[str, list] = defaultdict(list)
    for slug, gold in dev.golds.items():
        story_claim = {c["id"]: c.get("story_claim") for c in gold["claims"]}
        for statement in gold["statements"]:
            for key in {story_claim.get(c) for c in statement.get("claims", [])} - {None}:
                members[key].append((slug, statement))
    return members


def score_claim(claim: dict, members: list, placed: dict, dev: DevSet, view: LedgerView) -> tuple[dict, int, int]:
    """One story claim: found, main ledger claim, cohesion, final status and dated steps."""
    found: Counter = Counter()
    n_found = 0
    for slug, statement in members:
        if slug not in placed:
            continue
        article_id, shift = placed[slug]
        span = (statement["content_span"][0] - shift, statement["content_span"][1] - shift)
        best = max(((jaccard(span, p), pk) for p, pk in view.spans.get(article_id, ())), default=(0, None))
        if best[0] >= FOUND_JACCARD:
            n_found += 1
            found.update(view.ledger_of.get(best[1], ()))
    main = found.most_common(1)[0][0] if found else None
    cohesion = found[main] / n_found if main and n_found else 0.0
    gold_steps = claim.get("timeline") or [{"date": "", "status": claim["final_status"], "why": claim.get("why", "-")}]
    steps, right = [], 0
    for step in gold_steps:
        cited = step["why"].split()[0]
        day = max(step["date"], dev.dates.get(cited, step["date"])[:10])
        got = (view.status_at(main, day) if day else view.status.get(main)) if main else None
        steps.append({"date": day, "gold": step["status"], "ledger": got})
        right += got == step["status"]
    row = {"story_claim": claim["id"], "gold_statements": len(members), "found": n_found,
           "ledger_claims": len(found), "main": main, "cohesion": round(cohesion, 2),
           "gold_final": gold_steps[-1]["status"], "ledger_final": view.status.get(main),
           "main_text": (view.text.get(main) or "")[:90], "steps": steps}
    return row, right, len(steps)


def score_dev(dev: DevSet, view: LedgerView) -> dict:
    """Per story claim rows and the summary of score_stories.py, plus pairwise story clustering."""
    placed = _placed(dev, view)
    members = _members(dev)
    rows, steps_right, steps = [], 0, 0
    for story in dev.stories["stories"].values():
        for claim in story["claims"]:
            row, right, n = score_claim(claim, members[claim["id"]], placed, dev, view)
            rows.append(row)
            steps_right += right
            steps += n
    gold_story = {slug: g["story"] for slug, g in dev.golds.items()}
    found_story = {slug: view.story_of.get(placed[slug][0]) for slug in placed}
    clustering = pairwise_clustering(found_story, gold_story)
    syndicated = []
    for pair in dev.stories.get("syndicated_pairs", []):
        a, b = (placed.get(x, (None,))[0] for x in pair["pair"])
        syndicated.append(view.near_duplicate_of.get(a) == b or view.near_duplicate_of.get(b) == a)
    n = len(rows)
    gold_total = sum(r["gold_statements"] for r in rows)
    summary = {"story_claims": n,
               "found": round(sum(r["found"] for r in rows) / gold_total, 3) if gold_total else 0.0,
               "cohesion": round(sum(r["cohesion"] for r in rows) / n, 3) if n else 0.0,
               "final_status_acc": round(sum(r["gold_final"] == r["ledger_final"] for r in rows) / n, 3) if n else 0.0,
               "timeline_acc": round(steps_right / steps, 3) if steps else 0.0, "timeline_steps": steps,
               "story_purity": round(purity(found_story, gold_story), 3),
               "story_completeness": round(purity({k: gold_story[k] for k in found_story}, found_story), 3),
               "pred_stories": len(set(found_story.values())),
               "syndication_found": f"{sum(syndicated)}/{len(syndicated)}",
               "ledger_claims_total": len(view.status), "articles": len(placed)}
    return {"summary": summary, "clustering": clustering, "claims": rows}
