"""The ledger's SQLite schema as an ordered list of migrations, tracked with ``PRAGMA user_version``.

Migration N brings a database from version N-1 to N inside one transaction, so a failed upgrade
leaves the file as it was. Never edit a released migration: append a new one. Migration 1 keeps
integer primary keys on statements and claims so that migration 2 can add cross-article claims
(``ledger_claims``, ``claim_events``) that point at them without rewriting these tables.
"""
from __future__ import annotations

import sqlite3
from typing import Sequence

from claimwatch.ledger.errors import LedgerError

MIGRATION_1 = """
CREATE TABLE articles (
    id TEXT PRIMARY KEY,
    title TEXT,
    url TEXT,
    outlet TEXT,
    published TEXT,
    published_is_fallback INTEGER NOT NULL DEFAULT 0 CHECK (published_is_fallback IN (0, 1)),
    text TEXT NOT NULL,
    path TEXT,
    content_hash TEXT NOT NULL UNIQUE,
    near_duplicate_of TEXT REFERENCES articles(id),
    similarity REAL,
    wire_source TEXT,
    minhash BLOB,
    warnings TEXT NOT NULL DEFAULT '[]',
    ingested_at TEXT NOT NULL
);
CREATE INDEX articles_near_duplicate_of ON articles(near_duplicate_of);
CREATE INDEX articles_published ON articles(published);

CREATE TABLE actors (
    pk INTEGER PRIMARY KEY,
    article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    pos INTEGER NOT NULL,
    name TEXT NOT NULL,
    kind TEXT NOT NULL,
    role TEXT,
    affiliation TEXT,
    aliases TEXT NOT NULL DEFAULT '[]',
    mentions TEXT NOT NULL DEFAULT '[]',
    UNIQUE (article_id, pos)
);
CREATE INDEX actors_name ON actors(name);

CREATE TABLE claims (
    pk INTEGER PRIMARY KEY,
    article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    pos INTEGER NOT NULL,
    id TEXT NOT NULL,
    text TEXT NOT NULL,
    "group" TEXT NOT NULL,
    subject TEXT,
    predicate TEXT,
    object TEXT,
    quantities TEXT NOT NULL DEFAULT '[]',
    UNIQUE (article_id, id)
);

CREATE TABLE statements (
    pk INTEGER PRIMARY KEY,
    article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    pos INTEGER NOT NULL,
    id TEXT NOT NULL,
    source TEXT NOT NULL,
    source_start INTEGER,
    source_end INTEGER,
    cue TEXT NOT NULL,
    cue_start INTEGER NOT NULL,
    cue_end INTEGER NOT NULL,
    content TEXT NOT NULL,
    content_start INTEGER NOT NULL,
    content_end INTEGER NOT NULL,
    stance TEXT NOT NULL CHECK (stance IN ('asserts', 'supports', 'uncommitted', 'disputes', 'denies')),
    act TEXT NOT NULL,
    certainty TEXT NOT NULL,
    conditional INTEGER NOT NULL CHECK (conditional IN (0, 1)),
    distanced INTEGER NOT NULL CHECK (distanced IN (0, 1)),
    evidence TEXT NOT NULL DEFAULT '[]',
    quantities TEXT NOT NULL DEFAULT '[]',
    quotes TEXT NOT NULL DEFAULT '[]',
    hedges TEXT NOT NULL DEFAULT '[]',
    UNIQUE (article_id, id)
);
CREATE INDEX statements_source ON statements(source);

CREATE TABLE statement_claims (
    statement_pk INTEGER NOT NULL REFERENCES statements(pk) ON DELETE CASCADE,
    claim_pk INTEGER NOT NULL REFERENCES claims(pk) ON DELETE CASCADE,
    pos INTEGER NOT NULL,
    PRIMARY KEY (statement_pk, claim_pk)
);
CREATE INDEX statement_claims_claim ON statement_claims(claim_pk);

CREATE VIRTUAL TABLE statements_fts USING fts5(
    content, content='statements', content_rowid='pk', tokenize='porter unicode61'
);
CREATE TRIGGER statements_fts_insert AFTER INSERT ON statements BEGIN
    INSERT INTO statements_fts(rowid, content) VALUES (new.pk, new.content);
END;
CREATE TRIGGER statements_fts_delete AFTER DELETE ON statements BEGIN
    INSERT INTO statements_fts(statements_fts, rowid, content) VALUES ('delete', old.pk, old.content);
END;
CREATE TRIGGER statements_fts_update AFTER UPDATE OF content ON statements BEGIN
    INSERT INTO statements_fts(statements_fts, rowid, content) VALUES ('delete', old.pk, old.content);
    INSERT INTO statements_fts(rowid, content) VALUES (new.pk, new.content);
END;

-- One row per article with the key under which it counts as a source: copies of one original
-- (near-duplicates) share the original's key, and articles relaying one wire agency share its key.
-- A copy inherits its original's wire credit, since the copy repeats that agency's story.
CREATE VIEW article_sources AS
SELECT a.id,
       COALESCE(a.near_duplicate_of, a.id) AS original_id,
       a.near_duplicate_of IS NULL AS independent,
       COALESCE(o.wire_source, a.wire_source) AS wire_source,
       CASE WHEN COALESCE(o.wire_source, a.wire_source) IS NOT NULL
            THEN 'wire:' || COALESCE(o.wire_source, a.wire_source)
            ELSE 'article:' || COALESCE(a.near_duplicate_of, a.id) END AS source_key
FROM articles a LEFT JOIN articles o ON o.id = a.near_duplicate_of;
"""

# Migration 2: claims across articles. An article's claim (``claims``) becomes a member of one
# ledger claim; quantities and the timeline hang off the ledger claim and point at the statement
# behind each entry. Timeline rows are derived (recomputed when an article about the claim arrives),
# so an article ingested out of date order still yields the right history.
MIGRATION_2 = """
CREATE TABLE ledger_claims (
    id INTEGER PRIMARY KEY,
    text TEXT NOT NULL,
    event_type TEXT,
    agent TEXT,
    status TEXT NOT NULL DEFAULT 'alleged'
        CHECK (status IN ('alleged', 'contested', 'corroborated', 'confirmed', 'denied', 'retracted')),
    first_seen TEXT,
    last_seen TEXT,
    story TEXT
);
CREATE INDEX ledger_claims_story ON ledger_claims(story);
CREATE INDEX ledger_claims_key ON ledger_claims(event_type, agent);

CREATE TABLE ledger_claim_members (
    claim_pk INTEGER PRIMARY KEY REFERENCES claims(pk) ON DELETE CASCADE,
    ledger_claim_id INTEGER NOT NULL REFERENCES ledger_claims(id) ON DELETE CASCADE,
    score REAL,
    method TEXT NOT NULL DEFAULT 'new',
    embedding BLOB
);
CREATE INDEX ledger_claim_members_claim ON ledger_claim_members(ledger_claim_id);

CREATE TABLE claim_quantities (
    id INTEGER PRIMARY KEY,
    ledger_claim_id INTEGER NOT NULL REFERENCES ledger_claims(id) ON DELETE CASCADE,
    value REAL NOT NULL,
    unit TEXT NOT NULL,
    text TEXT NOT NULL DEFAULT '',
    approximate INTEGER NOT NULL DEFAULT 0 CHECK (approximate IN (0, 1)),
    statement_pk INTEGER REFERENCES statements(pk) ON DELETE CASCADE,
    date TEXT
);
CREATE INDEX claim_quantities_claim ON claim_quantities(ledger_claim_id);

CREATE TABLE claim_events (
    id INTEGER PRIMARY KEY,
    ledger_claim_id INTEGER NOT NULL REFERENCES ledger_claims(id) ON DELETE CASCADE,
    date TEXT,
    kind TEXT NOT NULL
        CHECK (kind IN ('first_alleged', 'status_change', 'new_quantity', 'denial', 'confirmation')),
    from_status TEXT,
    to_status TEXT,
    statement_pk INTEGER REFERENCES statements(pk) ON DELETE CASCADE,
    note TEXT NOT NULL DEFAULT ''
);
CREATE INDEX claim_events_claim ON claim_events(ledger_claim_id, date);
"""

# Migration 3: provenance chains (who relayed a statement from whom). ``statements.source`` is the
# ORIGINAL source and ``via`` the intermediaries, outermost first, as a JSON list ("Reuters reported,
# citing two US officials" -> source "two US officials", via ["Reuters"]); '[]' when the source spoke
# directly. Independence is computed per claim from its statements, so no index is needed.
MIGRATION_3 = """
ALTER TABLE statements ADD COLUMN via TEXT NOT NULL DEFAULT '[]';
"""

# Migration 4: stories (articles grouped by shared actors, claims and time).
MIGRATION_4 = """
CREATE TABLE stories (
    id INTEGER PRIMARY KEY,
    label TEXT NOT NULL DEFAULT '',
    first_seen TEXT,
    last_seen TEXT,
    profile TEXT NOT NULL DEFAULT '{}',
    centroid BLOB
);
CREATE INDEX stories_last_seen ON stories(last_seen);

CREATE TABLE article_stories (
    article_id TEXT PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
    story_id INTEGER NOT NULL REFERENCES stories(id) ON DELETE CASCADE,
    score REAL,
    method TEXT NOT NULL DEFAULT 'new',
    embedding BLOB
);
CREATE INDEX article_stories_story ON article_stories(story_id);

-- Document frequencies of story features (kind 'actor' or 'term') and the article count behind them.
CREATE TABLE story_df (
    kind TEXT NOT NULL,
    key TEXT NOT NULL,
    df INTEGER NOT NULL,
    PRIMARY KEY (kind, key)
) WITHOUT ROWID;
CREATE TABLE story_stats (
    key TEXT PRIMARY KEY,
    value INTEGER NOT NULL
);
"""

# Migration 5: watches and the alerts they raised. A watch follows one ledger claim (``claim_id``) or
# every claim matching a text query, now and later. An alert is one timeline event seen by one watch,
# keyed by the event's content (``event_key``) because ``claim_events`` rows are rewritten on every
# refresh; ``baseline`` rows are the events that existed when the watch was added (recorded, never
# shown). ``deliver`` marks alerts owed to the webhook; ``delivered_at`` is set once it accepted them.
# ``settings`` holds the alert outputs' configuration (feed paths, webhook URL, base URL).
MIGRATION_5 = """
CREATE TABLE watches (
    id INTEGER PRIMARY KEY,
    query TEXT,
    claim_id INTEGER,
    created TEXT NOT NULL,
    from_start INTEGER NOT NULL DEFAULT 0 CHECK (from_start IN (0, 1)),
    baseline_at TEXT,
    CHECK ((query IS NULL) <> (claim_id IS NULL))
);

CREATE TABLE alerts (
    id INTEGER PRIMARY KEY,
    watch_id INTEGER NOT NULL REFERENCES watches(id) ON DELETE CASCADE,
    ledger_claim_id INTEGER NOT NULL,
    event_key TEXT NOT NULL,
    kind TEXT NOT NULL,
    date TEXT,
    summary TEXT NOT NULL DEFAULT '',
    detail TEXT NOT NULL DEFAULT '',
    statement_pk INTEGER,
    from_status TEXT,
    to_status TEXT,
    note TEXT NOT NULL DEFAULT '',
    created TEXT NOT NULL,
    baseline INTEGER NOT NULL DEFAULT 0 CHECK (baseline IN (0, 1)),
    deliver INTEGER NOT NULL DEFAULT 0 CHECK (deliver IN (0, 1)),
    delivered_at TEXT,
    attempts INTEGER NOT NULL DEFAULT 0,
    last_error TEXT,
    UNIQUE (watch_id, event_key)
);
CREATE INDEX alerts_created ON alerts(created) WHERE baseline = 0;
CREATE INDEX alerts_pending ON alerts(deliver, delivered_at) WHERE deliver = 1;

CREATE TABLE settings (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
"""

# Migration 6: why a ledger claim has its status: the status rule's sentence (``status_rules.yaml``
# ``reason``) and the statements behind it (JSON list of statement pks, the latest of each side the
# rule counts). Recomputed with the status on every refresh.
MIGRATION_6 = """
ALTER TABLE ledger_claims ADD COLUMN status_reason TEXT NOT NULL DEFAULT '';
ALTER TABLE ledger_claims ADD COLUMN status_statements TEXT NOT NULL DEFAULT '[]';
"""

# Migration 7: an article claim's predicate frame (``Claim.frame``: its main verb's lemma with
# polarity, "send" / "not open"), which the matching's same_frame level compares; and links between
# ledger claims that are related but not the same proposition (an umbrella claim and a specific one:
# "troops were sent" / "troops are in combat"), so a reader sees both. Older claims keep NULL.
# ``statements.refers``: the ledger claim a reference-only content ("rejected the claims") was linked
# to by the ledger (claimwatch.ledger.references), not by the extractor.
MIGRATION_7 = """
ALTER TABLE claims ADD COLUMN frame TEXT;
ALTER TABLE statements ADD COLUMN refers INTEGER REFERENCES ledger_claims(id) ON DELETE SET NULL;
CREATE TABLE ledger_claim_links (
    ledger_claim_id INTEGER NOT NULL REFERENCES ledger_claims(id) ON DELETE CASCADE,
    related_id INTEGER NOT NULL REFERENCES ledger_claims(id) ON DELETE CASCADE,
    kind TEXT NOT NULL DEFAULT 'related',
    PRIMARY KEY (ledger_claim_id, related_id)
);
CREATE INDEX ledger_claim_links_related ON ledger_claim_links(related_id);
"""

MIGRATIONS: tuple[str, ...] = (MIGRATION_1, MIGRATION_2, MIGRATION_3, MIGRATION_4, MIGRATION_5, MIGRATION_6,
                               MIGRATION_7)


def _statements(script: str):
    """Split a script into complete SQL statements (trigger bodies stay whole)."""
    buffer = ""
    for line in script.splitlines(keepends=True):
        buffer += line
        if sqlite3.complete_statement(buffer):
            if buffer.strip():
                yield buffer.strip()
            buffer = ""
    if buffer.strip() and not buffer.strip().startswith("--"):
        raise LedgerError(f"migration ends in an incomplete statement: {buffer.strip()[:60]}")


def schema_version(conn: sqlite3.Connection) -> int:
    return int(conn.execute("PRAGMA user_version").fetchone()[0])


def migrate(conn: sqlite3.Connection, migrations: Sequence[str] = MIGRATIONS) -> int:
    """Apply the migrations the database has not seen yet, each in its own transaction; return the version.

    The connection must be in autocommit mode (``isolation_level=None``). Safe to call on every open.
    """
    for number, script in enumerate(migrations, start=1):
        conn.execute("BEGIN IMMEDIATE")
        try:
            current = schema_version(conn)
            if current > len(migrations):
                raise LedgerError(
                    f"the ledger has schema version {current} but this claimwatch knows only up to "
                    f"{len(migrations)}; upgrade claimwatch or use another --db file"
                )
            if current < number:
                for statement in _statements(script):
                    conn.execute(statement)
                conn.execute(f"PRAGMA user_version = {number}")
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
    return schema_version(conn)
