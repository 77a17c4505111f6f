"""The ledger's domain error (kept here until ``claimwatch.errors`` gains a LedgerError)."""
from claimwatch.errors import ClaimwatchError


class LedgerError(ClaimwatchError):
    """The ledger file cannot be used or an analysis cannot be stored; the message says why."""

    exit_code = 4
