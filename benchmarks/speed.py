#!/usr/bin/env python3
"""Speed benchmark: claimwatch end to end against the bare spaCy pipeline on the same news texts.

    python benchmarks/speed.py [--n 200] [--shared ../shared] [--json] [--out page.md]

The corpus is the first N non-empty FNC-1 training bodies, whole (no cutting: long articles are
part of the load). In one process it times (a) bare ``nlp.pipe`` of the same model, (b)
``analyze_many`` end to end, and the split parse vs extraction (``analyze_doc`` over pre-parsed
docs). Peak memory is measured in separate child processes so one run's peak does not hide another.
"""
from __future__ import annotations

import argparse
import csv
import gc
import json
import os
import platform
import resource
import shlex
import subprocess
import sys
import time
from datetime import datetime, timezone
from pathlib import Path
from typing import Callable, Optional

REPO = Path(__file__).resolve().parent.parent
DEFAULT_SHARED = REPO.parent / "shared"
DEFAULT_OUT = REPO / "docs" / "benchmarks.md"
TARGET_RATIO = 0.7  # issue target: end-to-end throughput >= 0.7 x bare spaCy
WARMUP_TEXTS = 3
MODES = ("load", "pipe", "analyze")


# --- corpus ----------------------------------------------------------------------------------

def load_corpus(shared: Path, n: int) -> list[str]:
    """The first n non-empty FNC-1 bodies, whole, in file order (deterministic across runs)."""
    path = shared / "data" / "fnc1" / "train_bodies.csv"
    if not path.is_file():
        raise FileNotFoundError(f"FNC-1 bodies not found at {path}; pass --shared DIR")
    csv.field_size_limit(sys.maxsize)
    texts: list[str] = []
    with path.open(encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            body = row.get("articleBody") or ""
            if body.strip():
                texts.append(body)
                if len(texts) == n:
                    break
    return texts


def count_words(texts: list[str]) -> int:
    """Whitespace-separated words: model-independent, so words/s compares across models."""
    return sum(len(t.split()) for t in texts)


# --- timed runs ------------------------------------------------------------------------------

def timed(fn: Callable[[], object]) -> float:
    """Wall-clock seconds of fn(), with garbage collected before so earlier runs do not leak in."""
    gc.collect()
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def run_pipe(nlp, texts: list[str], batch_size: int) -> int:
    """(a) Bare spaCy: parse every text and drop the Doc, as a lower bound on any analysis."""
    n = 0
    for _ in nlp.pipe(texts, batch_size=batch_size):
        n += 1
    return n


def run_analyze(nlp, texts: list[str], batch_size: int) -> int:
    """(b) claimwatch end to end over fresh Article objects."""
    from claimwatch.model import Article
    from claimwatch.nlp.pipeline import analyze_many

    n = 0
    for _ in analyze_many((Article(text=t) for t in texts), nlp=nlp, batch_size=batch_size):
        n += 1
    return n


def run_analyze_fast(nlp, texts: list[str], batch_size: int) -> int:
    """(c) claimwatch end to end with the cue pre-pass (``analyze --fast``, docs/prepass.md)."""
    from claimwatch.model import Article
    from claimwatch.nlp.pipeline import analyze_many

    return sum(1 for _ in analyze_many((Article(text=t) for t in texts), nlp=nlp, batch_size=batch_size, fast=True))


def stage_times(nlp, texts: list[str], batch_size: int) -> tuple[float, float]:
    """(parse seconds, extraction seconds): ``analyze_doc`` timed alone over pre-parsed docs."""
    from claimwatch.model import Article
    from claimwatch.nlp.pipeline import analyze_doc

    docs: list = []
    parse = timed(lambda: docs.extend(nlp.pipe(texts, batch_size=batch_size)))
    articles = [Article(text=t) for t in texts]
    extract = timed(lambda: [analyze_doc(a, d) for a, d in zip(articles, docs)])
    return parse, extract


def warm_up(nlp, texts: list[str]) -> None:
    """Pay one-off costs (lazy vocab, lexicon loading) before any clock starts."""
    run_analyze(nlp, texts[:WARMUP_TEXTS], batch_size=WARMUP_TEXTS)


def peak_rss_mb() -> float:
    """Peak resident set size of this process in MiB (ru_maxrss is KiB on Linux)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def reset_peak_rss() -> bool:
    """Reset the kernel's high-water mark (Linux >= 4.0), so a later peak is the run's own, not the load's."""
    try:
        Path("/proc/self/clear_refs").write_text("5")
        return True
    except OSError:
        return False


def proc_status_mb(field: str) -> Optional[float]:
    """VmRSS / VmHWM of this process from /proc/self/status, in MiB; None off Linux."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith(field + ":"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return None


# --- child processes for memory --------------------------------------------------------------

def measure(mode: str, shared: Path, n: int, batch_size: int) -> dict:
    """Child-process body: load, optionally run one mode, report seconds and peak RSS.

    The peaks come from /proc/self/status (VmHWM), not ``ru_maxrss``: Linux carries the parent's
    ``ru_maxrss`` into a forked-and-exec'd child, so it would report the benchmark process's peak.
    """
    from claimwatch.nlp.pipeline import load_nlp

    texts = load_corpus(shared, n)
    nlp = load_nlp()
    gc.collect()
    load_peak, rss_loaded = proc_status_mb("VmHWM"), proc_status_mb("VmRSS")
    can_reset = reset_peak_rss()
    seconds = 0.0
    if mode == "pipe":
        seconds = timed(lambda: run_pipe(nlp, texts, batch_size))
    elif mode == "analyze":
        seconds = timed(lambda: run_analyze(nlp, texts, batch_size))
    run_peak = proc_status_mb("VmHWM") if can_reset else None
    whole = max(v for v in (load_peak, run_peak) if v is not None) if load_peak is not None else peak_rss_mb()
    return {"mode": mode, "seconds": round(seconds, 3), "peak_rss_mb": round(whole, 1),
            "rss_after_load_mb": _round(rss_loaded), "peak_rss_during_run_mb": _round(run_peak)}


def _round(v: Optional[float]) -> Optional[float]:
    return None if v is None else round(v, 1)


def measure_in_child(mode: str, shared: Path, n: int, batch_size: int) -> dict:
    """Run :func:`measure` in a fresh interpreter so its peak RSS is its own."""
    cmd = [sys.executable, str(Path(__file__).resolve()), "--measure", mode, "--n", str(n),
           "--shared", str(shared), "--batch-size", str(batch_size)]
    run = subprocess.run(cmd, capture_output=True, text=True)
    if run.returncode != 0:
        tail = "\n".join(run.stderr.strip().splitlines()[-5:])
        raise RuntimeError(f"child run '{mode}' failed (exit {run.returncode}):\n{tail}")
    return json.loads(run.stdout.strip().splitlines()[-1])


# --- environment -----------------------------------------------------------------------------

def cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def machine_info(nlp) -> dict:
    import spacy

    import claimwatch

    try:
        usable = len(os.sched_getaffinity(0))
    except AttributeError:
        usable = os.cpu_count()
    return {
        "platform": platform.platform(),
        "cpu": cpu_model(),
        "cpu_count": os.cpu_count(),
        "cpus_usable": usable,
        "load_average": [round(x, 2) for x in os.getloadavg()],
        "python": platform.python_version(),
        "spacy": spacy.__version__,
        "model": f"{nlp.meta.get('lang', '')}_{nlp.meta.get('name', '')} {nlp.meta.get('version', '')}",
        "pipeline": list(nlp.pipe_names),
        "claimwatch": getattr(claimwatch, "__version__", None) or _dist_version("claimwatch"),
        "commit": git_commit(),
    }


def _dist_version(name: str) -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version(name)
    except PackageNotFoundError:
        return "unknown"


def git_commit() -> str:
    """Short HEAD hash, or 'uncommitted' when the working tree differs from it."""
    def git(*args: str) -> str:
        return subprocess.run(["git", "-C", str(REPO), *args], capture_output=True, text=True).stdout.strip()

    head = git("rev-parse", "--short", "HEAD") or "unknown"
    return f"uncommitted (working tree on top of {head})" if git("status", "--porcelain") else head


def python_command() -> str:
    """The interpreter as typed from the current folder (``.venv/bin/python``), for the report."""
    exe = Path(sys.executable)
    try:
        return str(exe.relative_to(Path.cwd()))
    except ValueError:
        return exe.name


# --- benchmark and report --------------------------------------------------------------------

def benchmark(shared: Path, n: int, batch_size: int, repeat: int = 2, children: bool = True) -> dict:
    """Every figure of the report, as one JSON-ready dict."""
    from claimwatch.nlp.pipeline import load_nlp

    texts = load_corpus(shared, n)
    if not texts:
        raise ValueError("the corpus is empty")
    words, chars = count_words(texts), sum(len(t) for t in texts)
    nlp = load_nlp()
    warm_up(nlp, texts)
    # Interleaved and best-of-repeat: the machine is shared, and the first pass pays for warm caches.
    pipe_runs, analyze_runs, fast_runs = [], [], []
    for _ in range(repeat):
        pipe_runs.append(timed(lambda: run_pipe(nlp, texts, batch_size)))
        analyze_runs.append(timed(lambda: run_analyze(nlp, texts, batch_size)))
        fast_runs.append(timed(lambda: run_analyze_fast(nlp, texts, batch_size)))
    pipe_s, analyze_s, fast_s = min(pipe_runs), min(analyze_runs), min(fast_runs)
    parse_s, extract_s = stage_times(nlp, texts, batch_size)
    result = {
        "machine": machine_info(nlp),
        "corpus": {"source": "FNC-1 train_bodies.csv, first N non-empty bodies, whole",
                   "requested": n, "articles": len(texts), "words": words, "chars": chars,
                   "mean_words": round(words / len(texts), 1), "max_words": max(len(t.split()) for t in texts)},
        "batch_size": batch_size,
        "repeat": repeat,
        "runs_s": {"bare_spacy": [round(x, 3) for x in pipe_runs],
                   "claimwatch": [round(x, 3) for x in analyze_runs],
                   "claimwatch_fast": [round(x, 3) for x in fast_runs]},
        "bare_spacy": _rates(pipe_s, len(texts), words),
        "claimwatch": _rates(analyze_s, len(texts), words),
        "claimwatch_fast": _rates(fast_s, len(texts), words),
        "ratio": round(pipe_s / analyze_s, 3) if analyze_s else None,
        "ratio_fast": round(pipe_s / fast_s, 3) if fast_s else None,
        "target_ratio": TARGET_RATIO,
        "stages": {"parse_s": round(parse_s, 3), "extract_s": round(extract_s, 3),
                   "extract_share": round(extract_s / (parse_s + extract_s), 3) if parse_s + extract_s else None,
                   "extract_ms_per_article": round(1000 * extract_s / len(texts), 2)},
        "peak_rss_mb_this_process": round(peak_rss_mb(), 1),
    }
    if children:
        result["peak_rss_mb_children"] = {m: measure_in_child(m, shared, n, batch_size) for m in MODES}
    return result


def _rates(seconds: float, articles: int, words: int) -> dict:
    return {"seconds": round(seconds, 3), "articles_per_s": round(articles / seconds, 2),
            "words_per_s": round(words / seconds)}


def render_markdown(r: dict, command: str, when: datetime, generator: str = "benchmarks/speed.py") -> str:
    m, c, st = r["machine"], r["corpus"], r["stages"]
    ratio = r["ratio"]
    verdict = "met" if ratio is not None and ratio >= r["target_ratio"] else "**not met**"
    rows = [
        "| run | seconds | articles/s | words/s |", "|---|---|---|---|",
        *(f"| {label} | {r[k]['seconds']:.2f} | {r[k]['articles_per_s']:.1f} | {r[k]['words_per_s']:,} |"
          for label, k in (("(a) bare `nlp.pipe`", "bare_spacy"), ("(b) `analyze_many` end to end", "claimwatch"),
                           ("(c) `analyze_many(fast=True)`: cue pre-pass", "claimwatch_fast")) if k in r),
    ]
    mem = ["| child process | peak RSS, whole process (MiB) | RSS after load (MiB) | peak during the run (MiB) | seconds |",
           "|---|---|---|---|---|"]
    labels = {"load": "model loaded + corpus read (baseline)", "pipe": "(a) bare `nlp.pipe`",
              "analyze": "(b) `analyze_many`"}
    for mode, v in r.get("peak_rss_mb_children", {}).items():
        mem.append(f"| {labels[mode]} | {v['peak_rss_mb']:.1f} | {_mb(v['rss_after_load_mb'])} | "
                   f"{_mb(v['peak_rss_during_run_mb'])} | {v['seconds']:.2f} |")
    if len(mem) == 2:
        mem = ["_Child-process runs skipped._"]
    return f"""# Benchmarks

Generated by `{generator}`; do not edit by hand, re-run it. Earlier figures, with how they
changed and why: [history/benchmarks.md](history/benchmarks.md).

- Date: {when.strftime('%Y-%m-%d %H:%M UTC')}
- Commit: {m['commit']}
- Command: `{command}`
- Machine: {m['platform']}; CPU {m['cpu']}; {m['cpu_count']} CPUs ({m['cpus_usable']} usable);
  load average at start {', '.join(map(str, m['load_average']))}
- Software: Python {m['python']}, spaCy {m['spacy']}, model {m['model']} (pipeline as loaded by claimwatch, used by both runs:
  {', '.join(m['pipeline'])}),
  claimwatch {m['claimwatch']}
- Corpus: {c['articles']} articles ({c['requested']} requested), {c['words']:,} words (mean {c['mean_words']},
  max {c['max_words']}), {c['chars']:,} characters — {c['source']}; batch size {r['batch_size']}, one process

## Throughput

All runs in the same process, over the same texts, after a warm-up on {WARMUP_TEXTS} texts; the
runs alternate {r['repeat']} times and the best time of each is kept (all runs, seconds: (a)
{', '.join(map(str, r['runs_s']['bare_spacy']))}; (b) {', '.join(map(str, r['runs_s']['claimwatch']))}; (c)
{', '.join(map(str, r['runs_s'].get('claimwatch_fast', [])))}).

{chr(10).join(rows)}

Ratio (b)/(a) of throughput: **{ratio}** (issue target >= {r['target_ratio']}: {verdict}).
With the cue pre-pass, (c)/(a): **{r.get('ratio_fast')}** (quality with and without it: `benchmarks/prepass.py`,
docs/prepass.md).

## Where the time goes

One pass each, so noisier than the best-of figures above. Parse (`nlp.pipe` into a list)
{st['parse_s']:.2f} s; extraction (`analyze_doc` over the parsed docs)
{st['extract_s']:.2f} s, i.e. {st['extract_ms_per_article']} ms per article and
{_pct(st['extract_share'])} of the total.

## Memory

Peak RSS of the benchmark process itself (all runs together): {r['peak_rss_mb_this_process']:.1f} MiB.
Each mode again in its own fresh process, so peaks do not mix. "Peak during the run" resets the
kernel's high-water mark after loading (`/proc/self/clear_refs`), so it shows what parsing and
extraction add on top of the loaded model; the whole-process peak (`VmHWM`) includes loading. (A child's
`ru_maxrss` is not used: Linux carries the parent's value into it.)

{chr(10).join(mem)}

## Notes

- Words are whitespace-separated tokens of the raw text. Timings are wall-clock on a machine shared
  with other jobs (see the load average): compare runs on the same machine, not across machines.
- The figures describe the code at the commit above; re-run after any change to the extractor, the
  pre-pass rules or the model (extraction time and the ratios move with them). A report assembled
  from JSON files (`run_all.py --speed-json ...`) shows the commit and date of the speed run.
"""


def _mb(v: Optional[float]) -> str:
    return "n/a" if v is None else f"{v:.1f}"


def _pct(share: Optional[float]) -> str:
    return "n/a" if share is None else f"{100 * share:.1f} %"


def summary(r: dict) -> str:
    a, b, st = r["bare_spacy"], r["claimwatch"], r["stages"]
    lines = [f"corpus: {r['corpus']['articles']} articles, {r['corpus']['words']:,} words",
             f"(a) bare nlp.pipe:  {a['seconds']:7.2f} s  {a['articles_per_s']:7.1f} art/s  {a['words_per_s']:>8,} words/s",
             f"(b) analyze_many:   {b['seconds']:7.2f} s  {b['articles_per_s']:7.1f} art/s  {b['words_per_s']:>8,} words/s",
             f"ratio (b)/(a): {r['ratio']} (target >= {r['target_ratio']}); with the pre-pass (c)/(a): {r.get('ratio_fast')}",
             f"stages: parse {st['parse_s']:.2f} s, extraction {st['extract_s']:.2f} s",
             f"peak RSS this process: {r['peak_rss_mb_this_process']:.1f} MiB"]
    for mode, v in r.get("peak_rss_mb_children", {}).items():
        lines.append(f"child {mode:8} peak RSS {v['peak_rss_mb']:.1f} MiB, during run {_mb(v['peak_rss_during_run_mb'])} MiB")
    return "\n".join(lines)


def main(argv: Optional[list[str]] = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=200, help="number of FNC-1 bodies (default 200)")
    parser.add_argument("--shared", type=Path, default=DEFAULT_SHARED, help="shared evaluation folder")
    parser.add_argument("--out", type=Path, help="also write the Markdown page here (docs/benchmarks.md is "
                        "the whole suite's report: `make bench` writes it)")
    parser.add_argument("--batch-size", type=int, default=32, help="nlp.pipe batch size (default 32)")
    parser.add_argument("--repeat", type=int, default=2, help="alternating timed runs of (a) and (b); best kept")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON instead of a summary")
    parser.add_argument("--no-children", action="store_true", help="skip the per-mode child processes")
    parser.add_argument("--measure", choices=MODES, help=argparse.SUPPRESS)  # child-process mode
    args = parser.parse_args(argv)
    if args.n < 1 or args.repeat < 1:
        parser.error("--n and --repeat must be at least 1")

    if args.measure:
        print(json.dumps(measure(args.measure, args.shared, args.n, args.batch_size)))
        return 0
    try:
        result = benchmark(args.shared, args.n, args.batch_size, repeat=args.repeat, children=not args.no_children)
    except FileNotFoundError as exc:  # no shared data here: say where it was looked for
        print(f"error: {exc}", file=sys.stderr)
        return 2
    if args.out:
        command = shlex.join([python_command(), *(sys.argv if argv is None else [__file__, *argv])])
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text(render_markdown(result, command, datetime.now(timezone.utc)), encoding="utf-8")
    print(json.dumps(result, indent=1) if args.json else summary(result) + (f"\nwrote {args.out}" if args.out else ""))
    return 0


if __name__ == "__main__":
    sys.exit(main())
