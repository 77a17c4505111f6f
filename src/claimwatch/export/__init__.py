"""Exports of the ledger: schema.org Claim / ClaimReview JSON-LD, and CSV / Parquet tables."""
from claimwatch.export.run import KINDS, TABLE_NAMES, ExportReport, WrittenFile, export

__all__ = ["KINDS", "TABLE_NAMES", "ExportReport", "WrittenFile", "export"]
