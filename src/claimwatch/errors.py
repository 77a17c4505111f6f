"""Domain errors raised in the core and turned into one-line messages at the CLI edge."""


class ClaimwatchError(Exception):
    """Base of every error claimwatch reports to a user; the message says what to do."""

    exit_code = 1


class InputError(ClaimwatchError):
    """The input cannot be read as an article (missing, binary, empty, not text, too large)."""

    exit_code = 2


class LexiconError(ClaimwatchError):
    """A lexicon or rule file is malformed; names the file, the entry and the problem."""

    exit_code = 3


class ModelNotInstalledError(ClaimwatchError):
    """The spaCy model package is missing; the message names the package to install."""

    exit_code = 3


class LedgerError(ClaimwatchError):
    """The ledger file cannot be used or an analysis cannot be stored; the message says why."""

    exit_code = 4
