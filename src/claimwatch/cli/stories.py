"""``claimwatch stories`` and ``claimwatch story``: the automatic stories of a ledger (thin CLI layer).

Stories are made at ingest (:mod:`claimwatch.ledger.stories`); ``--rebuild`` re-clusters every
article so the result no longer depends on the order articles arrived in. JSON output:

- ``stories``: a list of ``{id, label, articles, independent_articles, first_seen, last_seen,
  top_claims: [{id, text, status}]}``, most articles first;
- ``story ID``: one such object with ``claims`` (every claim, most-carried first) in place of
  ``top_claims`` and ``members``: ``[{id, title, outlet, published, url, score, method,
  near_duplicate_of, wire_source}]`` oldest first (``method``: new, joined, copy or rebuilt).
"""
from __future__ import annotations

from typing import Any, Optional

import click

from claimwatch.cli.common import echo_json, existing_ledger, short_day
from claimwatch.cli.options import EXISTING_LEDGER_HELP, db_option, format_option
from claimwatch.dates import day
from claimwatch.errors import InputError
from claimwatch.ledger.read_models import StoryDetail, StorySummary



def _short(text: str, width: int = 88) -> str:
    return text if len(text) <= width else text[:width - 3] + "..."


def _story_id(value: str) -> int:
    from claimwatch.ledger.stories import parse_story_id

    number = parse_story_id(value)
    if number is None:
        raise InputError(f"{value!r} is not a story id; give a number such as 3 or s3 (see `claimwatch stories`)")
    return number


def _show_list(rows: list[StorySummary]) -> None:
    if not rows:
        click.echo("no stories; add articles with `claimwatch ingest`")
        return
    click.echo(f"{'id':>5}  {'arts':>4} {'ind':>4}  {'first':<10} {'last':<10}  label")
    for r in rows:
        click.echo(f"{'s' + str(r.id):>5}  {r.articles:>4} {r.independent_articles:>4}  "
                   f"{short_day(r.first_seen):<10} {short_day(r.last_seen):<10}  {r.label}")
        for c in r.top_claims:
            click.echo(f"{'':>7}claim {c.id} [{c.status}] {_short(c.text, 80)}")


def _show_one(data: StoryDetail) -> None:
    click.echo(f"story s{data.id}: {data.label}")
    click.echo(f"{data.articles} articles ({data.independent_articles} independent), "
               f"{short_day(data.first_seen)} .. {short_day(data.last_seen)}")
    click.echo("\narticles:")
    for a in data.members:
        how = a.method + (f" {a.score:.2f}" if a.score is not None and a.method == "joined" else "")
        click.echo(f"  {day(a.published)} {a.outlet or '?'}: {_short(a.title or a.id, 70)} ({how})")
    click.echo("\nclaims:")
    for c in data.claims:
        click.echo(f"  {c.id:>4} [{c.status}] {_short(c.text)}")


@click.command("stories")
@click.argument("story_id", required=False, metavar="[ID]")
@db_option(EXISTING_LEDGER_HELP)
@click.option("--limit", type=click.IntRange(min=1), default=None, help="Show at most this many stories.")
@click.option("--rebuild", is_flag=True, help="Re-cluster every article first (order-independent), then list.")
@format_option()
def stories_command(story_id: Optional[str], db: str, limit: Optional[int], rebuild: bool, fmt: str) -> None:
    """List the stories the ledger's articles were grouped into, with counts, dates and top claims.

    Articles join a story at ingest by shared actors, shared claims, content and dates. ID (3 or
    s3) shows one story; --story ID selects it in `claims`, `assess` and `report`.

    \b
    Example:
      claimwatch stories --db story.db
      claimwatch stories s1 --db story.db --format json
      claimwatch stories --db story.db --rebuild
    """
    from claimwatch.ledger.store import Ledger
    from claimwatch.ledger.stories import list_stories, rebuild as run_rebuild, story_detail

    number = _story_id(story_id) if story_id is not None else None
    with Ledger(existing_ledger(db)) as ledger:
        if rebuild:
            summary = run_rebuild(ledger)
            if fmt == "text":
                click.echo(f"rebuilt: {summary.articles} articles in {summary.stories} stories "
                           f"({summary.merged} merges)", err=True)
        data: Any = story_detail(ledger, number) if number is not None else list_stories(ledger, limit=limit)
    if fmt == "json":
        echo_json(data)
    elif number is not None:
        _show_one(data)
    else:
        _show_list(data)


@click.command("story")
@click.argument("story_id", metavar="ID")
@db_option(EXISTING_LEDGER_HELP)
@format_option()
def story_command(story_id: str, db: str, fmt: str) -> None:
    """Show one story: its articles (oldest first, with how each joined) and its claims.

    \b
    Example:
      claimwatch story s1 --db story.db
      claimwatch story 1 --db story.db --format json
    """
    from claimwatch.ledger.store import Ledger
    from claimwatch.ledger.stories import story_detail

    number = _story_id(story_id)
    with Ledger(existing_ledger(db)) as ledger:
        data = story_detail(ledger, number)
    if fmt == "json":
        echo_json(data)
    else:
        _show_one(data)
