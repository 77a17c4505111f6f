"""Statements whose content only refers to claims told elsewhere: "rejected the claims", "denied it",
"said there was no merit in the allegations", "no evidence to support them".

Such a content states no proposition of its own, so it founds no ledger claim; its statement takes its
stance toward the claim it refers to. The article's own antecedent comes first (the extractor links a
reference to the claim the article told before it); a reference with none in its article - the
article opens with "Police dismissed the reports" - refers to the central claim of what the article
is about: of the ledger claims the article's other statements bear on (if none, those of the other
articles of its story), the one with most independent articles behind it (ties: the earliest seen,
then the lowest id). The link is stored as
``statements.refers`` and as a ``statement_claims`` row to a member of that claim, so the status
rules read the statement with the claim's others. The words are data (``references.yaml``).
"""
from __future__ import annotations

import re
import sqlite3
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Iterable, Optional

from claimwatch.errors import LexiconError
from claimwatch.lexicons import load
from claimwatch.model import STANCE_POLARITY
from claimwatch.nlp.function_words import QUESTION_DETERMINERS

SOURCE = "references.yaml"
_WORD = re.compile(r"[a-z]+(?:'[a-z]+)?|'s")


@dataclass(frozen=True)
class ReferenceLexicon:
    nouns: frozenset[str]
    determiners: frozenset[str]
    pronouns: frozenset[str]
    tail_words: frozenset[str]
    tail_max_words: int
    disputing_openers: tuple[tuple[str, ...], ...]
    opener_lead: frozenset[str]
    verdict_words: frozenset[str] = frozenset()  # "the hoax", "the fabricated story": asserted, it denies
    copulas: frozenset[str] = frozenset()  # "the reports WERE false", "it IS a hoax"
    verdict_adverbs: frozenset[str] = frozenset()  # "the claims are COMPLETELY untrue"
    verdicts: tuple[tuple[str, ...], ...] = ()  # what a reference is said to be when the claim is untrue
    named_verdicts: tuple[tuple[str, frozenset[str]], ...] = ()  # stance -> words: "the arrest is A HOAX"
    named_topic_prepositions: frozenset[str] = frozenset()  # "reports OF the actor's death"
    check_verbs: frozenset[str] = frozenset()  # "could not VERIFY the authenticity of the video"
    condition_verdicts: frozenset[str] = frozenset()  # "if GENUINE, we are appalled", "if the video is VERIFIED"
    reactions: frozenset[str] = frozenset()  # "if genuine, we are APPALLED": a reaction states nothing new
    media_exhibits: frozenset[str] = frozenset()  # "determine ITS authenticity" after "posted a VIDEO"
    lacking_grounds: frozenset[str] = frozenset()  # "no reliable PROOF that the killing is authentic"


def _words(value: Any, key: str) -> frozenset[str]:
    if not isinstance(value, list) or not all(isinstance(w, str) and w.strip() for w in value):
        raise LexiconError(f"{SOURCE}: {key}: expected a list of words")
    return frozenset(w.casefold().strip() for w in value)


def parse_lexicon(data: Any) -> ReferenceLexicon:
    if not isinstance(data, dict) or data.get("version") != 1:
        raise LexiconError(f"{SOURCE}: top level: expected a mapping with 'version: 1'")
    tail_max = data.get("tail_max_words", 4)
    if isinstance(tail_max, bool) or not isinstance(tail_max, int) or tail_max < 0:
        raise LexiconError(f"{SOURCE}: tail_max_words: expected a non-negative integer, got {tail_max!r}")
    openers = _words(data.get("disputing_openers"), "disputing_openers")
    return ReferenceLexicon(nouns=_words(data.get("nouns"), "nouns"),
                            determiners=_words(data.get("determiners"), "determiners"),
                            pronouns=_words(data.get("pronouns"), "pronouns"),
                            tail_words=_words(data.get("tail_words"), "tail_words"), tail_max_words=tail_max,
                            disputing_openers=tuple(sorted((tuple(_WORD.findall(o)) for o in openers),
                                                           key=len, reverse=True)),
                            opener_lead=_words(data.get("opener_lead"), "opener_lead"),
                            verdict_words=_words(data.get("verdict_words"), "verdict_words"),
                            copulas=_words(data.get("copulas"), "copulas"),
                            verdict_adverbs=_words(data.get("verdict_adverbs"), "verdict_adverbs"),
                            verdicts=tuple(sorted({tuple(_WORD.findall(v)) for v in _words(data.get("verdicts"), "verdicts")},
                                                  key=len, reverse=True)),
                            named_verdicts=_named_verdicts(data.get("named_verdicts")),
                            named_topic_prepositions=_words(data.get("named_topic_prepositions"), "named_topic_prepositions"),
                            check_verbs=_words(data.get("check_verbs"), "check_verbs"),
                            condition_verdicts=_words(data.get("condition_verdicts"), "condition_verdicts"),
                            reactions=_words(data.get("reactions"), "reactions"),
                            media_exhibits=_words(data.get("media_exhibits"), "media_exhibits"),
                            lacking_grounds=_words(data.get("lacking_grounds"), "lacking_grounds"))


def _named_verdicts(value: Any) -> tuple[tuple[str, frozenset[str]], ...]:
    if not isinstance(value, dict) or not value or not all(k in STANCE_POLARITY for k in value):
        raise LexiconError(f"{SOURCE}: named_verdicts: expected a mapping of stances to lists of words")
    return tuple((stance, _words(words, f"named_verdicts.{stance}")) for stance, words in value.items())


@lru_cache(maxsize=1)
def load_lexicon() -> ReferenceLexicon:
    return load("references")


def _split(content: str) -> list[str]:
    return _WORD.findall(content.casefold().replace("\u2019", "'"))


def _after_opener(words: list[str], lex: ReferenceLexicon) -> Optional[list[str]]:
    """The words after a disputing opener ("there was no merit in | the claim"), or None."""
    lead = 0
    while lead < len(words) and words[lead] in lex.opener_lead:
        lead += 1
    for opener in lex.disputing_openers:
        if tuple(words[lead:lead + len(opener)]) == opener:
            return words[lead + len(opener):]
    return None


def _only_reference(words: list[str], lex: ReferenceLexicon) -> bool:
    if len(words) == 1 and words[0] in lex.pronouns:
        return True
    head = next((i for i, w in enumerate(words) if w in lex.nouns), None)
    if head is None or not all(w in lex.determiners for w in words[:head]):
        return False
    tail = words[head + 1:]
    return not tail or (tail[0] in lex.tail_words and len(tail) <= lex.tail_max_words + 1)


def _verdict(words: list[str], lex: ReferenceLexicon) -> Optional[str]:
    """The stance of a verdict on a reference or a named claim ("the reports | were | completely |
    false" and "it | is | a hoax" deny, "the arrest | is | unconfirmed" is uncommitted, "the report |
    is | accurate" supports): the copulas and adverbs after it, then one verdict make up the rest of
    the content; else None."""
    at = next((i for i, w in enumerate(words) if w in lex.copulas), None)
    if not at or not (_only_reference(words[:at], lex) or _named_subject(words[:at], lex)):
        return None
    rest = words[at:]
    while rest and (rest[0] in lex.copulas or rest[0] in lex.verdict_adverbs):
        rest = rest[1:]
    return "denies" if tuple(rest) in lex.verdicts else _named_verdict(rest, lex)


def _named_subject(words: list[str], lex: ReferenceLexicon) -> bool:
    """ "the arrest", "the actor's death", "claims of armed men at the border": a short definite noun
    phrase, or a reference with what it is about, that a verdict names (the extractor found no claim
    for it in its article, so it names what the story is about)."""
    if lex.copulas & set(words):
        return False
    head = next((i for i, w in enumerate(words) if w not in lex.determiners), len(words))
    if head + 1 < len(words) and words[head] in lex.nouns and words[head + 1] in lex.named_topic_prepositions:
        return len(words) <= 12  # "claims of armed men at the border"
    return 2 <= len(words) <= 4 and words[0] in lex.determiners


def _named_verdict(rest: list[str], lex: ReferenceLexicon) -> Optional[str]:
    """ "unconfirmed", "not accurate", "a hoax": one word of ``named_verdicts`` (after "not" or an
    article); its stance, a negated support denying and a negated denial or doubt being no verdict."""
    negated = "not" in rest
    rest = [w for w in rest if w not in ("a", "an", "not")]
    stance = next((st for st, words in lex.named_verdicts if len(rest) == 1 and rest[0] in words), None)
    if stance is None or not negated:
        return stance
    return "denies" if stance == "supports" else None


def _inflected(word: str, lemmas: frozenset[str]) -> bool:
    """ "verified" ~ verify, "confirmed" ~ confirm, "determines" ~ determine, "checking" ~ check."""
    forms = (word, word[:-1], word[:-2], word[:-3], word[:-3] + "y", word[:-3] + "e")
    return any(f in lemmas for f in forms if f)


def _conditional_reaction(words: list[str], lex: ReferenceLexicon) -> bool:
    """ "if genuine, we are appalled ...", "should the reports prove accurate, we condemn ...": a
    condition that the claim hold, then a reaction (see nlp.named_references.conditional_reaction)."""
    if not words or words[0] not in ("if", "should"):
        return False
    at = next((i for i, w in enumerate(words[:8]) if w in lex.condition_verdicts), None)
    return at is not None and any(w in lex.reactions for w in words[at + 1:])


def _open_check(words: list[str], lex: ReferenceLexicon) -> bool:
    """ "working to determine its authenticity", "could not verify it", "studying the video to
    determine whether it is genuine": a check whose object is a pronoun, a question about a pronoun's
    or an exhibit's thing, or whether it holds."""
    questions = load("claim_words")["question_nouns"]
    for i, w in enumerate(words):
        if not _inflected(w, lex.check_verbs):
            continue
        rest = [r for r in words[i + 1:] if r not in lex.verdict_adverbs and r not in ("independently", "yet")]
        if rest[:1] == ["it"] and len(rest) <= 2 or rest[:1] == ["whether"]:
            return True
        if len(rest) >= 2 and rest[0] in QUESTION_DETERMINERS and rest[1] in questions \
                and (len(rest) == 2 or rest[2] == "of" and rest[-1] in lex.media_exhibits):
            return True
    return False


def open_reference(content: str, lexicon: Optional[ReferenceLexicon] = None) -> bool:
    """Whether a content only leaves a claim open: a conditional reaction or a check of a pronoun's or
    an exhibit's thing. It bears on the claim its story is about, not only its article's."""
    lex = lexicon or load_lexicon()
    words = _split(content)
    return _conditional_reaction(words, lex) or _open_check(words, lex)


def is_reference(content: str, lexicon: Optional[ReferenceLexicon] = None) -> bool:
    """Whether a content only refers to claims: "the claims", "these reports from Seoul", "it",
    "there is no merit in the allegations", "no evidence to support them", or gives a verdict on
    them: "the reports were false", "it is a hoax"."""
    lex = lexicon or load_lexicon()
    words = _split(content)
    if not words:
        return False
    if open_reference(content, lex):
        return True
    rest = _after_opener(words, lex)
    if rest is not None:  # "no merit in the claim"; "no proof that the killing is authentic"
        return not rest or _only_reference(rest, lex) or _verdict(rest, lex) == "supports"
    return _only_reference(words, lex) or _verdict(words, lex) is not None


def reference_stance(content: str, stance: str, lexicon: Optional[ReferenceLexicon] = None) -> str:
    """The stance a reference takes toward the claim: an asserted "no merit in the claim" or "no
    evidence to support them" disputes it; an asserted "the hoax", "the fabricated story" or "the
    reports were false" denies it; "the arrest is unconfirmed" is uncommitted, "the reports are
    accurate" supports; any other stance is the statement's own."""
    lex = lexicon or load_lexicon()
    if STANCE_POLARITY.get(stance, 0) <= 0:
        return stance
    words = _split(content)
    if _after_opener(words, lex) is not None:
        return "disputes"
    verdict = _verdict(words, lex)
    if verdict is not None:
        return verdict
    return "denies" if lex.verdict_words & set(words) else stance


def central_claim(conn: sqlite3.Connection, ledger_ids: Iterable[int]) -> Optional[int]:
    """Of ``ledger_ids``, the one with most independent articles behind it; ties: earliest seen, lowest id."""
    ids = sorted(set(ledger_ids))
    if not ids:
        return None
    marks = ",".join("?" * len(ids))
    row = conn.execute(
        "SELECT l.id, COUNT(DISTINCT CASE WHEN src.independent THEN c.article_id END) AS articles"
        " FROM ledger_claims l JOIN ledger_claim_members m ON m.ledger_claim_id = l.id"
        " JOIN claims c ON c.pk = m.claim_pk JOIN article_sources src ON src.id = c.article_id"
        f" WHERE l.id IN ({marks}) GROUP BY l.id"
        " ORDER BY articles DESC, l.first_seen IS NULL, l.first_seen, l.id LIMIT 1", ids).fetchone()
    return row[0] if row else None


def named_words(content: str, lexicon: Optional[ReferenceLexicon] = None) -> frozenset[str]:
    """The words a verdict names its claim by ("the actor's death is not accurate" -> actor, death;
    "claims of armed men at the border were false" -> armed, men, border): the subject's words other
    than determiners, reference nouns and prepositions; empty for a bare reference ("the reports")."""
    lex = lexicon or load_lexicon()
    words = [w[:-2] if w.endswith("'s") else w for w in _split(content)]
    if _after_opener(words, lex) is not None:
        return frozenset()
    at = next((i for i, w in enumerate(words) if w in lex.copulas), len(words))
    skip = lex.determiners | lex.nouns | lex.named_topic_prepositions | lex.tail_words | lex.pronouns | {"'s", "a", "an"}
    return frozenset(w for w in words[:at] if w not in skip and len(w) > 2)


def _naming(conn: sqlite3.Connection, ledger_ids: list[int], words: frozenset[str]) -> list[int]:
    """Of ``ledger_ids``, those whose text holds a named word or a form of it ("arrest" ~ "arrested")."""
    if not words:
        return []
    out = []
    for lid, text in conn.execute(f"SELECT id, text FROM ledger_claims WHERE id IN ({','.join('?' * len(ledger_ids))})",
                                  ledger_ids):
        told = set(_split(text))
        if any(w in told or len(w) >= 5 and any(t.startswith(w) for t in told) for w in words):
            out.append(lid)
    return out


def _told_claims(conn: sqlite3.Connection, article_id: str, story_wide: bool = False) -> list[int]:
    """The ledger claims the article's other statements bear on; if none (or ``story_wide``: with them),
    those of its story's other articles."""
    told = [r[0] for r in conn.execute(
        "SELECT DISTINCT m.ledger_claim_id FROM claims c JOIN ledger_claim_members m ON m.claim_pk = c.pk"
        " WHERE c.article_id = ?", (article_id,))]
    if not told or story_wide:  # the claims of its story's other articles
        told += [r[0] for r in conn.execute(
            "SELECT DISTINCT m.ledger_claim_id FROM article_stories mine"
            " JOIN article_stories other ON other.story_id = mine.story_id AND other.article_id != mine.article_id"
            " JOIN claims c ON c.article_id = other.article_id JOIN ledger_claim_members m ON m.claim_pk = c.pk"
            " WHERE mine.article_id = ?", (article_id,))]
    return told


def resolve(conn: sqlite3.Connection, article_id: str) -> set[int]:
    """Link the article's reference-only statements that bear on no claim to the central claim of the
    article's other statements, else of its story's other articles (call after the article's story
    is assigned; an open reference - a conditional reaction, a check of "it" - and the writer's own
    verdict - "it was all a hoax" - to that of the article's and its story's together); a verdict that
    names its claim ("the arrest is a hoax") prefers, among those, the claims whose text holds a named
    word. Return the ledger claims that gained a statement."""
    rows = conn.execute(
        "SELECT s.pk, s.content, EXISTS (SELECT 1 FROM actors x WHERE x.article_id = s.article_id AND x.name = s.source"
        "  AND x.role = ?) AS own FROM statements s WHERE s.article_id = ? AND NOT EXISTS"
        " (SELECT 1 FROM statement_claims sc WHERE sc.statement_pk = s.pk) ORDER BY s.pos",
        (load("writer_verdicts").writer_role, article_id)).fetchall()
    # the writer's own verdict ("it was all a hoax", "Rating: False", nlp.writer_verdicts) refers as a
    # reference does, to the claim its story is about as an open reference does: a debunking article
    # often tells the rumour in words of its own that join no other article's claim
    references = [(pk, content, bool(own)) for pk, content, own in rows if own or is_reference(content)]
    told = _told_claims(conn, article_id) if references else []
    if not told:
        return set()
    wide = any(own or open_reference(c) for _, c, own in references)
    story = _told_claims(conn, article_id, story_wide=True) if wide else told
    gained = set()
    for pk, content, own in references:
        opened = own or open_reference(content)  # "if genuine, we are appalled": what the story is about
        among = story if opened else told
        target = central_claim(conn, among if opened and not own else _naming(conn, among, named_words(content)) or among)
        member = conn.execute("SELECT m.claim_pk FROM ledger_claim_members m JOIN claims c ON c.pk = m.claim_pk"
                              " WHERE m.ledger_claim_id = ? ORDER BY c.article_id = ? DESC, m.claim_pk LIMIT 1",
                              (target, article_id)).fetchone()[0]
        conn.execute("UPDATE statements SET refers = ? WHERE pk = ?", (target, pk))
        conn.execute("INSERT OR IGNORE INTO statement_claims (statement_pk, claim_pk, pos) VALUES (?, ?, 0)", (pk, member))
        gained.add(target)
    return gained
