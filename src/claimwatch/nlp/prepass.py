"""Cue pre-pass: parse only the sentences that can carry an attribution.

Tagging, parsing and lemmatising cost most of a spaCy run, yet most sentences of a news article
carry no reporting cue, no quotation and no source. The pre-pass tokenises the article, splits it
into sentences by rule, and looks for cue forms (every inflection the lemmatiser could map to a cue
lemma, and the cue phrases) and quotations. Those sentences, with the sentence before a "he said"
(whose parse tells the actor index who the subject was), go through every pipe as one sub-document.
NER has its own tok2vec in this model, so it can also read more than the kept sentences
(``ner: all | names | kept`` in prepass.yaml). The annotations are then written back into a Doc of
the original text, so every character offset downstream is an offset into the article as given.
The sub-documents also skip the attribute ruler's per-token matching of its tag map (``TagMapRuler``:
same output, one array lookup). Measured cost and quality: docs/prepass.md.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Iterable, Iterator, Sequence

import numpy
from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc

from claimwatch.errors import LexiconError
from claimwatch.lexicons import load
from claimwatch.lexicons.schema import load_cues
from claimwatch.nlp import array_pipes
from claimwatch.nlp.quotes import find_quotes, is_statement_quote

# Annotations copied from the parsed sub-document into the article's Doc.
PARSE_ATTRS = ("TAG", "POS", "MORPH", "LEMMA", "DEP", "HEAD")
ENT_ATTRS = ("ENT_IOB", "ENT_TYPE", "ENT_KB_ID")
IOB_I, IOB_O, IOB_B = 1, 2, 3
NER_SCOPES = ("all", "names", "kept", "attributions")
NER = "ner"


@dataclass(frozen=True)
class PrepassRules:
    """What the pre-pass keeps, from ``prepass.yaml``."""

    terminals: frozenset[str]  # tokens that end a sentence
    closers: frozenset[str]  # tokens that may follow a terminal inside the same sentence
    context_before: int  # sentences kept before a kept sentence (antecedents of "he", "the agency")
    context_after: int
    determiners: frozenset[str]  # a cue form right after one of these is a noun, not a cue verb
    anaphors: frozenset[str]  # words that send the sentences before a cue sentence to the parser
    anaphor_context: int  # how many sentences before an anaphoric cue sentence are kept
    anaphor_parse: bool  # parse those sentences (True) or let NER alone read them (False)
    max_run: int  # a run of tokens without a sentence end is cut here, as paragraph_breaks does
    ner: str = "all"  # what NER reads: all | names (kept + earlier sentences with a capitalised word) | kept
    anaphor_window: int = 0  # the anaphor must stand this close before a cue (or right after it); 0: anywhere


@lru_cache(maxsize=1)
def load_rules() -> PrepassRules:
    """The packaged pre-pass rules, validated once per process."""
    return load("prepass")


def parse_rules(data: object) -> PrepassRules:
    """Validate parsed ``prepass.yaml`` data; a malformed file raises LexiconError on load."""
    if not isinstance(data, dict):
        raise LexiconError("prepass.yaml: expected a mapping")
    try:
        rules = PrepassRules(
            terminals=frozenset(_words(data, "terminals")),
            closers=frozenset(_words(data, "closers")),
            context_before=int(data["context_before"]),
            context_after=int(data["context_after"]),
            determiners=frozenset(w.lower() for w in _words(data, "determiners")),
            anaphors=frozenset(w.lower() for w in _words(data, "anaphors")),
            anaphor_context=int(data["anaphor_context"]),
            anaphor_parse=_flag(data, "anaphor_parse"),
            anaphor_window=int(data.get("anaphor_window", 0)),
            max_run=int(data["max_run"]),
            ner=str(data.get("ner", "all")),
        )
    except (KeyError, TypeError, ValueError) as exc:
        raise LexiconError(f"prepass.yaml: missing or malformed field: {exc}") from exc
    if min(rules.context_before, rules.context_after, rules.anaphor_context, rules.anaphor_window) < 0 \
            or rules.max_run < 2:
        raise LexiconError("prepass.yaml: context sizes must be >= 0 and max_run >= 2")
    if rules.ner not in NER_SCOPES:
        raise LexiconError(f"prepass.yaml: ner must be one of {', '.join(NER_SCOPES)}, not {rules.ner!r}")
    return rules


def _flag(data: dict, key: str) -> bool:
    value = data[key]
    if not isinstance(value, bool):
        raise LexiconError(f"prepass.yaml: '{key}' must be true or false")
    return value


def _words(data: dict, key: str) -> list[str]:
    value = data[key]
    if not isinstance(value, list) or not all(isinstance(w, str) and w for w in value):
        raise LexiconError(f"prepass.yaml: '{key}' must be a list of non-empty strings")
    return value


# --- sentences by rule -------------------------------------------------------------------------

@dataclass(frozen=True)
class TokenView:
    """A Doc's token strings and flags as plain lists, read once: the pre-pass touches every token
    several times, and a spaCy Token object per touch costs more than the rule it serves."""

    words: list[str]
    lowers: list[str]
    trailing_space: list[bool]
    is_space: list[bool]
    is_alpha: list[bool]

    @classmethod
    def of(cls, doc: Doc) -> "TokenView":
        strings = doc.vocab.strings
        cols = doc.to_array(["ORTH", "LOWER", "SPACY", "IS_SPACE", "IS_ALPHA"]).tolist()
        return cls([strings[r[0]] for r in cols], [strings[r[1]] for r in cols], [bool(r[2]) for r in cols],
                   [bool(r[3]) for r in cols], [bool(r[4]) for r in cols])


def rule_sentences(doc: Doc, rules: PrepassRules | None = None, view: TokenView | None = None) -> list[tuple[int, int]]:
    """Token ranges [start, end) of sentences split by rule, without a parser.

    A line break ends a sentence (as ``paragraph_breaks`` does before the parser); so does a full
    stop, question or exclamation mark, with any closing quotes or brackets after it; and a run of
    ``max_run`` tokens. The parser may split a kept range further: the unit only decides what is parsed.
    """
    rules = rules or load_rules()
    view = view or TokenView.of(doc)
    words, is_space, spaced = view.words, view.is_space, view.trailing_space
    terminals, closers = rules.terminals, rules.closers
    starts = [0]
    run = 0
    n = len(words)
    for i in range(1, n):
        prev = words[i - 1]
        run += 1
        tok = words[i]
        boundary = False
        if "\n" in prev and (is_space[i - 1] or (prev.endswith("\n") and not spaced[i - 1])):
            boundary = True  # a line break ends a sentence, as paragraph_breaks does
        elif (prev in terminals or (prev in closers and _after_terminal(words, i - 1, rules))) \
                and tok not in closers and tok not in terminals:
            boundary = True
        elif run >= rules.max_run:
            boundary = True
        if boundary and not is_space[i]:  # a line break's whitespace token stays with the sentence before it
            starts.append(i)
            run = 0
    return [(a, b) for a, b in zip(starts, starts[1:] + [n]) if b > a]


def _after_terminal(words: list[str], i: int, rules: PrepassRules) -> bool:
    """Whether token i is a closer that follows a sentence end: 'he said." Next'."""
    k = i
    while k > 0 and words[k] in rules.closers:
        k -= 1
    return words[k] in rules.terminals


# --- cue forms ---------------------------------------------------------------------------------

class CueSpotter:
    """Finds tokens that may be cues before any tagging.

    A word is a cue form when one of its possible lemmas (by the model's own lemmatiser tables for
    verbs and nouns, so every inflection the tagged pipeline could see) is a cue lemma of that part
    of speech. A verb whose every reading needs a particle ("point to", "walk back") counts only when
    the particle follows in the sentence; a noun cue only introduces content through "that"
    ("the claim that ..."), so a noun form counts only when "that" follows it. Cue phrases count as written.
    """

    def __init__(self, nlp: Language, rules: PrepassRules | None = None):
        self.rules = rules or load_rules()
        lexicon = load_cues()
        self.verbs = {k: frozenset(c.particle for c in v) if all(c.particle for c in v) else frozenset()
                      for k, v in lexicon.verbs.items()}  # lemma -> required particles (empty: none needed)
        self.nouns = frozenset(lexicon.nouns)
        (self.verb_exc, self.verb_rules), (self.noun_exc, self.noun_rules) = _lemma_tables(nlp)
        self.matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
        for phrase in lexicon.phrases:
            self.matcher.add(phrase, [Doc(nlp.vocab, words=phrase.split())])
        self._known: dict[str, tuple[frozenset[str] | None, bool]] = {}

    def reading(self, lower: str) -> tuple[frozenset[str] | None, bool]:
        """(particles a verb reading needs, or None when no verb reading is a cue; whether a noun
        reading is a cue) for a lower-case word."""
        known = self._known.get(lower)
        if known is None:
            verbs = [self.verbs[x] for x in _lemmas(lower, self.verb_exc, self.verb_rules) if x in self.verbs]
            particles = None if not verbs else (frozenset() if any(not v for v in verbs) else frozenset().union(*verbs))
            noun = any(x in self.nouns for x in _lemmas(lower, self.noun_exc, self.noun_rules))
            known = self._known[lower] = (particles, noun)
        return known

    def cue_tokens(self, doc: Doc, sentences: Sequence[tuple[int, int]], rules: PrepassRules | None = None,
                   view: TokenView | None = None) -> set[int]:
        """Indexes of tokens that may be cues (single words and every token of a cue phrase)."""
        determiners = (rules or self.rules).determiners
        view = view or TokenView.of(doc)
        words, lowers, alpha = view.words, view.lowers, view.is_alpha
        out: set[int] = set()
        for a, b in sentences:
            first = True
            for i in range(a, b):
                if not alpha[i]:
                    continue
                initial, first = first, False
                particles, noun = self.reading(lowers[i])
                if particles is None and not noun:
                    continue
                word = words[i]
                if not initial and word[:1].isupper() and not word.isupper():
                    continue  # "Said Kouachi", "Islamic State": a name, which the tagger makes PROPN
                later = lowers[i + 1:b]
                nominal = i > a and lowers[i - 1] in determiners  # "the state", "a report"
                if particles is not None and not nominal and (not particles or particles.intersection(later)):
                    out.add(i)
                elif noun and "that" in later:
                    out.add(i)
        for _, start, end in self.matcher(doc):
            out.update(range(start, end))
        return out


def _lemmas(lower: str, exceptions: dict, suffixes: Sequence[tuple[str, str]]) -> Iterator[str]:
    """Every lemma the rule lemmatiser could give this word: itself, its exception entry, its suffix rules."""
    yield lower
    yield from exceptions.get(lower, ())
    for suffix, repl in suffixes:
        if lower.endswith(suffix) and len(lower) > len(suffix):
            yield lower[: len(lower) - len(suffix)] + repl


def _lemma_tables(nlp: Language) -> tuple[tuple[dict, list], tuple[dict, list]]:
    """(exceptions, suffix rules) of the model's rule lemmatiser, for verbs and for nouns."""
    if "lemmatizer" not in nlp.pipe_names:
        raise LexiconError("the spaCy pipeline has no lemmatizer: cue forms cannot be derived")
    lookups = nlp.get_pipe("lemmatizer").lookups
    exc = lookups.get_table("lemma_exc")
    rules = lookups.get_table("lemma_rules")
    verb = (dict(exc.get("verb", {})), [tuple(r) for r in rules.get("verb", [])])
    noun = (dict(exc.get("noun", {})), [tuple(r) for r in rules.get("noun", [])])
    return verb, noun


@lru_cache(maxsize=4)
def _spotter(nlp: Language) -> CueSpotter:
    return CueSpotter(nlp)


# --- selection ---------------------------------------------------------------------------------

@dataclass(frozen=True)
class Selection:
    """The article's rule sentences, which of them the full pipeline parses, and which others NER reads."""

    sentences: tuple[tuple[int, int], ...]
    kept: frozenset[int]  # indexes into ``sentences``: tagged, parsed, lemmatised (and NER)
    named: frozenset[int] = frozenset()  # further sentences NER alone reads
    all_named: bool = True  # NER reads the whole text

    def tokens(self, which: frozenset[int] | None = None) -> list[int]:
        """Token indexes of the kept sentences (or of ``which``), in order."""
        chosen = self.kept if which is None else which
        return [i for k in sorted(chosen) for i in range(*self.sentences[k])]

    def share(self) -> float:
        """Fraction of tokens that are parsed."""
        total = self.sentences[-1][1] if self.sentences else 0
        return len(self.tokens()) / total if total else 0.0


def select(doc: Doc, nlp: Language, rules: PrepassRules | None = None) -> Selection:
    """Sentences able to carry an attribution, a quotation or the antecedent of a cue's source."""
    rules = rules or load_rules()
    view = TokenView.of(doc)
    sentences = rule_sentences(doc, rules, view)
    if not sentences:
        return Selection((), frozenset())
    sent_of = numpy.empty(len(doc), dtype=numpy.int32)
    for k, (a, b) in enumerate(sentences):
        sent_of[a:b] = k
    cue_tokens = _spotter(nlp).cue_tokens(doc, sentences, rules, view)
    seeds = {int(sent_of[i]) for i in cue_tokens}
    kept = set(seeds) | _quoted(doc, sent_of)
    for k in list(kept):
        kept.update(range(max(0, k - rules.context_before), min(len(sentences), k + rules.context_after + 1)))
    antecedents: set[int] = set()
    for k in seeds:
        a, b = sentences[k]
        if _source_anaphor(view, a, b, cue_tokens, rules):
            antecedents.update(range(max(0, k - rules.anaphor_context), k))
    if rules.anaphor_parse:
        kept |= antecedents
    if rules.ner == "all":
        return Selection(tuple(sentences), frozenset(kept))
    named = antecedents - kept
    if rules.ner == "names" and kept:
        last = max(kept)
        named |= {k for k in range(last) if k not in kept and _has_name(doc, *sentences[k])}
    return Selection(tuple(sentences), frozenset(kept), frozenset(named), all_named=False)


def _source_anaphor(view: TokenView, a: int, b: int, cue_tokens: set[int], rules: PrepassRules) -> bool:
    """Whether a pronoun in sentence [a, b) can be a cue's source: "he said", "his spokesman told",
    "said she" (within ``anaphor_window`` tokens before a cue, or right after one)."""
    pronouns = [i for i in range(a, b) if view.lowers[i] in rules.anaphors]
    if not pronouns or not rules.anaphor_window:
        return bool(pronouns)
    return any(0 < c - p <= rules.anaphor_window or p - c == 1 for p in pronouns for c in cue_tokens if a <= c < b)


def _has_name(doc: Doc, a: int, b: int) -> bool:
    """A capitalised word past the sentence's first word: a name NER may need to see."""
    words = [t for t in doc[a:b] if t.is_alpha]
    return any(t.text[:1].isupper() for t in words[1:])


# --- parsing -----------------------------------------------------------------------------------

def pipe_prepass(nlp: Language, texts: Iterable[str], batch_size: int = 32, n_process: int = 1,
                 rules: PrepassRules | None = None) -> Iterator[Doc]:
    """Like ``nlp.pipe(texts)``, but only the kept sentences are tagged, parsed and lemmatised.

    NER reads what ``rules.ner`` says (the whole text by default). Docs come back in input order.
    """
    rules = rules or load_rules()
    chunk: list[str] = []
    for text in texts:
        chunk.append(text)
        if len(chunk) >= batch_size * 4:
            yield from _pipe_chunk(nlp, chunk, batch_size, n_process, rules)
            chunk = []
    if chunk:
        yield from _pipe_chunk(nlp, chunk, batch_size, n_process, rules)


def _pipe_chunk(nlp: Language, texts: Sequence[str], batch_size: int, n_process: int,
                rules: PrepassRules) -> list[Doc]:
    docs = [nlp.make_doc(t) for t in texts]
    selections = [select(d, nlp, rules) for d in docs]
    parse_subs, parse_maps = _subs(docs, [s.tokens() for s in selections])
    ner_only = [n for n in nlp.pipe_names if n != NER]
    if rules.ner == "all":
        parsed = iter(array_pipes.pipe(nlp, parse_subs, batch_size, n_process, [NER]))
        named_docs = nlp.pipe(docs, batch_size=batch_size, n_process=n_process, disable=ner_only)
        return [merge(doc, sel, next(parsed) if idx is not None else None, idx)
                for doc, sel, idx in zip(named_docs, selections, parse_maps)]
    if rules.ner == "attributions":
        return _ner_on_attributions(nlp, docs, selections, parse_subs, parse_maps, batch_size, n_process, rules)
    parsed = iter(array_pipes.pipe(nlp, parse_subs, batch_size, n_process))
    name_subs, name_maps = _subs(docs, [s.tokens(s.named) for s in selections])
    named = iter(nlp.pipe(name_subs, batch_size=batch_size, n_process=n_process, disable=ner_only))
    out = []
    for doc, sel, idx, nidx in zip(docs, selections, parse_maps, name_maps):
        p = next(parsed) if idx is not None else None
        ents = [(p, idx)] if p is not None else []
        if nidx is not None:
            ents.append((next(named), nidx))
        out.append(merge(doc, sel, p, idx, ents))
    return out


def _ner_on_attributions(nlp: Language, docs: list[Doc], selections: list[Selection], parse_subs: list[Doc],
                         parse_maps: list[numpy.ndarray | None], batch_size: int, n_process: int,
                         rules: PrepassRules) -> list[Doc]:
    """Parse the kept sentences without NER, then let NER read only the sentences of the attributions
    found in that parse (cue, sources, content) and those before a pronoun source."""
    parsed = list(array_pipes.pipe(nlp, parse_subs, batch_size, n_process, [NER]))
    ner_subs, ner_maps = _subs(parsed, [_attribution_tokens(p, rules) for p in parsed])
    named = iter(nlp.get_pipe(NER).pipe(ner_subs, batch_size=batch_size))
    parsed_it, ner_maps_it = iter(parsed), iter(ner_maps)
    out = []
    for doc, sel, idx in zip(docs, selections, parse_maps):
        p, nmap = (next(parsed_it), next(ner_maps_it)) if idx is not None else (None, None)
        merge(doc, sel, p, idx)
        merge_entities(doc, [(next(named), idx[nmap])] if nmap is not None else [])
        out.append(doc)
    return out


def _attribution_tokens(doc: Doc, rules: PrepassRules) -> list[int]:
    """Tokens of the sentences an attribution of this parsed (not yet NER-tagged) Doc touches."""
    from claimwatch.nlp.attribution import find_attributions

    sentences = [(s.start, s.end) for s in doc.sents] if len(doc) else []
    if not sentences:
        return []
    sent_of = numpy.empty(len(doc), dtype=numpy.int32)
    for k, (a, b) in enumerate(sentences):
        sent_of[a:b] = k
    marked: set[int] = set()
    for att in find_attributions(doc):
        for chars in (att.cue_span, att.content):
            a, b = _token_range(doc, chars)
            if b > a:
                marked.update(range(int(sent_of[a]), int(sent_of[b - 1]) + 1))
        for t in att.sources:
            k = int(sent_of[t.i])
            marked.add(k)
            if t.lower_ in rules.anaphors:
                marked.update(range(max(0, k - rules.anaphor_context), k))
    doc.user_data.clear()  # the extractor's caches of this parse belong to a Doc that is thrown away
    return [i for k in sorted(marked) for i in range(*sentences[k])]


def _token_range(doc: Doc, chars: tuple[int, int]) -> tuple[int, int]:
    span = doc.char_span(chars[0], chars[1], alignment_mode="expand")
    return (span.start, span.end) if span is not None else (0, 0)


def _quoted(doc: Doc, sent_of: numpy.ndarray) -> set[int]:
    """Sentences a statement-length quotation touches."""
    text = doc.text
    out: set[int] = set()
    for q in find_quotes(text):
        if not is_statement_quote(text, q):
            continue
        a, b = _token_range(doc, q.outer)
        if b > a:
            out.update(range(int(sent_of[a]), int(sent_of[b - 1]) + 1))
    return out


def merge_entities(doc: Doc, entities: Sequence[tuple[Doc, numpy.ndarray]]) -> Doc:
    """Write the entities of sub-documents (with their token maps) into the article's Doc; every
    other token is outside any entity, and an entity never continues across a gap."""
    ents = numpy.zeros((len(doc), len(ENT_ATTRS)), dtype=numpy.uint64)
    ents[:, 0] = IOB_O
    for sub_doc_, map_ in entities:
        part = sub_doc_.to_array(list(ENT_ATTRS))
        gap = numpy.ones(len(map_), dtype=bool)
        gap[1:] = map_[1:] != map_[:-1] + 1
        part[(part[:, 0] == IOB_I) & gap, 0] = IOB_B
        ents[map_] = part
    if len(doc):
        doc.from_array(list(ENT_ATTRS), ents)
    return doc


def _subs(docs: Sequence[Doc], token_lists: Sequence[list[int]]) -> tuple[list[Doc], list[numpy.ndarray | None]]:
    subs: list[Doc] = []
    maps: list[numpy.ndarray | None] = []
    for doc, idx in zip(docs, token_lists):
        if idx:
            subs.append(sub_doc(doc, idx))
            maps.append(numpy.asarray(idx, dtype=numpy.int64))
        else:
            maps.append(None)
    return subs, maps


def sub_doc(doc: Doc, idx: Sequence[int]) -> Doc:
    """A Doc of the given tokens; a token after a gap starts a sentence the parser cannot join back."""
    words = [doc[i].text for i in idx]
    spaces = [bool(doc[i].whitespace_) for i in idx]
    starts: list[bool | None] = [True] + [True if idx[k] != idx[k - 1] + 1 else None for k in range(1, len(idx))]
    return Doc(doc.vocab, words=words, spaces=spaces, sent_starts=starts)


def merge(doc: Doc, selection: Selection, parsed: Doc | None, idx: numpy.ndarray | None,
          entities: Sequence[tuple[Doc, numpy.ndarray]] = ()) -> Doc:
    """Write sub-document annotations into the article's Doc; unparsed sentences keep rule boundaries.

    Heads are re-based from sub-document to article token indexes. Tokens left unparsed have no tag,
    lemma, dependency or head (spaCy's "missing"), and start sentences where the rules split.
    Entities come from ``entities`` (sub-documents and their token maps) when NER did not read the
    whole Doc; an entity never continues across a gap.
    """
    n = len(doc)
    if parsed is not None and idx is not None and len(parsed):
        sub = parsed.to_array(list(PARSE_ATTRS))
        head_col = PARSE_ATTRS.index("HEAD")
        rel = sub[:, head_col].view(numpy.int64)
        own = numpy.arange(len(parsed), dtype=numpy.int64)
        sub[:, head_col] = (idx[own + rel] - idx).view(numpy.uint64)
        full = numpy.zeros((n, len(PARSE_ATTRS)), dtype=numpy.uint64)
        full[idx] = sub
        doc.from_array(list(PARSE_ATTRS), full)
    if entities:
        merge_entities(doc, entities)
    starts = doc.to_array(["SENT_START"]).astype(numpy.int64)
    for k, (a, b) in enumerate(selection.sentences):
        if k in selection.kept:
            continue
        starts[a:b] = -1
        starts[a] = 1
    if n:
        starts[0] = 1
    doc.from_array(["SENT_START"], starts.astype(numpy.uint64))
    return doc
