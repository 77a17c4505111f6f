#!/usr/bin/env python3
"""Writer benchmark: CPU milliseconds the ledger writer spends per article, by ledger size.

    python benchmarks/writer.py [--sizes 2000,10000,30000] [--profile-at 10000] [--json]

The 100k-article target (issue 7) runs the NLP on two Dask workers while ONE writer, the client
process (``ingest_into`` -> ``Ledger.add_analysis``), reads the input, deduplicates and stores every
article. This harness times that writer alone. The corpus is ``scaling.build_corpus``: ~1,700 FNC-1
bodies plus the bundled story, cycled; each pass after the first rotates and shuffles a body's
sentences (a near-duplicate of its base, as the real run stores). Only the base texts are analysed,
once, with ``analyze_many(fast=True)``; the analyses are cached as JSON under ``--cache``. Every
variant replays its base's analysis with its own text and id: spans may then point at other
characters of the variant, which costs the writer nothing different (it stores offsets, never reads
the text at them). The analysis step of ``ingest_into`` is replaced by that replay (the
``analyze_batches`` hook); its own CPU time is measured and subtracted, so the figures are the
writer's: reading the JSONL input, hashing, near-duplicate search, ``add_analysis``, the after-run
watch check.

CPU time is ``time.process_time`` of this process (includes numpy/onnxruntime threads), reported per
1,000-article window so growth with ledger size shows; ``--profile-at N`` runs cProfile over the
window starting at article N. Each size is a fresh ledger file in a temporary folder.
"""
from __future__ import annotations

import argparse
import cProfile
import hashlib
import io
import json
import pstats
import re
import sys
import tempfile
import time
from dataclasses import replace
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Iterable, Iterator, Optional

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "benchmarks"))

import scaling  # noqa: E402  (sibling module: the corpus)
import speed  # noqa: E402  (sibling module: default shared folder)

DEFAULT_CACHE = Path(tempfile.gettempdir()) / "claimwatch-writer-cache"
WINDOW = 1000
BUDGET_MS = 5.0  # issue 7 brief: the writer may spend at most 5 ms CPU per article
DAY = datetime(2026, 11, 24, tzinfo=timezone.utc)
_DISPATCH = re.compile(r"\(Dispatch (\d+), edition \d+\.\)\s*$")


# --- analyses of the base texts, cached --------------------------------------------------------

def cached_analyses(shared: Path, cache: Path) -> list[dict]:
    """``Analysis.to_dict()`` of every base text, analysed once (``fast=True``) and kept on disk."""
    from claimwatch.model import Article

    base = scaling.base_texts(shared)
    key = hashlib.sha256("\x00".join(base).encode("utf-8")).hexdigest()[:16]
    path = cache / f"analyses-{key}.jsonl"
    if path.is_file():
        rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
        if len(rows) == len(base):
            return rows
    from claimwatch.nlp.pipeline import analyze_many

    cache.mkdir(parents=True, exist_ok=True)
    rows = []
    start = time.perf_counter()
    for i, analysis in enumerate(analyze_many((Article(text=t) for t in base), fast=True)):
        rows.append(analysis.to_dict())
        if (i + 1) % 200 == 0:
            print(f"  analysed {i + 1}/{len(base)} base texts ({time.perf_counter() - start:.0f} s)", file=sys.stderr)
    tmp = path.with_suffix(".tmp")
    tmp.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    tmp.replace(path)
    return rows


FILE_ARTICLES = 2000  # articles per JSONL file: one input file may hold at most 10 MB (ingest.text.MAX_BYTES)


def write_corpus(shared: Path, n: int, path: Path) -> list[str]:
    """The ``n``-article corpus as the JSONL ``claimwatch ingest`` reads, dated over one day; ``path``
    or, past ``FILE_ARTICLES``, numbered files beside it. Returns the files in order."""
    texts = scaling.build_corpus(shared, n)
    chunks = [texts[i:i + FILE_ARTICLES] for i in range(0, len(texts), FILE_ARTICLES)] or [[]]
    files = [path] if len(chunks) == 1 else [path.with_name(f"{path.stem}-{k:03d}{path.suffix}")
                                             for k in range(len(chunks))]
    i = 0
    for file, chunk in zip(files, chunks):
        with file.open("w", encoding="utf-8") as fh:
            for text in chunk:
                published = (DAY + timedelta(seconds=86400 * i / max(1, n))).isoformat()
                fh.write(json.dumps({"text": text, "published": published}, ensure_ascii=False) + "\n")
                i += 1
    return [str(f) for f in files]


# --- the replayed analysis step ------------------------------------------------------------------

class Replay:
    """The ``analyze_batches`` hook: each article gets its base text's cached analysis; CPU time spent
    here is kept in ``cpu`` so it can be taken out of the writer's figure."""

    def __init__(self, analyses: list[dict], base: list[str]) -> None:
        self._analyses = analyses
        self._by_text = {t: i for i, t in enumerate(base)}
        self.cpu = 0.0

    def _base_index(self, text: str) -> int:
        match = _DISPATCH.search(text)
        return int(match.group(1)) % len(self._analyses) if match else self._by_text[text]

    def __call__(self, batches: Iterable[list]) -> Iterator[list]:
        from claimwatch.model import Analysis

        for batch in batches:
            start = time.process_time()
            out = []
            for article in batch:
                replayed = Analysis.from_dict(self._analyses[self._base_index(article.text)], text=article.text)
                out.append(replace(replayed, article=article))
            self.cpu += time.process_time() - start
            yield out


# --- embeddings ------------------------------------------------------------------------------

EMBEDDERS = ("stub", "real", "none")


class StubEmbedder:
    """Unit vectors seeded by each text's hash, for the engine that embeds on the workers: the writer
    then only compares vectors. Identical texts get identical vectors; others are near-orthogonal."""

    def embed(self, texts):
        import numpy as np

        out = np.empty((len(texts), 384), dtype=np.float32)
        for i, text in enumerate(texts):
            seed = int.from_bytes(hashlib.blake2b(text.encode("utf-8"), digest_size=8).digest(), "little")
            vector = np.random.default_rng(seed).standard_normal(384)
            out[i] = vector / np.linalg.norm(vector)
        return out


def embedder_factory(kind: str):
    """The ``Ledger(embedder=...)`` factory for ``--embedder``: the stub, the real model, or none."""
    if kind == "real":
        return None  # the ledger's default: the installed MiniLM model
    stub = StubEmbedder()
    return (lambda: stub) if kind == "stub" else (lambda: None)


# --- one run ---------------------------------------------------------------------------------

def run(shared: Path, n: int, cache: Path, profile_at: Optional[int] = None, top: int = 25,
        window: int = WINDOW, embedder: str = "stub") -> dict:
    """Ingest an ``n``-article corpus into a fresh ledger through the writer; CPU ms per window."""
    from claimwatch.ledger import Ledger
    from claimwatch.ledger.ingest import ingest_into
    from claimwatch.watch.hooks import after_ingest

    analyses = cached_analyses(shared, cache)
    replay = Replay(analyses, scaling.base_texts(shared))
    with tempfile.TemporaryDirectory(prefix="claimwatch-writer-") as tmp:
        corpus = Path(tmp) / "corpus.jsonl"
        inputs = write_corpus(shared, n, corpus)
        db = Path(tmp) / "day.db"
        marks: list[tuple[float, float, float]] = []  # (cpu, replay cpu, wall) at each window's end
        profiler = cProfile.Profile() if profile_at is not None else None
        with Ledger(db, embedder=embedder_factory(embedder)) as ledger:
            original_add = ledger.add_analysis
            count = {"n": 0}

            def add_analysis(analysis):  # counts, marks windows, switches the profiler
                if profiler is not None and count["n"] == profile_at:
                    profiler.enable()
                stored = original_add(analysis)
                count["n"] += 1
                if count["n"] % window == 0:
                    marks.append((time.process_time(), replay.cpu, time.perf_counter()))
                    if profiler is not None and count["n"] == profile_at + window:
                        profiler.disable()
                return stored

            ledger.add_analysis = add_analysis  # type: ignore[method-assign]
            start = (time.process_time(), 0.0, time.perf_counter())
            report = ingest_into(ledger, inputs, fetch_urls=False, analyze_batches=replay, time_limit=None)
            ingested = (time.process_time(), replay.cpu, time.perf_counter())
            after_ingest(ledger)
            end = (time.process_time(), replay.cpu, time.perf_counter())
            counts = {t: ledger.connection.execute(f"SELECT COUNT(*) FROM {t}").fetchone()[0]
                      for t in ("articles", "statements", "claims", "ledger_claims", "stories")}
            near = ledger.connection.execute(
                "SELECT COUNT(*) FROM articles WHERE near_duplicate_of IS NOT NULL").fetchone()[0]
    windows = []
    previous = start
    for i, mark in enumerate(marks):
        cpu = (mark[0] - previous[0]) - (mark[1] - previous[1])
        windows.append({"upto": (i + 1) * window, "cpu_ms_per_article": round(1000 * cpu / window, 2),
                        "wall_ms_per_article": round(1000 * (mark[2] - previous[2]) / window, 2)})
        previous = mark
    total_cpu = (end[0] - start[0]) - (end[1] - start[1])
    result = {"articles": n, "embedder": embedder, "added": len(report.added), "skipped": len(report.skipped), "near_duplicates": len(report.near_duplicates),
              "stored_near_duplicates": near, "rows": counts,
              "cpu_ms_per_article": round(1000 * total_cpu / n, 2),
              "wall_s": round(end[2] - start[2], 1),
              "after_run_cpu_ms": round(1000 * ((end[0] - ingested[0]) - (end[1] - ingested[1])), 1),
              "replay_cpu_s": round(replay.cpu, 1), "windows": windows,
              "budget_ms": BUDGET_MS, "within_budget": all(w["cpu_ms_per_article"] <= BUDGET_MS for w in windows)}
    if profiler is not None:
        out = io.StringIO()
        stats = pstats.Stats(profiler, stream=out)
        stats.sort_stats("tottime").print_stats(top)
        result["profile"] = {"window_from": profile_at, "top_tottime": _profile_rows(stats, top)}
        result["profile_text"] = out.getvalue()
    return result


def _profile_rows(stats: pstats.Stats, top: int) -> list[dict]:
    """The ``top`` functions by own time, as share of the profiled window."""
    entries = stats.stats  # type: ignore[attr-defined]
    total = sum(v[2] for v in entries.values()) or 1.0
    rows = sorted(entries.items(), key=lambda kv: -kv[1][2])[:top]
    return [{"function": f"{Path(f).name}:{line}({name})", "calls": v[1], "own_pct": round(100 * v[2] / total, 1),
             "cum_s": round(v[3], 3)} for (f, line, name), v in rows]


def summary(results: list[dict]) -> str:
    lines = []
    for r in results:
        worst = max((w["cpu_ms_per_article"] for w in r["windows"]), default=0.0)
        lines.append(f"{r['articles']:>7,} articles: {r['cpu_ms_per_article']:6.2f} ms CPU/article overall, "
                     f"worst window {worst:6.2f} ms, after run {r['after_run_cpu_ms']} ms, "
                     f"{r['near_duplicates']:,} near-duplicates, wall {r['wall_s']} s "
                     f"({'within' if r['within_budget'] else 'OVER'} the {BUDGET_MS:g} ms budget)")
        lines.append("   windows (ms CPU/article): " + " ".join(f"{w['cpu_ms_per_article']:.1f}" for w in r["windows"]))
        if "profile_text" in r:
            lines.append(r["profile_text"])
    return "\n".join(lines)


def _ints(value: str) -> list[int]:
    return [int(v) for v in value.split(",") if v.strip()]


def main(argv: Optional[list[str]] = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=_ints, default=[2000, 10000, 30000], help="article counts (default 2000,10000,30000)")
    parser.add_argument("--shared", type=Path, default=speed.DEFAULT_SHARED, help="shared evaluation folder")
    parser.add_argument("--cache", type=Path, default=DEFAULT_CACHE, help=f"analysis cache folder (default {DEFAULT_CACHE})")
    parser.add_argument("--profile-at", type=int, help="cProfile the window starting at this article (a multiple of --window)")
    parser.add_argument("--window", type=int, default=WINDOW, help=f"articles per reported window (default {WINDOW})")
    parser.add_argument("--embedder", choices=EMBEDDERS, default="stub",
                        help="sentence vectors in the writer: stub (hash-seeded, as if embedded on the workers;"
                             " default), real (the MiniLM model, in the writer), none (lexical matching)")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = parser.parse_args(argv)
    try:
        results = []
        for n in args.sizes:
            profile = args.profile_at if args.profile_at is not None and args.profile_at + args.window <= n else None
            results.append(run(args.shared, n, args.cache, profile, window=args.window, embedder=args.embedder))
            if not args.json:
                print(summary(results[-1:]), flush=True)
    except FileNotFoundError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    if args.json:
        for r in results:
            r.pop("profile_text", None)
        print(json.dumps({"window": args.window, "budget_ms": BUDGET_MS, "runs": results}, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
