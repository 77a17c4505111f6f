"""Crash safety of the ledger: a killed ingest, a fault mid-article and a full disk leave a ledger
that passes ``PRAGMA integrity_check``, holds only complete articles, and a re-run completes it with
no duplicates. An analyst's ledger is weeks of work; no crash may cost more than the article in hand.
"""
from __future__ import annotations

import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from dataclasses import replace
from pathlib import Path

import pytest

from claimwatch.errors import LedgerError
from claimwatch.ledger import Ledger
from claimwatch.ledger.ingest import ingest_into
from claimwatch.nlp.pipeline import analyze_many, analyze_text

CITIES = ["Rotterdam", "Gdansk", "Valencia", "Piraeus", "Antwerp", "Genoa", "Hamburg", "Marseille"]
EVENTS = [("a fire", "the warehouse"), ("a flood", "the rail depot"), ("a strike", "the ferry terminal"),
          ("a power cut", "the grain silo"), ("a collision", "the outer harbour"), ("a gas leak", "the refinery"),
          ("a cyber attack", "the customs office"), ("a landslide", "the coast road")]


def story(n: int) -> str:
    """A short news item, different for every ``n``, with two attributed statements."""
    city = CITIES[n % len(CITIES)]
    event, place = EVENTS[(n // len(CITIES)) % len(EVENTS)]
    return (f"{city} officials said on Monday that {n + 3} workers had been evacuated after {event} at {place}.\n\n"
            f"A spokesperson for the operator denied that safety rules had been broken, and the fire brigade "
            f"said it could not confirm how {event} began. Damage was estimated at {n + 2} million euros.\n")


def _table_counts(conn: sqlite3.Connection) -> dict[str, int]:
    names = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
    return {name: conn.execute(f'SELECT count(*) FROM "{name}"').fetchone()[0] for name in names}


def _assert_sound(conn: sqlite3.Connection) -> None:
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
    dupes = conn.execute("SELECT content_hash FROM articles GROUP BY content_hash HAVING count(*) > 1").fetchall()
    assert dupes == []
    orphans = conn.execute("SELECT count(*) FROM statements WHERE article_id NOT IN (SELECT id FROM articles)")
    assert orphans.fetchone()[0] == 0


def _ingest_cmd(folder: Path, db: Path) -> list[str]:
    return [sys.executable, "-m", "claimwatch", "ingest", str(folder), "--db", str(db), "--format", "json",
            "--no-fetch"]


def _stored_count(db: Path) -> int:
    try:
        conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=1)
        try:
            return conn.execute("SELECT count(*) FROM articles").fetchone()[0]
        finally:
            conn.close()
    except sqlite3.Error:
        return 0


def test_hostile_crash_sigkill_mid_ingest_then_rerun(tmp_path, nlp):
    total = 64
    folder = tmp_path / "wire"
    folder.mkdir()
    for n in range(total):
        (folder / f"{n:03d}.txt").write_text(story(n), encoding="utf-8")
    db = tmp_path / "ledger.db"

    proc = subprocess.Popen(_ingest_cmd(folder, db), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        deadline = time.monotonic() + 120
        while _stored_count(db) == 0 and proc.poll() is None and time.monotonic() < deadline:
            time.sleep(0.05)
        time.sleep(random.Random(total).uniform(0.0, 0.3))  # land anywhere in the next batch
        proc.send_signal(signal.SIGKILL)
    finally:
        proc.wait(timeout=30)
    assert proc.returncode == -signal.SIGKILL, proc.stderr.read().decode()[-2000:]

    with Ledger(db, embedder=lambda: None) as ledger:
        conn = ledger.connection
        _assert_sound(conn)
        stored = ledger.articles()
        assert 0 < len(stored) < total, "the kill did not land mid-run"
        expected = {a.article.text: a for a in analyze_many(stored, nlp=nlp)}
        for article in stored:  # every stored article is complete: all its statements and claims
            fresh = expected[article.text]
            assert fresh.statements, "test stories must yield statements"
            assert len(ledger.statements_for_article(article.id)) == len(fresh.statements)
            assert len(ledger.claims_for_article(article.id)) == len(fresh.claims)
    killed_at = len(stored)

    rerun = subprocess.run(_ingest_cmd(folder, db), capture_output=True, timeout=180)
    assert rerun.returncode == 0, rerun.stderr.decode()[-2000:]
    report = json.loads(rerun.stdout)
    assert report["already_stored"] == killed_at
    assert len(report["added"]) == total - killed_at and report["skipped"] == []
    with Ledger(db, embedder=lambda: None) as ledger:
        _assert_sound(ledger.connection)
        assert sorted(Path(a.path).name for a in ledger.articles()) == sorted(p.name for p in folder.iterdir())


@pytest.fixture(scope="module")
def analyses(nlp):
    """Real analyses of three stories, each with several statements and claims."""
    out = [analyze_text(story(n), nlp=nlp) for n in (1, 10, 20)]
    assert all(len(a.statements) >= 2 and a.claims and a.actors for a in out)
    return out


@pytest.mark.parametrize("stage", ["_insert_article", "_insert_actors", "_insert_claims", "_insert_statements",
                                   "attach"])
def test_hostile_crash_fault_mid_article_leaves_nothing(tmp_path, monkeypatch, analyses, stage):
    first, second, _ = analyses
    with Ledger(tmp_path / "l.db", embedder=lambda: None) as ledger:
        assert ledger.add_analysis(first)
        before = _table_counts(ledger.connection)
        owner = ledger.claims if stage == "attach" else ledger
        real = getattr(owner, stage)

        def half_then_fail(*args, **kwargs):
            real(*args, **kwargs)  # the stage's rows are written, then the process "dies"
            raise RuntimeError(f"injected fault after {stage}")

        monkeypatch.setattr(owner, stage, half_then_fail)
        with pytest.raises(RuntimeError, match="injected fault"):
            ledger.add_analysis(second)
        monkeypatch.undo()
        assert _table_counts(ledger.connection) == before
        assert not ledger.has_article(second.article.id)
        _assert_sound(ledger.connection)
        assert ledger.add_analysis(second)  # the same article goes in cleanly afterwards
        assert ledger.analysis(second.article.id).statements == second.statements


def test_hostile_crash_fault_during_ingest_then_rerun_completes(tmp_path, monkeypatch, nlp):
    folder = tmp_path / "wire"
    folder.mkdir()
    for n in range(6):
        (folder / f"{n}.txt").write_text(story(n + 30), encoding="utf-8")
    victim = story(33)
    real_add = Ledger.add_analysis

    def failing_add(self, analysis):
        if analysis.article.text == victim:
            raise OSError(28, "No space left on device")
        return real_add(self, analysis)

    analyzer = lambda arts: analyze_many(arts, nlp=nlp)  # noqa: E731
    with Ledger(tmp_path / "l.db", embedder=lambda: None) as ledger:
        monkeypatch.setattr(Ledger, "add_analysis", failing_add)
        with pytest.raises(OSError):
            ingest_into(ledger, [str(folder)], analyze=analyzer, batch_size=2)
        monkeypatch.undo()
        _assert_sound(ledger.connection)
        assert 0 < len(ledger.articles()) < 6
        report = ingest_into(ledger, [str(folder)], analyze=analyzer, batch_size=2)
        assert len(report.added) + report.already_stored == 6
        _assert_sound(ledger.connection)
        assert len(ledger.articles()) == 6
        assert all(ledger.statements_for_article(a.id) for a in ledger.articles())


def test_hostile_crash_full_disk_is_a_clear_error_and_no_corruption(tmp_path, analyses):
    first, second, third = analyses
    with Ledger(tmp_path / "l.db", embedder=lambda: None) as ledger:
        assert ledger.add_analysis(first)
        conn = ledger.connection
        before = _table_counts(conn)
        pages = conn.execute("PRAGMA page_count").fetchone()[0]
        conn.execute(f"PRAGMA max_page_count = {pages}")  # the disk is now full
        # appended text keeps every span valid and cannot fit in the free pages a ledger keeps
        bulky = replace(second, article=replace(second.article, id="",
                                                text=second.article.text + "\nFiller paragraph. " * 20_000))
        with pytest.raises(LedgerError, match="full") as failure:
            ledger.add_analysis(bulky)
        assert "nothing of it was written" in str(failure.value)
        assert _table_counts(conn) == before
        _assert_sound(conn)
        conn.execute("PRAGMA max_page_count = 1073741823")  # space freed
        assert ledger.add_analysis(second) and ledger.add_analysis(third)
        _assert_sound(conn)


def test_hostile_crash_locked_ledger_is_a_clear_error(tmp_path, analyses):
    db = tmp_path / "l.db"
    with Ledger(db, embedder=lambda: None) as ledger:
        ledger.connection.execute("PRAGMA busy_timeout = 100")
        other = sqlite3.connect(db, isolation_level=None)
        other.execute("BEGIN IMMEDIATE")  # another process holds the write lock
        try:
            with pytest.raises(LedgerError, match="locked"):
                ledger.add_analysis(analyses[0])
        finally:
            other.execute("ROLLBACK")
            other.close()
        assert ledger.add_analysis(analyses[0])
        _assert_sound(ledger.connection)


@pytest.mark.skipif(os.geteuid() == 0, reason="root ignores file permissions")
def test_hostile_crash_read_only_ledger_is_a_clear_error(tmp_path, analyses):
    db = tmp_path / "l.db"
    with Ledger(db, embedder=lambda: None):
        pass
    db.chmod(0o444)
    try:
        with pytest.raises(LedgerError):
            with Ledger(db, embedder=lambda: None) as ledger:
                ledger.add_analysis(analyses[0])
    finally:
        db.chmod(0o644)
