"""Claims across articles: each article's claim joins a ledger claim, whose status and timeline follow.

Features (and embeddings) are computed before the article's transaction; inside it, each claim is
matched against the members of existing ledger claims (:mod:`claimwatch.ledger.matching`) or starts a
new one, and every ledger claim it touched gets its status, timeline and quantity history
recomputed from all its statements in date order (:mod:`claimwatch.ledger.status`), so an article
that arrives late still lands in the right place in the history.
"""
from __future__ import annotations

import bisect
import json
import logging
import re
import sqlite3
import unicodedata
from dataclasses import dataclass, replace
from typing import Callable, Mapping, Optional, Sequence

import numpy as np

from claimwatch.ledger import context
from claimwatch.ledger import embeddings as emb
from claimwatch.ledger import matching
from claimwatch.ledger.known_names import KnownNames, plain_surname
from claimwatch.ledger.member_index import MemberIndex
from claimwatch.ledger.references import reference_stance
from claimwatch.ledger.sql import DATED, in_chunks, placeholders
from claimwatch.ledger.status import Fact, StatusRules, load_rules, one_side_per_utterance, timeline, utterance_key
from claimwatch.model import Analysis, Claim, Quantity
from claimwatch.nlp.provenance import is_outlet

log = logging.getLogger("claimwatch.ledger")

EmbedderFactory = Callable[[], Optional[emb.Embedder]]
_UNKNOWN = object()  # attach(): the article's publication date was not given


def _suspicion_certainty(certainty: str, suspected: Optional[int]) -> str:
    """A statement behind a ledger claim only as a suspicion ("X is a suspect in the murder of Y",
    matched with "X killed Y") counts as probable at most: the hedge stays on the statement."""
    return "probable" if suspected and certainty == "certain" else certainty


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


def fold_name(name: str) -> str:
    """A name as one speaker: accents dropped and case folded ("Jesús Murillo" and "Jesus Murillo"
    are one person, not two sides)."""
    plain = unicodedata.normalize("NFKD", name)
    return "".join(c for c in plain if not unicodedata.combining(c)).strip()


def standing_of(rules: StatusRules, source: str, role: Optional[str], kind: Optional[str]) -> str:
    """Who a source is for the status rules: an authority or political figure (by the words of its
    name or role), a news outlet, an unnamed or anonymous source, or "" for anyone else."""
    found = rules.standing(source or "", role)
    if found:
        return found
    if kind in ("anonymous", "unnamed") or source in ("unnamed", ""):
        return "unnamed"
    return "media" if is_outlet(source) else ""


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
        self._dependents: list[Callable[[], None]] = []  # other writer caches under the same trust rule
        self.names = KnownNames()  # stored person names for surname lookups, under the same rule
        # per ledger claim, what refresh reads, kept while writing (same rule); see _learnt
        self._statements: dict[int, tuple[list[tuple], list[tuple[Fact, Optional[str], Optional[str]]]]] = {}
        self._parties: dict[int, frozenset[str]] = {}
        self._dates: dict[int, tuple[Optional[str], Optional[str]]] = {}

    # -- the member index's write sessions -------------------------------------------------------
    def _now(self) -> tuple[int, int]:
        return self._conn.execute("PRAGMA data_version").fetchone()[0], self._conn.total_changes

    def share_trust(self, clear: Callable[[], None]) -> None:
        """Have ``clear`` called whenever the member index is dropped (another cache of the writer),
        and when ``match_pending`` attaches claims of stored articles behind the writer's back."""
        self._dependents.append(clear)

    def _drop(self) -> None:
        self._index = None
        self.names.clear()
        self._statements.clear()
        self._parties.clear()
        self._dates.clear()
        for clear in self._dependents:
            clear()

    def begin(self) -> bool:
        """Call right after ``BEGIN IMMEDIATE``: keeps the member index only if nothing wrote since our
        commit; False when it was dropped (the caches sharing its trust are dropped with it)."""
        trusted = self._stamp == self._now()
        if not trusted:
            self._drop()
        self._writing = True
        return trusted

    def committed(self) -> None:
        """Call right after ``COMMIT``."""
        self._writing = False
        self._stamp = self._now()

    def rolled_back(self) -> None:
        """Call after a rollback: what the index learnt in the transaction may be gone."""
        self._writing = False
        self._drop()
        self._stamp = None

    def known_names(self) -> Optional[KnownNames]:
        """The in-memory person names, when they can be trusted: inside a write session ``begin``
        checked, or with nothing written to the file since our last commit; else None (ask SQL)."""
        if self._writing or (self._stamp is not None and self._stamp == self._now()):
            return self.names.load(self._conn)
        return None

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

    def refer(self, article_id: str) -> set[int]:
        """Link the article's reference-only statements (``references.resolve``) and refresh the
        claims they now bear on; call after :meth:`attach` in the same transaction."""
        from claimwatch.ledger.references import resolve

        touched = resolve(self._conn, article_id)
        for ledger_id in sorted(touched):
            self._statements.pop(ledger_id, None)  # new rows behind it: read them again
            self.refresh(ledger_id)
        return touched

    # -- attaching (inside the article's transaction) ------------------------------------------
    def attach(self, prepared: Sequence[PreparedClaim], claim_pks: dict[str, int], independent: bool = True,
               published: object = _UNKNOWN) -> set[int]:
        """Match each prepared claim to a ledger claim (or create one); refresh those touched.

        ``independent`` (False for a near-duplicate) and ``published`` describe the claims' stored
        article when the caller knows them: a copy's member adds no status fact, so what refresh
        read of the claim's statements stays valid."""
        touched: set[int] = set()
        for item in prepared:
            ledger_id = self._attach_one(item, claim_pks[item.claim.id])
            touched.add(ledger_id)
            self._learnt(ledger_id, claim_pks[item.claim.id], item.claim.text, independent, published)
        for ledger_id in sorted(touched):
            self.refresh(ledger_id)
        return touched

    def _learnt(self, ledger_id: int, claim_pk: int, text: str, independent: bool, published: object) -> None:
        """Keep refresh's cached reads of a ledger claim equal to the SQL after a member joined it."""
        if independent and ledger_id in self._statements:  # its article's statements are new facts
            self._add_statements(ledger_id, claim_pk)
        if ledger_id in self._parties:
            self._parties[ledger_id] = self._parties[ledger_id] | matching.named_places(text)
        if ledger_id in self._dates:
            low, high = self._dates[ledger_id]
            if published is None:
                pass  # MIN/MAX skip NULL
            elif isinstance(published, str) and all(isinstance(v, (str, type(None))) for v in (low, high)):
                self._dates[ledger_id] = (published if low is None or published < low else low,
                                          published if high is None or published > high else high)
            else:
                del self._dates[ledger_id]

    def _attach_one(self, item: PreparedClaim, claim_pk: int) -> int:
        index = self._members()
        agent = index.known_agent(item.features.agent)
        if agent != item.features.agent:  # "Abde Majed Abdel Bary" is the ledger's "Abdel Majed Abdel Bary"
            item = replace(item, features=replace(item.features, agent=agent))
        if item.features.embedding is not None and self.embedder is not None:
            index.fill_vectors(self._conn, self.embedder.embed, item.features.agent)
        allowed = context.in_context(self._conn, self._article_of(claim_pk),
                                     context.context_dependent(item.claim.text, item.features.agent), item.claim.text)
        found = index.best_match(item.features, allowed=allowed)
        negated = False
        if found is None and item.features.negated:
            # "the bodies are not those of the students": a denial of a claim the ledger holds, not a new one
            positive = matching.affirmative(item.features)
            found = index.best_match(positive, allowed=allowed) if positive is not None else None
            negated = found is not None and self._polarity_of(found[0]) is False
        elif found is not None and item.claim.frame:
            # a member whose main predicate's polarity is not the claim's (its founding member's)
            # restates it negated: its statements' stances count flipped ("X did not happen" denies X)
            founder = self._polarity_of(found[0])
            negated = founder is not None and founder != item.claim.frame.startswith("not ")
        blob = emb.to_bytes(item.features.embedding) if item.features.embedding is not None else None
        if found is None:
            f = item.features
            cursor = self._conn.execute(
                "INSERT INTO ledger_claims (text, event_type, agent, story) VALUES (?, ?, ?, ?)",
                (item.claim.text, f.event_type, f.agent, story_key(f.agent, f.event_type)))
            ledger_id, score, method = cursor.lastrowid, None, "new"
            index.set_agent(ledger_id, f.agent)
            self._conn.executemany(
                "INSERT OR IGNORE INTO ledger_claim_links (ledger_claim_id, related_id) VALUES (?, ?)",
                [pair for other in index.related(f, ledger_id) for pair in ((ledger_id, other), (other, ledger_id))])
        else:
            ledger_id, result = found
            score, method = result.score, matching.NEGATED if negated else result.level
            agent = self._conn.execute(
                "UPDATE ledger_claims SET event_type = COALESCE(event_type, ?), agent = COALESCE(agent, ?)"
                " WHERE id = ? RETURNING agent", (item.features.event_type, item.features.agent, ledger_id)).fetchone()
            index.set_agent(ledger_id, agent[0] if agent else None)
        self._conn.execute(
            "INSERT OR REPLACE INTO ledger_claim_members (claim_pk, ledger_claim_id, score, method, embedding)"
            " VALUES (?, ?, ?, ?, ?)", (claim_pk, ledger_id, score, method, blob))
        index.add(ledger_id, claim_pk, item.claim.text, item.claim.predicate, item.claim.subject, emb.from_bytes(blob),
                  item.claim.frame, item.claim.object)
        return ledger_id

    def _article_of(self, claim_pk: int) -> str:
        return self._conn.execute("SELECT article_id FROM claims WHERE pk = ?", (claim_pk,)).fetchone()[0]

    def _polarity_of(self, ledger_id: int) -> Optional[bool]:
        """Whether a ledger claim is negated, by the main predicate of the member that founded it;
        None when that member has no predicate frame (the polarity of a long quote is not known)."""
        row = self._conn.execute(
            "SELECT c.frame FROM ledger_claim_members m JOIN claims c ON c.pk = m.claim_pk"
            " WHERE m.ledger_claim_id = ? ORDER BY m.method != 'new', m.claim_pk LIMIT 1", (ledger_id,)).fetchone()
        return row[0].startswith("not ") if row and row[0] else None

    def _candidates(self, f: matching.ClaimFeatures) -> list[tuple[int, matching.ClaimFeatures]]:
        """Members of ledger claims whose agent does not rule them out, as (ledger id, features).

        Member vectors are kept in memory by (pk, text) once read, so a large ledger is not re-read
        from disk for every new claim; the text in the key guards against a pk reused after a rollback.
        """
        rows = self._conn.execute(
            "SELECT m.ledger_claim_id, c.pk, c.text, c.subject, c.predicate, c.frame, c.object"
            " FROM ledger_claim_members m JOIN claims c ON c.pk = m.claim_pk"
            " JOIN ledger_claims l ON l.id = m.ledger_claim_id"
            " WHERE ? IS NULL OR l.agent IS NULL OR l.agent = ? COLLATE NOCASE ORDER BY m.ledger_claim_id, c.pk",
            (f.agent, f.agent)).fetchall()
        want_vectors = f.embedding is not None
        if want_vectors:
            self._load_vectors([r for r in rows if (r["pk"], r["text"]) not in self._vectors])
        return [(r["ledger_claim_id"], matching.make_features(
            r["text"], r["predicate"], r["subject"],
            embedding=self._vectors.get((r["pk"], r["text"])) if want_vectors else None, frame=r["frame"],
            patient=r["object"]))
            for r in rows]

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
        return one_side_per_utterance([self._with_side(*entry) for entry in self._read_statements(ledger_id)])

    def facts_of(self, ledger_ids: Sequence[int]) -> dict[int, list[Fact]]:
        """:meth:`facts` of many claims with one query (a track record reads hundreds of claims):
        the same facts in the same order, since each claim's rows keep the SQL's order."""
        ids = sorted(set(ledger_ids))
        out: dict[int, list[Fact]] = {i: [] for i in ids}
        for chunk in in_chunks(ids):
            where = f"m.ledger_claim_id IN ({placeholders(chunk)})"
            for ledger_id, entry in self._statement_rows(where, tuple(chunk), by_claim=True):
                out[ledger_id].append(self._with_side(*entry[1:]))
        return {ledger_id: one_side_per_utterance(facts) for ledger_id, facts in out.items()}

    def _with_side(self, fact: Fact, kind: Optional[str], affiliation: Optional[str]) -> Fact:
        if kind != "person" and set(fact.source.casefold().split()) & load_rules().private_words:
            # "residents of the high-rise", "local people": private people speak for themselves, not
            # for the place that describes them; each article's such source is one unnamed side
            return replace(fact, side=None)
        if kind in ("anonymous", "unnamed") or fact.source == "unnamed":
            # "Ukrainian officials" speak for Ukraine; "officials" for no one we can name
            return replace(fact, side=matching.resolve_side(None if fact.source == "unnamed" else fact.source,
                                                            affiliation))
        return replace(fact, side=self.side(fact.source, affiliation))

    def _read_statements(self, ledger_id: int) -> list[tuple[Fact, Optional[str], Optional[str]]]:
        """The claim's facts without their side (which follows the whole ledger's actors), with the
        source's kind and affiliation in its article; kept while writing, and extended by the
        statements of each independent article whose claim joins (``_learnt``)."""
        if self._writing and ledger_id in self._statements:
            return self._statements[ledger_id][1]
        rows = self._statement_rows("m.ledger_claim_id = ?", (ledger_id,))
        read = [entry[1:] for entry in rows]
        if self._writing and all(isinstance(entry[0][1], (str, type(None))) for entry in rows):
            self._statements[ledger_id] = ([_sortable(entry[0]) for entry in rows], read)
        return read

    def _statement_rows(self, where: str, params: tuple, by_claim: bool = False) -> list:
        """(order key, fact without side, source kind, source affiliation) of the statements of
        independent articles behind the members ``where`` selects, in the SQL's order; with
        ``by_claim``, (ledger claim id, that tuple), a statement once per claim it is behind."""
        claim_column = "m.ledger_claim_id AS claim_id, " if by_claim else ""
        rows = self._conn.execute(
            f"SELECT DISTINCT {claim_column}s.pk, m.claim_pk AS member_pk, s.source, s.stance, s.refers, m.method, s.content, s.certainty, s.conditional, s.distanced, s.act, s.quantities, s.article_id,"
            " s.pos, s.via, a.published, a.rowid AS arow, src.source_key,"
            " (SELECT MIN(c2.frame LIKE 'suspect %' OR c2.frame LIKE 'not suspect %') FROM statement_claims sc2"
            "  JOIN claims c2 ON c2.pk = sc2.claim_pk JOIN ledger_claim_members m2 ON m2.claim_pk = c2.pk"
            "  WHERE sc2.statement_pk = s.pk AND m2.ledger_claim_id = m.ledger_claim_id) AS suspected,"
            f" {DATED} AS dated,"
            " (SELECT affiliation FROM actors x WHERE x.article_id = s.article_id AND x.name = s.source"
            "  ORDER BY x.pos LIMIT 1) AS affiliation,"
            " (SELECT kind FROM actors x WHERE x.article_id = s.article_id AND x.name = s.source"
            "  ORDER BY x.pos LIMIT 1) AS kind,"
            " COALESCE((SELECT role FROM actors x WHERE x.article_id = s.article_id AND x.name = s.source"
            "  AND x.role IS NOT NULL ORDER BY x.pos LIMIT 1),"
            " (SELECT role FROM actors x WHERE x.name = s.source AND x.role IS NOT NULL ORDER BY x.pk LIMIT 1)) AS role"
            " FROM ledger_claim_members m JOIN statement_claims sc ON sc.claim_pk = m.claim_pk"
            " JOIN statements s ON s.pk = sc.statement_pk JOIN articles a ON a.id = s.article_id"
            " JOIN article_sources src ON src.id = a.id"
            f" WHERE {where} AND src.independent"
            " ORDER BY a.published IS NULL, a.published, arow, s.pos, m.claim_pk", params).fetchall()
        rows = _once_per_claim(rows, by_claim)
        config = matching.load_config()
        rules = load_rules()
        entries = [((r["published"] is None, r["published"], r["arow"], r["pos"]),
                    Fact(statement_pk=r["pk"], date=r["dated"], source=r["source"], side=None,
                         stance=_stance(r),
                         certainty=_suspicion_certainty(r["certainty"], r["suspected"]),
                         conditional=bool(r["conditional"]),
                         distanced=bool(r["distanced"]), act=r["act"] or "",
                         source_key=r["source_key"], article_id=r["article_id"],
                         via=tuple(json.loads(r["via"] or "[]")),
                         standing=standing_of(rules, r["source"], r["role"], r["kind"]),
                         utterance=utterance_key(r["content"] or ""),
                         quantities=tuple(q for q in map(Quantity.from_dict, json.loads(r["quantities"]))
                                          if config.keeps(q))), r["kind"], r["affiliation"]) for r in rows]
        return [(r["claim_id"], entry) for r, entry in zip(rows, entries)] if by_claim else entries

    def _add_statements(self, ledger_id: int, claim_pk: int) -> None:
        """Merge the statements behind a new member into the claim's cached ones, in the SQL's order
        (publication date, NULL last; article rowid; position); drop the entry when a date is not
        text, which Python could not order as SQLite does (entries are only made with text dates)."""
        keys, read = self._statements[ledger_id]
        new = self._statement_rows("m.ledger_claim_id = ? AND m.claim_pk = ?", (ledger_id, claim_pk))
        if not new:
            return
        if not all(isinstance(entry[0][1], (str, type(None))) for entry in new):
            del self._statements[ledger_id]
            return
        known = {fact.statement_pk for fact, _, _ in read}
        for entry in new:
            if entry[1].statement_pk not in known:
                key = _sortable(entry[0])
                at = bisect.bisect_right(keys, key)
                keys.insert(at, key)
                read.insert(at, entry[1:])

    def side(self, source: str, affiliation: Optional[str] = None) -> str:
        """The side a source speaks for; a bare surname ("Zelensky") borrows the affiliation the
        ledger knows for the full name ("Volodymyr Zelensky", Ukraine)."""
        side = matching.resolve_side(source, affiliation)
        if side is None and source and source.strip():
            # A person named without affiliation in this article speaks for the side other articles
            # give the same name, so one speaker never counts as two sides.
            # (ties go to the greatest affiliation: what SQLite returned when the order was implicit)
            name = source.strip()
            known = self.known_names()
            if known is not None:
                found = known.affiliation(name)
            else:
                found = _first(self._conn.execute(
                    "SELECT affiliation FROM actors WHERE affiliation IS NOT NULL AND kind = 'person'"
                    " AND name = ? GROUP BY affiliation ORDER BY COUNT(*) DESC, affiliation DESC LIMIT 1", (name,)))
            if found is None and " " not in name:
                if known is not None and plain_surname(name):
                    found = known.surname_affiliation(name)
                else:
                    found = _first(self._conn.execute(
                        "SELECT affiliation FROM actors WHERE affiliation IS NOT NULL AND kind = 'person'"
                        " AND name LIKE ? GROUP BY affiliation ORDER BY COUNT(*) DESC, affiliation DESC LIMIT 1",
                        ("% " + name,)))
            side = matching.resolve_side(None, found) if found is not None else None
        return side or fold_name(matching.side_of(source, affiliation) or source)

    def parties(self, ledger_id: int) -> frozenset[str]:
        """The places named in the claim's member texts (kept while writing, see ``_learnt``)."""
        if self._writing and ledger_id in self._parties:
            return self._parties[ledger_id]
        texts = [r[0] for r in self._conn.execute(
            "SELECT c.text FROM ledger_claim_members m JOIN claims c ON c.pk = m.claim_pk"
            " WHERE m.ledger_claim_id = ?", (ledger_id,))]
        found = frozenset(p for t in texts for p in matching.named_places(t))
        if self._writing:
            self._parties[ledger_id] = found
        return found

    def _first_last_seen(self, ledger_id: int) -> tuple[Optional[str], Optional[str]]:
        """Earliest and latest publication date of the claim's members' articles (kept while writing);
        an undated article's ingestion-time stand-in is no date."""
        if self._writing and ledger_id in self._dates:
            return self._dates[ledger_id]
        row = self._conn.execute(
            f"SELECT MIN({DATED}), MAX({DATED}) FROM ledger_claim_members m JOIN claims c ON c.pk = m.claim_pk"
            " JOIN articles a ON a.id = c.article_id WHERE m.ledger_claim_id = ?", (ledger_id,)).fetchone()
        if self._writing:
            self._dates[ledger_id] = (row[0], row[1])
        return row[0], row[1]

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
        dates = self._first_last_seen(ledger_id)
        self._conn.execute("UPDATE ledger_claims SET status = ?, first_seen = ?, last_seen = ?, status_reason = ?,"
                           " status_statements = ? WHERE id = ?",
                           (result.status, dates[0], dates[1], result.reason,
                            json.dumps(list(result.reason_statements)), ledger_id))
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
                            quantities=tuple(Quantity.from_dict(q) for q in json.loads(r["quantities"])),
                            frame=r["frame"])
                      for r in rows]
            prepared = self.prepare(Analysis(article=_stub(article_id), claims=tuple(claims)))
            self._conn.execute("BEGIN IMMEDIATE")
            self.begin()
            try:
                self.attach(prepared, {r["id"]: r["pk"] for r in rows})
                for clear in self._dependents:  # stored articles' claims moved: story links changed
                    clear()
                self._conn.execute("COMMIT")
                self.committed()
            except BaseException:
                self._conn.execute("ROLLBACK")
                self.rolled_back()
                raise
            done += len(rows)
        return done


def _once_per_claim(rows: list[sqlite3.Row], by_claim: bool) -> list[sqlite3.Row]:
    """A statement behind two members of one ledger claim ("will close for a month" and, negated,
    "will not close for a year" from one sentence) counts once, by its first member: what the writer's
    cache keeps when the second joins (``_add_statements``)."""
    seen: set[tuple] = set()
    out = []
    for r in rows:
        key = (r["claim_id"] if by_claim else None, r["pk"])
        if key not in seen:
            seen.add(key)
            out.append(r)
    return out


def _stance(row: sqlite3.Row) -> str:
    """A statement's stance toward the ledger claim: a reference's (``references``), or flipped for a
    member that restates the claim negated ("X did not happen" asserted denies X)."""
    if row["refers"] is not None:
        return reference_stance(row["content"], row["stance"])
    return matching.restated_stance(row["stance"]) if row["method"] == matching.NEGATED else row["stance"]


def _sortable(key: tuple) -> tuple:
    """A statement's (date is NULL, date, article rowid, position) as Python orders it like SQLite
    does (text dates only)."""
    return key[0], key[1] or "", key[2], key[3]


def _first(cursor: sqlite3.Cursor):
    """The first column of the first row, or None."""
    row = cursor.fetchone()
    return row[0] if row else None


def _stub(article_id: str):
    from claimwatch.model import Article

    return Article(text="", id=article_id)
