"""``claimwatch report`` and ``claimwatch serve``: the ledger as a self-contained HTML/Markdown file
or as a local web UI (thin click layer over :mod:`claimwatch.render.html` and :mod:`claimwatch.web`)."""
from __future__ import annotations

from pathlib import Path
from typing import Optional

import click

from claimwatch.cli.common import existing_ledger
from claimwatch.cli.options import EXISTING_LEDGER_HELP, db_option, format_option
from claimwatch.errors import InputError

LOCALHOST = "127.0.0.1"



@click.command()
@db_option(EXISTING_LEDGER_HELP)
@click.option("--story", metavar="ID|TEXT",
              help="Only claims of this story (id such as s1, else key or words) and its articles' assessment.")
@click.option("-o", "--output", "output", required=True, metavar="FILE|-", help="Where to write the report; '-' for stdout.")
@format_option(("html", "markdown"), help="html: one self-contained file (no network needed); markdown: the same content as text.")
def report(db: str, story: Optional[str], output: str, fmt: str) -> None:
    """Write a report of the ledger: assessment, claims, stance matrix, timelines, statement cards.

    \b
    Example:
      claimwatch report --db story.db -o report.html
      claimwatch report --db story.db --story "north korea" -o report.md --format markdown
    """
    from claimwatch.ledger.store import Ledger
    from claimwatch.render.html import build_report, render_report

    with Ledger(existing_ledger(db)) as ledger:
        text = render_report(build_report(ledger, story=story), fmt)
    if output == "-":
        click.echo(text, nl=False)
        return
    try:
        Path(output).write_text(text, encoding="utf-8")
    except OSError as exc:
        raise InputError(f"cannot write {output}: {exc.strerror or exc}") from exc
    click.echo(f"wrote {output} ({fmt}, {len(text.encode('utf-8')) // 1024} KiB)", err=True)


@click.command()
@db_option(EXISTING_LEDGER_HELP)
@click.option("--host", default=LOCALHOST, show_default=True,
              help="Interface to bind; anything but 127.0.0.1 exposes the UI (and ingest) to the network.")
@click.option("--port", type=click.IntRange(0, 65535), default=8000, show_default=True)
@click.option("--read-only", is_flag=True, help="Disable the ingest form (it answers 403).")
def serve(db: str, host: str, port: int, read_only: bool) -> None:
    """Serve the web UI and JSON API (/api/claims, /api/actors, /api/articles; docs at /docs).

    \b
    Example:
      claimwatch serve --db story.db
      claimwatch serve --db story.db --read-only --port 8080
    """
    import uvicorn

    from claimwatch.web.app import create_app

    if host != LOCALHOST and not read_only:
        click.echo(f"warning: binding {host} lets anyone who can reach it ingest articles; "
                   "consider --read-only", err=True)
    click.echo(f"claimwatch on http://{host}:{port}/ (ledger {db}{', read-only' if read_only else ''})", err=True)
    uvicorn.run(create_app(db, read_only=read_only), host=host, port=port, log_level="warning")
