"""The model's rule pipes (``attribute_ruler``, rule ``lemmatizer``) evaluated over token arrays.

spaCy runs the attribute ruler's 179 rules through a ``Matcher`` (every pattern starts a state at every
token) and assigns each hit in Python, and the rule lemmatiser builds a Token and reads its morphology
for every word: together about a fifth of a bare ``nlp.pipe`` run of the small English model, more
than the parser. Both are pure functions of a few token attributes, so here they are evaluated per
column: a single-token rule (equality, ``IN``, ``NOT_IN`` on token attributes) is a numpy mask over the
Doc's attribute arrays, the few rules the masks cannot express (several tokens, regular expressions)
keep a ``Matcher`` of their own, and lemmas are cached by (form, POS, morphology), the same key spaCy's
own lemmatiser caches by. Hits are applied in the ruler's order (a later rule wins), after matching on
the state before the ruler, exactly as ``AttributeRuler`` does; ``tests/nlp/test_array_pipes.py`` compares
every annotation with spaCy's own pipes.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Iterable, Iterator

import numpy
from spacy.language import Language
from spacy.matcher import Matcher
from spacy.parts_of_speech import IDS as POS_IDS
from spacy.tokens import Doc

RULER, LEMMATIZER = "attribute_ruler", "lemmatizer"
# attributes a rule may set, and the Doc array column each one is written through
SETTABLE = ("TAG", "POS", "MORPH", "LEMMA", "DEP")
# attributes a single-token rule may test as a numpy mask (values are hashes or 0/1 flags)
MASKABLE = frozenset({"ORTH", "LOWER", "NORM", "TAG", "POS", "DEP", "LEMMA", "IS_SPACE", "IS_PUNCT", "IS_ALPHA",
                      "IS_DIGIT", "ENT_TYPE", "SHAPE"})
STRING_VALUED = frozenset({"ORTH", "LOWER", "NORM", "TAG", "DEP", "LEMMA", "ENT_TYPE", "SHAPE"})  # REGEX-testable


class ArrayRuler:
    """An ``AttributeRuler``'s rules as column masks (a Matcher only for what masks cannot test)."""

    def __init__(self, nlp: Language):
        ruler = nlp.get_pipe(RULER)
        vocab = self.vocab = nlp.vocab
        self.rules: list[tuple[list[list[list[Test]]], int, dict[str, int]]] = []  # (patterns, index, values)
        self.matcher = Matcher(vocab)
        tested: set[str] = set()
        for number, rule in enumerate(ruler.patterns):
            masks = []
            for pattern in rule["patterns"]:
                tokens = [_token_tests(spec, vocab) for spec in pattern]
                if not tokens or any(t is None for t in tokens):
                    self.matcher.add(str(number), [pattern])
                else:
                    masks.append(tokens)
                    tested.update(test.attr for token in tokens for test in token)
            self.rules.append((masks, int(rule.get("index", 0)), _values(rule["attrs"], vocab)))
        self.tested = sorted(tested)
        self.written = [a for a in SETTABLE if any(a in values for _, _, values in self.rules)]

    def __call__(self, doc: Doc) -> Doc:
        n = len(doc)
        if not n:
            return doc
        columns = dict(zip(self.tested, doc.to_array(self.tested).T)) if self.tested else {}
        present = {a: set(numpy.unique(c).tolist()) for a, c in columns.items()}
        strings = self.vocab.strings
        hits: dict[int, list[numpy.ndarray]] = {}
        if len(self.matcher):
            for key, start, end in self.matcher(doc, allow_missing=True):
                hits.setdefault(int(strings[key]), []).append(_target(start, end, self.rules[int(strings[key])][1]))
        out = doc.to_array(self.written)
        col = {a: k for k, a in enumerate(self.written)}
        for number, (masks, index, values) in enumerate(self.rules):
            chosen = hits.get(number, [])
            for tokens in masks:
                starts = _match_starts(tokens, columns, present, strings, n)
                if starts is not None and len(starts):
                    chosen.append(starts + (index if index >= 0 else len(tokens) + index))
            if chosen:
                where = numpy.concatenate(chosen)
                for attr, value in values.items():
                    out[where, col[attr]] = value
        doc.from_array(self.written, out)
        return doc


@dataclass(frozen=True)
class Test:
    """One condition on one token attribute: IN / NOT_IN a set of value ids, or a REGEX on its string."""

    attr: str
    op: str
    ids: numpy.ndarray | None = None
    id_set: frozenset[int] = frozenset()
    regex: re.Pattern | None = None

    def allowed(self, present: set[int], strings) -> set[int] | frozenset[int]:
        """The value ids of this Doc the test accepts (REGEX, IN), or the ones it rejects (NOT_IN)."""
        if self.regex is not None:
            return {v for v in present if v and self.regex.search(strings[v])}
        return self.id_set


def _token_tests(spec: dict, vocab) -> list[Test] | None:
    """The tests of one token of a pattern, or None when a mask cannot express them (OP, other keys)."""
    tests = []
    for attr, condition in spec.items():
        if attr not in MASKABLE:
            return None
        if isinstance(condition, dict):
            if len(condition) != 1 or next(iter(condition)) not in ("IN", "NOT_IN", "REGEX"):
                return None
            op, values = next(iter(condition.items()))
        else:
            op, values = "IN", [condition]
        if op == "REGEX":
            if attr not in STRING_VALUED:
                return None
            tests.append(Test(attr, op, regex=re.compile(values)))
            continue
        ids = [_value_id(attr, v, vocab) for v in values]
        tests.append(Test(attr, op, numpy.array(ids, dtype=numpy.uint64), frozenset(ids)))
    return tests


def _match_starts(tokens: list[list[Test]], columns: dict, present: dict, strings, n: int) -> numpy.ndarray | None:
    """Start positions where a fixed-length pattern matches, or None when it cannot match in this Doc."""
    width = n - len(tokens) + 1
    if width <= 0:
        return None
    checks = []
    for offset, tests in enumerate(tokens):
        for test in tests:
            allowed = test.allowed(present[test.attr], strings)
            if test.op != "NOT_IN" and present[test.attr].isdisjoint(allowed):
                return None  # a value the rule needs occurs nowhere in this Doc: most rules, most Docs
            checks.append((offset, test, allowed))
    mask = numpy.ones(width, dtype=bool) if not checks else None  # a pattern token {} matches any token
    for offset, test, allowed in checks:
        column = columns[test.attr][offset:offset + width]
        if len(allowed) == 1:
            hit = column == next(iter(allowed))
        else:
            hit = numpy.isin(column, numpy.fromiter(allowed, dtype=numpy.uint64, count=len(allowed)))
        if test.op == "NOT_IN":
            hit = ~hit
        mask = hit if mask is None else mask & hit
    return numpy.flatnonzero(mask)


def _target(start: int, end: int, index: int) -> numpy.ndarray:
    target = (start if index >= 0 else end) + index
    if not start <= target < end:
        raise ValueError(f"attribute rule index {index} is outside its {end - start}-token match")
    return numpy.array([target])


def _value_id(attr: str, value: Any, vocab) -> int:
    """The number ``Doc.to_array`` gives for this attribute value."""
    if isinstance(value, bool):
        return int(value)
    if attr == "POS":
        return POS_IDS[value]
    if attr == "MORPH":
        return vocab.morphology.add(value)
    return vocab.strings.add(value) if value else 0


def _values(attrs: dict[str, Any], vocab) -> dict[str, int]:
    unknown = set(attrs) - set(SETTABLE)
    if unknown:
        raise ValueError(f"attribute rules set {sorted(unknown)}, which the array ruler does not write")
    return {a: _value_id(a, v, vocab) for a, v in attrs.items()}


class ArrayLemmatizer:
    """The rule lemmatiser with its answer cached by (form, POS, morphology) as numbers, not Tokens."""

    def __init__(self, nlp: Language):
        self.lemmatizer = nlp.get_pipe(LEMMATIZER)
        self.strings = nlp.vocab.strings
        self.cache: dict[tuple[int, int, int], int] = {}

    def __call__(self, doc: Doc) -> Doc:
        if not len(doc):
            return doc
        keys = doc.to_array(["ORTH", "POS", "MORPH", "LEMMA"])
        missing = numpy.flatnonzero(keys[:, 3] == 0)
        if not len(missing):
            return doc
        lemmas = keys[:, 3]
        cache = self.cache
        for i in missing.tolist():
            key = (int(keys[i, 0]), int(keys[i, 1]), int(keys[i, 2]))
            lemma = cache.get(key)
            if lemma is None:
                lemma = cache[key] = self.strings.add(self.lemmatizer.lemmatize(doc[i])[0])
            lemmas[i] = lemma
        doc.from_array(["LEMMA"], lemmas)
        return doc


def supported(nlp: Language) -> bool:
    """Whether this pipeline's rule pipes can be replaced: a rule lemmatiser that does not overwrite,
    right after the attribute ruler."""
    names = nlp.pipe_names
    if RULER not in names or LEMMATIZER not in names or names.index(LEMMATIZER) != names.index(RULER) + 1:
        return False
    lemmatizer = nlp.get_pipe(LEMMATIZER)
    return getattr(lemmatizer, "mode", None) == "rule" and not getattr(lemmatizer, "overwrite", True)


@lru_cache(maxsize=4)
def array_pipes(nlp: Language) -> tuple[ArrayRuler, ArrayLemmatizer] | None:
    """(ruler, lemmatiser) standing in for the pipeline's own, or None when it has other rule pipes."""
    if not supported(nlp):
        return None
    try:
        return ArrayRuler(nlp), ArrayLemmatizer(nlp)
    except ValueError:
        return None


def pipe(nlp: Language, items: Iterable[str | Doc], batch_size: int = 32, n_process: int = 1,
         disable: Iterable[str] = ()) -> Iterator[Doc]:
    """``nlp.pipe(items)`` with the rule pipes evaluated over arrays: the same Docs, sooner.

    With several processes spaCy's own pipes run (its workers would need these registered)."""
    disable = list(disable)
    pipes = array_pipes(nlp) if n_process == 1 else None
    if pipes is None:
        yield from nlp.pipe(items, batch_size=batch_size, n_process=n_process, disable=disable)
        return
    ruler, lemmatizer = pipes
    after = [n for n in nlp.pipe_names[nlp.pipe_names.index(LEMMATIZER) + 1:] if n not in disable]
    docs: Iterator[Doc] = (lemmatizer(ruler(d)) for d in
                           nlp.pipe(items, batch_size=batch_size, disable=[*disable, RULER, LEMMATIZER, *after]))
    for name in after:
        docs = nlp.get_pipe(name).pipe(docs, batch_size=batch_size)
    yield from docs
