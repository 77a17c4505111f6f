"""Track-record commands for the ``claimwatch`` CLI: outlets (with their record) and recompute.

``claimwatch actor NAME`` shows an actor's record (see :mod:`claimwatch.cli.ledger`); the figures
come from :mod:`claimwatch.ledger.records`.
"""
from __future__ import annotations

from typing import Optional

import click

from claimwatch.cli.common import echo_json, open_ledger
from claimwatch.cli.options import db_option, format_option


def _fraction(share) -> str:
    """``held/of (fraction)`` of a RecordShare."""
    base = f"{share.held}/{share.of}"
    return base + (f" ({share.fraction:.2f})" if share.fraction is not None else "")


@click.command()
@click.argument("name", required=False)
@db_option()
@format_option()
def outlets(name: Optional[str], db: str, fmt: str) -> None:
    """List outlets with their track record over claims that resolved, or show one outlet's record.

    An outlet reported a resolved claim when one of its articles carried a statement on it before
    the resolution; its own assertions and denials are those in its own voice or from unnamed
    sources it vouches for. Counts are always shown, fractions only from the minimum number of
    resolved claims (records.yaml).

    \b
    Example:
      claimwatch outlets --db story.db
      claimwatch outlets "Kyiv Courier" --db story.db --format json
    """
    from claimwatch.ledger.records import outlet_record, outlet_records
    from claimwatch.render.records import render_record

    with open_ledger(db) as ledger:
        if name is not None:
            data = outlet_record(ledger, name).view()
            if fmt == "json":
                echo_json(data)
                return
            click.echo(data.name)
            for line in render_record(data):
                click.echo(line)
            for c in data.claims:
                lead = "-" if c.lead_days is None else f"{c.lead_days}d"
                click.echo(f"  claim {c.id} [{c.status}] {c.outcome:<16} lead {lead:>4}: {c.text[:80]}")
            return
        rows = [r.view() for r in outlet_records(ledger)]
    if fmt == "json":
        echo_json(rows)
        return
    if not rows:
        click.echo("no outlets in the ledger; add articles with `claimwatch ingest`")
        return
    click.echo(f"{'outlet':<22} {'resolved':>8} {'conf':>4} {'den':>4} {'retr':>4}  {'own: assertions':<15}"
               f" {'denials':<11} {'carried: assertions':<19} {'denials':<11} {'relayed':>7}  lead (median)")
    for r in rows:
        s = r.by_status
        lead = r.lead_days
        lead_text = f"{lead.median:g} days" if lead.median is not None else (
            "too few resolved claims" if not r.enough else "-")
        carried = r.carried
        click.echo(f"{r.name[:22]:<22} {r.resolved_claims:>8} {s['confirmed'].count:>4} "
                   f"{s['denied'].count:>4} {s['retracted'].count:>4}  {_fraction(r.assertions):<15}"
                   f" {_fraction(r.denials):<11} {_fraction(carried.assertions):<19}"
                   f" {_fraction(carried.denials):<11} {r.relayed.count:>7}  {lead_text}")
    click.echo("(held/of: own = the outlet's own voice and unnamed sources; carried = any source it quoted)")


@click.command()
@db_option()
@click.option("--weigh-by-record/--unweighted", "weigh", default=None,
              help="Weigh each side by its track record on the other resolved claims, or not "
                   "[default: record_weighting in status_rules.yaml, false].")
@format_option()
def recompute(db: str, weigh: Optional[bool], fmt: str) -> None:
    """Recompute every claim's status and timeline, optionally weighing sides by their track record.

    Weighting multiplies a side's assertions by a factor from how often its assertions held, and its
    denials by how often its denials held, on OTHER resolved claims (unweighted outcomes), bounded
    as set in records.yaml. Ingest refreshes the claims it touches by the status rules' setting, so
    rerun this after an ingest to keep a whole ledger weighted.

    \b
    Example:
      claimwatch recompute --weigh-by-record --db story.db
      claimwatch recompute --db story.db --format json
    """
    from claimwatch.ledger.records import recompute as run_recompute
    from claimwatch.ledger.status import load_rules

    weigh = load_rules().record_weighting if weigh is None else weigh
    with open_ledger(db) as ledger:
        report = run_recompute(ledger, weigh_by_record=weigh)
    if fmt == "json":
        echo_json(report)
        return
    click.echo(f"recomputed {report['claims']} claims ({'weighted by record' if weigh else 'unweighted'}); "
               f"{len(report['changed'])} changed status")
    for c in report["changed"]:
        click.echo(f"  claim {c['id']}: {c['from']} -> {c['to']}")
    if report["sides"]:
        click.echo("record factors over all resolved claims (each claim is scored without its own outcome;"
                   " they weigh third-party assertions and every denial, not an accuser's own assertions):")
    for side, kinds in report["sides"].items():
        for kind, f in kinds.items():
            click.echo(f"  {side} {kind}: held {f['held']}, failed {f['failed']} -> factor {f['factor']:g}")

