"""Person names in the ledger's ``actors`` table, in memory, for the writer's surname lookups.

``Ledger._with_known_names`` and ``ClaimBook.side`` ask which stored person names end in a surname
(``name LIKE '% Zelensky'``) and which affiliation a name is most often given. A leading ``%`` cannot
use the ``actors_name`` index, so each such query scanned a table that grows with every article.
This keeps the same answers in dictionaries: SQLite's ``LIKE`` folds ASCII letters only and the
affiliation queries break count ties by the greatest affiliation (``ORDER BY COUNT(*) DESC,
affiliation DESC``, which the SQL now says explicitly). The writer trusts it like its other caches
(``ClaimBook.begin``): loaded once from the table, kept in step with the actors it inserts, dropped
when another writer or command changed the file and after a rollback.
"""
from __future__ import annotations

import sqlite3
from collections import Counter
from typing import Iterable, Optional

_ASCII_LOWER = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")


def like_key(word: str) -> str:
    """How SQLite's default ``LIKE`` compares a word: ASCII letters without case, the rest exactly."""
    return word.translate(_ASCII_LOWER)


def plain_surname(word: str) -> bool:
    """True when ``LIKE '% ' || word`` means "the name's last space-separated word is ``word``":
    no space and no ``LIKE`` wildcard in it."""
    return bool(word) and not any(c in word for c in " %_")


def _most_given(affiliations: Optional[Counter]) -> Optional[str]:
    """``GROUP BY affiliation ORDER BY COUNT(*) DESC, affiliation DESC LIMIT 1``."""
    if not affiliations:
        return None
    return max(affiliations.items(), key=lambda kv: (kv[1], kv[0]))[0]


class KnownNames:
    """Stored person names by surname, and their affiliation counts, as the ``actors`` table has them."""

    def __init__(self) -> None:
        self.loaded = False
        self._full_names: dict[str, set[str]] = {}  # like_key(last word) -> distinct person names
        self._by_name: dict[str, Counter] = {}  # person name -> affiliation -> rows
        self._by_surname: dict[str, Counter] = {}  # like_key(last word) -> affiliation -> rows

    def clear(self) -> None:
        self.loaded = False
        self._full_names.clear()
        self._by_name.clear()
        self._by_surname.clear()

    def load(self, conn: sqlite3.Connection) -> "KnownNames":
        if not self.loaded:
            self.clear()
            self.add(conn.execute("SELECT name, kind, affiliation FROM actors WHERE kind = 'person'"))
            self.loaded = True
        return self

    def add(self, actors: Iterable[tuple[str, str, Optional[str]]]) -> None:
        """Count newly stored actors, as (name, kind, affiliation)."""
        for name, kind, affiliation in actors:
            if kind != "person":
                continue
            surname = like_key(name.rsplit(" ", 1)[1]) if " " in name else None
            if surname is not None:
                self._full_names.setdefault(surname, set()).add(name)
            if affiliation is not None:
                self._by_name.setdefault(name, Counter())[affiliation] += 1
                if surname is not None:
                    self._by_surname.setdefault(surname, Counter())[affiliation] += 1

    def full_names(self, surname: str) -> set[str]:
        """``SELECT DISTINCT name FROM actors WHERE kind = 'person' AND name LIKE '% ' || surname``
        for a ``plain_surname``."""
        return self._full_names.get(like_key(surname), set())

    def affiliation(self, name: str) -> Optional[str]:
        """The affiliation stored persons named exactly ``name`` are most often given."""
        return _most_given(self._by_name.get(name))

    def surname_affiliation(self, surname: str) -> Optional[str]:
        """The same over persons whose name ends in `` surname`` (``LIKE``), for a ``plain_surname``."""
        return _most_given(self._by_surname.get(like_key(surname)))
