"""Re-export of :class:`claimwatch.errors.LedgerError`, kept so older imports keep working."""
from claimwatch.errors import LedgerError

__all__ = ["LedgerError"]
