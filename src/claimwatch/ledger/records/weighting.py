"""Weighting the status rules by record: per side, how often its assertions and denials held on the
other resolved claims (unweighted outcomes), as bounded factors; and recomputing a whole ledger."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Iterable, Optional

from claimwatch.errors import LedgerError
from claimwatch.ledger.records.config import Weighting, load_config
from claimwatch.ledger.records.outcomes import outcome_of
from claimwatch.ledger.records.resolutions import Resolution, replayed_resolutions
from claimwatch.ledger.status import side_key


@dataclass
class SideTallies:
    """(held, failed) per (side key, +1 assertions | -1 denials), in total and per claim, so the
    tallies over every claim but one are a subtraction away."""

    total: dict[tuple[str, int], list[int]] = field(default_factory=dict)
    per_claim: dict[int, dict[tuple[str, int], tuple[int, int]]] = field(default_factory=dict)

    def add(self, resolution: Resolution) -> None:
        by_side: dict[str, list] = {}
        for fact in resolution.facts:
            by_side.setdefault(side_key(fact), []).append(fact)
        mine: dict[tuple[str, int], tuple[int, int]] = {}
        for key, facts in by_side.items():
            found = outcome_of(resolution, facts, lambda f: True)
            if found is None or found.outcome not in ("held", "failed"):
                continue
            mine[(key, 1 if found.stance == "for" else -1)] = (int(found.outcome == "held"),
                                                               int(found.outcome == "failed"))
        self.per_claim[resolution.claim_id] = mine
        for k, (held, failed) in mine.items():
            entry = self.total.setdefault(k, [0, 0])
            entry[0] += held
            entry[1] += failed

    def factors(self, exclude: Optional[int] = None,
                weighting: Optional[Weighting] = None) -> dict[tuple[str, int], float]:
        """Factors from every claim but ``exclude``; sides at 1 (too little record) are left out."""
        weighting = weighting or load_config().weighting
        own = self.per_claim.get(exclude, {}) if exclude is not None else {}
        out = {}
        for k, (held, failed) in self.total.items():
            h, f = own.get(k, (0, 0))
            factor = weighting.factor(held - h, failed - f)
            if factor != 1.0:
                out[k] = factor
        return out


def side_tallies(resolutions: Iterable[Resolution]) -> SideTallies:
    tallies = SideTallies()
    for resolution in resolutions:
        tallies.add(resolution)
    return tallies


def record_factors(book, exclude: int) -> dict[tuple[str, int], float]:
    """The record factors for scoring claim ``exclude``, from the unweighted outcomes of all other claims."""
    return side_tallies(replayed_resolutions(book, exclude=exclude)).factors()


def recompute(ledger, weigh_by_record: bool) -> dict[str, Any]:
    """Recompute every ledger claim's status and timeline, weighted by record or not, in one transaction.

    Returns the claims whose status changed, with the factors used when weighting."""
    book = ledger.claims
    conn = ledger.connection
    ids = [r[0] for r in conn.execute("SELECT id FROM ledger_claims ORDER BY id")]
    before = {r[0]: r[1] for r in conn.execute("SELECT id, status FROM ledger_claims")}
    tallies = side_tallies(replayed_resolutions(book)) if weigh_by_record else None
    weighted: dict[int, dict] = {}
    try:
        conn.execute("BEGIN IMMEDIATE")
    except Exception as exc:  # noqa: BLE001 - a locked or read-only file
        raise LedgerError(f"cannot write to ledger {ledger.path}: {exc}") from exc
    try:
        for ledger_id in ids:
            factors = tallies.factors(exclude=ledger_id) if tallies is not None else {}
            book.refresh(ledger_id, factors=factors)
            if factors:
                weighted[ledger_id] = factors
        conn.execute("COMMIT")
    except BaseException:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise
    after = {r[0]: r[1] for r in conn.execute("SELECT id, status FROM ledger_claims")}
    changed = [{"id": i, "from": before[i], "to": after[i]} for i in ids if before[i] != after[i]]
    factors_used = {}
    if tallies is not None:
        overall = tallies.factors()
        for (key, sign) in sorted(tallies.total):
            factor = overall.get((key, sign))
            if factor is not None:
                held, failed = tallies.total[(key, sign)]
                factors_used.setdefault(key, {})["assertions" if sign > 0 else "denials"] = {
                    "held": held, "failed": failed, "factor": factor}
    return {"weighted": weigh_by_record, "claims": len(ids), "changed": changed, "sides": factors_used}
