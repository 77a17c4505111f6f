"""Track records of actors and outlets over the resolved claims they spoke on or reported."""
from __future__ import annotations

import statistics
from dataclasses import dataclass, field
from typing import Any, Callable, Iterable, Optional, Sequence

from claimwatch.errors import InputError
from claimwatch.ledger.read_models import (CarriedShares, RecordCount, RecordLead, RecordShare, RecordView,
                                           as_data)
from claimwatch.ledger.records.config import RecordConfig, load_config
from claimwatch.ledger.records.outcomes import ClaimOutcome, outcome_of
from claimwatch.ledger.records.resolutions import RESOLVED, Resolution, stored_resolutions
from claimwatch.ledger.status import Fact


@dataclass(frozen=True)
class TrackRecord:
    """An actor's or outlet's record over resolved claims: counts, the claim ids behind them, lead times."""

    kind: str  # actor | outlet
    name: str
    names: tuple[str, ...]
    min_resolved: int
    claims: tuple[ClaimOutcome, ...] = field(default_factory=tuple)

    def _ids(self, test: Callable[[ClaimOutcome], bool]) -> tuple[int, ...]:
        return tuple(c.claim_id for c in self.claims if test(c))

    @property
    def resolved(self) -> tuple[int, ...]:
        """Resolved claims spoken on (or reported) before their resolution."""
        return self._ids(lambda c: c.lead_days is not None)

    @property
    def enough(self) -> bool:
        return len(self.resolved) >= self.min_resolved

    def tally(self, stance: str, carried: bool = False) -> tuple[tuple[int, ...], tuple[int, ...]]:
        """(held, failed) claim ids for the speaker's assertions (``for``) or denials (``against``);
        ``carried``: for those its statements carried from any source (an outlet's reporting)."""
        if carried:
            def held(c: ClaimOutcome) -> bool:
                return (c.status == "confirmed") == (stance == "for")

            return (self._ids(lambda c: stance in c.carried and held(c)),
                    self._ids(lambda c: stance in c.carried and not held(c)))
        return (self._ids(lambda c: c.stance == stance and c.outcome == "held"),
                self._ids(lambda c: c.stance == stance and c.outcome == "failed"))

    @property
    def lead_days(self) -> tuple[int, ...]:
        return tuple(c.lead_days for c in self.claims if c.lead_days is not None)

    def view(self) -> RecordView:
        """The read model; fractions and the lead-time summary are null below the minimum."""
        def share(stance: str, carried: bool = False) -> RecordShare:
            held, failed = self.tally(stance, carried)
            total = len(held) + len(failed)
            return RecordShare(held=len(held), failed=len(failed), of=total,
                               fraction=round(len(held) / total, 3) if self.enough and total else None,
                               held_claims=held, failed_claims=failed)

        def ids(outcome: str) -> RecordCount:
            found = self._ids(lambda c: c.outcome == outcome)
            return RecordCount(count=len(found), claims=found)

        days = self.lead_days
        by_status = {s: self._ids(lambda c, s=s: c.status == s and c.lead_days is not None) for s in RESOLVED}
        summary = self.enough and days
        return RecordView(
            kind=self.kind, name=self.name, names=tuple(self.names), resolved_claims=len(self.resolved),
            min_resolved=self.min_resolved, enough=self.enough,
            note=None if self.enough else f"too few resolved claims ({len(self.resolved)} of {self.min_resolved} needed)",
            assertions=share("for"), denials=share("against"), uncommitted=ids("uncommitted"),
            relayed=ids("relayed"), after_resolution=ids("after_resolution"), undated=ids("undated"),
            by_status={s: RecordCount(count=len(v), claims=v) for s, v in by_status.items()},
            lead_days=RecordLead(count=len(days), median=statistics.median(days) if summary else None,
                                 min=min(days) if summary else None, max=max(days) if summary else None,
                                 claims=self.resolved),
            claims=tuple(c.view() for c in self.claims),
            carried=CarriedShares(assertions=share("for", True), denials=share("against", True))
            if self.kind == "outlet" else None)

    def to_dict(self) -> dict[str, Any]:
        """The stable JSON form: :meth:`view` as plain data."""
        return as_data(self.view())


def build_record(kind: str, name: str, names: Sequence[str], resolutions: Iterable[Resolution],
                 speaks: Callable[[Any], bool], own: Callable[[Any], bool] = lambda f: True,
                 config: Optional[RecordConfig] = None) -> TrackRecord:
    """The record of whoever ``speaks`` the facts it selects, over ``resolutions``."""
    config = config or load_config()
    outcomes = []
    for resolution in resolutions:
        found = outcome_of(resolution, [f for f in resolution.facts if speaks(f)], own)
        if found is not None:
            outcomes.append(found)
    return TrackRecord(kind=kind, name=name, names=tuple(names), min_resolved=config.min_resolved,
                       claims=tuple(outcomes))


def actor_names(ledger, name: str) -> list[str]:
    """The source names an actor appears under: the exact name, else case-insensitive or by surname.

    The exact name is an index lookup; the suffix match ("Zelensky") scans, so it is only a fallback."""
    conn = ledger.connection
    names = [r[0] for r in conn.execute("SELECT DISTINCT source FROM statements WHERE source = ?", (name,))]
    if not names:
        names = [r[0] for r in conn.execute(
            "SELECT DISTINCT source FROM statements WHERE source = ? COLLATE NOCASE OR source LIKE ?",
            (name, f"% {name}"))]
    if not names:
        raise InputError(f"no actor named {name!r} in {ledger.path}; list them with `claimwatch actors`")
    return names


def track_record(ledger, name: str, names: Optional[Sequence[str]] = None) -> TrackRecord:
    """An actor's record over the resolved claims it spoke on (its statements in independent articles)."""
    names = list(names) if names else actor_names(ledger, name)
    marks = ",".join("?" * len(names))
    ids = [r[0] for r in ledger.connection.execute(
        "SELECT DISTINCT m.ledger_claim_id FROM statements s JOIN statement_claims sc ON sc.statement_pk = s.pk"
        f" JOIN ledger_claim_members m ON m.claim_pk = sc.claim_pk WHERE s.source IN ({marks})", names)]
    wanted = set(names)
    return build_record("actor", names[0] if len(names) == 1 else name, names,
                        stored_resolutions(ledger, ids), lambda f: f.source in wanted)


def _outlet_articles(ledger) -> dict[str, str]:
    return {r[0]: r[1] for r in ledger.connection.execute("SELECT id, outlet FROM articles WHERE outlet IS NOT NULL")}


def own_voice(outlet: str) -> Callable[[Fact], bool]:
    """The outlet itself, or an unnamed source it vouches for; not one relayed from another outlet."""
    folded = outlet.casefold()

    def own(f: Fact) -> bool:
        via = getattr(f, "via", ())  # the provenance chain, outermost first
        if via and via[0].casefold() != folded:
            return False
        return f.side is None or f.source == "unnamed" or f.source.casefold() == folded

    return own


def outlet_records(ledger) -> list[TrackRecord]:
    """Every outlet's record (outlets with no resolved claim included), most resolved claims first."""
    outlet_of = _outlet_articles(ledger)
    resolutions = stored_resolutions(ledger)
    records = []
    for outlet in sorted(set(outlet_of.values()), key=str.casefold):
        records.append(build_record("outlet", outlet, [outlet], resolutions,
                                    lambda f, o=outlet: outlet_of.get(f.article_id) == o, own_voice(outlet)))
    return sorted(records, key=lambda r: (-len(r.resolved), r.name.casefold()))


def outlet_record(ledger, outlet: str) -> TrackRecord:
    """One outlet's record (the name matched case-insensitively) over the resolved claims it reported."""
    outlet_of = _outlet_articles(ledger)
    matches = sorted({o for o in outlet_of.values() if o.casefold() == outlet.strip().casefold()})
    if not matches:
        raise InputError(f"no outlet named {outlet!r} in {ledger.path}; list them with `claimwatch outlets`")
    name = matches[0]
    ids = [r[0] for r in ledger.connection.execute(
        "SELECT DISTINCT m.ledger_claim_id FROM claims c JOIN ledger_claim_members m ON m.claim_pk = c.pk"
        " JOIN articles a ON a.id = c.article_id WHERE a.outlet = ?", (name,))]
    return build_record("outlet", name, [name], stored_resolutions(ledger, ids),
                        lambda f: outlet_of.get(f.article_id) == name, own_voice(name))
