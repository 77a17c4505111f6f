"""Claims across articles: each article's claim joins a ledger claim, whose status and timeline follow.

Features (and embeddings) are computed before the article's transaction; inside it, each claim is
matched against the members of existing ledger claims (:mod:`claimwatch.ledger.matching`) or starts a
new one, and every ledger claim it touched gets its status, timeline and quantity history
recomputed from all its statements in date order (:mod:`claimwatch.ledger.status`), so an article
that arrives late still lands in the right place in the history.
"""
from __future__ import annotations

import json
import logging
import re
import sqlite3
from dataclasses import dataclass
from typing import Callable, Mapping, Optional, Sequence

import numpy as np

from claimwatch.ledger import embeddings as emb
from claimwatch.ledger import matching
from claimwatch.ledger.member_index import MemberIndex
from claimwatch.ledger.status import Fact, load_rules, timeline
from claimwatch.model import Analysis, Claim, Quantity

log = logging.getLogger("claimwatch.ledger")

EmbedderFactory = Callable[[], Optional[emb.Embedder]]


@dataclass(frozen=True)
class PreparedClaim:
    """An article's claim with its matching features, ready to be attached inside a transaction."""

    claim: Claim
    features: matching.ClaimFeatures


def root_type(event_type: Optional[str]) -> Optional[str]:
    parents = matching.event_type_parents()
    seen = set()
    while event_type in parents and event_type not in seen:
        seen.add(event_type)
        event_type = parents[event_type]
    return event_type


def story_key(agent: Optional[str], event_type: Optional[str]) -> str:
    """A coarse story label: the agent and the root of the event type ("north-korea:military_involvement")."""
    who = re.sub(r"[^a-z0-9]+", "-", (agent or "unknown").casefold()).strip("-") or "unknown"
    return f"{who}:{root_type(event_type) or 'other'}"


class ClaimBook:
    """The ledger-claim layer over one open ledger connection."""

    def __init__(self, conn: sqlite3.Connection, embedder: Optional[EmbedderFactory] = None) -> None:
        self._conn = conn
        self._embedder_factory = embedder if embedder is not None else emb.get_embedder
        self._vectors: dict[tuple[int, str], np.ndarray] = {}
        self.checked_pending = False  # set by the read queries once unmatched claims have been matched
        self._index: Optional[MemberIndex] = None  # see member_index: trusted only inside a write we began
        self._stamp: Optional[tuple[int, int]] = None  # (data_version, total_changes) after our last commit
        self._writing = False

    # -- the member index's write sessions -------------------------------------------------------
    def _now(self) -> tuple[int, int]:
        return self._conn.execute("PRAGMA data_version").fetchone()[0], self._conn.total_changes

    def begin(self) -> bool:
        """Call right after ``BEGIN IMMEDIATE``: keeps the member index only if nothing wrote since our
        commit; False when it was dropped (other caches of the writer must go too)."""
        trusted = self._stamp == self._now()
        if not trusted:
            self._index = None
        self._writing = True
        return trusted

    def committed(self) -> None:
        """Call right after ``COMMIT``."""
        self._writing = False
        self._stamp = self._now()

    def rolled_back(self) -> None:
        """Call after a rollback: what the index learnt in the transaction may be gone."""
        self._writing = False
        self._index = None
        self._stamp = None

    def _members(self) -> MemberIndex:
        if not self._writing:  # a caller outside a session we began: trust nothing cached
            self._index = None
        if self._index is None:
            self._index = MemberIndex.load(self._conn)
        return self._index

    @property
    def embedder(self) -> Optional[emb.Embedder]:
        return self._embedder_factory()

    # -- preparing (outside the write transaction) ---------------------------------------------
    def prepare(self, analysis: Analysis) -> list[PreparedClaim]:
        """Features of each claim of ``analysis``, with embeddings when the model is installed."""
        embedder = self.embedder
        vectors = embedder.embed([c.text for c in analysis.claims]) if embedder and analysis.claims else None
        return [PreparedClaim(c, matching.features(c, (), None if vectors is None else vectors[i]))
                for i, c in enumerate(analysis.claims)]

    # -- attaching (inside the article's transaction) ------------------------------------------
    def attach(self, prepared: Sequence[PreparedClaim], claim_pks: dict[str, int]) -> set[int]:
        """Match each prepared claim to a ledger claim (or create one); refresh those touched."""
        touched: set[int] = set()
        for item in prepared:
            touched.add(self._attach_one(item, claim_pks[item.claim.id]))
        for ledger_id in sorted(touched):
            self.refresh(ledger_id)
        return touched

    def _attach_one(self, item: PreparedClaim, claim_pk: int) -> int:
        index = self._members()
        if item.features.embedding is not None and self.embedder is not None:
            index.fill_vectors(self._conn, self.embedder.embed, item.features.agent)
        found = index.best_match(item.features)
        blob = emb.to_bytes(item.features.embedding) if item.features.embedding is not None else None
        if found is None:
            f = item.features
            cursor = self._conn.execute(
                "INSERT INTO ledger_claims (text, event_type, agent, story) VALUES (?, ?, ?, ?)",
                (item.claim.text, f.event_type, f.agent, story_key(f.agent, f.event_type)))
            ledger_id, score, method = cursor.lastrowid, None, "new"
            index.set_agent(ledger_id, f.agent)
        else:
            ledger_id, result = found
            score, method = result.score, result.level
            agent = self._conn.execute(
                "UPDATE ledger_claims SET event_type = COALESCE(event_type, ?), agent = COALESCE(agent, ?)"
                " WHERE id = ? RETURNING agent", (item.features.event_type, item.features.agent, ledger_id)).fetchone()
            index.set_agent(ledger_id, agent[0] if agent else None)
        self._conn.execute(
            "INSERT OR REPLACE INTO ledger_claim_members (claim_pk, ledger_claim_id, score, method, embedding)"
            " VALUES (?, ?, ?, ?, ?)", (claim_pk, ledger_id, score, method, blob))
        index.add(ledger_id, claim_pk, item.claim.text, item.claim.predicate, item.claim.subject, emb.from_bytes(blob))
        return ledger_id

    def _candidates(self, f: matching.ClaimFeatures) -> list[tuple[int, matching.ClaimFeatures]]:
        """Members of ledger claims whose agent does not rule them out, as (ledger id, features).

        Member vectors are kept in memory by (pk, text) once read, so a large ledger is not re-read
        from disk for every new claim; the text in the key guards against a pk reused after a rollback.
        """
        rows = self._conn.execute(
            "SELECT m.ledger_claim_id, c.pk, c.text, c.subject, c.predicate"
            " FROM ledger_claim_members m JOIN claims c ON c.pk = m.claim_pk"
            " JOIN ledger_claims l ON l.id = m.ledger_claim_id"
            " WHERE ? IS NULL OR l.agent IS NULL OR l.agent = ? COLLATE NOCASE ORDER BY m.ledger_claim_id, c.pk",
            (f.agent, f.agent)).fetchall()
        want_vectors = f.embedding is not None
        if want_vectors:
            self._load_vectors([r for r in rows if (r["pk"], r["text"]) not in self._vectors])
        return [(r["ledger_claim_id"], matching.make_features(
            r["text"], r["predicate"], r["subject"],
            embedding=self._vectors.get((r["pk"], r["text"])) if want_vectors else None)) for r in rows]

    def _load_vectors(self, rows: list[sqlite3.Row]) -> None:
        """Read stored member vectors into the cache; embed (and store) those that have none."""
        missing = []
        for r in rows:
            blob = self._conn.execute("SELECT embedding FROM ledger_claim_members WHERE claim_pk = ?",
                                      (r["pk"],)).fetchone()[0]
            vector = emb.from_bytes(blob)
            if vector is None:
                missing.append(r)
            else:
                self._vectors[(r["pk"], r["text"])] = vector
        if missing and self.embedder is not None:
            for row, vector in zip(missing, self.embedder.embed([r["text"] for r in missing])):
                self._vectors[(row["pk"], row["text"])] = vector
                self._conn.execute("UPDATE ledger_claim_members SET embedding = ? WHERE claim_pk = ?",
                                   (emb.to_bytes(vector), row["pk"]))

    # -- status, timeline, quantities ----------------------------------------------------------
    def facts(self, ledger_id: int) -> list[Fact]:
        """The claim's statements from independent articles, oldest first, as status facts."""
        rows = self._conn.execute(
            "SELECT DISTINCT s.pk, s.source, s.stance, s.certainty, s.conditional, s.quantities, s.article_id,"
            " s.pos, s.via, a.published, a.rowid AS arow, src.source_key,"
            " (SELECT affiliation FROM actors x WHERE x.article_id = s.article_id AND x.name = s.source"
            "  ORDER BY x.pos LIMIT 1) AS affiliation,"
            " (SELECT kind FROM actors x WHERE x.article_id = s.article_id AND x.name = s.source"
            "  ORDER BY x.pos LIMIT 1) AS kind"
            " FROM ledger_claim_members m JOIN statement_claims sc ON sc.claim_pk = m.claim_pk"
            " JOIN statements s ON s.pk = sc.statement_pk JOIN articles a ON a.id = s.article_id"
            " JOIN article_sources src ON src.id = a.id"
            " WHERE m.ledger_claim_id = ? AND src.independent"
            " ORDER BY a.published IS NULL, a.published, arow, s.pos", (ledger_id,)).fetchall()
        facts = []
        config = matching.load_config()
        for r in rows:
            if r["kind"] in ("anonymous", "unnamed") or r["source"] == "unnamed":
                # "Ukrainian officials" speak for Ukraine; "officials" for no one we can name
                side = matching.resolve_side(None if r["source"] == "unnamed" else r["source"], r["affiliation"])
            else:
                side = self.side(r["source"], r["affiliation"])
            facts.append(Fact(statement_pk=r["pk"], date=r["published"], source=r["source"], side=side,
                              stance=r["stance"], certainty=r["certainty"], conditional=bool(r["conditional"]),
                              source_key=r["source_key"], article_id=r["article_id"],
                              via=tuple(json.loads(r["via"] or "[]")),
                              quantities=tuple(q for q in map(Quantity.from_dict, json.loads(r["quantities"]))
                                               if config.keeps(q))))
        return facts

    def side(self, source: str, affiliation: Optional[str] = None) -> str:
        """The side a source speaks for; a bare surname ("Zelensky") borrows the affiliation the
        ledger knows for the full name ("Volodymyr Zelensky", Ukraine)."""
        side = matching.resolve_side(source, affiliation)
        if side is None and source and source.strip():
            # A person named without affiliation in this article speaks for the side other articles
            # give the same name, so one speaker never counts as two sides.
            name = source.strip()
            row = self._conn.execute(
                "SELECT affiliation FROM actors WHERE affiliation IS NOT NULL AND kind = 'person'"
                " AND name = ? GROUP BY affiliation ORDER BY COUNT(*) DESC LIMIT 1", (name,)).fetchone()
            if row is None and " " not in name:
                row = self._conn.execute(
                    "SELECT affiliation FROM actors WHERE affiliation IS NOT NULL AND kind = 'person'"
                    " AND name LIKE ? GROUP BY affiliation ORDER BY COUNT(*) DESC LIMIT 1", ("% " + name,)).fetchone()
            side = matching.resolve_side(None, row[0]) if row else None
        return side or matching.side_of(source, affiliation) or source

    def parties(self, ledger_id: int) -> frozenset[str]:
        texts = [r[0] for r in self._conn.execute(
            "SELECT c.text FROM ledger_claim_members m JOIN claims c ON c.pk = m.claim_pk"
            " WHERE m.ledger_claim_id = ?", (ledger_id,))]
        return frozenset(p for t in texts for p in matching.named_places(t))

    def refresh(self, ledger_id: int, factors: Optional[Mapping[tuple[str, int], float]] = None) -> str:
        """Recompute status, first/last seen, timeline and quantity history of one ledger claim.

        ``factors`` weighs sides by their track record (see :mod:`claimwatch.ledger.records`); None
        follows ``record_weighting`` in the status rules, an empty mapping weighs nothing."""
        row = self._conn.execute("SELECT agent FROM ledger_claims WHERE id = ?", (ledger_id,)).fetchone()
        agent = matching.side_of(row["agent"]) if row["agent"] else None
        facts = self.facts(ledger_id)
        if factors is None and load_rules().record_weighting:
            from claimwatch.ledger.records import record_factors

            factors = record_factors(self, exclude=ledger_id)
        result = timeline(facts, agent=agent, parties=self.parties(ledger_id) - {agent}, factors=factors)
        dates = self._conn.execute(
            "SELECT MIN(a.published), MAX(a.published) FROM ledger_claim_members m JOIN claims c ON c.pk = m.claim_pk"
            " JOIN articles a ON a.id = c.article_id WHERE m.ledger_claim_id = ?", (ledger_id,)).fetchone()
        self._conn.execute("UPDATE ledger_claims SET status = ?, first_seen = ?, last_seen = ? WHERE id = ?",
                           (result.status, dates[0], dates[1], ledger_id))
        self._conn.execute("DELETE FROM claim_events WHERE ledger_claim_id = ?", (ledger_id,))
        self._conn.executemany(
            "INSERT INTO claim_events (ledger_claim_id, date, kind, from_status, to_status, statement_pk, note)"
            " VALUES (?, ?, ?, ?, ?, ?, ?)",
            [(ledger_id, e.date, e.kind, e.from_status, e.to_status, e.statement_pk, e.note) for e in result.events])
        self._conn.execute("DELETE FROM claim_quantities WHERE ledger_claim_id = ?", (ledger_id,))
        self._conn.executemany(
            "INSERT INTO claim_quantities (ledger_claim_id, value, unit, text, approximate, statement_pk, date)"
            " VALUES (?, ?, ?, ?, ?, ?, ?)",
            [(ledger_id, q.value, q.unit, q.text, int(q.approximate), f.statement_pk, f.date)
             for f in facts for q in f.quantities])
        return result.status

    # -- older ledgers ---------------------------------------------------------------------------
    def pending(self) -> int:
        """How many stored article claims belong to no ledger claim (ledgers made before migration 2)."""
        return self._conn.execute(
            "SELECT COUNT(*) FROM claims c LEFT JOIN ledger_claim_members m ON m.claim_pk = c.pk"
            " WHERE m.claim_pk IS NULL").fetchone()[0]

    def match_pending(self) -> int:
        """Attach every unmatched article claim, article by article in date order, in one transaction each."""
        articles = [r[0] for r in self._conn.execute(
            "SELECT DISTINCT a.id FROM claims c JOIN articles a ON a.id = c.article_id"
            " LEFT JOIN ledger_claim_members m ON m.claim_pk = c.pk WHERE m.claim_pk IS NULL"
            " ORDER BY a.published, a.rowid")]
        done = 0
        for article_id in articles:
            rows = self._conn.execute(
                "SELECT c.* FROM claims c LEFT JOIN ledger_claim_members m ON m.claim_pk = c.pk"
                " WHERE c.article_id = ? AND m.claim_pk IS NULL ORDER BY c.pos", (article_id,)).fetchall()
            claims = [Claim(id=r["id"], text=r["text"], group=r["group"], subject=r["subject"],
                            predicate=r["predicate"], object=r["object"],
                            quantities=tuple(Quantity.from_dict(q) for q in json.loads(r["quantities"])))
                      for r in rows]
            prepared = self.prepare(Analysis(article=_stub(article_id), claims=tuple(claims)))
            self._conn.execute("BEGIN IMMEDIATE")
            self.begin()
            try:
                self.attach(prepared, {r["id"]: r["pk"] for r in rows})
                self._conn.execute("COMMIT")
                self.committed()
            except BaseException:
                self._conn.execute("ROLLBACK")
                self.rolled_back()
                raise
            done += len(rows)
        return done


def _stub(article_id: str):
    from claimwatch.model import Article

    return Article(text="", id=article_id)
