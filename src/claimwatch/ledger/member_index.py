"""An in-memory index of ledger-claim members, so matching a new claim does not re-read and re-score
every stored claim.

Matching compares a new claim with every member of every ledger claim whose agent does not rule it
out (:meth:`ClaimBook._candidates` in SQL) and keeps the best pair (:func:`matching.best_match`). That
is a pass over the whole ledger per claim. This index keeps the same candidates in memory and gives
exactly the same answer with less work:

- members of one ledger claim with identical features (text, event type, subject, vector bytes:
  the copies a wire story leaves) score identically, and the first of them always wins a tie, so
  only the first is kept;
- a numpy pass computes every member's cosine and token Jaccard at once, and only members whose
  blended score reaches the lowest threshold of any level (minus a rounding margin) are scored by
  :func:`matching.score_pair` itself, in the original (ledger claim, member) order.

The index is only trusted while nothing else wrote to the ledger: :meth:`begin` compares SQLite's
``data_version`` (other connections' commits) and this connection's ``total_changes`` with what they
were after our last commit, and drops the index when either moved; a rollback drops it too. It is
rebuilt from the ledger on the next use.
"""
from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from typing import Any, Callable, Optional, Sequence

import numpy as np

from claimwatch.ledger import embeddings as emb
from claimwatch.ledger import matching

PRUNE_MARGIN = 1e-4  # float32 dot vs float64 cosine: keep pairs this close below the lowest threshold


@dataclass
class _Entry:
    ledger_id: int
    pk: int
    features: matching.ClaimFeatures


def _fold(agent: Optional[str]) -> Optional[str]:
    """What SQLite's ``COLLATE NOCASE`` compares: ASCII letters folded, nothing else."""
    return None if agent is None else agent.translate(_ASCII_LOWER)


_ASCII_LOWER = {c: c + 32 for c in range(ord("A"), ord("Z") + 1)}


class MemberIndex:
    """Members of ledger claims with their matching features, as numpy arrays for a first pass."""

    def __init__(self) -> None:
        self._entries: list[_Entry] = []
        self._keys: set[tuple] = set()
        self._agents: dict[int, Optional[str]] = {}  # ledger claim id -> agent, folded like NOCASE
        self._agent_names: dict[str, str] = {}  # folded agent -> its first spelling (see known_agent)
        self._codes: dict[Optional[str], int] = {None: 0}  # folded agent -> small integer (0: none)
        self._by_claim: dict[int, list[int]] = {}  # ledger claim id -> its entries
        self._agent_codes = np.zeros(0, dtype=np.int64)  # per entry: its ledger claim's agent code
        self._vectors = np.zeros((0, emb.DIMENSIONS), dtype=np.float32)
        self._norms = np.zeros(0, dtype=np.float64)
        self._has_vector = np.zeros(0, dtype=bool)
        self._sizes = np.zeros(0, dtype=np.float64)
        self._postings: dict[str, list] = {}  # token -> [entry numbers (numpy, grown by doubling), count]
        self._by_tokens: dict[frozenset, list[int]] = {}  # token set -> entries (for short claims)
        self._pending_vectors: list[int] = []  # entries stored without a vector

    def __len__(self) -> int:
        return len(self._entries)

    # -- building ----------------------------------------------------------------------------
    @classmethod
    def load(cls, conn: sqlite3.Connection) -> "MemberIndex":
        """Every member of the ledger, in (ledger claim, member) order."""
        index = cls()
        for lid, agent in conn.execute("SELECT id, agent FROM ledger_claims ORDER BY id"):
            index._agents[lid] = _fold(agent)
            if agent is not None:
                index._agent_names.setdefault(_fold(agent), agent)
        rows = conn.execute(
            "SELECT m.ledger_claim_id, c.pk, c.text, c.subject, c.predicate, m.embedding, c.frame, c.object"
            " FROM ledger_claim_members m JOIN claims c ON c.pk = m.claim_pk ORDER BY m.ledger_claim_id, c.pk")
        for lid, pk, text, subject, predicate, blob, frame, patient in rows:
            index.add(lid, pk, text, predicate, subject, emb.from_bytes(blob), frame, patient)
        return index

    def known_agent(self, agent: Optional[str]) -> Optional[str]:
        """The ledger's spelling of ``agent`` when the ledger knows the person under exactly one
        other spelling (``matching.name_variant``); else ``agent`` itself."""
        folded = _fold(agent)
        if agent is None or folded in self._agent_names:
            return agent
        variants = {name for name in self._agent_names.values() if matching.name_variant(agent, name)}
        return variants.pop() if len(variants) == 1 else agent

    def set_agent(self, ledger_id: int, agent: Optional[str]) -> None:
        folded = _fold(agent)
        if agent is not None:
            self._agent_names.setdefault(folded, agent)
        if self._agents.get(ledger_id) == folded and ledger_id in self._agents:
            return
        self._agents[ledger_id] = folded
        code = self._code(folded)
        for i in self._by_claim.get(ledger_id, ()):
            self._agent_codes[i] = code

    def _code(self, folded: Optional[str]) -> int:
        return self._codes.setdefault(folded, len(self._codes))

    def add(self, ledger_id: int, pk: int, text: str, predicate: Optional[str], subject: Optional[str],
            vector: Optional[np.ndarray], frame: Optional[str] = None, patient: Optional[str] = None) -> None:
        """Add a member (members arrive in (ledger claim, pk) order within each ledger claim)."""
        key = (ledger_id, text, predicate, subject, None if vector is None else vector.tobytes(), frame, patient)
        if vector is not None and key in self._keys:
            return  # an identical earlier member of the same ledger claim always wins the tie
        self._keys.add(key)
        features = matching.make_features(text, predicate, subject, embedding=vector, frame=frame, patient=patient)
        n = len(self._entries)
        self._entries.append(_Entry(ledger_id, pk, features))
        if n >= len(self._vectors):
            grow = max(1024, n)
            self._vectors = np.vstack([self._vectors, np.zeros((grow, emb.DIMENSIONS), dtype=np.float32)])
            self._norms = np.concatenate([self._norms, np.zeros(grow)])
            self._has_vector = np.concatenate([self._has_vector, np.zeros(grow, dtype=bool)])
            self._sizes = np.concatenate([self._sizes, np.zeros(grow)])
            self._agent_codes = np.concatenate([self._agent_codes, np.zeros(grow, dtype=np.int64)])
        self._agent_codes[n] = self._code(self._agents.get(ledger_id))
        self._by_claim.setdefault(ledger_id, []).append(n)
        if vector is not None:
            self._vectors[n] = vector
            self._norms[n] = float(np.linalg.norm(vector))
            self._has_vector[n] = True
        else:
            self._pending_vectors.append(n)
        self._sizes[n] = len(features.tokens)
        for token in features.tokens:
            posting = self._postings.setdefault(token, [np.zeros(8, dtype=np.int64), 0])
            if posting[1] == len(posting[0]):
                posting[0] = np.concatenate([posting[0], np.zeros(len(posting[0]), dtype=np.int64)])
            posting[0][posting[1]] = n
            posting[1] += 1
        self._by_tokens.setdefault(features.tokens, []).append(n)

    def fill_vectors(self, conn: sqlite3.Connection, embed: Callable[[list[str]], Sequence[np.ndarray]],
                     agent: Optional[str] = None) -> None:
        """Embed (and store) the candidates for a claim by ``agent`` that have no vector (older ledgers),
        the same ones in the same order as ``ClaimBook._load_vectors`` does."""
        if not self._pending_vectors:
            return
        wanted = None if agent is None else {0, self._codes.get(_fold(agent), -1)}
        pending = sorted((i for i in self._pending_vectors if wanted is None or self._agent_codes[i] in wanted),
                         key=lambda i: (self._entries[i].ledger_id, self._entries[i].pk))
        done = set(pending)
        self._pending_vectors = [i for i in self._pending_vectors if i not in done]
        if not pending:
            return
        vectors = embed([self._entries[i].features.text for i in pending])
        for i, vector in zip(pending, vectors):
            entry = self._entries[i]
            vector = emb.from_bytes(emb.to_bytes(vector))
            conn.execute("UPDATE ledger_claim_members SET embedding = ? WHERE claim_pk = ?",
                         (emb.to_bytes(vector), entry.pk))
            entry.features = _with_vector(entry.features, vector)
            self._vectors[i] = vector
            self._norms[i] = float(np.linalg.norm(vector))
            self._has_vector[i] = True

    # -- matching ----------------------------------------------------------------------------
    def best_match(self, f: matching.ClaimFeatures, config: Optional[matching.MatchConfig] = None,
                   allowed: Optional[Callable[[Any], bool]] = None) -> Optional[tuple[Any, matching.MatchScore]]:
        """What ``matching.best_match(f, candidates)`` returns over this ledger's candidates."""
        config = config or matching.load_config()
        n = len(self._entries)
        if n == 0:
            return None
        keep = self._possible(f, config, n)
        if f.agent is not None:  # the SQL filter: the ledger claim's agent is NULL or the same (NOCASE)
            codes = self._agent_codes[:n]
            keep &= (codes == 0) | (codes == self._codes.get(_fold(f.agent), -1))
        entries = self._entries
        survivors = sorted(np.flatnonzero(keep).tolist(), key=lambda i: (entries[i].ledger_id, entries[i].pk))
        return matching.best_match(f, [(entries[i].ledger_id, entries[i].features) for i in survivors], config, allowed)

    def related(self, f: matching.ClaimFeatures, exclude: int,
                config: Optional[matching.MatchConfig] = None) -> list[int]:
        """Ledger claims (besides ``exclude``) that ``f`` is related to: the same agent and the same or
        an umbrella/specific event type (``matching.related``). Called for a claim that matched none of
        them, so the score is not computed again."""
        if f.agent is None or f.event_type is None:
            return []
        config = config or matching.load_config()
        code = self._codes.get(_fold(f.agent), -1)
        found: list[int] = []
        for i in np.flatnonzero(self._agent_codes[:len(self._entries)] == code).tolist():
            entry = self._entries[i]
            if entry.ledger_id != exclude and entry.ledger_id not in found \
                    and matching.related(f, entry.features, config, scored=False):
                found.append(entry.ledger_id)
        return sorted(found)

    def _possible(self, f: matching.ClaimFeatures, config: matching.MatchConfig, n: int) -> np.ndarray:
        """Entries whose score could reach some level's threshold (never drops a match)."""
        if len(f.tokens) < config.min_tokens:  # such a pair matches only on identical tokens
            possible = np.zeros(n, dtype=bool)
            possible[self._by_tokens.get(f.tokens, [])] = True
            return possible
        parts = [p[0][:p[1]] for p in map(self._postings.get, f.tokens) if p is not None]
        hits = np.concatenate(parts) if parts else np.zeros(0, dtype=np.int64)
        shared = np.bincount(hits, minlength=n)[:n].astype(np.float64)
        union = len(f.tokens) + self._sizes[:n] - shared
        lexical = np.divide(shared, union, out=np.zeros(n), where=union > 0)
        lexical_floor = min(t[1] for t in config.thresholds.values())
        possible = lexical >= lexical_floor - PRUNE_MARGIN
        if f.embedding is not None:
            norm = float(np.linalg.norm(f.embedding))
            has = self._has_vector[:n]
            if norm:
                # einsum, not BLAS: a threaded sgemv spins on a machine whose cores the NLP workers hold
                cos = np.einsum("ij,j->i", self._vectors[:n], np.asarray(f.embedding, dtype=np.float32)).astype(np.float64)
                denominator = self._norms[:n] * norm
                cos = np.divide(cos, denominator, out=np.zeros(n), where=denominator > 0)
            else:
                cos = np.zeros(n)
            blended = config.lexical_weight * lexical + config.embedding_weight * cos
            blended_floor = min(t[0] for t in config.thresholds.values())
            possible = np.where(has, blended >= blended_floor - PRUNE_MARGIN, possible)
        return possible


def _with_vector(f: matching.ClaimFeatures, vector: np.ndarray) -> matching.ClaimFeatures:
    from dataclasses import replace

    return replace(f, embedding=vector)

