"""Claims that mean something only in their article: "she is alive and well", "several had been
captured", "14 more officers were arrested" name nobody, so two such claims from two stories look
alike although they tell different things. They meet only claims from articles that share a named
participant (a person or an organisation) with theirs; a claim that names its participants matches
as before.

A participant named in many unrelated stories tells nothing about which story an article is on: a
state or group the gazetteer knows ("the Islamic State", "the White House") or a wire agency ("the
Associated Press"). Only the others are shared context, and a claim whose only names are such
well-known parties ("the launch of airstrikes on Islamic State positions") names nobody of its own.
"""
from __future__ import annotations

import re
import sqlite3
import unicodedata
from functools import lru_cache
from typing import Callable, Optional

from claimwatch.lexicons import load
from claimwatch.ledger.matching import canonical_actor, content_tokens, load_config, named_places, well_known, well_known_words
from claimwatch.nlp.function_words import BACK_PRONOUNS, PERSONAL_SUBJECT_PRONOUNS, SPEAKER_AND_HEARER

# A subject that needs its article to be understood: "she", "it", "we", "this", "those" ("that" is
# left out: a claim cut after "said" may still start with it).
CONTEXT_SUBJECTS = (PERSONAL_SUBJECT_PRONOUNS | SPEAKER_AND_HEARER | BACK_PRONOUNS) - {"that"}
_WORD = re.compile(r"[^\W\d_][\w'\u2019.-]*")
_PARTICIPANT_KINDS = ("person", "organization")
VERBATIM_WORDS = 8  # content words a claim repeated word for word needs to join without shared context


def context_dependent(text: str, subject: Optional[str]) -> bool:
    """True when the claim names no participant of its own: its subject is a pronoun, or it has no
    agent (or a well-known state or group as its agent) and no capitalised word after its first
    ("an additional 14 officers were arrested") besides the name of one well-known state or group
    ("more strikes on Islamic State positions followed", "the Kremlin is reviewing it"). Two of them
    tell a relation of their own ("Belarus deployed troops to the border with Lithuania")."""
    words = _WORD.findall(text)
    if not words:
        return False
    if words[0].casefold() in CONTEXT_SUBJECTS:
        return True
    if subject and not well_known(subject):
        return False
    if len({p for p in named_places(text) if well_known(p)} | ({subject} if subject else set())) >= 2:
        return False
    known = well_known_words(text)
    return not any(w[0].isupper() and w.casefold() not in SPEAKER_AND_HEARER
                   and w.replace("\u2019", "'").casefold().strip(".'-") not in known for w in words[1:])


def specific(name: str) -> bool:
    """Whether a participant tells which story an article is on: not a wire agency or an outlet named
    by one word of ``outlets.yaml`` ("the Post", "CNN": credited in the copies of any story, or half
    a paper's name), not a state or group the gazetteer knows (named in many unrelated stories). A
    paper named in full stays: the one a rumour is relayed from is part of its story."""
    bare = name.strip().removeprefix("The ").removeprefix("the ")
    if bare in _wire_agencies() or (" " not in bare and bare.casefold() in _outlet_words()):
        return False
    if bare.casefold() in load_config().unspecific_names:  # a platform: "Twitter", "YouTube"
        return False
    return not well_known(name)


@lru_cache(maxsize=1)
def _wire_agencies() -> frozenset[str]:
    return frozenset(load("wires").agency_of)


@lru_cache(maxsize=1)
def _outlet_words() -> frozenset[str]:
    return frozenset(w.casefold() for w in load("outlets")["words"])


def _name_keys(name: str, kind: str) -> set[str]:
    """How a participant is recognised in another article: its whole name (accents and a leading "the"
    dropped: "Iñaky Blanco" is "Inaky Blanco"), and a person's surname."""
    plain = "".join(c for c in unicodedata.normalize("NFKD", name) if not unicodedata.combining(c))
    folded = " ".join(plain.replace("\u2019", "'").casefold().split()).removeprefix("the ")
    keys = {folded}
    if kind == "person" and " " in folded:
        keys.add(folded.rsplit(" ", 1)[1])
    return keys


def article_participants(conn: sqlite3.Connection, article_id: str) -> frozenset[str]:
    rows = conn.execute(f"SELECT name, kind FROM actors WHERE article_id = ? AND kind IN {_PARTICIPANT_KINDS}",
                        (article_id,)).fetchall()
    return frozenset(k for name, kind in rows if specific(name) for k in _name_keys(name, kind))


def claim_participants(conn: sqlite3.Connection, ledger_id: int) -> frozenset[str]:
    """The named participants of every article behind a ledger claim's members."""
    rows = conn.execute(
        "SELECT DISTINCT a.name, a.kind FROM ledger_claim_members m JOIN claims c ON c.pk = m.claim_pk"
        f" JOIN actors a ON a.article_id = c.article_id WHERE m.ledger_claim_id = ? AND a.kind IN {_PARTICIPANT_KINDS}",
        (ledger_id,)).fetchall()
    return frozenset(k for name, kind in rows if specific(name) for k in _name_keys(name, kind))


def founded_out_of_context(conn: sqlite3.Connection, ledger_id: int) -> bool:
    """Whether the member that founded a ledger claim names nobody. Its own subject, not the ledger
    claim's agent: that is filled in by the first member that names one ("she crossed into Syria"
    does not name the fighter of another story whose claim joined it)."""
    row = conn.execute(
        "SELECT c.text, c.subject FROM ledger_claim_members m JOIN claims c ON c.pk = m.claim_pk"
        " WHERE m.ledger_claim_id = ? ORDER BY m.method != 'new', m.claim_pk LIMIT 1", (ledger_id,)).fetchone()
    return bool(row) and context_dependent(row[0], canonical_actor(row[1]))


def in_context(conn: sqlite3.Connection, article_id: str, dependent: bool,
               text: Optional[str] = None) -> Callable[[int], bool]:
    """Whether a claim of ``article_id`` may join a ledger claim: always, unless the claim
    (``dependent``) or the ledger claim's founding member names nobody; then only when the two share
    a named participant, or when the claim's ``text`` repeats a member's word for word (one quote
    carried by two outlets)."""
    mine: Optional[frozenset[str]] = None

    def allowed(ledger_id: int) -> bool:
        nonlocal mine
        if not dependent and not founded_out_of_context(conn, ledger_id):
            return True
        if mine is None:
            mine = article_participants(conn, article_id)
        return bool(mine & claim_participants(conn, ledger_id)) or repeats_member(conn, ledger_id, text)

    return allowed


def repeats_member(conn: sqlite3.Connection, ledger_id: int, text: Optional[str]) -> bool:
    """Whether ``text`` has the content words of a member of the ledger claim, and at least
    ``VERBATIM_WORDS`` of them: a long passage repeated is one source's words, not two stories'
    look-alike claims ("he was shot" is too short to tell)."""
    tokens = content_tokens(text) if text else frozenset()
    if len(tokens) < VERBATIM_WORDS:
        return False
    rows = conn.execute("SELECT c.text FROM ledger_claim_members m JOIN claims c ON c.pk = m.claim_pk"
                        " WHERE m.ledger_claim_id = ?", (ledger_id,))
    return any(content_tokens(other) == tokens for other, in rows)
