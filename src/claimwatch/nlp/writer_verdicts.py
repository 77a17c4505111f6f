"""The writer's own verdict on a claim: "the story is a hoax", "the photo turned out to be fake",
"fake tweets", "the hoax", an outlet's "Rating: False".

A debunking article most often rejects a rumour in its own narration, not in a statement it
attributes to someone: nothing is attributed in such a sentence, so no cue founds a statement. Here
an unattributed, unquoted, unhedged sentence that calls what it speaks of false is a statement of
the article's outlet (else "the writer") that denies (or, for "misleading", "exaggerated", disputes)
the claim it denotes. A verdict is one of three shapes (words as data, ``writer_verdicts.yaml``):

- a *predicate* said of something after a copula ("is false", "was not true", "proved to be a fake",
  "turned out to be satire"): only after a copula, so "a fake passport" or "a false start" is no verdict;
- an *attributive* verdict before a noun that carries a rumour ("FAKE tweets", "UNFOUNDED rumours",
  "a DOCTORED image"): "a fake ID" is no verdict;
- a *noun* that is a verdict on its own ("the hoax", "debunked").

A negator in the copula chain or just before the noun turns the verdict ("is not a hoax", "wasn't
fake", "no hoax"). A sentence with an attributing word ("said", "according to") is someone else's
word, not the writer's own voice. ``eval fnc1`` reads a body's verdicts with the same functions
(``claimwatch.evaluate.verdicts``); :func:`find_writer_verdicts` places them in a parsed article.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Iterable, Optional

from claimwatch.errors import LexiconError
from claimwatch.lexicons import load
from claimwatch.nlp.function_words import THING_PRONOUNS
from claimwatch.nlp.named_references import named_reference

SOURCE = "writer_verdicts.yaml"
_QUOTES = ('"', "\u201c", "\u201d")
_TOKEN = re.compile(r"[a-z0-9]+n't|[a-z0-9]+|'[a-z]+|[.,;:!?()\"\u201c\u201d]")
LIST_KEYS = ("predicates", "graded_predicates", "copulas", "fillers", "followers", "attributive", "rumour_nouns",
             "thing_nouns", "nouns", "negators", "hedges", "attributed_words", "disputing", "rating_openers",
             "lone_ratings")
SUBJECTS = ("nsubj", "nsubjpass")


@dataclass(frozen=True)
class VerdictLexicon:
    """The words of ``writer_verdicts.yaml`` (see its comments)."""

    predicates: tuple[str, ...]
    graded_predicates: tuple[str, ...]
    copulas: tuple[str, ...]
    fillers: tuple[str, ...]
    followers: tuple[str, ...]
    attributive: tuple[str, ...]
    rumour_nouns: tuple[str, ...]
    thing_nouns: tuple[str, ...]
    nouns: tuple[str, ...]
    negators: tuple[str, ...]
    hedges: tuple[str, ...]
    attributed_words: tuple[str, ...]
    disputing: tuple[str, ...]
    rating_openers: tuple[str, ...]
    lone_ratings: tuple[str, ...]
    ratings: tuple[tuple[str, tuple[str, ...]], ...]  # stance -> labels
    rater_max_words: int
    writer_source: str
    writer_role: str


def parse_lexicon(data: Any) -> VerdictLexicon:
    """Validate ``writer_verdicts.yaml``: every list a list of words, ratings by stance."""
    if not isinstance(data, dict) or data.get("version") != 1:
        raise LexiconError(f"{SOURCE}: expected a mapping with 'version: 1'")
    lists = {}
    for key in LIST_KEYS:
        value = data.get(key)
        if not isinstance(value, list) or not all(isinstance(w, str) for w in value):
            raise LexiconError(f"{SOURCE}: {key}: expected a list of words")
        lists[key] = tuple(w.casefold() for w in value)
    ratings = data.get("ratings")
    if not isinstance(ratings, dict) or set(ratings) - {"denies", "disputes"} \
            or not all(isinstance(v, list) and all(isinstance(w, str) for w in v) for v in ratings.values()):
        raise LexiconError(f"{SOURCE}: ratings: expected 'denies' and/or 'disputes', each a list of labels")
    most = data.get("rater_max_words")
    if isinstance(most, bool) or not isinstance(most, int) or most < 0:
        raise LexiconError(f"{SOURCE}: rater_max_words: expected a non-negative integer, got {most!r}")
    texts = {}
    for key in ("writer_source", "writer_role"):
        if not isinstance(data.get(key), str) or not data[key].strip():
            raise LexiconError(f"{SOURCE}: {key}: expected a non-empty text")
        texts[key] = data[key].strip()
    return VerdictLexicon(**lists, ratings=tuple((k, tuple(w.casefold() for w in v)) for k, v in ratings.items()),
                          rater_max_words=most, **texts)


@dataclass(frozen=True)
class Verdict:
    """One verdict found in a sentence: its words, its shape, whether a negator turns it, and where
    its words start and end among the sentence's tokens."""

    words: str
    shape: str  # predicate / attributive / noun
    turned: bool  # "is not a hoax": the sentence vouches for what it speaks of
    start: int = 0
    end: int = 0


def _normal(text: str) -> str:
    return text.casefold().replace("\u2019", "'").replace("\u2018", "'")


def tokens(text: str) -> list[str]:
    """Lower-case word tokens and punctuation; "isn't" stays one token, "it's" is "it" + "'s"."""
    return _TOKEN.findall(_normal(text))


def token_spans(text: str) -> list[tuple[int, int]]:
    """The character spans of :func:`tokens` in ``text`` (None-free; exact while case folding keeps
    lengths, which it does for the text of news)."""
    return [m.span() for m in _TOKEN.finditer(_normal(text))]


@lru_cache(maxsize=64)
def _phrases(words: tuple[str, ...]) -> tuple[tuple[str, ...], ...]:
    """The word lists' entries as token tuples, longest first (one list is read many times)."""
    return tuple(sorted({tuple(tokens(w)) for w in words if tokens(w)}, key=len, reverse=True))


def _ends(toks: list[str], i: int, words) -> bool:
    """Whether a predicate ending before ``i`` closes its clause ("was fake." / "was fake and"), so
    it is not an attributive word before a noun ("was a fake passport")."""
    return i >= len(toks) or not toks[i][0].isalnum() or toks[i] in words.followers


def _at(toks: list[str], i: int, phrase: tuple[str, ...]) -> bool:
    return tuple(toks[i:i + len(phrase)]) == phrase


def _linking(tok: str, words) -> bool:
    return tok in words.fillers or tok in words.negators or tok in words.copulas


def _copula_before(toks: list[str], i: int, words) -> Optional[bool]:
    """Walking back from ``i`` over fillers, negators and copulas: None when no copula links the
    predicate to a subject, else whether a negator stands in the chain."""
    linked = negated = False
    j = i - 1
    while j >= 0 and _linking(toks[j], words):
        linked = linked or toks[j] in words.copulas
        negated = negated or toks[j] in words.negators
        j -= 1
    return negated if linked else None


def _negated_before(toks: list[str], i: int, words, span: int = 2) -> bool:
    return any(t in words.negators for t in toks[max(0, i - span):i])


def _match(toks: list[str], i: int, words, graded: tuple[str, ...] = ()) -> Optional[Verdict]:
    """The verdict starting at token ``i``, if any."""
    for phrase in _phrases(tuple(words.predicates) + graded):
        if _at(toks, i, phrase) and _ends(toks, i + len(phrase), words):
            turned = _copula_before(toks, i, words)
            if turned is not None:
                return Verdict(" ".join(phrase), "predicate", turned, i, i + len(phrase))
    for phrase in _phrases(words.attributive):
        after = toks[i + len(phrase):i + len(phrase) + 2]
        if _at(toks, i, phrase) and any(t in words.rumour_nouns for t in after):
            return Verdict(" ".join(phrase), "attributive", _negated_before(toks, i, words), i, i + len(phrase))
    for phrase in _phrases(words.nouns):
        if _at(toks, i, phrase):
            return Verdict(" ".join(phrase), "noun", _negated_before(toks, i, words, 3), i, i + len(phrase))
    return None


def _quoted(toks: list[str]) -> list[bool]:
    """For each token, whether it stands inside quotation marks (someone else's words)."""
    inside, out = False, []
    for t in toks:
        if t in _QUOTES:
            inside = t == "\u201c" or (t == '"' and not inside)
        out.append(inside)
    return out


def _hedged(toks: list[str], i: int, words, span: int = 5) -> bool:
    """Whether a hedge stands just before the verdict's clause ("probably bogus", "might be fake")."""
    j = i - 1
    while j >= 0 and _linking(toks[j], words):
        j -= 1
    return any(t in words.hedges for t in toks[max(0, j - span + 1):i])


def sentence_verdicts(text: str, words, graded: tuple[str, ...] = ()) -> list[Verdict]:
    """The verdicts a sentence gives in its own voice, left to right (each token in at most one
    verdict); none inside quotation marks, none hedged ("probably fake", "if it is a hoax").
    ``words``: a :class:`VerdictLexicon` or anything with its word lists; ``graded``: more predicates
    ("mostly false")."""
    toks, found, i = tokens(text), [], 0
    quoted = _quoted(toks)
    while i < len(toks):
        hit = None if quoted[i] or _hedged(toks, i, words) else _match(toks, i, words, graded)
        if hit is None:
            i += 1
            continue
        found.append(hit)
        i = hit.end
    return found


def attributed(text: str, words) -> bool:
    """Whether the sentence reports someone else's word ("said", "according to")."""
    toks = tokens(text)
    return any(_at(toks, i, p) for p in _phrases(words.attributed_words) for i in range(len(toks)))


# --- in a parsed article ----------------------------------------------------------------------

@dataclass(frozen=True)
class WriterVerdict:
    """A verdict of the writer's own in an article: the verdict's words (``cue``), what it judges
    (``content``: "The story is a hoax", "the fake tweets"), its stance, and the word naming what is
    judged (an exhibit such as "the photo" shows a claim; None for a rating or a thing pronoun)."""

    cue: tuple[int, int]
    content: tuple[int, int]
    stance: str
    about: Any = None  # a spaCy Token
    rating: bool = False
    rater: Optional[str] = None  # who gives a rating ("PolitiFact: False"); None: the article itself


def rating_stance(line: str, lex: Optional[VerdictLexicon] = None) -> Optional[str]:
    """The stance of an outlet's rating label on its own line: "Rating: False" denies, "Our ruling:
    Mostly False" disputes, a lone "Pants on Fire" denies; None for any other line."""
    found = rating(line, lex)
    return found[0] if found is not None else None


_LABELLED = re.compile(r"^(.{1,60}?)\s*[:\-\u2013\u2014]\s+(.+)$|^(.{1,60}?):\s*(.+)$")


def rating(line: str, lex: Optional[VerdictLexicon] = None) -> Optional[tuple[str, Optional[str]]]:
    """(stance, rater) of a rating label on its own line: "Rating: False" (rater None: the article),
    "PolitiFact: Pants on Fire" (a short capitalised name before the colon rates), a lone "Mostly
    False"; None for any other line."""
    lex = lex or load("writer_verdicts")
    plain = " ".join(line.replace("\u2019", "'").strip().rstrip(".!").split())
    labelled = _LABELLED.match(plain)
    rater = None
    if labelled:
        opener, label = (labelled.group(1), labelled.group(2)) if labelled.group(1) else (labelled.group(3), labelled.group(4))
        label = label.strip().rstrip(".!").casefold()
        if opener.casefold() not in lex.rating_openers:
            words = opener.split()
            if not words or len(words) > lex.rater_max_words or not all(w[:1].isupper() for w in words):
                return None
            rater = opener
    elif plain.casefold() in lex.lone_ratings:
        label = plain.casefold()
    else:
        return None
    stance = next((stance for stance, labels in lex.ratings if label in labels), None)
    return (stance, rater) if stance is not None else None


def _clause_subject(token) -> Optional[Any]:
    """The subject a predicate verdict is said of: the subject of the nearest verb above it
    ("The photo | turned out to be | fake": fake <- be <- turned, whose subject is "photo")."""
    head, hops = token, 0
    while hops < 4:
        subject = next((c for c in head.children if c.dep_ in SUBJECTS), None)
        if subject is not None:
            return subject
        if head.head is head:
            return None
        head, hops = head.head, hops + 1
    return None


def _judges_claim(subject, span, lex: VerdictLexicon) -> bool:
    """A predicate verdict judges a claim when said of a thing pronoun, a noun that carries a rumour
    or shows one, or a claim the content names ("the arrest was a hoax")."""
    refs = load("references")
    lemma = subject.lemma_.lower()
    if subject.lower_ in THING_PRONOUNS and subject.pos_ in ("PRON", "DET"):
        return True
    if lemma in lex.rumour_nouns or subject.lower_ in lex.rumour_nouns or lemma in refs.nouns or lemma in refs.media_exhibits:
        return True
    return named_reference(span) is not None


def _in_doc(sent, verdict: Verdict, spans: list[tuple[int, int]]) -> tuple[int, int]:
    start = sent.start_char + spans[verdict.start][0]
    return start, sent.start_char + spans[verdict.end - 1][1]


def _placed(sent, verdict: Verdict, spans, lex: VerdictLexicon) -> Optional[WriterVerdict]:
    """Where a verdict found in a sentence's words stands in the parse, and what it judges."""
    doc = sent.doc
    cue = _in_doc(sent, verdict, spans)
    token = doc.char_span(cue[0], cue[1], alignment_mode="expand")
    if token is None:
        return None
    word = token.root
    stance = "disputes" if verdict.words in lex.disputing else "denies"
    if verdict.shape == "predicate":
        subject = _clause_subject(word)
        if subject is None or subject.i > word.i:
            return None
        start = subject.left_edge.idx
        span = doc.char_span(start, cue[1], alignment_mode="expand")
        if span is None or not _judges_claim(subject, span, lex):
            return None
        return WriterVerdict(cue, (start, cue[1]), stance, subject)
    if verdict.shape == "attributive":  # "the FAKE tweets": the noun it stands before
        noun = word.head if word.head.i > word.i else next((t for t in doc[word.i + 1:word.i + 3]
                                                              if t.lower_ in lex.rumour_nouns), None)
        if noun is None or noun.lower_ in lex.thing_nouns:  # "fake accounts": a fake thing, not a false claim
            return None
        start = min(t.idx for t in noun.lefts) if list(noun.lefts) else noun.idx
        return WriterVerdict(cue, (min(start, cue[0]), noun.idx + len(noun)), stance, noun)
    if word.tag_ != "NN":  # "the hoax"; "hoaxes" are hoaxes in general; "debunked" as a verb is someone's act
        return None
    start = min([t.idx for t in word.lefts] + [word.idx])
    return WriterVerdict(cue, (start, word.idx + len(word)), stance, None)


def find_writer_verdicts(doc, taken: Iterable[tuple[int, int]], lex: Optional[VerdictLexicon] = None) -> list[WriterVerdict]:
    """The writer's own verdicts in a parsed article, in text order: in sentences that overlap no
    span of ``taken``, carry no attributing word, and give a verdict
    neither quoted, hedged nor turned; and rating labels on their own line. ``taken``: the spans of
    the article's statements (cues and contents): a sentence someone is quoted in is theirs."""
    lex = lex or load("writer_verdicts")
    taken = sorted(taken)
    out: list[WriterVerdict] = []
    for sent in doc.sents:
        a, b = sent.start_char, sent.end_char
        if any(s < b and a < e for s, e in taken):
            continue
        rated = rating(sent.text, lex)
        if rated is not None:
            line = (a, a + len(sent.text.rstrip()))
            out.append(WriterVerdict(line, line, rated[0], None, True, rated[1]))
            continue
        if attributed(sent.text, lex):
            continue
        spans = token_spans(sent.text)
        if len(spans) != len(tokens(sent.text)):
            continue
        for verdict in sentence_verdicts(sent.text, lex, lex.graded_predicates):
            placed = None if verdict.turned else _placed(sent, verdict, spans, lex)
            if placed is not None:
                out.append(placed)
                break  # one statement per sentence: a sentence judges its claim once
    return out


def without_writer_verdicts(analysis):
    """The analysis without the writer's own verdicts (statements of the actor in ``writer_role``): for
    readers that count a body's own verdicts apart (``eval fnc1``, ``claimwatch.evaluate.verdicts``)."""
    from dataclasses import replace

    role = load("writer_verdicts").writer_role
    own = {a.name for a in analysis.actors if a.role == role}
    if not own:
        return analysis
    return replace(analysis, statements=tuple(s for s in analysis.statements if not (s.source in own and s.act == "deny")))
