#!/usr/bin/env python3
"""Scaling benchmark: end-to-end articles/s at 1k and 10k articles, 1 and 2 processes, peak RSS.

    python benchmarks/scaling.py [--sizes 1000,10000] [--processes 1,2] [--engine pipe|dask|ingest] [--fast] [--json]

The corpus is every non-empty FNC-1 training body plus the bundled story's dispatches, cycled; each
pass after the first rotates the sentences of a body and appends a dispatch line with the article's
index, so no two texts are equal and nothing is served from a cache. Each run is a fresh child
process (its peak RSS is its own): ``analyze_many(n_process=P)`` (engine ``pipe``) or the Dask engine
with P local workers (engine ``dask``), or the whole product job (engine ``ingest``): the corpus written
as one JSONL file and ``claimwatch ingest corpus.jsonl --db day.db --engine dask`` run as a command, so
reading, de-duplication, the ledger writes, stories and the run summary are timed too (peak RSS is
sampled over the command's whole process tree). ``--fast`` adds the cue pre-pass. 100k articles are projected from the measured rate unless
``--sizes`` includes 100000; the report says which.

Engines ``pipe`` and ``dask`` print a progress line to stderr every 10 s (articles done, rate, elapsed,
RSS of the main process and of its worker processes) and record milestones; the corpus is generated
lazily, so the main process never holds the texts of a ``dask`` run. Ctrl-C (SIGINT), SIGTERM or
``--max-seconds S`` stops a run early: the figures so far are still printed, marked ``partial``.
``--memory-zone`` runs each Dask task in a spaCy memory zone (``claimwatch.scale.memory``).
"""
from __future__ import annotations

import argparse
import csv
import gc
import json
import random
import re
import resource
import signal
import subprocess
import sys
import time
from contextlib import contextmanager
from pathlib import Path
from typing import Callable, Iterator, Optional, TextIO

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "benchmarks"))

import speed  # noqa: E402  (sibling module: corpus helpers, machine info)

STORY = REPO / "src" / "claimwatch" / "data" / "story" / "north-korea-troops.jsonl"
TARGET_ARTICLES = 100_000
TARGET_SECONDS = 3600.0  # issue target: 100k articles in < 1 hour on 2 cores
TARGET_RSS_MB = 2048.0  # issue target: peak RSS < 2 GB
PROGRESS_EVERY_S = 10.0  # how often progress is sampled (engine ingest: the ledger's article count is read)
MILESTONES = (1_000, 10_000, 25_000, 50_000, 75_000, 100_000)
ENGINES = ("pipe", "dask", "ingest")
_SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[A-Z\"\u201c])")


# --- corpus ----------------------------------------------------------------------------------

def base_texts(shared: Path) -> list[str]:
    """Every non-empty FNC-1 body in file order, then the project's own story dispatches."""
    path = shared / "data" / "fnc1" / "train_bodies.csv"
    if not path.is_file():
        raise FileNotFoundError(f"FNC-1 bodies not found at {path}; pass --shared DIR")
    csv.field_size_limit(sys.maxsize)
    with path.open(encoding="utf-8", newline="") as fh:
        texts = [row["articleBody"] for row in csv.DictReader(fh) if (row.get("articleBody") or "").strip()]
    if STORY.is_file():
        texts += [json.loads(line)["text"] for line in STORY.read_text(encoding="utf-8").splitlines() if line.strip()]
    return texts


def vary(text: str, index: int, rounds: int) -> str:
    """The ``rounds``-th variant of a text: sentences rotated and shuffled, plus a dispatch line."""
    if rounds == 0:
        return text
    sentences = _SENTENCE.split(text.strip())
    rng = random.Random(index)
    shift = rounds % len(sentences)
    sentences = sentences[shift:] + sentences[:shift]
    if len(sentences) > 3:
        middle = sentences[1:-1]
        rng.shuffle(middle)
        sentences = sentences[:1] + middle + sentences[-1:]
    return " ".join(sentences) + f"\n\n(Dispatch {index}, edition {rounds}.)"


def build_corpus(shared: Path, n: int) -> list[str]:
    """n texts cycled over :func:`base_texts`, each pass varied so that no text repeats."""
    return list(iter_corpus(shared, n))


def iter_corpus(shared: Path, n: int) -> Iterator[str]:
    """:func:`build_corpus` one text at a time: a 100k run need not hold 100k texts in the main process."""
    base = base_texts(shared)
    return (vary(base[i % len(base)], i, i // len(base)) for i in range(n))


# --- progress of a running extraction --------------------------------------------------------

def process_tree_rss_mb() -> tuple[float, list[float]]:
    """RSS now of this process and of each of its descendants (Dask or spaCy worker processes), in MiB."""
    import psutil

    me = psutil.Process()
    workers = []
    for child in me.children(recursive=True):
        try:
            workers.append(child.memory_info().rss / 2**20)
        except psutil.Error:
            pass
    return me.memory_info().rss / 2**20, sorted(workers, reverse=True)


class RunClock:
    """Watches one extraction run: a progress line every ``every`` seconds, samples for the milestones,
    and when to stop early (``max_seconds`` passed, or a signal set ``stop_reason``)."""

    def __init__(self, requested: int, every: float = PROGRESS_EVERY_S, max_seconds: Optional[float] = None,
                 out: Optional[TextIO] = None,
                 sample_rss: Callable[[], tuple[float, list[float]]] = process_tree_rss_mb) -> None:
        self.requested, self.every, self.max_seconds = requested, every, max_seconds
        self.out = out if out is not None else sys.stderr
        self.sample_rss = sample_rss
        self.progress: list[tuple[float, int]] = []  # (seconds since start, articles done)
        self.stop_reason: Optional[str] = None
        self.peak_rss_total = 0.0  # largest sampled sum over the process tree
        self.start = self.last = time.perf_counter()

    def tick(self, done: int) -> bool:
        """Count one more article done (``done`` in all); True when the run should stop now."""
        now = time.perf_counter()
        elapsed = now - self.start
        if done in _MILESTONE_SET:
            self.progress.append((round(elapsed, 1), done))
        if now - self.last >= self.every:
            self.last = now
            self.report(done, elapsed)
        if self.max_seconds and elapsed >= self.max_seconds and self.stop_reason is None:
            self.stop_reason = f"max-seconds {self.max_seconds:g}"
        return self.stop_reason is not None

    def report(self, done: int, elapsed: float) -> None:
        """One progress line to ``out`` and one progress sample."""
        main, workers = self.sample_rss()
        self.peak_rss_total = max(self.peak_rss_total, main + sum(workers))
        if not self.progress or self.progress[-1][1] != done:
            self.progress.append((round(elapsed, 1), done))
        print(f"[scaling] {done:,}/{self.requested:,} articles  {done / max(elapsed, 1e-9):.2f}/s  "
              f"{elapsed:,.0f} s  RSS main {main:,.0f} MiB  workers "
              f"{' '.join(f'{w:,.0f}' for w in workers) or '-'} MiB", file=self.out, flush=True)

    def stop(self, signum: int, frame=None) -> None:
        """Signal handler: stop at the next article done and report what was done; a second signal
        (nothing arrives: the workers are stuck) interrupts at once."""
        if self.stop_reason is not None:
            raise KeyboardInterrupt
        self.stop_reason = signal.Signals(signum).name


_MILESTONE_SET = frozenset(MILESTONES)


def _last_report(clock: RunClock, done: int, seconds: float) -> None:
    """The run's last progress line and sample, unless the last line already said as much."""
    if clock.last - clock.start < seconds - 1.0 or not clock.progress:
        clock.report(done, seconds)


def drain(results, clock: RunClock) -> tuple[int, int]:
    """Consume results until exhausted or the clock says stop: (articles done, of which skipped)."""
    from claimwatch.ingest.sources import Skipped

    done = skipped = 0
    for result in results:
        done += 1
        skipped += isinstance(result, Skipped)  # a batch lost on a Dask worker
        if clock.tick(done):
            break
    return done, skipped


@contextmanager
def stopping_on_signals(clock: RunClock) -> Iterator[None]:
    """SIGINT and SIGTERM stop the run through ``clock`` instead of killing it (main thread only)."""
    previous = {}
    try:
        for sig in (signal.SIGINT, signal.SIGTERM):
            previous[sig] = signal.signal(sig, clock.stop)
    except ValueError:  # not the main thread: leave the default handlers
        pass
    try:
        yield
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)


# --- one run (child process) -----------------------------------------------------------------

def _children_peak_mb() -> float:
    """Largest peak RSS among this process's finished children (spaCy's n_process workers)."""
    return resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024


def measure(shared: Path, n: int, processes: int, engine: str, batch_size: int, fast: bool = False,
            lexical: bool = False, max_seconds: Optional[float] = None, clock: Optional[RunClock] = None,
            memory_zone: bool = False) -> dict:
    """Child-process body: load, run one configuration over a lazily built corpus, report rate and memory.

    Stops early on SIGINT/SIGTERM or after ``max_seconds``; the result then says ``partial``."""
    from claimwatch.model import Article

    if engine == "ingest":
        return measure_ingest(shared, n, processes, fast, lexical)
    word_counts: list[int] = []  # per article handed out, so a partial run counts the words it did

    def articles() -> Iterator[Article]:
        for text in iter_corpus(shared, n):
            word_counts.append(len(text.split()))
            yield Article(text=text)

    warm = build_corpus(shared, speed.WARMUP_TEXTS)
    clock = clock or RunClock(n, max_seconds=max_seconds)
    worker_peaks: list[float] = []
    if engine == "pipe":
        from claimwatch.nlp.pipeline import analyze_many, load_nlp

        nlp = load_nlp()
        speed.warm_up(nlp, warm)
        gc.collect()
        with stopping_on_signals(clock):
            clock.start = clock.last = start = time.perf_counter()
            results = analyze_many(articles(), nlp=nlp, batch_size=batch_size, n_process=processes, fast=fast)
            done, skipped = drain(results, clock)
            seconds = time.perf_counter() - start
            _last_report(clock, done, seconds)  # while spaCy's worker processes are still there
            results.close()
    else:
        from claimwatch.scale.dask_engine import DaskEngine

        with DaskEngine(n_workers=processes, fast=fast, memory_zone=memory_zone) as engine_, stopping_on_signals(clock):
            list(engine_.analyze_many(Article(text=t) for t in warm))
            gc.collect()
            clock.start = clock.last = start = time.perf_counter()
            results = engine_.analyze_many(articles(), batch_size=batch_size)
            done, skipped = drain(results, clock)
            seconds = time.perf_counter() - start
            _last_report(clock, done, seconds)  # while the workers are still there
            results.close()  # releases the batches still in flight
            worker_peaks = list(engine_._client.run(_worker_peak_mb).values())
    words = sum(word_counts[:done])
    main_peak = speed.proc_status_mb("VmHWM") or speed.peak_rss_mb()
    peaks = [main_peak, _children_peak_mb() if engine == "pipe" and processes > 1 else 0.0, *worker_peaks]
    seconds = max(seconds, 1e-9)
    return {"articles": done, "words": words, "processes": processes, "engine": engine, "fast": fast,
            **({"memory_zone": True} if memory_zone else {}), "seconds": round(seconds, 2), "articles_per_s": round(done / seconds, 2),
            "words_per_s": round(words / seconds), "peak_rss_mb_main": round(main_peak, 1),
            "peak_rss_mb_worker_max": round(max(peaks[1:]), 1),
            "peak_rss_mb_total": round(main_peak + sum(peaks[1:]) if engine == "dask"
                                       else main_peak + processes * peaks[1] if processes > 1 else main_peak, 1),
            "peak_rss_mb_total_sampled": round(clock.peak_rss_total, 1), "skipped": skipped,
            "requested": n, "partial": clock.stop_reason is not None, "stopped_by": clock.stop_reason,
            "milestones": milestones(clock.progress, n), "progress": clock.progress}


def measure_ingest(shared: Path, n: int, processes: int, fast: bool, lexical: bool = False) -> dict:
    """``claimwatch ingest`` end to end on a JSONL corpus of n articles, Dask engine with its 2 local
    workers (``processes`` must be 2: the command's default cluster), into a fresh ledger."""
    import sqlite3
    import tempfile

    import psutil

    if processes != 2:
        raise ValueError("engine ingest runs the command's own 2-worker cluster: use --processes 2")
    with tempfile.TemporaryDirectory(prefix="claimwatch-day-") as tmp:
        corpus, db = Path(tmp) / "day.jsonl", Path(tmp) / "day.db"
        texts = build_corpus(shared, n)
        words = speed.count_words(texts)
        with corpus.open("w", encoding="utf-8") as fh:
            for i, text in enumerate(texts):
                fh.write(json.dumps({"id": f"day-{i:06d}", "title": f"Dispatch {i}", "text": text}) + "\n")
        del texts
        cmd = [sys.executable, "-m", "claimwatch", "ingest", str(corpus), "--db", str(db), "--engine", "dask",
               "--format", "json", *(["--fast"] if fast else []), *(["--lexical"] if lexical else [])]
        start = time.perf_counter()
        out_path, err_path = Path(tmp) / "out.json", Path(tmp) / "err.txt"
        out_file, err_file = out_path.open("w"), err_path.open("w")  # files, not pipes: a full pipe would stall it
        child = subprocess.Popen(cmd, stdout=out_file, stderr=err_file, text=True)
        peak, peak_main = 0.0, 0.0
        proc = psutil.Process(child.pid)
        progress: list[tuple[float, int]] = []  # (seconds since start, articles stored)
        last_count = -1e9
        while child.poll() is None:
            try:
                tree = [proc, *proc.children(recursive=True)]
                rss = [p.memory_info().rss / 2**20 for p in tree]
                peak, peak_main = max(peak, sum(rss)), max(peak_main, rss[0])
            except psutil.Error:
                pass
            now = time.perf_counter() - start
            if now - last_count >= PROGRESS_EVERY_S:
                last_count = now
                stored = _stored_articles(db)
                if stored is not None:
                    progress.append((round(now, 1), stored))
            time.sleep(1.0)
        child.wait()
        seconds = time.perf_counter() - start
        out_file.close()
        err_file.close()
        out, err = out_path.read_text(encoding="utf-8"), err_path.read_text(encoding="utf-8")
        if child.returncode != 0:
            raise RuntimeError(f"ingest failed (exit {child.returncode}): {err.strip()[-500:]}")
        with sqlite3.connect(db) as conn:
            counts = {t: conn.execute(f"SELECT COUNT(*) FROM {t}").fetchone()[0]
                      for t in ("articles", "statements", "ledger_claims", "stories")}
        size_mb = db.stat().st_size / 2**20
    report = json.loads(out)
    added = len(report.get("added", [])) if isinstance(report.get("added"), list) else report.get("added", counts["articles"])
    return {"articles": n, "words": words, "processes": processes, "engine": "ingest", "fast": fast, "lexical": lexical,
            "seconds": round(seconds, 2), "articles_per_s": round(n / seconds, 2), "words_per_s": round(words / seconds),
            "peak_rss_mb_main": round(peak_main, 1), "peak_rss_mb_worker_max": 0.0,
            "peak_rss_mb_total": round(peak, 1), "stored": counts, "added": added, "ledger_mb": round(size_mb, 1),
            "milestones": milestones(progress, n), "progress": progress}


def _stored_articles(db: Path) -> Optional[int]:
    """Articles in the ledger now, read alongside the writer (WAL readers do not block it)."""
    import sqlite3

    if not db.exists():
        return None
    try:
        with sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=1.0) as conn:
            return conn.execute("SELECT COUNT(*) FROM articles").fetchone()[0]
    except sqlite3.Error:
        return None


def milestones(progress: list[tuple[float, int]], n: int) -> list[dict]:
    """Seconds until 1k, 10k, 50k ... articles were stored (first sample at or past each), and the
    rate over the window since the previous milestone: shows whether the run slows as the ledger grows."""
    out, prev_t, prev_n = [], 0.0, 0
    for target in [m for m in MILESTONES if m <= n]:
        hit = next(((t, c) for t, c in progress if c >= target), None)
        if hit is None:
            continue
        t, c = hit
        out.append({"articles": c, "seconds": t, "window_articles_per_s": round((c - prev_n) / max(t - prev_t, 1e-9), 2)})
        prev_t, prev_n = t, c
    return out


def _worker_peak_mb() -> float:
    return speed.proc_status_mb("VmHWM") or 0.0


def measure_in_child(shared: Path, n: int, processes: int, engine: str, batch_size: int, fast: bool = False,
                     lexical: bool = False, max_seconds: Optional[float] = None, memory_zone: bool = False) -> dict:
    """Run :func:`measure` in a fresh interpreter; its progress lines pass through to our stderr.

    The child has its own session, so Ctrl-C reaches only us: we pass SIGINT/SIGTERM on to the child
    alone (not to its worker processes), which stops and still prints its partial result."""
    cmd = [sys.executable, str(Path(__file__).resolve()), "--measure", f"{n},{processes}", "--engine", engine,
           "--shared", str(shared), "--batch-size", str(batch_size), *(["--fast"] if fast else []),
           *(["--lexical"] if lexical else []), *(["--max-seconds", str(max_seconds)] if max_seconds else []),
           *(["--memory-zone"] if memory_zone else [])]
    child = subprocess.Popen(cmd, stdout=subprocess.PIPE, text=True, start_new_session=True)

    def forward(signum, frame):
        child.send_signal(signum)

    previous = {sig: signal.signal(sig, forward) for sig in (signal.SIGINT, signal.SIGTERM)}
    try:
        out, _ = child.communicate()
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)
    lines = out.strip().splitlines()
    if child.returncode != 0 or not lines:
        raise RuntimeError(f"child run n={n} p={processes} failed (exit {child.returncode}); see its stderr above")
    return json.loads(lines[-1])


# --- the benchmark ---------------------------------------------------------------------------

def benchmark(shared: Path, sizes: list[int], processes: list[int], engine: str = "pipe",
              batch_size: int = 32, children: bool = True, fast: bool = False, lexical: bool = False,
              max_seconds: Optional[float] = None, memory_zone: bool = False) -> dict:
    """Every run of the grid plus the 100k projection, as one JSON-ready dict; a run stopped by a
    signal ends the grid (the runs so far are still reported)."""
    runs = []
    for n, p in [(n, p) for n in sizes for p in processes]:
        runs.append(measure_in_child(shared, n, p, engine, batch_size, fast, lexical, max_seconds, memory_zone)
                    if children else measure(shared, n, p, engine, batch_size, fast, lexical, max_seconds,
                                             memory_zone=memory_zone))
        if runs[-1].get("stopped_by") in ("SIGINT", "SIGTERM"):
            break
    return {"engine": engine, "fast": fast, "lexical": lexical, "batch_size": batch_size, "base_texts": len(base_texts(shared)),
            "runs": runs, **targets_by_kind(runs)}


def target_line(runs: list[dict]) -> dict:
    """100k articles on 2 cores: measured when a 100k run exists, else projected from the largest run.

    A run with enough progress samples (``claimwatch ingest``, and long ``pipe``/``dask`` runs) is
    projected from the rate of its last fifth (the writer slows as the ledger grows, so even that is
    optimistic); other runs linearly. A partial run counts with the articles it did."""
    two = [r for r in runs if r["processes"] == 2] or runs
    full = [r for r in two if r["articles"] >= TARGET_ARTICLES]
    best = max(full or two, key=lambda r: (r["articles"], r["articles_per_s"]))
    seconds = best["seconds"] if full else _projected_seconds(best)
    verdict = ("met" if seconds < TARGET_SECONDS else "not met") if full else \
        ("projected met" if seconds < TARGET_SECONDS else "projected not met")
    peak = max(r["peak_rss_mb_total"] for r in runs)
    return {"articles": TARGET_ARTICLES, "seconds": round(seconds), "measured": bool(full),
            "from_run": {"articles": best["articles"], "processes": best["processes"],
                         "engine": best.get("engine"), "fast": best.get("fast", False)},
            "verdict": verdict, "peak_rss_mb": peak,
            "rss_verdict": "met" if peak < TARGET_RSS_MB else "not met"}


def _projected_seconds(run: dict) -> float:
    progress = run.get("progress") or []
    if len(progress) >= 5:
        (t0, n0), (t1, n1) = progress[len(progress) * 4 // 5], progress[-1]
        if n1 > n0 and t1 > t0:
            return t1 + (TARGET_ARTICLES - n1) * (t1 - t0) / (n1 - n0)
    return run["seconds"] * TARGET_ARTICLES / run["articles"]


def targets_by_kind(runs: list[dict]) -> dict:
    """The 100k line for extraction alone (engines pipe / dask) and for the whole ingest command."""
    extraction = [r for r in runs if r.get("engine") != "ingest"]
    ingest = [r for r in runs if r.get("engine") == "ingest"]
    out = {"target": target_line(extraction or runs)}
    if ingest and extraction:
        out["target_end_to_end"] = target_line(ingest)
    return out


def render_markdown(r: dict) -> str:
    """The scaling section of ``docs/benchmarks.md``."""
    rows = ["| articles | engine | processes | seconds | articles/s | words/s | peak RSS main (MiB) | peak RSS per worker (MiB) | peak RSS all (MiB) |",
            "|---|---|---|---|---|---|---|---|---|"]
    for x in r["runs"]:
        rows.append(f"| {x['articles']:,} | {x.get('engine', r['engine'])} | {x['processes']} | {x['seconds']:.1f} | "
                    f"{x['articles_per_s']:.2f}{_partial(x)} | "
                    f"{x['words_per_s']:,} | {x['peak_rss_mb_main']:.0f} | {_mib(x['peak_rss_mb_worker_max'])} | "
                    f"{x['peak_rss_mb_total']:.0f} |")
    for x in r["runs"]:
        if x.get("milestones") and x.get("engine") == "ingest":
            rows += ["", f"`claimwatch ingest` run of {x['articles']:,} articles"
                         f"{' with --fast' if x.get('fast') else ''}{' --lexical' if x.get('lexical') else ''}: "
                         f"stored {x['stored']['articles']:,} articles, {x['stored']['statements']:,} statements, "
                         f"{x['stored']['ledger_claims']:,} ledger claims, {x['stored']['stories']:,} stories; "
                         f"ledger file {x['ledger_mb']:,.0f} MiB. Time until N articles were stored (the ledger "
                         f"is read every {PROGRESS_EVERY_S:.0f} s while the command runs):", "",
                     "| articles stored | seconds | articles/s since the previous line |", "|---|---|---|"]
            rows += [f"| {m['articles']:,} | {m['seconds']:,.0f} | {m['window_articles_per_s']:.2f} |"
                     for m in x["milestones"]]
    t = r["target"]
    run = t["from_run"]
    what = (f"engine `{run.get('engine')}`, {run['processes']} processes{', `--fast`' if run.get('fast') else ''}: "
            f"reading and extraction, no ledger")
    how = (f"measured ({what})" if t["measured"] else
           f"**projection** from the {run['articles']:,}-article run ({what}), linear in the article count "
           f"(not a measurement)")
    return f"""## Scaling

Each row is a fresh process running engine `pipe` (`analyze_many(n_process=P)`: spaCy's multiprocessing
for the parse, extraction in the main process), `dask` (the Dask engine with P local worker processes,
parse and extraction on the workers, analyses back to the client, no ledger) or `ingest` (the command
`claimwatch ingest corpus.jsonl --engine dask` end to end into a fresh ledger), batch size {r['batch_size']}, over a corpus cycled from
{r['base_texts']:,} base texts (FNC-1 training bodies and the bundled story); after the first pass each
text's sentences are rotated and shuffled and a dispatch line with its index is appended, so no text
repeats. "Peak RSS all" adds the worker processes' peaks to the main one.

{chr(10).join(rows)}

- Target: 100,000 articles in < 1 hour on 2 cores: {t['seconds']:,} s ({t['seconds'] / 3600:.2f} h), {how}:
  **{t['verdict']}**.
{_end_to_end_line(r)}- Target: peak RSS < 2 GB: largest total {t['peak_rss_mb']:.0f} MiB: **{t['rss_verdict']}**.
- Attribution F1 on the dev set is unchanged by this benchmark: it runs the extractor as committed and
  changes no extraction code (see `docs/quality.md`).
"""


def _end_to_end_line(r: dict) -> str:
    e = r.get("target_end_to_end")
    if not e:
        return ""
    how = "measured" if e["measured"] else (f"**projection** from the {e['from_run']['articles']:,}-article "
                                            f"`claimwatch ingest` run at the rate of its last fifth (optimistic: "
                                            f"the ledger writer slows as the ledger grows)")
    return (f"- The same target for the whole `claimwatch ingest` command (ledger writes included): "
            f"{e['seconds']:,} s ({e['seconds'] / 3600:.2f} h), {how}: **{e['verdict']}**.\n")


def _partial(run: dict) -> str:
    return f" (partial: {run['stopped_by']} after {run['articles']:,} of {run['requested']:,})" if run.get("partial") else ""


def _mib(value: float) -> str:
    return f"{value:.0f}" if value else "-"  # 0: the run had no worker processes


def summary(r: dict) -> str:
    lines = [f"{x['articles']:>7,} articles  {x.get('engine', r['engine']):4}  P={x['processes']}  {x['seconds']:8.1f} s  {x['articles_per_s']:6.2f} art/s"
             f"  peak RSS all {x['peak_rss_mb_total']:.0f} MiB{_partial(x)}" for x in r["runs"]]
    t = r["target"]
    lines.append(f"100k: {t['seconds']:,} s ({'measured' if t['measured'] else 'projected'}) -> {t['verdict']}")
    return "\n".join(lines)


def _ints(value: str) -> list[int]:
    return [int(v) for v in value.split(",") if v.strip()]


def main(argv: Optional[list[str]] = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=_ints, default=[1000, 10000], help="article counts (default 1000,10000)")
    parser.add_argument("--processes", type=_ints, default=[1, 2], help="process counts (default 1,2)")
    parser.add_argument("--engine", choices=ENGINES, default="pipe")
    parser.add_argument("--shared", type=Path, default=speed.DEFAULT_SHARED, help="shared evaluation folder")
    parser.add_argument("--batch-size", type=int, default=32)
    parser.add_argument("--fast", action="store_true", help="run the cue pre-pass (claimwatch --fast)")
    parser.add_argument("--lexical", action="store_true", help="engine ingest: match without embeddings (ingest --lexical)")
    parser.add_argument("--max-seconds", type=float, help="engines pipe/dask: stop each run after S seconds "
                        "(a partial result)")
    parser.add_argument("--memory-zone", action="store_true", help="engine dask: each task in a spaCy memory zone")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    parser.add_argument("--out", type=Path, help="also write the Markdown section to this file")
    parser.add_argument("--measure", help=argparse.SUPPRESS)  # child-process mode: "N,P"
    args = parser.parse_args(argv)
    if args.measure:
        n, p = _ints(args.measure)
        print(json.dumps(measure(args.shared, n, p, args.engine, args.batch_size, args.fast, args.lexical,
                                 args.max_seconds, memory_zone=args.memory_zone)))
        return 0
    try:
        result = benchmark(args.shared, args.sizes, args.processes, args.engine, args.batch_size, fast=args.fast,
                           lexical=args.lexical, max_seconds=args.max_seconds, memory_zone=args.memory_zone)
    except FileNotFoundError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    if args.out:
        args.out.write_text(render_markdown(result), encoding="utf-8")
    print(json.dumps(result, indent=1) if args.json else summary(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
