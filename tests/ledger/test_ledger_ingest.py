"""An ingest run into the ledger: idempotent, skips what is stored before analysing, survives failures."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from claimwatch.ledger import Ledger
from claimwatch.ledger.ingest import ingest_into
from claimwatch.model import Analysis, Article

FIXTURES = Path(__file__).parents[1] / "fixtures" / "ingest"


class CountingAnalyzer:
    """Stands in for the extractor: records which articles it was asked to analyse."""

    def __init__(self, fail_on: str = "") -> None:
        self.seen: list[str] = []
        self.fail_on = fail_on

    def __call__(self, articles):
        for article in articles:
            if self.fail_on and self.fail_on in article.text:
                raise ValueError("parser blew up")
        self.seen.extend(a.id for a in articles)
        return [Analysis(article=a) for a in articles]


@pytest.fixture
def ledger(tmp_path):
    with Ledger(tmp_path / "l.db") as opened:
        yield opened


def test_ledger_ingest_stores_every_article_once(ledger):
    analyzer = CountingAnalyzer()
    report = ingest_into(ledger, [str(FIXTURES)], analyze=analyzer, batch_size=3)
    assert len(report.added) == len(ledger.articles()) == 10
    assert len(report.skipped) == 6 and report.duplicates == 0 and report.already_stored == 0
    assert report.summary() == "10 ingested (0 near-duplicate), 0 already in the ledger, 0 duplicate, 6 skipped"


def test_ledger_ingest_second_run_is_a_no_op_without_analysis(ledger):
    ingest_into(ledger, [str(FIXTURES)], analyze=CountingAnalyzer())
    again = CountingAnalyzer()
    report = ingest_into(ledger, [str(FIXTURES)], analyze=again)
    assert report.added == () and report.already_stored == 10
    assert again.seen == []  # stored articles are recognised before any parsing
    assert len(ledger.articles()) == 10


def test_ledger_ingest_counts_exact_repeats_within_a_run(ledger, tmp_path):
    copy = tmp_path / "again.txt"
    shutil.copy(FIXTURES / "dispatch.txt", copy)
    report = ingest_into(ledger, [str(FIXTURES / "dispatch.txt"), str(copy)], analyze=CountingAnalyzer())
    assert (len(report.added), report.duplicates) == (1, 1)


def test_ledger_ingest_one_failing_article_is_skipped_and_the_rest_stored(ledger):
    analyzer = CountingAnalyzer(fail_on="ferry operator")
    report = ingest_into(ledger, [str(FIXTURES / "feed.rss"), str(FIXTURES / "dispatch.txt")], analyze=analyzer)
    assert len(report.added) == 2
    failed = [s for s in report.skipped if "analysis failed" in s.reason]
    assert len(failed) == 1 and "parser blew up" in failed[0].reason


def test_ledger_ingest_reports_progress_for_every_item(ledger):
    seen = []
    report = ingest_into(ledger, [str(FIXTURES)], analyze=CountingAnalyzer(), progress=seen.append)
    assert sum(isinstance(i, Article) for i in seen) == len(report.added)
    assert len(seen) == len(report.added) + len(report.skipped)


def test_ledger_ingest_reports_a_wire_copy_as_near_duplicate(ledger, tmp_path):
    from test_ledger_store import WIRE_COPY, WIRE_STORY

    story = tmp_path / "story"
    story.mkdir()
    (story / "a-original.txt").write_text(WIRE_STORY, encoding="utf-8")
    (story / "b-copy.txt").write_text(WIRE_COPY, encoding="utf-8")
    report = ingest_into(ledger, [str(story)], analyze=CountingAnalyzer())
    assert len(report.added) == 2 and len(report.near_duplicates) == 1 and report.skipped == ()
    copy = ledger.article_record(report.near_duplicates[0])
    assert copy.article.path.endswith("b-copy.txt") and copy.near_duplicate_of == report.added[0]


def test_ledger_ingest_counts_syndicated_wire_copies(ledger, tmp_path):
    folder = tmp_path / "wire"
    folder.mkdir()
    (folder / "a.txt").write_text(
        "SEOUL (Reuters) - South Korea's spy agency said on Friday that North Korea had sent troops to Russia.\n")
    (folder / "b.txt").write_text("The port reopened on Monday after a two-day strike, the city council said.\n")
    report = ingest_into(ledger, [str(folder)], analyze=CountingAnalyzer())
    assert len(report.added) == 2 and len(report.syndicated) == 1
    assert "1 syndicated" in report.summary()
    assert report.to_dict()["syndicated"] == list(report.syndicated)
