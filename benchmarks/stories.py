#!/usr/bin/env python3
"""Story clustering quality: purity, completeness, their F and the adjusted Rand index.

    python benchmarks/stories.py [--shared ../shared] [--claims 40] [--per-claim 10] [--json]

Two corpora, each ingested twice (file order, then reversed) into temporary ledgers:

(a) dated articles: the bundled story ``src/claimwatch/data/story/north-korea-troops.jsonl`` (one gold
    story) plus the dev texts ``<shared>/data/dev/*.txt`` (each its own story; the worked example
    ``seed-north-korea`` belongs to the bundled story's event, but is an exact copy of one of its
    articles, so the ledger stores it once);
(b) Emergent (``<shared>/data/emergent/url-versions-2015-06-14-clean-train.csv``): the headlines of the
    first ``--claims`` claims having at least ``--per-claim`` of them, ``--per-claim`` each; the gold
    story is the claim id. ``lexicons/stories.yaml`` was tuned on these and on (a); the next
    ``--claims`` such claims are reported separately as a held-out set. That file has headlines only (no bodies, no dates), so the time window
    plays no part and actors are few: a hard case.

For each: the stories made incrementally at ingest, those after ``--rebuild``, and the agreement
(ARI) between the two ingestion orders, incremental and rebuilt. Texts are read in place; nothing
of them is written out.
"""
from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path
from typing import Callable, Iterable

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "src"))

from claimwatch.evaluate.clustering import score_clusters  # noqa: E402
from claimwatch.ingest.emergent import by_claim, claim_articles, read_emergent  # noqa: E402
from claimwatch.ingest.jsonl import articles_from_jsonl  # noqa: E402
from claimwatch.ingest.text import read_text_article  # noqa: E402
from claimwatch.ledger import Ledger  # noqa: E402
from claimwatch.ledger import stories  # noqa: E402
from claimwatch.model import Article  # noqa: E402

BUNDLED = REPO / "src" / "claimwatch" / "data" / "story" / "north-korea-troops.jsonl"
DEFAULT_SHARED = REPO.parent / "shared"


def dated_corpus(shared: Path) -> tuple[list[Article], dict[str, str]]:
    """The bundled story and the dev texts, with each article's gold story."""
    articles: list[Article] = [a for a in articles_from_jsonl(BUNDLED.read_bytes(), str(BUNDLED))
                                if isinstance(a, Article)]
    gold = {a.id: "north-korea-troops" for a in articles}
    for path in sorted((shared / "data" / "dev").glob("*.txt")):
        if path.name.endswith(".analysis.txt"):
            continue
        article = read_text_article(path)
        articles.append(article)
        gold[article.id] = "north-korea-troops" if path.stem == "seed-north-korea" else path.stem
    return articles, gold


def emergent_corpus(shared: Path, claims: int, per_claim: int, skip: int = 0) -> tuple[list[Article], dict[str, str]]:
    """Headlines of ``claims`` Emergent claims having ``per_claim`` or more, after skipping ``skip`` such claims."""
    records = read_emergent(shared / "data" / "emergent" / "url-versions-2015-06-14-clean-train.csv")
    articles: list[Article] = []
    gold: dict[str, str] = {}
    for claim_id, group in by_claim(records).items():
        found = claim_articles(group)
        if len(found) < per_claim:
            continue
        if skip:
            skip -= 1
            continue
        for article in found[:per_claim]:
            articles.append(article)
            gold[article.id] = claim_id
        if len(set(gold.values())) >= claims:
            break
    return articles, gold


EMBEDDER = None  # None: the ledger's default (the optional model when installed); see --no-embeddings


def ingest(path: Path, articles: Iterable[Article]) -> dict[str, int]:
    """Analyse and store the articles in order; return article id -> story id as ingest left it."""
    from claimwatch.nlp.pipeline import analyze_many

    with Ledger(path, embedder=EMBEDDER) as ledger:
        for analysis in analyze_many(list(articles)):
            ledger.add_analysis(analysis)
        return assignment(ledger)


def assignment(ledger: Ledger) -> dict[str, int]:
    """Article id -> story id; a copy stored under another id is mapped through its content."""
    return {r[0]: r[1] for r in ledger.connection.execute("SELECT article_id, story_id FROM article_stories")}


def with_copies(found: dict[str, int], gold: dict[str, str], ledger_path: Path) -> dict[str, int]:
    """Gold articles the ledger refused as exact copies take the story of the article they copy."""
    from claimwatch.ledger.dedupe import content_hash

    out = dict(found)
    missing = [k for k in gold if k not in found]
    if missing:
        with Ledger(ledger_path) as ledger:
            by_hash = {r[0]: r[1] for r in ledger.connection.execute("SELECT content_hash, id FROM articles")}
        for key in missing:
            text = CORPUS_TEXT.get(key)
            stored = by_hash.get(content_hash(text)) if text else None
            if stored in found:
                out[key] = found[stored]
    return out


CORPUS_TEXT: dict[str, str] = {}


def run(name: str, articles: list[Article], gold: dict[str, str], workdir: Path) -> dict:
    CORPUS_TEXT.update({a.id: a.text for a in articles})
    result: dict = {"corpus": name, "articles": len(articles), "gold_stories": len(set(gold.values()))}
    runs = {}
    for order, items in (("file order", articles), ("reversed", list(reversed(articles)))):
        path = workdir / f"{name.replace(' ', '-')}-{order.replace(' ', '-')}.db"
        started = time.perf_counter()
        incremental = with_copies(ingest(path, items), gold, path)
        ingest_s = time.perf_counter() - started
        with Ledger(path, embedder=EMBEDDER) as ledger:
            started = time.perf_counter()
            stories.rebuild(ledger)
            rebuild_s = time.perf_counter() - started
            rebuilt = with_copies(assignment(ledger), gold, path)
        runs[order] = (incremental, rebuilt)
        result[order] = {"incremental": score_clusters(incremental, gold).to_dict(),
                         "rebuilt": score_clusters(rebuilt, gold).to_dict(),
                         "ingest_s": round(ingest_s, 1), "rebuild_s": round(rebuild_s, 2)}
    (inc_a, reb_a), (inc_b, reb_b) = runs["file order"], runs["reversed"]
    result["order_agreement_ari"] = {"incremental": round(score_clusters(inc_a, inc_b).ari, 4),
                                     "rebuilt": round(score_clusters(reb_a, reb_b).ari, 4)}
    return result


def table(results: list[dict]) -> str:
    lines = ["| corpus | order | stories | articles | gold stories | found | purity | completeness | F | ARI |",
             "|---|---|---|---:|---:|---:|---:|---:|---:|---:|"]
    for r in results:
        for order in ("file order", "reversed"):
            for kind in ("incremental", "rebuilt"):
                s = r[order][kind]
                lines.append(f"| {r['corpus']} | {order} | {kind} | {s['items']} | {s['gold_groups']} | "
                             f"{s['found_groups']} | {s['purity']:.3f} | {s['completeness']:.3f} | {s['f1']:.3f} | "
                             f"{s['ari']:.3f} |")
    lines.append("")
    lines.append("| corpus | ARI file order vs reversed, incremental | same, rebuilt |")
    lines.append("|---|---:|---:|")
    for r in results:
        a = r["order_agreement_ari"]
        lines.append(f"| {r['corpus']} | {a['incremental']:.3f} | {a['rebuilt']:.3f} |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--shared", type=Path, default=DEFAULT_SHARED)
    parser.add_argument("--claims", type=int, default=40,
                        help="Emergent claims to take for tuning, and as many again held out (default 40)")
    parser.add_argument("--per-claim", type=int, default=8, help="headlines per Emergent claim (default 8)")
    parser.add_argument("--skip-emergent", action="store_true")
    parser.add_argument("--no-embeddings", action="store_true",
                        help="group (and match claims) without the optional sentence-embedding model")
    parser.add_argument("--json", action="store_true", help="print the results as JSON")
    args = parser.parse_args(argv)
    if args.no_embeddings:
        global EMBEDDER
        EMBEDDER = lambda: None  # noqa: E731
    corpora: list[tuple[str, Callable[[], tuple[list[Article], dict[str, str]]]]] = [
        ("bundled + dev", lambda: dated_corpus(args.shared))]
    if not args.skip_emergent:
        corpora.append(("emergent (tuning)", lambda: emergent_corpus(args.shared, args.claims, args.per_claim)))
        corpora.append(("emergent (held out)",
                        lambda: emergent_corpus(args.shared, args.claims, args.per_claim, skip=args.claims)))
    results = []
    with tempfile.TemporaryDirectory() as tmp:
        for name, load in corpora:
            articles, gold = load()
            results.append(run(name, articles, gold, Path(tmp)))
    if args.json:
        print(json.dumps(results, indent=2))
    else:
        print(table(results))
        for r in results:
            print(f"\n{r['corpus']}: {r['articles']} articles, {r['gold_stories']} gold stories; "
                  + "; ".join(f"{o}: ingest {r[o]['ingest_s']} s, rebuild {r[o]['rebuild_s']} s"
                              for o in ("file order", "reversed")))
    return 0


if __name__ == "__main__":
    sys.exit(main())
