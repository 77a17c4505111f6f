"""How one resolved claim went for one speaker: held, failed, uncommitted, relayed, after resolution
or undated, from the speaker's latest stance before the resolution date."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable, Optional, Sequence

from claimwatch.dates import parse_moment
from claimwatch.ledger.read_models import RecordClaim, as_data
from claimwatch.ledger.records.resolutions import Resolution
from claimwatch.ledger.status import Fact, side_key
from claimwatch.model import STANCE_POLARITY

OUTCOMES = ("held", "failed", "uncommitted", "relayed", "after_resolution", "undated")


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
