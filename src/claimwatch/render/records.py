"""Track records as terminal lines: counts always, fractions only from the minimum of resolved claims."""
from __future__ import annotations

from typing import Sequence

from claimwatch.ledger.read_models import RecordView
from claimwatch.ledger.records.resolutions import RESOLVED


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
