"""Ledger commands for the ``claimwatch`` CLI: ingest, claims, claim, actors, actor, search.

Thin click layer over :mod:`claimwatch.ledger`; errors are domain errors that the CLI group turns
into one ``error:`` line and an exit code: 0 ok, 1 error, 2 bad input, 4 ledger error.
"""
from __future__ import annotations

import sys
from contextlib import nullcontext
from typing import Any, Optional

import click

from claimwatch.cli.common import echo_json, finish_after_ingest, open_ledger, short_day
from claimwatch.cli.options import db_option, format_option
from claimwatch.dates import day
from claimwatch.errors import InputError
from claimwatch.render import format_via


# --- ingest ------------------------------------------------------------------------------------

@click.command()
@click.argument("inputs", nargs=-1, required=True, metavar="PATH|URL|-...")
@db_option()
@click.option("--no-fetch", is_flag=True, help="Skip URLs instead of fetching them.")
@click.option("--engine", type=click.Choice(("local", "dask")), default="local", show_default=True,
              help="Where extraction runs: this process, or Dask workers (a local 2-worker cluster by default).")
@click.option("--scheduler", metavar="ADDRESS", default=None,
              help="With --engine dask: join this Dask scheduler (tcp://host:8786) instead of a local cluster.")
@click.option("--fast", is_flag=True, help="Parse only the sentences the cue pre-pass keeps (see docs/prepass.md).")
@click.option("--lexical", is_flag=True,
              help="Match claims and stories by their words only, without the sentence-embedding model: "
                   "far cheaper per article, for bulk runs (paraphrases sharing few words stay apart).")
@format_option()
def ingest(inputs: tuple[str, ...], db: str, no_fetch: bool, engine: str, scheduler: Optional[str], fmt: str,
           fast: bool = False, lexical: bool = False) -> None:
    """Read articles (.txt, .html, RSS/Atom, JSONL, folders, URLs, '-') into the ledger.

    Articles already in the ledger, exact duplicates and wire copies are recognised; inputs that
    cannot be read are skipped with a reason. Exits 0 when anything was read, 2 when nothing was.

    \b
    Example:
      claimwatch ingest story/ --db story.db
      claimwatch ingest feed.xml https://example.org/article.html --no-fetch
      claimwatch ingest day/ --db day.db --engine dask --scheduler tcp://10.0.0.5:8786
      claimwatch ingest day/ --db day.db --fast --lexical --engine dask
    """
    from claimwatch.ledger.ingest import run_ingest

    show_bar = sys.stderr.isatty() and fmt == "text"
    if show_bar:
        from rich.progress import Progress, SpinnerColumn, TextColumn

        bar: Any = Progress(SpinnerColumn(), TextColumn("{task.description}"), TextColumn("{task.completed} read"),
                            transient=True, console=None)
    else:
        bar = nullcontext()
    with bar:
        task = bar.add_task("ingesting", total=None) if show_bar else None
        tick = (lambda item: bar.advance(task)) if show_bar else None
        outcome = run_ingest(db, inputs, fetch_urls=not no_fetch, engine=engine, scheduler=scheduler, fast=fast,
                             lexical=lexical, progress=tick)
    report = outcome.report
    if fmt == "json":
        echo_json(outcome.to_dict())
    else:
        click.echo(report.summary())
        for skipped in report.skipped:
            click.echo(f"  skipped {skipped.source}: {skipped.reason}")
    finish_after_ingest(outcome.alerts, fmt)
    if not outcome.read_anything:
        raise InputError("nothing could be read from the inputs" + (
            f" ({len(report.skipped)} skipped, reasons above)" if report.skipped else ""))


# --- claims ------------------------------------------------------------------------------------

@click.command()
@db_option()
@click.option("--story", metavar="ID|TEXT",
              help="Only claims of story ID (3 or s3, see `claimwatch stories`), else those whose story key or text contains TEXT.")
@click.option("--limit", type=click.IntRange(min=1), default=None, help="Show at most this many claims.")
@format_option()
def claims(db: str, story: Optional[str], limit: Optional[int], fmt: str) -> None:
    """List claims across articles with their status and independent sources for / uncommitted / against.

    \b
    Example:
      claimwatch claims --db story.db --story "north korea"
      claimwatch claims --db story.db --story s1
    """
    from claimwatch.ledger.queries import list_claims

    with open_ledger(db) as ledger:
        rows = list_claims(ledger, story=story, limit=limit)
    if fmt == "json":
        echo_json(rows)
        return
    if not rows:
        click.echo("no claims" + (f" for story {story!r}" if story else "") + "; add articles with `claimwatch ingest`")
        return
    click.echo(f"{'id':>4}  {'status':<12} {'for':>3} {'unc':>3} {'agn':>3}  {'first':<10} {'last':<10}  claim")
    for r in rows:
        s = r.sources
        text = r.text if len(r.text) <= 90 else r.text[:87] + "..."
        click.echo(f"{r.id:>4}  {r.status:<12} {s['for']:>3} {s['uncommitted']:>3} {s['against']:>3}  "
                   f"{short_day(r.first_seen):<10} {short_day(r.last_seen):<10}  {text}")


@click.command()
@click.argument("claim_id", type=int, metavar="ID")
@db_option()
@format_option()
def claim(claim_id: int, db: str, fmt: str) -> None:
    """Show one claim: its timeline, its statements by stance with outlet and date, and its figures.

    \b
    Example:
      claimwatch claim 1 --db story.db
    """
    from claimwatch.ledger.queries import claim_detail

    with open_ledger(db) as ledger:
        data = claim_detail(ledger, claim_id)
    if fmt == "json":
        echo_json(data)
        return
    s = data.sources
    click.echo(f"claim {data.id}: {data.text}")
    click.echo(f"status: {data.status}   sources for {s['for']}, uncommitted {s['uncommitted']}, "
               f"against {s['against']}   seen {short_day(data.first_seen)} .. {short_day(data.last_seen)}")
    click.echo(f"event type: {data.event_type or '-'}   agent: {data.agent or '-'}   story: {data.story}")
    reason = data.status_reason
    click.echo(f"why: {reason.text}" + (f"  [{', '.join(c.id for c in reason.statements)}]"
                                        if reason.statements else ""))
    if data.related:
        click.echo("related: " + "; ".join(f"{r.id} ({r.status}) {r.text}" for r in data.related))
    click.echo("\ntimeline:")
    for e in data.timeline:
        change = f"{e.from_status} -> {e.to_status}" if e.kind == "status_change" else (e.to_status or "")
        click.echo(f"  {day(e.date)}  {e.kind:<13} {change:<26} {e.note}" + (f" [{e.outlet}]" if e.outlet else ""))
    click.echo("\nstatements:")
    for stance in ("asserts", "supports", "uncommitted", "disputes", "denies"):
        items = data.statements.get(stance, ())
        if items:
            click.echo(f"  {stance}:")
            for st in items:
                copy = "" if st.independent else " (copy, not counted)"
                click.echo(f"    {day(st.published)} {st.outlet or '?'}: {st.source}{format_via(st.via)} {st.cue} "
                           f"\u201c{st.content}\u201d{copy}")
    if data.quantities:
        click.echo("\nfigures:")
        for q in data.quantities:
            click.echo(f"  {day(q.date)}  {q.text or q.value}  ({q.source}, {q.outlet or '?'})")


# --- actors ------------------------------------------------------------------------------------

@click.command()
@db_option()
@format_option()
def actors(db: str, fmt: str) -> None:
    """List the sources quoted in the ledger with their side and statements by stance.

    \b
    Example:
      claimwatch actors --db story.db --format json
    """
    from claimwatch.ledger.queries import list_actors

    with open_ledger(db) as ledger:
        rows = list_actors(ledger)
    if fmt == "json":
        echo_json(rows)
        return
    for r in rows:
        stances = ", ".join(f"{k} {v}" for k, v in sorted(r.stances.items()))
        side = f" ({r.side})" if r.side != r.name else ""
        click.echo(f"{r.statements:>4}  {r.name}{side}: {stances}")


@click.command()
@click.argument("name")
@db_option()
@format_option()
def actor(name: str, db: str, fmt: str) -> None:
    """Show an actor's stance profile: statements by stance, the claims it spoke on, and its track
    record over claims that resolved (how often its assertions and denials held, how early it spoke).

    \b
    Example:
      claimwatch actor "Peskov" --db story.db
    """
    from claimwatch.ledger.queries import actor_profile

    with open_ledger(db) as ledger:
        data = actor_profile(ledger, name)
    if fmt == "json":
        echo_json(data)
        return
    side = f" ({data.side})" if data.side not in data.names else ""
    click.echo(f"{', '.join(data.names)}{side}")
    click.echo("stances: " + ", ".join(f"{k} {v}" for k, v in sorted(data.stances.items())))
    for c in data.claims:
        click.echo(f"  claim {c.id} [{c.status}] {'/'.join(c.stances)}: {(c.text or '')[:90]}")
    if data.record is not None:
        from claimwatch.render.records import render_record

        for line in render_record(data.record):
            click.echo(line)


@click.command()
@click.argument("text")
@db_option()
@click.option("--limit", type=click.IntRange(min=1), default=20, show_default=True)
@format_option()
def search(text: str, db: str, limit: int, fmt: str) -> None:
    """Full-text search over what sources said (every word must occur).

    \b
    Example:
      claimwatch search "special forces" --db story.db
    """
    from claimwatch.ledger.queries import search as run_search

    with open_ledger(db) as ledger:
        rows = run_search(ledger, text, limit=limit)
    if fmt == "json":
        echo_json(rows)
        return
    if not rows:
        click.echo(f"no statement mentions {text!r}")
    for r in rows:
        click.echo(f"{day(r.published)} {r.outlet or '?'}: {r.source} {r.cue} \u201c{r.content}\u201d")

