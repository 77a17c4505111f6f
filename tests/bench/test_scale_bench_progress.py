"""The scaling benchmark reports while it runs and, stopped early, still returns what it measured.

A 100k-article run takes about an hour: a run that reports only at its end, or loses everything to a
Ctrl-C, teaches nothing. These tests use the real clock, real signals and a tiny corpus.
"""
from __future__ import annotations

import io
import signal
import sys
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parents[2] / "benchmarks"
sys.path.insert(0, str(BENCH))

import scaling  # noqa: E402
import speed  # noqa: E402

needs_shared = pytest.mark.skipif(not (speed.DEFAULT_SHARED / "data" / "fnc1" / "train_bodies.csv").is_file(),
                                  reason="shared FNC-1 bodies not found beside the repository")


def _fixed_rss() -> tuple[float, list[float]]:
    return 120.0, [410.0, 395.0]


def test_scale_bench_progress_line_reports_done_rate_and_every_process_memory():
    out = io.StringIO()
    clock = scaling.RunClock(100_000, every=0.0, out=out, sample_rss=_fixed_rss)
    assert not clock.tick(1)
    line = out.getvalue().splitlines()[-1]
    assert "1/100,000 articles" in line and "/s" in line
    assert "RSS main 120 MiB" in line and "workers 410 395 MiB" in line
    assert clock.peak_rss_total == 925.0 and clock.progress[-1][1] == 1


def test_scale_bench_clock_samples_each_milestone_even_between_progress_lines():
    clock = scaling.RunClock(2_000, every=3600.0, out=io.StringIO(), sample_rss=_fixed_rss)
    for done in range(1, 1_201):
        clock.tick(done)
    assert [n for _, n in clock.progress] == [1_000]
    assert [m["articles"] for m in scaling.milestones(clock.progress, 2_000)] == [1_000]


def test_scale_bench_clock_says_stop_after_the_time_limit():
    clock = scaling.RunClock(10, every=3600.0, max_seconds=1e-6, out=io.StringIO(), sample_rss=_fixed_rss)
    clock.start -= 1.0  # one second has passed
    assert clock.tick(1) and clock.stop_reason == "max-seconds 1e-06"


def test_scale_bench_sigterm_stops_the_run_instead_of_killing_it():
    clock = scaling.RunClock(10, out=io.StringIO(), sample_rss=_fixed_rss)
    with scaling.stopping_on_signals(clock):
        signal.raise_signal(signal.SIGTERM)
        stopped = clock.tick(1)
    assert stopped and clock.stop_reason == "SIGTERM"
    assert signal.getsignal(signal.SIGTERM) is signal.SIG_DFL  # the usual handler is back


def test_scale_bench_drain_stops_at_once_and_counts_what_was_done():
    clock = scaling.RunClock(10, out=io.StringIO(), sample_rss=_fixed_rss)
    clock.stop_reason = "SIGINT"
    assert scaling.drain(iter(range(10)), clock) == (1, 0)


@needs_shared
def test_scale_bench_time_limited_run_returns_a_partial_result(nlp):
    run = scaling.measure(speed.DEFAULT_SHARED, 400, 1, "pipe", batch_size=2, max_seconds=1.0)
    assert run["partial"] and run["stopped_by"] == "max-seconds 1"
    assert 0 < run["articles"] < run["requested"] == 400
    assert run["articles_per_s"] > 0 and run["words"] > 0 and run["progress"][-1][1] <= run["articles"]
    result = {"engine": "pipe", "batch_size": 2, "base_texts": 1, "runs": [run], **scaling.targets_by_kind([run])}
    assert f"(partial: max-seconds 1 after {run['articles']:,} of 400)" in scaling.summary(result)
    assert not result["target"]["measured"]
