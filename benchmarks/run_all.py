#!/usr/bin/env python3
"""The whole benchmark suite (``make bench``): speed, scaling and ledger latency in one docs/benchmarks.md.

    python benchmarks/run_all.py [--n 200] [--sizes 1000,10000] [--processes 1,2]
                                 [--statements 1000000] [--queries 200] [--out docs/benchmarks.md]

Each part can instead be read from the JSON its own script printed with ``--json``
(``--speed-json``, ``--scaling-json``, ``--latency-json``; ``--scaling-json`` takes several files and
puts their runs together), so a long run done piecewise still ends in one report. Takes about 80 minutes
on 2 CPUs with the defaults (the 100k-article run alone ~55).
"""
from __future__ import annotations

import argparse
import json
import shlex
import sys
import tempfile
from datetime import datetime, timezone
from pathlib import Path
from typing import Optional

sys.path.insert(0, str(Path(__file__).resolve().parent))

import ledger_latency  # noqa: E402
import scaling  # noqa: E402
import speed  # noqa: E402


def targets(speed_r: dict, scaling_r: dict, latency_r: dict) -> str:
    """One line per issue target, each marked met / not met (or projected)."""
    t, lat = scaling_r["target"], latency_r["target"]
    ratio = speed_r["ratio"]
    peak = max([t["peak_rss_mb"], *(v["peak_rss_mb"] for v in speed_r.get("peak_rss_mb_children", {}).values())])
    lines = [
        f"- 100,000 articles in < 1 hour on 2 cores: {t['seconds']:,} s "
        f"({'measured' if t['measured'] else 'projected from ' + format(t['from_run']['articles'], ',') + ' articles'})"
        f" — reading and extraction, engine `{t['from_run'].get('engine')}`"
        f"{', `--fast`' if t['from_run'].get('fast') else ''}: **{t['verdict']}**",
        *([f"- The same for `claimwatch ingest` end to end (ledger writes included): "
           f"{scaling_r['target_end_to_end']['seconds']:,} s "
           f"({'measured' if scaling_r['target_end_to_end']['measured'] else 'projected from the ' + format(scaling_r['target_end_to_end']['from_run']['articles'], ',') + '-article run'}): "
           f"**{scaling_r['target_end_to_end']['verdict']}**"] if scaling_r.get("target_end_to_end") else []),
        f"- Peak RSS < 2 GB: {peak:,.0f} MiB (largest of every run below): "
        f"**{'met' if peak < scaling.TARGET_RSS_MB else 'not met'}**",
        f"- Claim-page query p95 < {lat['target_ms']:.0f} ms at {latency_r['counts']['statements']:,} statements: "
        f"{lat['claim_page_p95_ms']:.1f} ms: **{lat['verdict']}**",
        f"- Throughput >= 1.2x bare `nlp.pipe` at equal F1: ratio {ratio} (full parse), "
        f"{speed_r.get('ratio_fast')} (`--fast` cue pre-pass, dev F1 in docs/prepass.md): "
        f"**{'met' if max(r for r in (ratio, speed_r.get('ratio_fast')) if r is not None) >= 1.2 else 'not met'}**",
    ]
    return "## Targets\n\n" + "\n".join(lines) + "\n"


def render(speed_r: dict, scaling_r: dict, latency_r: dict, command: str, when: datetime) -> str:
    """The full report: speed's page with the targets first, then scaling and ledger latency."""
    page = speed.render_markdown(speed_r, command, when, generator="benchmarks/run_all.py")
    page = page.replace("## Throughput", targets(speed_r, scaling_r, latency_r) + "\n## Throughput", 1)
    return page.rstrip() + "\n\n" + scaling.render_markdown(scaling_r) + "\n" + ledger_latency.render_markdown(latency_r)


def _scaling(args: argparse.Namespace) -> dict:
    """The extraction grid (engine, sizes, processes), then the whole ingest command at --ingest-sizes."""
    result = scaling.benchmark(args.shared, args.sizes, args.processes, args.engine, args.batch_size, fast=args.fast)
    for n in args.ingest_sizes:
        result["runs"].append(scaling.measure_in_child(args.shared, n, 2, "ingest", args.batch_size, args.fast,
                                                       lexical=True))
    result.update(scaling.targets_by_kind(result["runs"]))
    return result


def _load(path: Optional[Path], part: str) -> Optional[dict]:
    """One part's figures from its script's --json output, or from the JSON kept beside a report."""
    if not path:
        return None
    data = json.loads(path.read_text(encoding="utf-8"))
    return data[part] if part in data and set(data) <= {"speed", "scaling", "latency"} else data


def _load_scaling(paths: Optional[list[Path]]) -> Optional[dict]:
    """Scaling figures from one or more JSON files (e.g. the 100k run apart from the 1k/10k grid and the
    ingest run): their runs in the order given, the 100k lines computed again over all of them."""
    parts = [_load(p, "scaling") for p in paths or []]
    if not parts:
        return None
    merged = {**parts[0], "runs": [run for part in parts for run in part["runs"]]}
    merged.pop("target_end_to_end", None)
    merged.update(scaling.targets_by_kind(merged["runs"]))
    return merged


def main(argv: Optional[list[str]] = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=speed.DEFAULT_SHARED)
    parser.add_argument("--out", type=Path, default=speed.DEFAULT_OUT)
    parser.add_argument("--n", type=int, default=200, help="speed: FNC-1 bodies (default 200)")
    parser.add_argument("--batch-size", type=int, default=32)
    parser.add_argument("--repeat", type=int, default=2, help="speed: alternating timed runs")
    parser.add_argument("--sizes", type=scaling._ints, default=[1000, 10000, 100000],
                        help="scaling: article counts (default 1000,10000,100000)")
    parser.add_argument("--processes", type=scaling._ints, default=[2], help="scaling: process counts (default 2)")
    parser.add_argument("--engine", choices=scaling.ENGINES, default="dask", help="scaling: engine (default dask)")
    parser.add_argument("--slow", dest="fast", action="store_false",
                        help="scaling: without the cue pre-pass (default: with it, as bulk runs use it)")
    parser.add_argument("--ingest-sizes", type=scaling._ints, default=[3000],
                        help="scaling: sizes of whole `claimwatch ingest --fast --lexical` runs (default 3000; '' for none)")
    parser.add_argument("--statements", type=int, default=1_000_000, help="latency: ledger size")
    parser.add_argument("--queries", type=int, default=200, help="latency: queries per page")
    parser.add_argument("--latency-db", type=Path, help="latency: ledger file to generate or reuse")
    parser.add_argument("--speed-json", type=Path, help="read the speed figures instead of running")
    parser.add_argument("--scaling-json", type=Path, nargs="+",
                        help="read the scaling figures instead of running (several files: their runs together)")
    parser.add_argument("--latency-json", type=Path, help="read the latency figures instead of running")
    args = parser.parse_args(argv)
    try:
        speed_r = _load(args.speed_json, "speed") or speed.benchmark(args.shared, args.n, args.batch_size, repeat=args.repeat)
        scaling_r = _load_scaling(args.scaling_json) or _scaling(args)
    except FileNotFoundError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    latency_r = _load(args.latency_json, "latency")
    if latency_r is None:
        with tempfile.TemporaryDirectory(prefix="claimwatch-latency-") as tmp:
            latency_r = ledger_latency.benchmark(args.latency_db or Path(tmp) / "ledger.db", args.statements,
                                                 args.queries)
    command = shlex.join([speed.python_command(), *(sys.argv if argv is None else [__file__, *argv])])
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(render(speed_r, scaling_r, latency_r, command, datetime.now(timezone.utc)), encoding="utf-8")
    # The figures behind the report, so one part can be re-run later (--speed-json ...) without the hour.
    args.out.with_suffix(".json").write_text(json.dumps({"speed": speed_r, "scaling": scaling_r, "latency": latency_r},
                                                        indent=1, default=str), encoding="utf-8")
    print("\n".join([speed.summary(speed_r), scaling.summary(scaling_r), ledger_latency.summary(latency_r),
                     f"wrote {args.out}"]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
