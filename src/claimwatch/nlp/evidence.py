"""Evidence a statement names: satellite imagery, photos, video, documents, intelligence, intercepts,
eyewitnesses and official data, found from the term lists in ``lexicons/evidence.yaml``.

Whether the statement affirms or denies the evidence ("no video evidence") is the stance module's job:
here a named piece of evidence counts. Non-evidence senses ("video game", "photo op", "to document")
are dropped with the cheap exclusions of the lexicon and, when a spaCy ``Doc`` is given, a verb check.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Optional, Sequence

from claimwatch.errors import LexiconError
from claimwatch.lexicons import load
from claimwatch.model import EVIDENCE_KINDS, Evidence, Span
from claimwatch.nlp.docutil import doc_text

LEXICON = "evidence.yaml"
_WORD = re.compile(r"[\w'’]+")
_SENTENCE_END = re.compile(r"[.!?;:]\s")
_TERM_KEYS = {"term", "followed_by", "within", "allow_verb", "exclude_before", "exclude_after"}


@dataclass(frozen=True)
class EvidenceTerm:
    """One compiled term of a kind, with the conditions under which it names evidence."""

    kind: str
    phrase: str
    pattern: re.Pattern
    followed_by: frozenset[str] = frozenset()
    within: int = 3
    allow_verb: bool = False
    exclude_before: tuple[str, ...] = ()
    exclude_after: tuple[str, ...] = ()


def find_evidence(text: str, spans: Sequence[tuple[int, int]], doc=None) -> tuple[Evidence, ...]:
    """One Evidence per kind named inside ``spans`` of the article ``text`` (its first occurrence).

    ``spans`` are the statement's cue, content and the words between them; a term may run across
    two adjacent spans. Offsets in the result are article offsets, ordered by position.
    """
    matches: list[tuple[int, int, EvidenceTerm]] = []
    keyed = _keyed(evidence_terms())
    if doc is not None:  # the terms the whole article holds, found once per article
        cached = doc.user_data.get(_IN_TEXT)
        if cached is None or cached[0] is not text:
            cached = doc.user_data[_IN_TEXT] = (text, _present(keyed, text))
        keyed = cached[1]
    for start, end in _merge_spans(spans, text):
        for _, term in _present(keyed, text[start:end]):
            for m in term.pattern.finditer(text, start, end):
                if _accepts(text, m.start(), m.end(), term, doc):
                    matches.append((m.start(), m.end(), term))
    found: dict[str, Evidence] = {}
    for start, end, term in _longest_first(matches):
        if term.kind not in found:
            found[term.kind] = Evidence(kind=term.kind, text=text[start:end], span=(start, end))
    return tuple(sorted(found.values(), key=lambda e: e.span))


@lru_cache(maxsize=1)
def evidence_terms() -> tuple[EvidenceTerm, ...]:
    """The evidence lexicon, validated and compiled once; a bad entry raises LexiconError."""
    return load("evidence")


# The letters other than their own upper case that a case-insensitive pattern letter matches in
# Python's re module ("ſ" matches "s"): folded before a plain substring test so it misses nothing.
_RE_CASE_FOLD = str.maketrans({"\u0130": "i", "\u0131": "i", "\u017f": "s", "\u212a": "k"})
_KEYS: dict[int, tuple[tuple[EvidenceTerm, ...], list[tuple[str, EvidenceTerm]]]] = {}
_IN_TEXT = "claimwatch.evidence_terms"


def _keyed(terms: tuple[EvidenceTerm, ...]) -> list[tuple[str, EvidenceTerm]]:
    """(literal start of its first word, term) for each term, in lexicon order; built once per lexicon."""
    cached = _KEYS.get(id(terms))
    if cached is None or cached[0] is not terms:
        cached = _KEYS[id(terms)] = (terms, [(_literal_prefix(t.phrase), t) for t in terms])
    return cached[1]


def _present(keyed: list[tuple[str, EvidenceTerm]], region: str) -> list[tuple[str, EvidenceTerm]]:
    """The terms whose first word occurs in ``region``, in lexicon order: only they can match there.

    A substring test per term instead of a regex scan per term; most statements name no evidence.
    The keys are ASCII, so a key found in a region is found in any text that holds the region."""
    low = region.translate(_RE_CASE_FOLD).lower()
    return [(key, t) for key, t in keyed if key in low]


def _literal_prefix(phrase: str) -> str:
    """The start of a term's first word that its pattern matches literally (up to an apostrophe,
    which matches both forms); "" (always present) when that part is not plain ASCII."""
    key = phrase.split()[0].split("'")[0]
    return key if key.isascii() else ""


def parse_lexicon(data: Any, source: str = LEXICON) -> tuple[EvidenceTerm, ...]:
    """Check the schema described at the top of ``evidence.yaml`` and compile its terms."""
    if not isinstance(data, dict) or data.get("version") != 1 or not isinstance(data.get("kinds"), dict):
        raise LexiconError(f"{source}: expected a mapping with 'version: 1' and 'kinds'")
    terms: list[EvidenceTerm] = []
    for kind, entry in data["kinds"].items():
        where = f"{source}: kinds.{kind}"
        if kind not in EVIDENCE_KINDS:
            raise LexiconError(f"{where}: unknown evidence kind; use one of {', '.join(EVIDENCE_KINDS)}")
        if not isinstance(entry, dict) or not isinstance(entry.get("terms"), list) or not entry["terms"]:
            raise LexiconError(f"{where}: needs a non-empty 'terms' list")
        before = _phrases(entry.get("exclude_before", []), f"{where}.exclude_before")
        after = _phrases(entry.get("exclude_after", []), f"{where}.exclude_after")
        for i, raw in enumerate(entry["terms"]):
            terms.append(_parse_term(kind, raw, before, after, f"{where}.terms[{i}]"))
    return tuple(terms)


def _parse_term(kind: str, raw: Any, before: tuple[str, ...], after: tuple[str, ...], where: str) -> EvidenceTerm:
    if isinstance(raw, str):
        raw = {"term": raw}
    if not isinstance(raw, dict) or not isinstance(raw.get("term"), str) or not raw["term"].strip():
        raise LexiconError(f"{where}: a term is a phrase or a mapping with a 'term' phrase")
    unknown = set(raw) - _TERM_KEYS
    if unknown:
        raise LexiconError(f"{where} ({raw['term']!r}): unknown keys {sorted(unknown)}")
    within = raw.get("within", 3)
    if not isinstance(within, int) or within < 1:
        raise LexiconError(f"{where} ({raw['term']!r}): 'within' must be a positive integer")
    followed = _phrases(raw.get("followed_by", []), f"{where}.followed_by")
    phrase = raw["term"].strip().lower()
    return EvidenceTerm(
        kind=kind, phrase=phrase, pattern=_term_pattern(phrase),
        followed_by=frozenset(followed), within=within, allow_verb=bool(raw.get("allow_verb", False)),
        exclude_before=before + _phrases(raw.get("exclude_before", []), f"{where}.exclude_before"),
        exclude_after=after + _phrases(raw.get("exclude_after", []), f"{where}.exclude_after"),
    )


def _phrases(value: Any, where: str) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise LexiconError(f"{where}: expected a list of non-empty phrases, got {value!r}")
    return tuple(" ".join(v.lower().split()) for v in value)


def _term_pattern(phrase: str) -> re.Pattern:
    """Case-insensitive, word-bounded (not inside "document.getElementById"); spaces match spaces or
    hyphens, apostrophes either form."""
    parts = [re.escape(w).replace("'", "['’]") for w in phrase.split()]
    return re.compile(r"(?<![\w.-])" + r"[\s-]+".join(parts) + r"(?![\w-]|\.\w)", re.IGNORECASE)


def _phrase_pattern(phrase: str) -> str:
    return r"[\s-]+".join(re.escape(w).replace("'", "['’]") for w in phrase.split())


def _accepts(text: str, start: int, end: int, term: EvidenceTerm, doc) -> bool:
    """Apply the term's conditions and exclusions, looking at the whole article around the match."""
    head, tail = text[max(0, start - 60):start], text[end:end + 80]
    if any(re.search(r"(?<![\w-])" + _phrase_pattern(p) + r"[\s-]*$", head, re.I) for p in term.exclude_before):
        return False
    if any(re.match(r"[\s-]*" + _phrase_pattern(p) + r"(?![\w-])", tail, re.I) for p in term.exclude_after):
        return False
    if term.followed_by and not _followed_by(tail, term):
        return False
    if doc is not None and not term.allow_verb and _is_verb(doc, text, start, end):
        return False
    return True


def _followed_by(tail: str, term: EvidenceTerm) -> bool:
    stop = _SENTENCE_END.search(tail)
    words = [w.lower() for w in _WORD.findall(tail[:stop.start()] if stop else tail)][:term.within + 1]
    joined = " ".join(words)
    for wanted in term.followed_by:
        if " " in wanted:
            if joined.startswith(wanted) or f" {wanted}" in joined:
                return True
        elif wanted in words[:term.within]:
            return True
    return False


def _is_verb(doc, text: str, start: int, end: int) -> bool:
    """True when spaCy reads a one-word term as a verb ("documents abuses", "to file"): not evidence."""
    offset = _doc_offset(doc, text)
    if offset is None:
        return False
    span = doc.char_span(start - offset, end - offset, alignment_mode="expand")
    return span is not None and len(span) == 1 and span[0].pos_ in ("VERB", "AUX")


def _doc_offset(doc, text: str) -> Optional[int]:
    """Where ``doc`` starts in ``text``: 0 for a Doc of the whole article; None when it does not fit."""
    if doc_text(doc) == text:
        return 0
    found = text.find(doc_text(doc)) if doc_text(doc) else -1
    return found if found >= 0 else None


def _merge_spans(spans: Sequence[tuple[int, int]], text: str) -> list[Span]:
    """Sort and join spans that overlap or are separated only by spaces, so terms may cross them."""
    merged: list[list[int]] = []
    for start, end in sorted((max(0, int(a)), min(len(text), int(b))) for a, b in spans):
        if start >= end:
            continue
        if merged and not text[merged[-1][1]:start].strip():
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    return [(a, b) for a, b in merged]


def _longest_first(matches: list[tuple[int, int, EvidenceTerm]]) -> list[tuple[int, int, EvidenceTerm]]:
    """Keep non-overlapping matches, preferring the longer one, returned in text order."""
    kept: list[tuple[int, int, EvidenceTerm]] = []
    for m in sorted(matches, key=lambda m: (m[0] - m[1], m[0])):
        if all(m[1] <= k[0] or m[0] >= k[1] for k in kept):
            kept.append(m)
    return sorted(kept, key=lambda m: m[0])


@dataclass(frozen=True)
class SourceEvidenceRule:
    kind: str
    pattern: re.Pattern
    acts: frozenset[str]
    needs_quantity: bool


@lru_cache(maxsize=1)
def source_evidence_rules() -> tuple[SourceEvidenceRule, ...]:
    data = load("source_evidence")
    rules = []
    for i, raw in enumerate(data.get("rules", []) if isinstance(data, dict) else []):
        where = f"source_evidence.yaml rules[{i}]"
        if not isinstance(raw, dict) or raw.get("kind") not in EVIDENCE_KINDS or not raw.get("source_words"):
            raise LexiconError(f"{where}: needs a known kind and source_words")
        words = "|".join(re.escape(w.lower()) for w in raw["source_words"])
        rules.append(SourceEvidenceRule(kind=raw["kind"], pattern=re.compile(rf"\b(?:{words})\b"),
                                        acts=frozenset(raw.get("acts", ())), needs_quantity=bool(raw.get("needs_quantity"))))
    return tuple(rules)


def evidence_from_source(source_text: str, act: str, has_quantity: bool) -> tuple[Evidence, ...]:
    """Evidence implied by the kind of source ("South Korea's intelligence agency reported ...")."""
    low = source_text.lower()
    found = []
    for rule in source_evidence_rules():
        if rule.acts and act not in rule.acts:
            continue
        if rule.needs_quantity and not has_quantity:
            continue
        if rule.pattern.search(low):
            found.append(Evidence(kind=rule.kind, text=source_text))
    return tuple(found)
