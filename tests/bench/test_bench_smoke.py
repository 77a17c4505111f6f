"""Tiny versions of every benchmark (a few articles, a tiny ledger): the report structure, never timings.

The real suite (``make bench``, ``benchmarks/run_all.py``) never runs under ``make test``.
"""
from __future__ import annotations

import json
import sys
from datetime import datetime, timezone
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parents[2] / "benchmarks"
sys.path.insert(0, str(BENCH))

import ledger_latency  # noqa: E402
import run_all  # noqa: E402
import scaling  # noqa: E402
import speed  # noqa: E402

SHARED = speed.DEFAULT_SHARED
needs_shared = pytest.mark.skipif(not (SHARED / "data" / "fnc1" / "train_bodies.csv").is_file(),
                                  reason="shared FNC-1 bodies not found beside the repository")


@pytest.fixture(scope="module")
def latency_result(tmp_path_factory):
    db = tmp_path_factory.mktemp("latency") / "ledger.db"
    return ledger_latency.benchmark(db, statements=400, queries=5)


@pytest.fixture(scope="module")
def scaling_result(nlp):
    return scaling.benchmark(SHARED, sizes=[3], processes=[1], batch_size=2, children=False)


@pytest.fixture(scope="module")
def speed_result(nlp):
    return speed.benchmark(SHARED, 3, batch_size=2, repeat=1, children=False)


def test_bench_latency_generates_the_requested_statements(latency_result):
    counts = latency_result["counts"]
    assert counts["statements"] == 400
    assert 0 < counts["ledger_claims"] <= counts["claims"] <= counts["statements"]
    assert counts["statement_claims"] == 400 and counts["claim_events"] == 400


def test_bench_latency_reports_p50_and_p95_for_every_page(latency_result):
    timings = latency_result["timings"]
    assert {"claim_page", "actor_page", "search_1_word", "search_2_words"} <= set(timings)
    for t in timings.values():
        assert t["n"] == 5 and 0 <= t["p50_ms"] <= t["p95_ms"] <= t["max_ms"]
    assert latency_result["target"]["verdict"] in ("met", "not met")


def test_bench_latency_markdown_has_the_table_and_target(latency_result):
    page = ledger_latency.render_markdown(latency_result)
    assert page.startswith("## Ledger query latency")
    assert "| claim page (`claim_detail`" in page and "Target: claim-page p95 < 50 ms" in page


def test_bench_latency_refuses_a_ledger_of_another_size(tmp_path):
    db = tmp_path / "l.db"
    ledger_latency.generate(db, 50)
    with pytest.raises(ValueError, match="holds 50 statements"):
        ledger_latency.benchmark(db, statements=60, queries=2)


@pytest.mark.parametrize("rounds", [1, 2, 5])
def test_bench_scaling_variants_differ_but_keep_the_text(rounds):
    text = ("The minister said the talks had failed. Union leaders disputed that. "
            "Police reported two arrests. A spokesman declined to comment.")
    variant = scaling.vary(text, 1234, rounds)
    assert variant != text and variant != scaling.vary(text, 1234, rounds + 1)
    assert "Dispatch 1234" in variant
    for sentence in ("The minister said the talks had failed.", "Police reported two arrests."):
        assert sentence in variant


def test_bench_scaling_first_pass_is_the_text_itself():
    assert scaling.vary("Officials said so.", 7, 0) == "Officials said so."


def test_bench_scaling_projects_100k_when_not_measured():
    runs = [{"articles": 1000, "processes": 2, "seconds": 50.0, "articles_per_s": 20.0, "peak_rss_mb_total": 900.0},
            {"articles": 1000, "processes": 1, "seconds": 80.0, "articles_per_s": 12.5, "peak_rss_mb_total": 400.0}]
    t = scaling.target_line(runs)
    assert (t["measured"], t["seconds"], t["verdict"]) == (False, 5000, "projected not met")
    assert t["from_run"] == {"articles": 1000, "processes": 2, "engine": None, "fast": False}
    assert t["rss_verdict"] == "met"


def test_bench_scaling_ingest_run_is_projected_from_its_slowing_end_and_kept_apart():
    progress = [(10.0 * k, 100 * k - k * k) for k in range(1, 21)]  # the rate falls as the ledger grows
    ingest = {"articles": 1600, "processes": 2, "seconds": 200.0, "articles_per_s": 8.0, "peak_rss_mb_total": 900.0,
              "engine": "ingest", "progress": progress}
    dask = {"articles": 100_000, "processes": 2, "seconds": 3300.0, "articles_per_s": 30.3,
            "peak_rss_mb_total": 1500.0, "engine": "dask", "fast": True}
    split = scaling.targets_by_kind([dask, ingest])
    assert split["target"]["measured"] and split["target"]["verdict"] == "met"
    end = split["target_end_to_end"]
    last_rate = (progress[-1][1] - progress[16][1]) / (progress[-1][0] - progress[16][0])
    assert end["seconds"] == round(200 + (100_000 - progress[-1][1]) / last_rate)
    assert end["verdict"] == "projected not met" and end["seconds"] > 100_000 / ingest["articles_per_s"]
    assert [m["articles"] for m in scaling.milestones(progress, 1600)] == [1056]


def test_bench_run_all_merges_piecewise_scaling_files_and_judges_the_100k_run(tmp_path):
    grid = {"engine": "dask", "fast": True, "runs": [
        {"articles": 1000, "processes": 2, "seconds": 40.0, "articles_per_s": 25.0, "peak_rss_mb_total": 900.0,
         "engine": "dask", "fast": True}]}
    grid.update(scaling.targets_by_kind(grid["runs"]))
    long_run = {"engine": "dask", "fast": True, "runs": [
        {"articles": 100_000, "processes": 2, "seconds": 3500.0, "articles_per_s": 28.6, "peak_rss_mb_total": 1500.0,
         "engine": "dask", "fast": True}]}
    long_run.update(scaling.targets_by_kind(long_run["runs"]))
    (tmp_path / "grid.json").write_text(json.dumps(grid), encoding="utf-8")
    (tmp_path / "long.json").write_text(json.dumps({"scaling": long_run, "speed": {}, "latency": {}}), encoding="utf-8")
    assert grid["target"]["verdict"] == "projected not met"
    merged = run_all._load_scaling([tmp_path / "grid.json", tmp_path / "long.json"])
    assert [r["articles"] for r in merged["runs"]] == [1000, 100_000]
    assert merged["target"]["measured"] and merged["target"]["verdict"] == "met"
    assert "target_end_to_end" not in merged and run_all._load_scaling(None) is None


@needs_shared
def test_bench_scaling_tiny_run_reports_rate_and_memory(scaling_result):
    (run,) = scaling_result["runs"]
    assert run["articles"] == 3 and run["processes"] == 1 and run["words"] > 0
    assert run["peak_rss_mb_total"] > 0 and run["articles_per_s"] > 0
    page = scaling.render_markdown(scaling_result)
    assert page.startswith("## Scaling") and "**projection**" in page and "Attribution F1" in page


@needs_shared
def test_bench_run_all_puts_every_section_in_one_report(speed_result, scaling_result, latency_result):
    page = run_all.render(speed_result, scaling_result, latency_result, "python benchmarks/run_all.py",
                          datetime(2026, 1, 2, tzinfo=timezone.utc))
    headings = [line for line in page.splitlines() if line.startswith("## ")]
    assert headings[:2] == ["## Targets", "## Throughput"]
    assert {"## Scaling", "## Ledger query latency", "## Memory"} <= set(headings)
    assert "Generated by `benchmarks/run_all.py`" in page
    targets = page.split("## Targets", 1)[1].split("## Throughput", 1)[0]
    assert targets.count("\n- ") == 4 and "< 1 hour" in targets and "p95 < 50 ms" in targets


def _story_result() -> dict:
    """A minimal ``claimwatch eval stories --format json`` result for the report writer."""
    clustering = {"pair_precision": 0.5, "pair_recall": 1.0, "pair_f1": 0.667, "purity": 0.75, "completeness": 1.0,
                  "articles": 4, "gold_stories": 2, "found_stories": 1}
    props = {"claims": 10, "not_propositions": 2, "share": 0.2, "by_reason": {"noun_phrase": 2}, "examples": {}}
    dev = {"summary": {"story_claims": 1, "found": 0.5, "cohesion": 0.9, "final_status_acc": 1.0, "timeline_acc": 1.0,
                       "timeline_steps": 1, "articles": 4, "ledger_claims_total": 10},
           "clustering": clustering, "propositions": props, "seconds": 1.0,
           "claims": [{"story_claim": "k-1", "found": 1, "gold_statements": 2, "ledger_claims": 1, "cohesion": 0.9,
                       "gold_final": "denied", "ledger_final": "denied"}]}
    fnc = {"summary": {"rumours": 1, "articles": 3, "ledger_claims_total": 9, "main_claim_coverage": 0.9,
                       "main_claim_coverage_pooled": 0.9, "mixed_share": 0.1, "mixed_claims": 1,
                       "multi_article_claims": 10, "status_agrees": 0.0, "confirmed_not_true_share": 1.0,
                       "confirmed_not_true": 1, "not_true_rumours": 1, "status_agrees_by_truth": {"false": 0.0}},
           "clustering": clustering, "propositions": props, "seconds": 2.0, "limit": 1, "rumours_in_set": 5,
           "bodies_in_set": 20,
           "rumours": [{"truth": "false", "articles": 3, "status": "confirmed"}]}
    return {"dev": dev, "fnc1": fnc}


def test_bench_stories_section_judges_the_issue_targets_and_names_the_command():
    import stories

    section = stories.story_section(_story_result(), "python benchmarks/stories.py --quality-doc --limit 1",
                                    "claimwatch eval stories --format json --limit 1", datetime.now(timezone.utc))
    assert section.startswith("## Story level\n") and "--quality-doc --limit 1" in section
    assert "| dev stories: cohesion >= 0.8 | 0.900 | met |" in section
    assert "| dev stories: final status >= 0.8 | 1.000 | met |" in section
    assert "| FNC-1 rumours: ledger claims mixing rumours <= 0.02 | 0.100 | **not met** |" in section
    assert "the first 1 by Body ID of the 5 rumours (20 bodies)" in section and "| false | 1 | 0.000 | confirmed 1 |" in section


def test_bench_stories_section_replaces_only_its_own_section():
    import stories

    document = "# Quality\n\n## Targets\n\nold targets\n\n## Story level\n\nold stories\n\n## Notes\n\nnotes\n"
    updated = stories.replace_section(document, "## Story level", "## Story level\n\nnew stories\n")
    assert updated == "# Quality\n\n## Targets\n\nold targets\n\n## Story level\n\nnew stories\n\n## Notes\n\nnotes\n"
    appended = stories.replace_section("# Quality\n\n## Targets\n\nt\n", "## Story level", "## Story level\n\nnew\n")
    assert appended.endswith("## Targets\n\nt\n\n## Story level\n\nnew\n")


def test_bench_quality_regeneration_keeps_the_sections_other_scripts_wrote(tmp_path):
    from support import load_quality_harness

    report = tmp_path / "quality.md"
    report.write_text("# Quality\n\n## Targets\n\nold\n\n## Story level\n\nstories kept\n\n## Other\n\nkept too\n",
                      encoding="utf-8")
    text = load_quality_harness().carry_over(report, "# Quality\n\n## Targets\n\nnew\n")
    assert text == "# Quality\n\n## Targets\n\nnew\n\n## Story level\n\nstories kept\n\n## Other\n\nkept too\n"
    assert load_quality_harness().carry_over(tmp_path / "absent.md", "# Quality\n") == "# Quality\n"
