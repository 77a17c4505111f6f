"""Which claim an open reference stands for (issue 16, "References to claims resolve").

"It was staged", "determine its authenticity", "if the video is verified, ..." point at something the
article named: the pronoun's noun first - an exhibit ("the video", "the footage") stands for the claim
it was told to show - else the claim the article is about, and only then (for a plain pronoun) the
claim told just before. Recency alone picks details: the claim just before a reaction is often a
side remark. The exhibit words are ``media_exhibits`` of ``references.yaml``.
"""
from __future__ import annotations

import re

from claimwatch.lexicons import load
from claimwatch.model import Statement
from claimwatch.nlp.claims import ClaimBook
from claimwatch.nlp.function_words import THING_PRONOUNS
from claimwatch.nlp.named_references import exhibit_before

_WORD = re.compile(r"[a-z]+")


def _group_counts(statements: list[Statement], book: ClaimBook) -> tuple[dict[str, str], dict[str, int]]:
    """Each claim's group, and how many of ``statements`` bore on each group (in order of first telling)."""
    group_of = {c.id: c.group for c in book.claims}
    count: dict[str, int] = {}
    for e in statements:
        for g in dict.fromkeys(group_of.get(c, c) for c in e.claims):
            count[g] = count.get(g, 0) + 1
    return group_of, count


def _first_told(statements: list[Statement], group: str, group_of: dict[str, str]) -> tuple[str, ...]:
    """The claims of ``group`` the earliest of ``statements`` bearing on it was told with."""
    told = next(e for e in statements if any(group_of.get(c, c) == group for c in e.claims))
    return tuple(c for c in told.claims if group_of.get(c, c) == group)


def statement_words(statement: Statement, doc) -> set[str]:
    """The words of a statement's sentence up to the end of its content ("A group posted a recording
    that it said showed X"): where the exhibit it tells about is named."""
    start = min(statement.cue_span[0], statement.content_span[0])
    first = doc.char_span(start, start + 1, alignment_mode="expand")
    if first is not None and len(first):
        start = first[0].sent.start_char
    end = max(statement.cue_span[1], statement.content_span[1])
    return set(_WORD.findall(doc.text[start:end].lower()))


def shown_by(head, previous: list[Statement], book: ClaimBook) -> tuple[str, ...]:
    """What an exhibit ("the video", "the footage") shows: of the statements before whose sentence
    names an exhibit ("released a video that purports to show X"), the group most of them bore on, the
    earliest on a tie (what the exhibit was first told to show, not a later detail), with the claims it
    was first told with. Empty when ``head`` is no exhibit or no statement names one."""
    exhibits = load("references").media_exhibits
    if head.lemma_.lower() not in exhibits and head.lower_ not in exhibits:
        return ()
    bearing = [e for e in previous if e.claims and statement_words(e, head.doc) & exhibits]
    group_of, count = _group_counts(bearing, book)
    if not count:
        return ()
    return _first_told(bearing, max(count, key=lambda g: count[g]), group_of)  # max: the first reached on a tie


def pronoun_antecedent(span, previous: list[Statement], book: ClaimBook) -> tuple[str, ...]:
    """What "it" in a short content stands for when an exhibit was named just before ("... posted a
    video. Analysts called it a publicity exercise"): the claim the exhibit shows; else empty (the
    caller keeps the claim told just before)."""
    pronoun = next((t for t in span if t.lower_ in THING_PRONOUNS and t.pos_ == "PRON"), None)
    exhibit = exhibit_before(pronoun) if pronoun is not None else None
    return shown_by(exhibit, previous, book) if exhibit is not None else ()


def central_told(previous: list[Statement], book: ClaimBook) -> tuple[str, ...]:
    """What an open check or a conditional reaction that names nothing the article told is about: the
    claim group most statements bore on - when one stands out (told twice or more, or the only one) -
    with the claims it was first told with; else nothing here (the ledger links the statement to its
    story's central claim)."""
    group_of, count = _group_counts(previous, book)
    if not count:
        return ()
    best = max(count, key=lambda g: count[g])
    if count[best] < 2 and len(count) > 1 or list(count.values()).count(count[best]) > 1:
        return ()
    return _first_told(previous, best, group_of)
