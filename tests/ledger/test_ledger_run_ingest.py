"""The ingest orchestration the CLI and the web form share: run_ingest and ingest_article return an
IngestOutcome (report and alerts), and a failing watch check never fails the ingest."""
from __future__ import annotations

from pathlib import Path

import pytest

import claimwatch.ledger.ingest as ingest_module
import claimwatch.watch.hooks as hooks
from claimwatch.errors import InputError
from claimwatch.ledger import Ledger
from claimwatch.ledger.ingest import IngestOutcome, ingest_article, run_ingest
from claimwatch.model import Analysis, Article
from claimwatch.watch.hooks import check_after_ingest

FIXTURES = Path(__file__).parents[1] / "fixtures" / "ingest"


@pytest.fixture
def analysed(monkeypatch):
    """Stand in for the extractor: an empty analysis per article, and the ids it was asked for."""
    seen: list[str] = []

    def analyzer(articles):
        seen.extend(a.id for a in articles)
        return [Analysis(article=a) for a in articles]

    monkeypatch.setattr(ingest_module, "_default_analyzer", analyzer)
    return seen


def test_run_ingest_returns_the_report_and_an_empty_alert_run(tmp_path, analysed):
    db = str(tmp_path / "run.db")
    outcome = run_ingest(db, [str(FIXTURES / "dispatch.txt")], lexical=True)
    assert isinstance(outcome, IngestOutcome) and len(outcome.report.added) == 1 == len(analysed)
    assert outcome.read_anything and outcome.alerts.alerts == [] and outcome.alerts.failure is None
    assert outcome.to_dict()["alerts"] == [] and outcome.to_dict()["added"] == list(outcome.report.added)
    again = run_ingest(db, [str(FIXTURES / "dispatch.txt")], lexical=True)
    assert again.report.already_stored == 1 and again.read_anything and len(analysed) == 1


def test_run_ingest_with_nothing_readable_reads_nothing(tmp_path, analysed):
    missing = tmp_path / "no-such-folder"
    outcome = run_ingest(str(tmp_path / "run.db"), [str(missing)], lexical=True)
    assert not outcome.read_anything and len(outcome.report.skipped) == 1


def test_run_ingest_refuses_a_scheduler_without_dask(tmp_path):
    with pytest.raises(InputError, match="--scheduler needs --engine dask"):
        run_ingest(str(tmp_path / "run.db"), ["x.txt"], scheduler="tcp://127.0.0.1:8786")


def test_run_ingest_survives_a_failing_watch_check(tmp_path, analysed, monkeypatch):
    def locked(ledger, **options):
        raise RuntimeError("database is locked")

    monkeypatch.setattr(hooks, "after_ingest", locked)
    outcome = run_ingest(str(tmp_path / "run.db"), [str(FIXTURES / "dispatch.txt")], lexical=True)
    assert len(outcome.report.added) == 1
    assert outcome.alerts.failure == "database is locked"
    assert outcome.alerts.warnings == ["watches not checked (database is locked); run `claimwatch watch check`"]


def test_check_after_ingest_is_the_plain_check_when_it_works(tmp_path):
    with Ledger(tmp_path / "w.db", embedder=lambda: None) as ledger:
        run = check_after_ingest(ledger)
    assert run.alerts == [] and run.warnings == [] and run.failure is None


def test_ingest_article_stores_once_and_skips_analysis_of_a_stored_article(tmp_path):
    article = Article(id="a1", text="The harbour master said the ferry would sail at noon.", outlet="Example Post")
    calls = []

    def analyze(a):
        calls.append(a.id)
        return Analysis(article=a)

    with Ledger(tmp_path / "web.db", embedder=lambda: None) as ledger:
        first = ingest_article(ledger, article, analyze)
        second = ingest_article(ledger, article, analyze)
    assert first.report.added == ("a1",) and first.alerts.failure is None
    assert second.report.added == () and second.report.already_stored == 1
    assert calls == ["a1"]
