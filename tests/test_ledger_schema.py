"""Ledger schema: migrations from an empty file, idempotent reopen, and room for migration 2."""
from __future__ import annotations

import sqlite3

import pytest

from claimwatch.ledger import Ledger, LedgerError
from claimwatch.ledger.schema import MIGRATIONS, migrate, schema_version

# What the lead's migration 2 will roughly add: cross-article claims and their timeline, pointing
# at migration 1's tables. It must apply on top of a populated version-1 ledger.
MIGRATION_2_SKETCH = """
CREATE TABLE ledger_claims (
    id INTEGER PRIMARY KEY,
    text TEXT NOT NULL,
    status TEXT NOT NULL DEFAULT 'alleged',
    first_seen TEXT,
    last_seen TEXT
);
ALTER TABLE claims ADD COLUMN ledger_claim_id INTEGER REFERENCES ledger_claims(id);
CREATE TABLE claim_events (
    id INTEGER PRIMARY KEY,
    ledger_claim_id INTEGER NOT NULL REFERENCES ledger_claims(id) ON DELETE CASCADE,
    statement_pk INTEGER REFERENCES statements(pk),
    status TEXT NOT NULL,
    at TEXT NOT NULL
);
"""


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


def test_ledger_schema_migration_2_applies_on_top_of_version_1(tmp_path, analysis):
    path = tmp_path / "l.db"
    with Ledger(path) as ledger:
        ledger.add_analysis(analysis)
    conn = sqlite3.connect(path, isolation_level=None)
    try:
        conn.execute("PRAGMA foreign_keys = ON")
        assert migrate(conn, (*MIGRATIONS, MIGRATION_2_SKETCH)) == len(MIGRATIONS) + 1
        assert {"ledger_claims", "claim_events"} <= tables(conn)
        assert conn.execute("SELECT count(*) FROM claims WHERE ledger_claim_id IS NULL").fetchone()[0] == 3
        conn.execute("INSERT INTO ledger_claims (text) VALUES ('x')")
        pk = conn.execute("SELECT min(pk) FROM statements").fetchone()[0]
        conn.execute("INSERT INTO claim_events (ledger_claim_id, statement_pk, status, at) VALUES (1, ?, 'alleged', '2024')", (pk,))
    finally:
        conn.close()


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
