"""Claims that mean something only in their article: "she is alive and well", "several had been
captured", "14 more officers were arrested" name nobody, so two such claims from two stories look
alike although they tell different things. They meet only claims from articles that share a named
participant (a person or an organisation) with theirs; a claim that names its participants matches
as before.
"""
from __future__ import annotations

import re
import sqlite3
from typing import Callable, Optional

from claimwatch.nlp.function_words import BACK_PRONOUNS, PERSONAL_SUBJECT_PRONOUNS, SPEAKER_AND_HEARER

# A subject that needs its article to be understood: "she", "it", "we", "this", "those" ("that" is
# left out: a claim cut after "said" may still start with it).
CONTEXT_SUBJECTS = (PERSONAL_SUBJECT_PRONOUNS | SPEAKER_AND_HEARER | BACK_PRONOUNS) - {"that"}
_WORD = re.compile(r"[^\W\d_][\w'\u2019.-]*")
_PARTICIPANT_KINDS = ("person", "organization")


def context_dependent(text: str, subject: Optional[str]) -> bool:
    """True when the claim names no participant of its own: its subject is a pronoun, or it has no
    agent and no capitalised word after its first ("an additional 14 officers were arrested")."""
    words = _WORD.findall(text)
    if not words:
        return False
    if words[0].casefold() in CONTEXT_SUBJECTS:
        return True
    if subject:
        return False
    return not any(w[0].isupper() and w.casefold() not in SPEAKER_AND_HEARER for w in words[1:])


def _name_keys(name: str, kind: str) -> set[str]:
    """How a participant is recognised in another article: its whole name, and a person's surname."""
    folded = " ".join(name.replace("\u2019", "'").casefold().split())
    keys = {folded}
    if kind == "person" and " " in folded:
        keys.add(folded.rsplit(" ", 1)[1])
    return keys


def article_participants(conn: sqlite3.Connection, article_id: str) -> frozenset[str]:
    rows = conn.execute(f"SELECT name, kind FROM actors WHERE article_id = ? AND kind IN {_PARTICIPANT_KINDS}",
                        (article_id,)).fetchall()
    return frozenset(k for name, kind in rows for k in _name_keys(name, kind))


def claim_participants(conn: sqlite3.Connection, ledger_id: int) -> frozenset[str]:
    """The named participants of every article behind a ledger claim's members."""
    rows = conn.execute(
        "SELECT DISTINCT a.name, a.kind FROM ledger_claim_members m JOIN claims c ON c.pk = m.claim_pk"
        f" JOIN actors a ON a.article_id = c.article_id WHERE m.ledger_claim_id = ? AND a.kind IN {_PARTICIPANT_KINDS}",
        (ledger_id,)).fetchall()
    return frozenset(k for name, kind in rows for k in _name_keys(name, kind))


def founded_out_of_context(conn: sqlite3.Connection, ledger_id: int) -> bool:
    row = conn.execute("SELECT text, agent FROM ledger_claims WHERE id = ?", (ledger_id,)).fetchone()
    return bool(row) and context_dependent(row[0], row[1])


def in_context(conn: sqlite3.Connection, article_id: str, dependent: bool) -> Callable[[int], bool]:
    """Whether a claim of ``article_id`` may join a ledger claim: always, unless the claim
    (``dependent``) or the ledger claim's founding member names nobody; then only when the two share
    a named participant."""
    mine: Optional[frozenset[str]] = None

    def allowed(ledger_id: int) -> bool:
        nonlocal mine
        if not dependent and not founded_out_of_context(conn, ledger_id):
            return True
        if mine is None:
            mine = article_participants(conn, article_id)
        return bool(mine & claim_participants(conn, ledger_id))

    return allowed
