"""The ledger: analysed articles kept in SQLite across runs, with duplicate and wire-copy tracking."""
from claimwatch.ledger.errors import LedgerError
from claimwatch.ledger.store import DEFAULT_PATH, ArticleRecord, Ledger

__all__ = ["DEFAULT_PATH", "ArticleRecord", "Ledger", "LedgerError"]
