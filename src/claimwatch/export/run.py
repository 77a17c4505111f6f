"""One export run: select claims and articles, build documents or tables, write them, report.

Kinds: ``jsonld`` (schema.org Claim per claim), ``claimreview`` (ClaimReview drafts for resolved
claims) into one JSON file; ``csv`` and ``parquet`` (one file per table) into a folder.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any, Optional, Sequence

from claimwatch.errors import InputError
from claimwatch.export import files, jsonld, records, tables
from claimwatch.ledger.store import Ledger

KINDS = ("jsonld", "claimreview", "csv", "parquet")
TABLE_NAMES = tuple(tables.TABLES)


@dataclass(frozen=True)
class WrittenFile:
    path: str
    table: str  # "claims" for a JSON-LD file
    rows: int
    bytes: int


@dataclass(frozen=True)
class ExportReport:
    """What was written: the stable JSON of ``claimwatch export --format json``."""

    kind: str
    story: Optional[str]
    claims: int
    files: tuple[WrittenFile, ...]

    def to_dict(self) -> dict[str, Any]:
        return {"kind": self.kind, "story": self.story, "claims": self.claims,
                "files": [{"path": f.path, "table": f.table, "rows": f.rows, "bytes": f.bytes} for f in self.files]}

    def summary(self) -> str:
        what = {"jsonld": "Claim documents", "claimreview": "ClaimReview drafts"}.get(self.kind, "rows")
        lines = [f"exported {self.kind}" + (f" for story {self.story!r}" if self.story else "")
                 + f": {self.claims} claim{'' if self.claims == 1 else 's'} selected"]
        lines += [f"  {f.path}: {f.rows} {what if self.kind in ('jsonld', 'claimreview') else f.table + ' rows'}"
                  f" ({f.bytes:,} bytes)" for f in self.files]
        return "\n".join(lines)


def export(ledger: Ledger, kind: str, out: Path, story: Optional[str] = None,
           table_names: Sequence[str] = TABLE_NAMES, jsonl: bool = False, force: bool = False,
           reviewer: Optional[str] = None, base_url: Optional[str] = None,
           spreadsheet_safe: bool = False) -> ExportReport:
    """Export the ledger (or one story of it) as ``kind`` to ``out``; refuses to overwrite unless ``force``.

    ``spreadsheet_safe`` (CSV) defuses cells a spreadsheet would run as a formula (article text is
    untrusted input)."""
    if kind not in KINDS:
        raise InputError(f"unknown export kind {kind!r}; expected one of {', '.join(KINDS)}")
    unknown = [t for t in table_names if t not in tables.TABLES]
    if unknown:
        raise InputError(f"unknown table(s) {', '.join(unknown)}; expected {', '.join(TABLE_NAMES)} or all")
    if kind in ("jsonld", "claimreview"):
        files.prepare_file(out, force)
    else:
        files.prepare_folder(out, force)
    selection = records.select(ledger, story)
    if kind in ("jsonld", "claimreview"):
        docs = jsonld.documents(records.claim_records(ledger, selection), kind, reviewer, base_url)
        n = files.write_json(out, docs, lines=jsonl)
        written = (WrittenFile(str(out), "claims", n, out.stat().st_size),)
    else:
        written = tuple(_write_table(ledger, selection, kind, out, name, spreadsheet_safe) for name in table_names)
    return ExportReport(kind, story, len(selection.claim_ids), written)


def table_rows(ledger: Ledger, selection: records.Selection, name: str) -> list[dict[str, Any]]:
    """The typed rows of one table for the selection."""
    if name == "statements":
        return [tables.statement_row(r) for r in records.statement_rows(ledger, selection)]
    if name == "claims":
        return [tables.claim_row(r) for r in records.claim_records(ledger, selection)]
    if name == "actors":
        return [tables.actor_row(r) for r in records.actor_rows(ledger, selection)]
    return [tables.article_row(r) for r in records.article_rows(ledger, selection)]


def _write_table(ledger: Ledger, selection: records.Selection, kind: str, folder: Path, name: str,
                 spreadsheet_safe: bool = False) -> WrittenFile:
    rows = table_rows(ledger, selection, name)
    target = folder / f"{name}.{kind}"
    with files.atomic(target) as temp:
        n = (tables.write_csv(temp, name, rows, spreadsheet_safe) if kind == "csv"
             else tables.write_parquet(temp, name, rows))
    return WrittenFile(str(target), name, n, target.stat().st_size)
