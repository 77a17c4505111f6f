"""``claimwatch watch``: follow claims and get alerts when they move (add, list, remove, alerts, check, config).

Thin click layer over :mod:`claimwatch.watch`; ``claimwatch ingest`` reports its own watch check
through :func:`claimwatch.cli.common.finish_after_ingest`.
Exit codes: 0 ok, 2 bad input (unknown watch or claim id, bad URL), 4 ledger error.
"""
from __future__ import annotations

from typing import Any, Optional

import click

from claimwatch.cli.common import echo_json, open_ledger, wait_for_webhook, webhook_state
from claimwatch.cli.options import db_option, format_option

JSON_SCHEMA = "claimwatch-watch/1"


def _watch_line(w: Any, covered: int, alerts: int, last: Optional[str]) -> str:
    target = f"claim {w.claim_id}" if w.claim_id is not None else f"query \"{w.query}\""
    return (f"{w.id:>4}  {target:<32} {covered:>6} {alerts:>6}  {(last or '-')[:19]:<19}  "
            f"{w.created[:19]}")


def _counts(ledger: Any, watch: Any) -> tuple[int, int, Optional[str]]:
    from claimwatch.watch.store import covered_claims

    row = ledger.connection.execute(
        "SELECT COUNT(*), MAX(created) FROM alerts WHERE watch_id = ? AND baseline = 0", (watch.id,)).fetchone()
    return len(covered_claims(ledger, watch)), row[0], row[1]


@click.group()
def watch() -> None:
    """Follow claims and be alerted when they move: status changes, new figures, denials, confirmations.

    After each `claimwatch ingest` (and each article added in the web UI) watched claims are
    checked; new alerts are summarised on stderr, appended to <db>.alerts.jsonl, written to the Atom
    feed <db>.alerts.atom and, when a webhook URL is configured, POSTed as JSON.

    \b
    Example:
      claimwatch watch add 4 --db story.db
      claimwatch watch add "north korea" --db story.db
      claimwatch watch alerts --db story.db --since 2024-11-01
    """


@watch.command("add")
@click.argument("target", metavar="CLAIM_ID|QUERY")
@click.option("--query", "as_query", is_flag=True, help="Read TARGET as words to match even when it is a number.")
@click.option("--from-start", is_flag=True,
              help="Alert on the claims' existing events too (at the next check) instead of recording them "
                   "as the baseline.")
@db_option()
@format_option()
def add(target: str, as_query: bool, from_start: bool, db: str, fmt: str) -> None:
    """Watch one claim (by id) or every claim matching a query, now and later.

    A query matches claims whose text, agent, event type or story contains each of its words. The
    events the claims already have are recorded as the baseline and raise no alert, unless
    --from-start.

    \b
    Example:
      claimwatch watch add 4 --db story.db
      claimwatch watch add "north korea troops" --db story.db --format json
    """
    from claimwatch.watch.check import record_baseline
    from claimwatch.watch.store import add_watch, covered_claims, get_watch

    with open_ledger(db) as ledger:
        created_watch, new = add_watch(ledger, target, as_query=as_query, from_start=from_start)
        baseline = 0
        if new and not from_start:
            baseline = record_baseline(ledger, created_watch)
            created_watch = get_watch(ledger, created_watch.id)
        covered = covered_claims(ledger, created_watch)
        first_claim = None
        if created_watch.claim_id is not None:
            row = ledger.connection.execute("SELECT text, status FROM ledger_claims WHERE id = ?",
                                            (created_watch.claim_id,)).fetchone()
            first_claim = {"text": row["text"], "status": row["status"]}
    if fmt == "json":
        echo_json({"schema": JSON_SCHEMA, "watch": created_watch.to_dict(), "new": new, "claims": covered,
                    "baseline_events": baseline})
        return
    what = (f"claim {created_watch.claim_id} '{first_claim['text']}' ({first_claim['status']})" if first_claim
            else f"query \"{created_watch.query}\" ({len(covered)} claim{'s' if len(covered) != 1 else ''} now,"
                 " and claims that match later)")
    if not new:
        click.echo(f"already watched: watch {created_watch.id} on {what}")
        return
    click.echo(f"watch {created_watch.id} added on {what}")
    if from_start:
        click.echo("  --from-start: the claims' existing events will be raised as alerts at the next check "
                   "(`claimwatch watch check` or the next ingest)")
    else:
        click.echo(f"  baseline: {baseline} existing event{'s' if baseline != 1 else ''} recorded without alerting; "
                   "alerts start with the next ingest (use --from-start to be alerted on them too)")


@watch.command("list")
@db_option()
@format_option()
def list_(db: str, fmt: str) -> None:
    """List watches with the claims they cover now and the alerts they raised.

    \b
    Example:
      claimwatch watch list --db story.db
    """
    from claimwatch.watch.store import list_watches

    with open_ledger(db) as ledger:
        rows = [(w, *_counts(ledger, w)) for w in list_watches(ledger)]
    if fmt == "json":
        echo_json([dict(w.to_dict(), claims_covered=c, alerts=n, last_alert=last) for w, c, n, last in rows])
        return
    if not rows:
        click.echo("no watches; add one with `claimwatch watch add CLAIM_ID|QUERY`")
        return
    click.echo(f"{'id':>4}  {'watching':<32} {'claims':>6} {'alerts':>6}  {'last alert':<19}  created")
    for w, covered, n, last in rows:
        click.echo(_watch_line(w, covered, n, last))


@watch.command("remove")
@click.argument("watch_id", type=int, metavar="ID")
@db_option()
@format_option()
def remove(watch_id: int, db: str, fmt: str) -> None:
    """Stop a watch and forget the alerts it raised (an unknown id exits 2).

    \b
    Example:
      claimwatch watch remove 2 --db story.db
    """
    from claimwatch.watch.store import remove_watch

    with open_ledger(db) as ledger:
        removed = remove_watch(ledger, watch_id)
    if fmt == "json":
        echo_json({"schema": JSON_SCHEMA, "removed": removed.to_dict()})
        return
    click.echo(f"watch {removed.id} on {removed.target} removed")


@watch.command("alerts")
@click.option("--since", metavar="DATE", help="Only alerts raised at or after this ISO date or date-time (UTC).")
@click.option("--watch", "watch_id", type=int, metavar="ID", help="Only alerts of this watch.")
@click.option("--limit", type=click.IntRange(min=1), default=None, help="At most this many, the newest.")
@db_option()
@format_option()
def alerts(since: Optional[str], watch_id: Optional[int], limit: Optional[int], db: str, fmt: str) -> None:
    """List the alerts raised, newest first.

    \b
    Example:
      claimwatch watch alerts --db story.db --since 2024-11-01
      claimwatch watch alerts --db story.db --format json
    """
    from claimwatch.watch.check import list_alerts
    from claimwatch.watch.config import load_config
    from claimwatch.watch.store import get_watch

    with open_ledger(db) as ledger:
        if watch_id is not None:
            get_watch(ledger, watch_id)  # an unknown id is an input error, not an empty list
        rows = list_alerts(ledger, since=since, watch_id=watch_id, limit=limit)
        base_url = load_config(ledger).base_url
    if fmt == "json":
        echo_json([a.to_dict(base_url) for a in rows])
        return
    if not rows:
        click.echo("no alerts" + (f" since {since}" if since else "") + "; alerts are raised by `claimwatch ingest`")
        return
    for a in rows:
        click.echo(f"{a.created[:19]}  watch {a.watch_id}  {a.summary}")


@watch.command("check")
@db_option()
@format_option()
def check(db: str, fmt: str) -> None:
    """Check the watches now (ingest does this itself) and publish any new alerts.

    Also retries webhook deliveries that failed on earlier runs.

    \b
    Example:
      claimwatch watch check --db story.db
    """
    from claimwatch.watch.hooks import after_ingest

    with open_ledger(db) as ledger:
        run = after_ingest(ledger)
    if fmt == "json":
        echo_json({"schema": JSON_SCHEMA, "alerts": run.to_dict(), "written": run.written,
                    "warnings": run.warnings, "webhook": webhook_state(run)})
    else:
        click.echo(run.summary() or "no new alerts")
        for warning in run.warnings:
            click.echo(f"warning: {warning}", err=True)
    wait_for_webhook(run, quiet=fmt == "json")


@watch.command("config")
@click.option("--feed", metavar="PATH", help="Atom feed file (rewritten after each check); '' turns it off.")
@click.option("--jsonl", metavar="PATH", help="JSON-lines file alerts are appended to; '' turns it off.")
@click.option("--webhook", metavar="URL", help="POST alerts as JSON to this http(s) URL; '' turns it off.")
@click.option("--base-url", metavar="URL", help="Where `claimwatch serve` runs, for links to claims.")
@click.option("--wait", metavar="SECONDS", help="Longest the CLI waits for the webhook at exit (default 5).")
@click.option("--reset", "reset", multiple=True, type=click.Choice(("feed", "jsonl", "webhook", "base_url", "wait")),
              help="Back to the default for this setting (repeatable).")
@db_option()
@format_option()
def config(feed: Optional[str], jsonl: Optional[str], webhook: Optional[str], base_url: Optional[str],
           wait: Optional[str], reset: tuple[str, ...], db: str, fmt: str) -> None:
    """Show or change where alerts go; settings are stored in the ledger file.

    The webhook is off by default; CLAIMWATCH_WEBHOOK_URL overrides the stored URL. Hosts that are
    not public are refused unless CLAIMWATCH_ALLOW_PRIVATE_URLS=1.

    \b
    Example:
      claimwatch watch config --db story.db
      claimwatch watch config --db story.db --feed ~/feeds/claims.atom --webhook https://hooks.example.org/cw
    """
    from claimwatch.watch.config import load_config, set_setting, unset_setting

    changes = {"feed": feed, "jsonl": jsonl, "webhook": webhook, "base_url": base_url, "wait": wait}
    with open_ledger(db) as ledger:
        for key in reset:
            unset_setting(ledger, key)
        for key, value in changes.items():
            if value is not None:
                set_setting(ledger, key, value)
        current = load_config(ledger)
    if fmt == "json":
        echo_json(current.to_dict())
        return
    for key, value in current.to_dict().items():
        if key == "webhook_source":
            continue
        shown = value if value is not None else "off"
        if key == "webhook" and value:
            shown = f"{value} (from {current.webhook_source})"
        click.echo(f"{key + ':':<10} {shown}")
