"""Source track records: how an actor's or an outlet's word held up on claims whose status resolved.

A ledger claim is *resolved* when its final status is confirmed, denied or retracted; its resolution
date is the date of the status change that brought it there (the last change on its timeline). A
speaker's stance on a resolved claim is its latest stance up to that date, so what it said after the
claim was settled is no prediction and is counted apart ("after resolution"). An assertion *held* when
the claim was confirmed and *failed* when it was denied or retracted; a denial the other way round.
Lead time is the number of days from the speaker's first statement on the claim to the resolution.

Outlets: an outlet *reported* a resolved claim when one of its (independent) articles carried a
statement on it before the resolution; its own stance is the one of its own voice there: statements
whose source is the outlet itself or an unnamed source only the outlet vouches for ("officials said").
Claims it carried only through named sources are counted as *relayed*.

Every figure is a count with the claim ids behind it; a fraction is given only from ``min_resolved``
(``records.yaml``) resolved claims on. The same tallies, kept per side and over the *other* claims
only, give the bounded factors with which the status rules may weigh sides (:func:`record_factors`).
"""
from __future__ import annotations

import statistics
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, Callable, Iterable, Mapping, Optional, Sequence

from claimwatch.errors import InputError, LedgerError, LexiconError
from claimwatch.ledger.read_models import (CarriedShares, RecordClaim, RecordCount, RecordLead, RecordShare,
                                           RecordView, as_data)
from claimwatch.ledger.sql import in_chunks, placeholders
from claimwatch.ledger.status import Fact, side_key, timeline
from claimwatch.lexicons import load_yaml
from claimwatch.model import STANCE_POLARITY
from claimwatch.dates import parse_moment

SOURCE = "records.yaml"
RESOLVED = ("confirmed", "denied", "retracted")
OUTCOMES = ("held", "failed", "uncommitted", "relayed", "after_resolution", "undated")


# --- configuration ---------------------------------------------------------------------------

@dataclass(frozen=True)
class Weighting:
    min_resolved: int
    prior: float
    min_factor: float
    max_factor: float

    def factor(self, held: int, failed: int) -> float:
        """Laplace-smoothed held rate over the neutral 0.5, bounded; 1 below ``min_resolved``."""
        if held + failed < self.min_resolved:
            return 1.0
        rate = (held + self.prior) / (held + failed + 2 * self.prior)
        return round(min(self.max_factor, max(self.min_factor, rate / 0.5)), 4)


@dataclass(frozen=True)
class RecordConfig:
    min_resolved: int
    weighting: Weighting


def _fail(where: str, problem: str) -> LexiconError:
    return LexiconError(f"{SOURCE}: {where}: {problem}")


def _number(data: Mapping, key: str, where: str, low: float, high: float, integer: bool = False) -> float:
    value = data.get(key)
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not low <= value <= high \
            or (integer and not float(value).is_integer()):
        kind = "a whole number" if integer else "a number"
        raise _fail(f"{where}{key}", f"expected {kind} between {low:g} and {high:g}, got {value!r}")
    return value


def parse_config(data: Any) -> RecordConfig:
    """Validate ``records.yaml``: version 1, a minimum, and weighting bounds around 1."""
    if not isinstance(data, Mapping) or data.get("version") != 1:
        raise _fail("top level", "expected a mapping with 'version: 1'")
    unknown = set(data) - {"version", "min_resolved", "weighting"}
    if unknown:
        raise _fail("top level", f"unknown field(s) {', '.join(sorted(unknown))}")
    weighting = data.get("weighting")
    if not isinstance(weighting, Mapping) or set(weighting) != {"min_resolved", "prior", "min_factor", "max_factor"}:
        raise _fail("weighting", "expected min_resolved, prior, min_factor and max_factor")
    low = _number(weighting, "min_factor", "weighting.", 0.0, 1.0)
    high = _number(weighting, "max_factor", "weighting.", 1.0, 10.0)
    return RecordConfig(
        min_resolved=int(_number(data, "min_resolved", "", 1, 1000, integer=True)),
        weighting=Weighting(min_resolved=int(_number(weighting, "min_resolved", "weighting.", 1, 1000, integer=True)),
                            prior=float(_number(weighting, "prior", "weighting.", 0.01, 100.0)),
                            min_factor=float(low), max_factor=float(high)))


@lru_cache(maxsize=1)
def load_config() -> RecordConfig:
    return parse_config(load_yaml(SOURCE))


# --- resolutions -------------------------------------------------------------------------------

@dataclass(frozen=True)
class Resolution:
    """A resolved ledger claim with the statements (status facts) that were counted on it."""

    claim_id: int
    text: str
    status: str
    date: Optional[str]
    facts: tuple[Fact, ...] = ()  # from ClaimBook.facts, oldest first


def stored_resolutions(ledger, claim_ids: Optional[Iterable[int]] = None) -> list[Resolution]:
    """Resolved ledger claims as stored: final status, the date of the last status change, the facts."""
    conn = ledger.connection
    sql = f"SELECT id, text, status FROM ledger_claims WHERE status IN ({placeholders(RESOLVED)})"
    if claim_ids is None:
        rows = conn.execute(sql + " ORDER BY id", RESOLVED).fetchall()
    else:  # ascending chunks of ascending ids: the rows come in id order as from one query
        rows = [row for chunk in in_chunks(sorted(set(claim_ids)))
                for row in conn.execute(sql + f" AND id IN ({placeholders(chunk)}) ORDER BY id", (*RESOLVED, *chunk))]
    resolved = [row["id"] for row in rows]
    facts = ledger.claims.facts_of(resolved)
    dates = _last_status_dates(conn, resolved)
    return [Resolution(row["id"], row["text"], row["status"], dates.get(row["id"]), tuple(facts[row["id"]]))
            for row in rows]


def _last_status_dates(conn, claim_ids: list[int]) -> dict[int, Optional[str]]:
    """Each claim's date of its latest 'first_alleged' or 'status_change' event (highest event id)."""
    out: dict[int, Optional[str]] = {}
    for chunk in in_chunks(claim_ids):
        for claim_id, date in conn.execute(
                "SELECT e.ledger_claim_id, e.date FROM claim_events e WHERE e.id IN ("
                " SELECT MAX(id) FROM claim_events WHERE kind IN ('first_alleged', 'status_change')"
                f" AND ledger_claim_id IN ({placeholders(chunk)}) GROUP BY ledger_claim_id)", chunk):
            out[claim_id] = date
    return out


def replayed_resolutions(book, exclude: Optional[int] = None) -> list[Resolution]:
    """Resolved claims by the *unweighted* replay of their statements, so that weighting one claim
    never feeds on weighted outcomes of others (no loop, no dependence on the order of refreshes)."""
    from claimwatch.ledger import matching

    conn = book._conn  # noqa: SLF001 - the book's own connection, read in its transaction
    out = []
    for row in conn.execute("SELECT id, text, agent FROM ledger_claims ORDER BY id").fetchall():
        if row["id"] == exclude:
            continue
        facts = book.facts(row["id"])
        if not facts:
            continue
        agent = matching.side_of(row["agent"]) if row["agent"] else None
        result = timeline(facts, agent=agent, parties=book.parties(row["id"]) - {agent}, factors={})
        if result.status not in RESOLVED:
            continue
        changes = [e for e in result.events if e.kind in ("first_alleged", "status_change")]
        out.append(Resolution(row["id"], row["text"], result.status, changes[-1].date if changes else None,
                              tuple(facts)))
    return out


# --- one speaker's outcome on one claim --------------------------------------------------------

@dataclass(frozen=True)
class ClaimOutcome:
    """How one resolved claim went for the speaker."""

    claim_id: int
    text: str
    status: str  # the claim's final status
    resolved: Optional[str]  # resolution date
    outcome: str  # held | failed | uncommitted | relayed | after_resolution | undated
    stance: Optional[str] = None  # for | against | uncommitted: the speaker's latest stance before resolution
    first_spoke: Optional[str] = None
    lead_days: Optional[int] = None
    carried: tuple[str, ...] = ()  # for | against: stances its statements carried before resolution, any source

    def view(self) -> RecordClaim:
        return RecordClaim(id=self.claim_id, text=self.text, status=self.status, resolved=self.resolved,
                           outcome=self.outcome, stance=self.stance, first_spoke=self.first_spoke,
                           lead_days=self.lead_days, carried=self.carried)

    def to_dict(self) -> dict[str, Any]:
        return as_data(self.view())


def _latest_polarity(facts: Sequence[Fact]) -> int:
    """The latest stance; within the latest article a committed stance outranks a hedge (as in the replay)."""
    last_article = facts[-1].article_id
    polarities = [STANCE_POLARITY.get(f.stance, 0) for f in facts if f.article_id == last_article]
    committed = [p for p in polarities if p != 0]
    return committed[-1] if committed else 0


def outcome_of(resolution: Resolution, spoken: Sequence[Fact], own: Callable[[Fact], bool]) -> Optional[ClaimOutcome]:
    """The speaker's outcome on ``resolution`` from its facts ``spoken`` (None when it never spoke on it).

    ``own`` tells which of them are the speaker's own stance (all of them for an actor)."""
    if not spoken:
        return None
    base = dict(claim_id=resolution.claim_id, text=resolution.text, status=resolution.status,
                resolved=resolution.date)
    settled = parse_moment(resolution.date)
    dated = [(f, parse_moment(f.date)) for f in spoken]
    if settled is None or any(moment is None for _, moment in dated):
        return ClaimOutcome(outcome="undated", **base)
    before = [f for f, moment in dated if moment <= settled]
    if not before:
        return ClaimOutcome(outcome="after_resolution", first_spoke=spoken[0].date, **base)
    first = parse_moment(before[0].date)
    lead = (settled.date() - first.date()).days
    latest: dict[str, int] = {}
    for f in before:
        latest[side_key(f)] = STANCE_POLARITY.get(f.stance, 0)
    carried = tuple(name for name, sign in (("for", 1), ("against", -1)) if sign in latest.values())
    common = dict(first_spoke=before[0].date, lead_days=lead, carried=carried, **base)
    mine = [f for f in before if own(f)]
    if not mine:
        return ClaimOutcome(outcome="relayed", **common)
    polarity = _latest_polarity(mine)
    if polarity == 0:
        return ClaimOutcome(outcome="uncommitted", stance="uncommitted", **common)
    true = resolution.status == "confirmed"
    held = (polarity > 0) == true
    return ClaimOutcome(outcome="held" if held else "failed", stance="for" if polarity > 0 else "against", **common)


# --- the record --------------------------------------------------------------------------------

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


# --- weighting the status rules by record ------------------------------------------------------

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


# --- text --------------------------------------------------------------------------------------

def _list(ids: Sequence[int]) -> str:
    return ", ".join(f"#{i}" for i in ids) if ids else "-"


def render_record(record: RecordView, indent: str = "") -> list[str]:
    """Lines for a terminal from a :class:`RecordView`: counts always, fractions from the minimum."""
    lines = []
    n, need = record.resolved_claims, record.min_resolved
    outlet = record.kind == "outlet"
    what = "reported" if outlet else "spoke on"
    own = " (own voice and unnamed sources)" if outlet else ""
    if record.enough:
        lines.append(f"track record: {n} resolved claims it {what} before resolution (minimum {need})")
    else:
        lines.append(f"track record: {record.note}")
    shares = [(f"assertions{own}", record.assertions), (f"denials{own}", record.denials)]
    if record.carried is not None:
        shares += [("assertions it carried (any source)", record.carried.assertions),
                   ("denials it carried (any source)", record.carried.denials)]
    for label, d in shares:
        fraction = f" ({d.fraction:.2f})" if d.fraction is not None else ""
        lines.append(f"  {label} held {d.held} of {d.of}{fraction}: held {_list(d.held_claims)};"
                     f" failed {_list(d.failed_claims)}")
    extra = [f"uncommitted on {record.uncommitted.count} ({_list(record.uncommitted.claims)})"]
    if outlet:
        extra.append(f"relayed only on {record.relayed.count} ({_list(record.relayed.claims)})")
    extra.append(f"spoke only after resolution on {record.after_resolution.count}"
                 f" ({_list(record.after_resolution.claims)})")
    lines.append("  " + "; ".join(extra))
    s = record.by_status
    lines.append("  " + ", ".join(f"{k} {s[k].count}" for k in RESOLVED) + f" (of the claims it {what})")
    lead = record.lead_days
    if lead.median is not None:
        lines.append(f"  lead time: median {lead.median:g} days, range {lead.min}..{lead.max} days,"
                     f" over {lead.count} claims")
    return [indent + line for line in lines]
