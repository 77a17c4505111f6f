"""The SQLite ledger: every analysed article with its statements, claims and actors, kept across runs.

Each article is written in one ``BEGIN IMMEDIATE`` transaction, so a crash or an error mid-article
leaves nothing behind; adding an article the ledger already holds is a no-op. Near-duplicates are
linked to their original as they arrive; the LSH index lives in memory, is built from the
signatures stored with each article and picks up rows other processes added since.
"""
from __future__ import annotations

import json
import sqlite3
from collections import OrderedDict
from dataclasses import dataclass, replace
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Iterable, Optional

from claimwatch.lexicons.schema import load_gazetteer
from claimwatch.ledger import dedupe, stories
from claimwatch.ledger.claims import ClaimBook, EmbedderFactory
from claimwatch.ledger.stories.assign import StoryCache
from claimwatch.ledger.errors import LedgerError
from claimwatch.ledger.known_names import plain_surname
from claimwatch.ledger.schema import migrate
from claimwatch.ledger.wires import detect_wire_source
from claimwatch.model import (Actor, Analysis, Article, Claim, Evidence, Mention, Quantity, Statement,
                              article_id)

DEFAULT_PATH = "claimwatch.db"
SHINGLE_CACHE = 1024  # stored articles whose shingle sets _find_original keeps (~50 kB each)
_ARTICLE_COLUMNS = "id, title, url, outlet, published, published_is_fallback, text, path"


@dataclass(frozen=True)
class ArticleRecord:
    """An article with what the ledger knows about it beyond the Article itself."""

    article: Article
    content_hash: str
    near_duplicate_of: Optional[str]
    similarity: Optional[float]
    wire_source: Optional[str]
    ingested_at: str

    @property
    def independent(self) -> bool:
        """False for a copy of an earlier article: it must not be counted as a separate source."""
        return self.near_duplicate_of is None


def _json(items: Iterable[Any]) -> str:
    return json.dumps(list(items), ensure_ascii=False)


def _span(start: Optional[int], end: Optional[int]):
    return None if start is None else (start, end)


class Ledger:
    """A claimwatch ledger file; use as a context manager or call ``close()``."""

    def __init__(self, path: str | Path = DEFAULT_PATH, embedder: Optional[EmbedderFactory] = None) -> None:
        """Open (creating and migrating) the ledger; ``embedder`` overrides the sentence-embedding model
        used to match claims (a callable returning an Embedder or None for lexical matching only)."""
        self.path = str(path)
        try:
            self._conn = sqlite3.connect(self.path, isolation_level=None, timeout=30.0)
        except sqlite3.Error as exc:
            raise LedgerError(f"cannot open ledger {self.path}: {exc}") from exc
        self._conn.row_factory = sqlite3.Row
        try:
            self._conn.execute("PRAGMA foreign_keys = ON")
            if self.path != ":memory:":
                self._conn.execute("PRAGMA journal_mode = WAL")
            self.version = migrate(self._conn)
        except sqlite3.DatabaseError as exc:
            self._conn.close()
            raise LedgerError(f"{self.path} is not a claimwatch ledger ({exc}); choose another --db file") from exc
        self._index: Optional[dedupe.NearDuplicateIndex] = None
        self._indexed_rowid = 0
        self.claims = ClaimBook(self._conn, embedder)
        self._stories = StoryCache()  # story dfs, profiles and links, trusted like the claims' member index
        self.claims.share_trust(self._stories.clear)
        self._shingled: OrderedDict[str, tuple[str, set[str]]] = OrderedDict()  # id -> (text, shingles)
        self.claims.share_trust(self._shingled.clear)

    # -- lifecycle -------------------------------------------------------------------------------
    def close(self) -> None:
        self._conn.close()

    def __enter__(self) -> "Ledger":
        return self

    def __exit__(self, *exc_info) -> None:
        self.close()

    @property
    def connection(self) -> sqlite3.Connection:
        """The underlying connection, for named queries layered on the ledger."""
        return self._conn

    # -- writing ---------------------------------------------------------------------------------
    def _with_known_names(self, analysis: Analysis) -> Analysis:
        """A person named only by surname here ("Zelensky") takes the full name the ledger already
        knows ("Volodymyr Zelensky") when exactly one stored person has that surname."""
        renames: dict[str, str] = {}
        known = None
        for actor in analysis.actors:
            # a lone capitalised word the gazetteer does not know may be a surname the NER mislabelled
            if actor.kind not in ("person", "group", "organization") or " " in actor.name.strip() \
                    or not actor.name[:1].isupper() or load_gazetteer().lookup(actor.name) is not None:
                continue
            known = known or self.claims.known_names()
            if known is not None and plain_surname(actor.name):
                names = list(known.full_names(actor.name))
            else:
                names = [r[0] for r in self._conn.execute(
                    "SELECT DISTINCT name FROM actors WHERE kind = 'person' AND name LIKE ?", (f"% {actor.name}",))]
            if len(names) == 1:
                renames[actor.name] = names[0]
        if not renames:
            return analysis
        actors = tuple(replace(a, name=renames[a.name], aliases=tuple(dict.fromkeys(a.aliases + (a.name,))))
                       if a.name in renames else a for a in analysis.actors)
        statements = tuple(replace(st, source=renames.get(st.source, st.source)) for st in analysis.statements)
        return replace(analysis, actors=actors, statements=statements)

    def add_analysis(self, analysis: Analysis) -> bool:
        """Store one analysed article and everything extracted from it, atomically.

        Returns False (and writes nothing) when the ledger already holds the article, by id or by
        content hash. A near-duplicate of a stored article is stored linked to its original.
        """
        article = analysis.article
        if not article.id:
            article = replace(article, id=article_id(article.text))
        _check_references(analysis)
        digest = dedupe.content_hash(article.text)
        if self._exists(article.id, digest):
            return False
        analysis = self._with_known_names(analysis)
        shingle_set = dedupe.shingles(article.text)
        minhash = dedupe.signature(shingle_set)
        original, similarity = self._find_original(shingle_set, minhash)
        prepared = self.claims.prepare(analysis)
        story_features = stories.article_features(analysis, self.claims.embedder)
        conn = self._conn
        try:
            conn.execute("BEGIN IMMEDIATE")
        except sqlite3.OperationalError as exc:  # locked past the timeout, or a read-only file
            raise LedgerError(f"cannot write to ledger {self.path}: {exc}") from exc
        self.claims.begin()  # drops every writer cache when another writer or command changed the file
        try:
            if self._exists(article.id, digest):  # another writer got there first
                conn.execute("ROLLBACK")
                self.claims.rolled_back()
                return False
            self._insert_article(article, digest, original, similarity, dedupe.signature_to_bytes(minhash),
                                 analysis.warnings)
            self._insert_actors(article.id, analysis.actors)
            claim_pks = self._insert_claims(article.id, analysis.claims)
            self._insert_statements(article.id, analysis.statements, claim_pks)
            self.claims.attach(prepared, claim_pks, independent=original is None,
                               published=None if article.published_is_fallback else article.published)
            stories.assign(conn, article.id, story_features, cache=self._stories)  # same transaction: never storyless
            self.claims.refer(article.id)  # after the story: a reference with nothing before it names the story's claim
            conn.execute("COMMIT")
            self.claims.committed()
            if len(shingle_set) >= dedupe.MIN_SHINGLES:  # a possible original of the next copies
                self._shingles_of(article.id, article.text, shingle_set)
        except sqlite3.IntegrityError as exc:
            self._rollback()
            raise LedgerError(f"article {article.id} could not be stored: {exc}") from exc
        except sqlite3.OperationalError as exc:  # disk full, read-only file, I/O error
            self._rollback()
            raise LedgerError(f"article {article.id} could not be stored in {self.path}: {exc}; "
                              "nothing of it was written (check free disk space and file permissions)") from exc
        except BaseException:
            self._rollback()
            raise
        return True

    def _rollback(self) -> None:
        _rollback(self._conn)
        self.claims.rolled_back()  # drops the story cache too

    def _exists(self, article_id_: str, digest: str) -> bool:
        row = self._conn.execute(
            "SELECT 1 FROM articles WHERE id = ? OR content_hash = ? LIMIT 1", (article_id_, digest)
        ).fetchone()
        return row is not None

    def _insert_article(self, article: Article, digest: str, original: Optional[str], similarity: Optional[float],
                        minhash: bytes, warnings: Iterable[str]) -> None:
        self._conn.execute(
            f"INSERT INTO articles ({_ARTICLE_COLUMNS}, content_hash, near_duplicate_of, similarity, wire_source,"
            " minhash, warnings, ingested_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (article.id, article.title, article.url, article.outlet, article.published,
             int(article.published_is_fallback), article.text, article.path, digest, original, similarity,
             detect_wire_source(article.text), minhash, _json(warnings),
             datetime.now(timezone.utc).isoformat(timespec="seconds")),
        )

    def _insert_actors(self, article_id_: str, actors: Iterable[Actor]) -> None:
        self._conn.executemany(
            "INSERT INTO actors (article_id, pos, name, kind, role, affiliation, aliases, mentions)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            [(article_id_, pos, a.name, a.kind, a.role, a.affiliation, _json(a.aliases),
              _json(m.to_dict() for m in a.mentions)) for pos, a in enumerate(actors)],
        )
        if self.claims.names.loaded:  # loaded inside this write session, so trusted: keep it in step
            self.claims.names.add((a.name, a.kind, a.affiliation) for a in actors)

    def _insert_claims(self, article_id_: str, claims: Iterable[Claim]) -> dict[str, int]:
        pks: dict[str, int] = {}
        for pos, c in enumerate(claims):
            cursor = self._conn.execute(
                'INSERT INTO claims (article_id, pos, id, text, "group", subject, predicate, object, quantities, frame)'
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (article_id_, pos, c.id, c.text, c.group, c.subject, c.predicate, c.object,
                 _json(q.to_dict() for q in c.quantities), c.frame),
            )
            pks[c.id] = cursor.lastrowid
        return pks

    def _insert_statements(self, article_id_: str, statements: Iterable[Statement], claim_pks: dict[str, int]) -> None:
        for pos, s in enumerate(statements):
            source_span = s.source_span or (None, None)
            cursor = self._conn.execute(
                "INSERT INTO statements (article_id, pos, id, source, source_start, source_end, cue, cue_start,"
                " cue_end, content, content_start, content_end, stance, act, certainty, conditional, distanced,"
                " evidence, quantities, quotes, hedges, via)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (article_id_, pos, s.id, s.source, source_span[0], source_span[1], s.cue, s.cue_span[0],
                 s.cue_span[1], s.content, s.content_span[0], s.content_span[1], s.stance, s.act, s.certainty,
                 int(s.conditional), int(s.distanced), _json(e.to_dict() for e in s.evidence),
                 _json(q.to_dict() for q in s.quantities), _json(list(q) for q in s.quotes), _json(s.hedges),
                 _json(s.via)),
            )
            self._conn.executemany(
                "INSERT INTO statement_claims (statement_pk, claim_pk, pos) VALUES (?, ?, ?)",
                [(cursor.lastrowid, claim_pks[claim], n) for n, claim in enumerate(s.claims)],
            )

    # -- near duplicates -------------------------------------------------------------------------
    def rebuild_index(self) -> dedupe.NearDuplicateIndex:
        """Rebuild the in-memory LSH index from the signatures stored in the ledger."""
        self._index = dedupe.NearDuplicateIndex()
        self._indexed_rowid = 0
        return self._refresh_index()

    def _refresh_index(self) -> dedupe.NearDuplicateIndex:
        """Add signatures stored since the last look, including those written by other processes."""
        index = self._index if self._index is not None else self.rebuild_index()
        rows = self._conn.execute(
            "SELECT rowid, id, minhash FROM articles WHERE rowid > ? AND minhash IS NOT NULL ORDER BY rowid",
            (self._indexed_rowid,),
        ).fetchall()
        for row in rows:
            index.add(row["id"], dedupe.signature_from_bytes(row["minhash"]))
            self._indexed_rowid = row["rowid"]
        return index

    def _find_original(self, shingle_set: set[str], minhash) -> tuple[Optional[str], Optional[float]]:
        """The stored article this text copies (its own original when that is a copy too), if any."""
        if len(shingle_set) < dedupe.MIN_SHINGLES:
            return None, None
        keys = self._refresh_index().candidates(minhash)
        if not keys:
            return None, None
        marks = ",".join("?" * len(keys))
        rows = self._conn.execute(
            f"SELECT id, text, near_duplicate_of FROM articles WHERE id IN ({marks})", keys
        ).fetchall()
        match = dedupe.best_match(shingle_set, {r["id"]: self._shingles_of(r["id"], r["text"]) for r in rows})
        if match is None:
            return None, None
        key, score = match
        root = next(r["near_duplicate_of"] for r in rows if r["id"] == key) or key
        return root, round(score, 4)

    def _shingles_of(self, key: str, text: str, known: Optional[set[str]] = None) -> set[str]:
        """``dedupe.shingles(text)`` of a stored article, kept for the most recently used
        ``SHINGLE_CACHE`` ones: copies of one story keep meeting the same originals. An entry is used
        only for the very text it was made from."""
        cached = self._shingled.get(key)
        if cached is not None and cached[0] == text:
            self._shingled.move_to_end(key)
            return cached[1]
        found = known if known is not None else dedupe.shingles(text)
        self._shingled[key] = (text, found)
        if len(self._shingled) > SHINGLE_CACHE:
            self._shingled.popitem(last=False)
        return found

    # -- reading ---------------------------------------------------------------------------------
    def has_article(self, article_id_: str) -> bool:
        return self._conn.execute("SELECT 1 FROM articles WHERE id = ?", (article_id_,)).fetchone() is not None

    def has_content(self, digest: str) -> bool:
        """True when an article with this content hash (see ``dedupe.content_hash``) is stored."""
        return self._conn.execute("SELECT 1 FROM articles WHERE content_hash = ?", (digest,)).fetchone() is not None

    def articles(self) -> list[Article]:
        """Every stored article, oldest publication first (then in ingestion order)."""
        rows = self._conn.execute(f"SELECT {_ARTICLE_COLUMNS} FROM articles ORDER BY published, rowid")
        return [_article(r) for r in rows]

    def article(self, article_id_: str) -> Optional[Article]:
        record = self.article_record(article_id_)
        return record.article if record else None

    def article_record(self, article_id_: str) -> Optional[ArticleRecord]:
        """The article with its hash, near-duplicate link, wire source and ingestion time."""
        row = self._conn.execute(
            f"SELECT {_ARTICLE_COLUMNS}, content_hash, near_duplicate_of, similarity, wire_source, ingested_at"
            " FROM articles WHERE id = ?", (article_id_,),
        ).fetchone()
        if row is None:
            return None
        return ArticleRecord(article=_article(row), content_hash=row["content_hash"],
                             near_duplicate_of=row["near_duplicate_of"], similarity=row["similarity"],
                             wire_source=row["wire_source"], ingested_at=row["ingested_at"])

    def statements_for_article(self, article_id_: str) -> list[Statement]:
        rows = self._conn.execute("SELECT * FROM statements WHERE article_id = ? ORDER BY pos", (article_id_,))
        return [self._statement(r) for r in rows.fetchall()]

    def claims_for_article(self, article_id_: str) -> list[Claim]:
        rows = self._conn.execute("SELECT * FROM claims WHERE article_id = ? ORDER BY pos", (article_id_,))
        return [_claim(r) for r in rows]

    def actors_for_article(self, article_id_: str) -> list[Actor]:
        rows = self._conn.execute("SELECT * FROM actors WHERE article_id = ? ORDER BY pos", (article_id_,))
        return [_actor(r) for r in rows]

    def analysis(self, article_id_: str) -> Optional[Analysis]:
        """The stored Analysis of one article, equal to the one that was added."""
        article = self.article(article_id_)
        if article is None:
            return None
        warnings = self._conn.execute("SELECT warnings FROM articles WHERE id = ?", (article_id_,)).fetchone()[0]
        return Analysis(article=article, statements=tuple(self.statements_for_article(article_id_)),
                        claims=tuple(self.claims_for_article(article_id_)),
                        actors=tuple(self.actors_for_article(article_id_)), warnings=tuple(json.loads(warnings)))

    def search(self, text: str, limit: int = 50) -> list[tuple[Statement, Article]]:
        """Statements whose content contains every word of ``text`` (stemmed), best match first."""
        words = [w for w in "".join(c if c.isalnum() else " " for c in text).split()]
        if not words:
            return []
        query = " ".join('"' + w.replace('"', '""') + '"' for w in words)
        rows = self._conn.execute(
            "SELECT s.*, " + ", ".join(f"a.{c} AS a_{c}" for c in _ARTICLE_COLUMNS.split(", "))
            + " FROM statements_fts JOIN statements s ON s.pk = statements_fts.rowid"
            " JOIN articles a ON a.id = s.article_id WHERE statements_fts MATCH ?"
            " ORDER BY bm25(statements_fts), a.published, s.pos LIMIT ?",
            (query, int(limit)),
        ).fetchall()
        return [(self._statement(r), _article(r, prefix="a_")) for r in rows]

    def _statement(self, row: sqlite3.Row) -> Statement:
        # a reference the ledger linked to a claim (``refers``, claimwatch.ledger.references) bore on
        # no claim of its article as extracted: the stored analysis stays the one that was added
        claims = [] if "refers" in row.keys() and row["refers"] is not None else self._conn.execute(
            "SELECT c.id FROM statement_claims sc JOIN claims c ON c.pk = sc.claim_pk"
            " WHERE sc.statement_pk = ? ORDER BY sc.pos", (row["pk"],),
        ).fetchall()
        return Statement(
            id=row["id"], source=row["source"], cue=row["cue"], cue_span=(row["cue_start"], row["cue_end"]),
            content=row["content"], content_span=(row["content_start"], row["content_end"]),
            stance=row["stance"], act=row["act"], certainty=row["certainty"],
            conditional=bool(row["conditional"]), distanced=bool(row["distanced"]),
            source_span=_span(row["source_start"], row["source_end"]),
            evidence=tuple(Evidence.from_dict(e) for e in json.loads(row["evidence"])),
            quantities=tuple(Quantity.from_dict(q) for q in json.loads(row["quantities"])),
            claims=tuple(c[0] for c in claims), quotes=tuple(tuple(q) for q in json.loads(row["quotes"])),
            hedges=tuple(json.loads(row["hedges"])), via=tuple(json.loads(row["via"] or "[]")),
        )


def _rollback(conn: sqlite3.Connection) -> None:
    """Roll back if a transaction is still open: SQLite ends it itself on some errors (a full disk),
    and a failing ROLLBACK must not hide the error that caused it."""
    if conn.in_transaction:
        try:
            conn.execute("ROLLBACK")
        except sqlite3.Error:
            pass


def _check_references(analysis: Analysis) -> None:
    """Every claim a statement points to must be among the analysis's claims."""
    known = {c.id for c in analysis.claims}
    for s in analysis.statements:
        missing = [c for c in s.claims if c not in known]
        if missing:
            raise LedgerError(f"statement {s.id} refers to unknown claim(s) {', '.join(missing)}")


def _article(row: sqlite3.Row, prefix: str = "") -> Article:
    return Article(
        text=row[f"{prefix}text"], id=row[f"{prefix}id"], title=row[f"{prefix}title"], url=row[f"{prefix}url"],
        outlet=row[f"{prefix}outlet"], published=row[f"{prefix}published"],
        published_is_fallback=bool(row[f"{prefix}published_is_fallback"]), path=row[f"{prefix}path"],
    )


def _claim(row: sqlite3.Row) -> Claim:
    return Claim(id=row["id"], text=row["text"], group=row["group"], subject=row["subject"],
                 predicate=row["predicate"], object=row["object"],
                 quantities=tuple(Quantity.from_dict(q) for q in json.loads(row["quantities"])),
                 frame=row["frame"] if "frame" in row.keys() else None)


def _actor(row: sqlite3.Row) -> Actor:
    return Actor(name=row["name"], kind=row["kind"], role=row["role"], affiliation=row["affiliation"],
                 aliases=tuple(json.loads(row["aliases"])),
                 mentions=tuple(Mention.from_dict(m) for m in json.loads(row["mentions"])))
