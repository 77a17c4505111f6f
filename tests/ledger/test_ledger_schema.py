"""Ledger schema: migrations from an empty file, idempotent reopen, and room for migration 2."""
from __future__ import annotations

import sqlite3

import pytest

from claimwatch.ledger import Ledger, LedgerError
from claimwatch.ledger.schema import MIGRATIONS, migrate, schema_version

def tables(conn: sqlite3.Connection) -> set[str]:
    return {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type IN ('table', 'view')")}


def test_ledger_schema_migrates_an_empty_file(tmp_path):
    path = tmp_path / "new.db"
    with Ledger(path) as ledger:
        assert ledger.version == len(MIGRATIONS)
        names = tables(ledger.connection)
    expected = {"articles", "actors", "claims", "statements", "statement_claims", "statements_fts", "article_sources"}
    assert expected <= names


def test_ledger_schema_sets_wal_and_foreign_keys(tmp_path):
    with Ledger(tmp_path / "l.db") as ledger:
        conn = ledger.connection
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1


def test_ledger_schema_reopen_is_idempotent(tmp_path, analysis):
    path = tmp_path / "l.db"
    with Ledger(path) as ledger:
        ledger.add_analysis(analysis)
        schema = ledger.connection.execute("SELECT sql FROM sqlite_master ORDER BY name").fetchall()
    for _ in range(2):
        with Ledger(path) as ledger:
            assert ledger.version == len(MIGRATIONS)
            assert ledger.connection.execute("SELECT sql FROM sqlite_master ORDER BY name").fetchall() == schema
            assert len(ledger.articles()) == 1


def test_ledger_schema_in_memory_database_works(analysis):
    with Ledger(":memory:") as ledger:
        assert ledger.add_analysis(analysis)
        assert ledger.search("batteries")


MIGRATION_2_TABLES = ("claim_events", "claim_quantities", "ledger_claim_members", "ledger_claims")


def _version_1_layout() -> tuple[set[str], dict[str, set[str]]]:
    """Tables and their columns as migration 1 alone creates them."""
    conn = sqlite3.connect(":memory:", isolation_level=None)
    try:
        migrate(conn, MIGRATIONS[:1])
        names = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        return names, {t: {r[1] for r in conn.execute(f"PRAGMA table_info('{t}')")} for t in names}
    finally:
        conn.close()


def _downgrade_to_version_1(path) -> None:
    """Turn a ledger into what a version-1 claimwatch wrote: migration 1's tables and columns only."""
    v1_tables, v1_columns = _version_1_layout()
    conn = sqlite3.connect(path, isolation_level=None)
    try:
        for table in MIGRATION_2_TABLES:
            conn.execute(f"DROP TABLE {table}")
        later = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
                 if r[0] not in v1_tables and not r[0].startswith(("sqlite_", "statements_fts"))]
        for table in later:  # tables of migrations 3 and later
            conn.execute(f"DROP TABLE IF EXISTS {table}")
        for table, columns in v1_columns.items():  # columns added by later migrations ("statements.via")
            for (column,) in conn.execute(f"SELECT name FROM pragma_table_info('{table}')").fetchall():
                if column not in columns:
                    conn.execute(f"ALTER TABLE {table} DROP COLUMN {column}")
        conn.execute("PRAGMA user_version = 1")
    finally:
        conn.close()


def test_ledger_schema_migration_2_keeps_version_1_data_and_matches_its_claims(tmp_path, analysis):
    path = tmp_path / "v1.db"
    with Ledger(path, embedder=lambda: None) as ledger:
        ledger.add_analysis(analysis)
    _downgrade_to_version_1(path)
    with Ledger(path, embedder=lambda: None) as ledger:
        assert ledger.version == len(MIGRATIONS)
        assert set(MIGRATION_2_TABLES) <= tables(ledger.connection)
        assert len(ledger.articles()) == 1
        assert ledger.analysis(analysis.article.id) == analysis
        assert ledger.claims.pending() == len(analysis.claims)
        assert ledger.claims.match_pending() == len(analysis.claims)
        assert ledger.claims.pending() == 0
        count = ledger.connection.execute("SELECT COUNT(*) FROM ledger_claims").fetchone()[0]
        assert 1 <= count <= len(analysis.claims)


def test_ledger_schema_failed_migration_leaves_the_version_unchanged(tmp_path):
    conn = sqlite3.connect(tmp_path / "l.db", isolation_level=None)
    try:
        migrate(conn)
        with pytest.raises(sqlite3.OperationalError):
            migrate(conn, (*MIGRATIONS, "CREATE TABLE half_done (x);\nSELECT * FROM no_such_table;"))
        assert schema_version(conn) == len(MIGRATIONS)
        assert "half_done" not in tables(conn)
    finally:
        conn.close()


def test_ledger_schema_refuses_a_newer_ledger(tmp_path):
    path = tmp_path / "future.db"
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA user_version = {len(MIGRATIONS) + 5}")
    conn.close()
    with pytest.raises(LedgerError, match="upgrade claimwatch"):
        Ledger(path)


def test_ledger_schema_refuses_a_file_that_is_not_a_database(tmp_path):
    path = tmp_path / "notes.db"
    path.write_text("these are my notes, not a database\n" * 200)
    with pytest.raises(LedgerError, match="not a claimwatch ledger"):
        Ledger(path)
