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

    python benchmarks/stories.py --quality-doc [--limit N] [--out docs/quality.md]

instead runs ``claimwatch eval stories --format json`` (the dev story set and the FNC-1 training
rumours; ``--limit``: the first N rumours only) and writes its figures as the "Story level" section
of docs/quality.md, leaving the other sections as they are.
"""
from __future__ import annotations

import argparse
import json
import os
import shlex
import subprocess
import sys
import tempfile
import time
from datetime import datetime, timezone
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


# --- the "Story level" section of docs/quality.md (--quality-doc) --------------------------------

SECTION = "## Story level"
QUALITY_DOC = REPO / "docs" / "quality.md"
# issue 16, point 6: (label, set, summary key, bound, at least?)
STORY_TARGETS = (
    ("dev stories: final status >= 0.8", "dev", "final_status_acc", 0.8, True),
    ("dev stories: cohesion >= 0.8", "dev", "cohesion", 0.8, True),
    ("FNC-1 rumours: main-claim coverage >= 0.85", "fnc1", "main_claim_coverage", 0.85, True),
    ("FNC-1 rumours: ledger claims mixing rumours <= 0.02", "fnc1", "mixed_share", 0.02, False),
    ("FNC-1 rumours: 'confirmed' for false/unknown rumours <= 0.05", "fnc1", "confirmed_not_true_share", 0.05, False),
    ("FNC-1 rumours: ledger claims not propositions <= 0.05", "fnc1", "not_propositions", 0.05, False),
)


def replace_section(document: str, title: str, section: str) -> str:
    """``document`` with its ``title`` section (up to the next "## " heading) replaced by ``section``,
    or with ``section`` appended when it has none."""
    marker = "\n" + title + "\n"
    start = document.find(marker)
    if start < 0:
        return document.rstrip("\n") + "\n\n" + section.rstrip("\n") + "\n"
    end = document.find("\n## ", start + len(marker))
    tail = document[end:] if end >= 0 else ""
    return document[:start + 1] + section.rstrip("\n") + "\n" + tail


def _value(result: dict, which: str, key: str):
    part = result.get(which)
    if part is None:
        return None
    if key == "not_propositions":
        return (part.get("propositions") or {}).get("share")
    return part["summary"].get(key)


def _commit() -> str:
    out = subprocess.run(["git", "-C", str(REPO), "rev-parse", "--short", "HEAD"], capture_output=True, text=True)
    return out.stdout.strip() or "?"


def story_section(result: dict, command: str, eval_command: str, when: datetime) -> str:
    """The markdown of the "Story level" section from ``claimwatch eval stories --format json``."""
    lines = [SECTION, "",
             f"Generated by `{command}` (which runs `{eval_command}`); do not edit by hand, re-run it.",
             f"Date {when:%Y-%m-%d %H:%M} UTC, commit {_commit()}. Scores are read from the ledger file the "
             "product's own ingest wrote (tables of `shared/EVAL.md`, section 'Story level'); the dev-story figures "
             "are those of `shared/eval/score_stories.py` on the same ledger.", "",
             "| target (issue 16) | value | status |", "|---|---|---|"]
    for label, which, key, bound, at_least in STORY_TARGETS:
        value = _value(result, which, key)
        if value is None:
            lines.append(f"| {label} | - | not run |")
            continue
        met = value >= bound if at_least else value <= bound
        lines.append(f"| {label} | {value:.3f} | {'met' if met else '**not met**'} |")
    dev = result.get("dev")
    if dev:
        s, c, p = dev["summary"], dev["clustering"], dev.get("propositions") or {}
        lines += ["", f"### Dev stories ({s['articles']} articles, {c['gold_stories']} stories, "
                      f"{s['story_claims']} story claims, {s['ledger_claims_total']} ledger claims; "
                      f"ingest and scoring {dev['seconds']} s)", "",
                  "| found | cohesion | final status | timeline steps | story pairs P | R | F1 | purity | "
                  "completeness | not propositions |", "|---|---|---|---|---|---|---|---|---|---|",
                  f"| {s['found']:.3f} | {s['cohesion']:.3f} | {s['final_status_acc']:.3f} | "
                  f"{s['timeline_acc']:.3f} ({s['timeline_steps']}) | {c['pair_precision']:.3f} | "
                  f"{c['pair_recall']:.3f} | {c['pair_f1']:.3f} | {c['purity']:.3f} | {c['completeness']:.3f} | "
                  f"{p.get('share', 0):.3f} ({_reasons(p)}) |", "",
                  "| story claim | found | ledger claims | cohesion | gold final | ledger final |",
                  "|---|---|---|---|---|---|"]
        for row in dev["claims"]:
            mark = "" if row["gold_final"] == row["ledger_final"] else " x"
            lines.append(f"| {row['story_claim']} | {row['found']}/{row['gold_statements']} | {row['ledger_claims']} | "
                         f"{row['cohesion']:.2f} | {row['gold_final']} | {row['ledger_final']}{mark} |")
    fnc = result.get("fnc1")
    if fnc:
        s, c, p = fnc["summary"], fnc["clustering"], fnc.get("propositions") or {}
        limit = (f", the first {fnc['limit']} by Body ID of the {fnc['rumours_in_set']} rumours ({fnc['bodies_in_set']} "
                 f"bodies) in the set" if fnc.get("limit") else ", all of them")
        lines += ["", f"### FNC-1 training rumours ({s['articles']} bodies of {s['rumours']} rumours{limit}; "
                      f"{s['ledger_claims_total']} ledger claims; ingest and scoring {fnc['seconds']} s)", "",
                  "Bodies of `train_bodies.csv` grouped by the Emergent claim of their related headlines "
                  "(`train_stances.reconstructed.csv` joined to `emergent-train-full.csv` on the article headline), "
                  "kept when they map to exactly one rumour; veracity is Emergent's `claimTruth`. Main claim: the "
                  "ledger claim holding statements from the most of the rumour's bodies.", "",
                  "| story pairs P | R | F1 | purity | completeness | main-claim coverage (pooled) | mixed claims | "
                  "status agrees with veracity | 'confirmed' for false/unknown | not propositions |",
                  "|---|---|---|---|---|---|---|---|---|---|",
                  f"| {c['pair_precision']:.3f} | {c['pair_recall']:.3f} | {c['pair_f1']:.3f} | {c['purity']:.3f} | "
                  f"{c['completeness']:.3f} | {s['main_claim_coverage']:.3f} ({s['main_claim_coverage_pooled']:.3f}) | "
                  f"{s['mixed_share']:.3f} ({s['mixed_claims']}/{s['multi_article_claims']}) | {s['status_agrees']:.3f} | "
                  f"{s['confirmed_not_true_share']:.3f} ({s['confirmed_not_true']}/{s['not_true_rumours']}) | "
                  f"{p.get('share', 0):.3f} ({_reasons(p)}) |", "",
                  "| veracity | rumours | agrees | main claim's status |", "|---|---|---|---|"]
        for truth, agrees in s["status_agrees_by_truth"].items():
            rows = [r for r in fnc["rumours"] if r["truth"] == truth and r["articles"]]
            counts: dict[str, int] = {}
            for r in rows:
                counts[str(r["status"])] = counts.get(str(r["status"]), 0) + 1
            lines.append(f"| {truth} | {len(rows)} | {agrees:.3f} | "
                         + ", ".join(f"{k} {v}" for k, v in sorted(counts.items(), key=lambda kv: -kv[1])) + " |")
    return "\n".join(lines) + "\n"


def _reasons(p: dict) -> str:
    return ", ".join(f"{k} {v}" for k, v in (p.get("by_reason") or {}).items()) or "none"


def quality_doc(args: argparse.Namespace, argv: list[str] | None) -> int:
    """Run ``claimwatch eval stories`` and write its figures into docs/quality.md's "Story level"."""
    eval_args = ["eval", "stories", "--format", "json"] + (["--limit", str(args.limit)] if args.limit else [])
    env_shared = ["--dev", str(args.shared / "data" / "dev"), "--fnc1", str(args.shared / "data" / "fnc1"),
                  "--emergent", str(args.shared / "data" / "emergent" / "emergent-train-full.csv")]
    run = subprocess.run([sys.executable, "-m", "claimwatch", *eval_args, *env_shared], stdout=subprocess.PIPE,
                         text=True, env={**os.environ, "PYTHONPATH": str(REPO / "src")})
    if run.returncode != 0:
        print(f"error: claimwatch eval stories exited {run.returncode}", file=sys.stderr)
        return run.returncode
    result = json.loads(run.stdout)
    command = shlex.join(["python", "benchmarks/stories.py", *(sys.argv[1:] if argv is None else argv)])
    section = story_section(result, command, shlex.join(["claimwatch", *eval_args]), datetime.now(timezone.utc))
    old = args.out.read_text(encoding="utf-8") if args.out.is_file() else "# Quality\n"
    args.out.write_text(replace_section(old, SECTION, section), encoding="utf-8")
    print(section)
    print(f"wrote {args.out}")
    return 0


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
    parser.add_argument("--quality-doc", action="store_true",
                        help="run `claimwatch eval stories` and write the Story level section of --out")
    parser.add_argument("--limit", type=int, help="with --quality-doc: the first N FNC-1 rumours only")
    parser.add_argument("--out", type=Path, default=QUALITY_DOC, help="with --quality-doc: the report to update")
    args = parser.parse_args(argv)
    if args.quality_doc:
        return quality_doc(args, argv)
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
