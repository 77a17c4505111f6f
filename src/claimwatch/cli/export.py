"""``claimwatch export``: the ledger as schema.org JSON-LD (Claim, ClaimReview drafts), CSV or Parquet.

Thin click layer over :mod:`claimwatch.export`; errors become one ``error:`` line and an exit code:
2 bad input (unknown story, an output that exists), 4 ledger error (no ledger at --db).
"""
from __future__ import annotations

import json
from pathlib import Path
from typing import Optional

import click

from claimwatch.cli.options import EXISTING_LEDGER_HELP, db_option, format_option
from claimwatch.errors import InputError, LedgerError

@click.command("export")
@click.option("--to", "kind", type=click.Choice(("jsonld", "claimreview", "csv", "parquet")), required=True,
              help="jsonld: a schema.org Claim per claim; claimreview: ClaimReview drafts for resolved claims; "
                   "csv / parquet: one file per table.")
@click.option("--out", "out", required=True, metavar="PATH",
              help="A file for jsonld/claimreview (e.g. claims.jsonld); a folder for csv/parquet.")
@db_option(EXISTING_LEDGER_HELP)
@click.option("--story", metavar="S", help="Only claims of this story (a story id, or text as in `claims --story`).")
@click.option("--table", "table", type=click.Choice(("statements", "claims", "actors", "articles", "all")),
              default="all", show_default=True, help="csv/parquet: which table to write.")
@click.option("--jsonl", is_flag=True, help="jsonld/claimreview: one document per line instead of a JSON array.")
@click.option("--reviewer", metavar="NAME", help="claimreview: the fact-checking organisation named as author.")
@click.option("--base-url", metavar="URL", help="Name claims BASE/claims/ID instead of urn:claimwatch:claim:ID.")
@click.option("--spreadsheet-safe", is_flag=True,
              help="csv: prefix cells that start like a formula (=, +, -, @) with ' so Excel or LibreOffice "
                   "shows them as text (article text is untrusted). Off by default: pandas and R read the data as stored.")
@click.option("--force", is_flag=True, help="Overwrite an existing output file or the tables in a non-empty folder.")
@format_option(help="This command's report: text for reading, json for tools.")
def export_command(kind: str, out: str, db: str, story: Optional[str], table: str, jsonl: bool,
                   reviewer: Optional[str], base_url: Optional[str], spreadsheet_safe: bool, force: bool,
                   fmt: str) -> None:
    """Export claims as schema.org JSON-LD, ClaimReview drafts, or tables as CSV / Parquet.

    JSON-LD goes to one file (a JSON array, or JSON lines with --jsonl); CSV and Parquet write
    statements, claims, actors and articles as one file per table into the --out folder. An existing
    output is kept unless --force; files are written whole or not at all.

    \b
    Example:
      claimwatch export --to jsonld --out claims.jsonld --db story.db
      claimwatch export --to claimreview --out reviews.json --reviewer "Example Checks" --db story.db
      claimwatch export --to parquet --out tables/ --db story.db --story "north korea"
      claimwatch export --to csv --out tables/ --table statements --db story.db --format json
    """
    from claimwatch.export import TABLE_NAMES, export
    from claimwatch.ledger import Ledger

    json_kind = kind in ("jsonld", "claimreview")
    if json_kind and table != "all":
        raise InputError("--table applies to csv and parquet; jsonld and claimreview export claims")
    if not json_kind and (jsonl or reviewer):
        raise InputError("--jsonl and --reviewer apply to jsonld and claimreview exports")
    if spreadsheet_safe and kind != "csv":
        raise InputError("--spreadsheet-safe applies to csv exports")
    if db != ":memory:" and not Path(db).is_file():
        raise LedgerError(f"no ledger at {db}; create one with `claimwatch ingest ... --db {db}`")
    tables = TABLE_NAMES if table == "all" else (table,)
    with Ledger(db) as ledger:
        report = export(ledger, kind, Path(out), story=story, table_names=tables, jsonl=jsonl, force=force,
                        reviewer=reviewer, base_url=base_url, spreadsheet_safe=spreadsheet_safe)
    if fmt == "json":
        click.echo(json.dumps(report.to_dict(), ensure_ascii=False, indent=2))
    else:
        click.echo(report.summary())
