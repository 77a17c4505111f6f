"""Provenance chains: who passed a statement on, from whom ("Reuters reported, citing two US officials, ...").

A statement's ``source`` is its ORIGINAL source and ``via`` the intermediaries that relayed it,
outermost first, so the ledger can count ten outlets repeating one intelligence briefing as one
source. The relay cues are data (``lexicons/relays.yaml``, validated here); :func:`trace` reads them
off the dependency parse of each attribution before sources are resolved, and :func:`fold_nested`
folds a statement whose content is another speaker's statement into that statement's chain.
"""
from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import TYPE_CHECKING, Any, Callable, Iterable, Optional, Sequence

from spacy.tokens import Token

from claimwatch.lexicons import load
from claimwatch.lexicons.checks import choice, document, entry_fields, fail, text_value, word_list
from claimwatch.lexicons.schema import load_titles
from claimwatch.model import Statement
from claimwatch.nlp.docutil import doc_text, lower_lemmas, same_sentence, sentence_span
from claimwatch.nlp.spans import close_quotes, end_char, strip_chars, trim_range

if TYPE_CHECKING:  # annotations only; attribution does not import this module
    from claimwatch.nlp.attribution import Attribution

SOURCE = "relays.yaml"
FRAMES = ("object", "briefed", "quoted_by", "quoted_as", "hearer")
MAX_CHAIN = 4  # hops followed from a source to the original: deeper nesting is not news English
SPEAKER_ENTS = ("PERSON", "ORG", "GPE", "NORP", "FAC")


# --- lexicon ---------------------------------------------------------------------------------

@dataclass(frozen=True)
class Relay:
    """One relay cue: a lemma, the frame that says where the other party is, and its preposition."""

    lemma: str
    frame: str
    prep: Optional[str] = None


@dataclass(frozen=True)
class RelayLexicon:
    relays: tuple[Relay, ...]
    reports: frozenset[str]
    report_preps: frozenset[str]
    outlets: tuple[str, ...]
    ambiguous_outlet_words: frozenset[str]
    news_words: frozenset[str]
    trailing: bool
    quantifiers: frozenset[str]
    reported_acts: frozenset[str]

    def lemmas(self, frame: str) -> frozenset[str]:
        return frozenset(r.lemma for r in self.relays if r.frame == frame)

    def hearer_prep(self, lemma: str) -> Optional[str]:
        """The preposition that introduces the hearer of a hearer cue ("interview" -> "with")."""
        return next((r.prep for r in self.relays if r.frame == "hearer" and r.lemma == lemma), None)


def parse_relays(data: Any, source: str = SOURCE) -> RelayLexicon:
    """Validate parsed ``relays.yaml``: known frames, no duplicate entries, word lists, a boolean flag."""
    doc = document(data, source, ("relays", "reports", "report_preps", "outlets", "ambiguous_outlet_words",
                                  "news_words", "trailing", "quantifiers", "reported_acts"))
    if not isinstance(doc["relays"], list) or not doc["relays"]:
        raise fail(source, "relays", "expected a non-empty list of {lemma, frame[, prep]}")
    relays: list[Relay] = []
    for i, raw in enumerate(doc["relays"]):
        where = f"relays[{i}]"
        entry = entry_fields(raw, source, where, ("lemma", "frame"), ("prep",))
        lemma = text_value(entry["lemma"], source, where, "lemma", lower=True)
        frame = choice(entry["frame"], FRAMES, source, where, "frame")
        prep = text_value(entry["prep"], source, where, "prep", lower=True) if "prep" in entry else None
        relay = Relay(lemma, frame, prep)
        if relay in relays:
            raise fail(source, where, f"duplicate relay {lemma!r} ({frame})")
        relays.append(relay)
    if not isinstance(doc["trailing"], bool):
        raise fail(source, "trailing", f"expected true or false, got {doc['trailing']!r}")
    return RelayLexicon(
        relays=tuple(relays),
        reports=frozenset(word_list(doc["reports"], source, "reports")),
        report_preps=frozenset(word_list(doc["report_preps"], source, "report_preps")),
        outlets=word_list(doc["outlets"], source, "outlets", lower=False, fold=False),  # "AP" is not "ap"
        ambiguous_outlet_words=frozenset(word_list(doc["ambiguous_outlet_words"], source, "ambiguous_outlet_words")),
        news_words=frozenset(word_list(doc["news_words"], source, "news_words")),
        trailing=doc["trailing"],
        quantifiers=frozenset(word_list(doc["quantifiers"], source, "quantifiers")),
        reported_acts=frozenset(word_list(doc["reported_acts"], source, "reported_acts")),
    )


@lru_cache(maxsize=1)
def load_relays() -> RelayLexicon:
    """The packaged relay cues, validated once per process."""
    return load("relays")


# --- outlets ---------------------------------------------------------------------------------

@lru_cache(maxsize=1)
def _outlet_patterns() -> tuple[re.Pattern, re.Pattern]:
    """Outlet words (any case, from outlets.yaml) and outlet names (exact case: relays.yaml outlets
    and the wire agencies' aliases, so "AP" matches and "ap" does not)."""
    words = load("outlets")["words"]
    names = list(load_relays().outlets)
    names.extend(load("wires").agency_of)  # every wire agency's aliases
    by_length = sorted(set(names), key=len, reverse=True)
    return (re.compile(r"\b(?:" + "|".join(re.escape(w.lower()) for w in words) + r")\b"),
            re.compile(r"(?<![\w-])(?:" + "|".join(re.escape(n) for n in by_length) + r")(?![\w-])"))


def is_outlet(name: str) -> bool:
    """Whether a source name or mention names a news outlet ("Reuters", "the state news agency").

    A word that also names other bodies ("agency", "post", "times") counts only beside a word of
    news ("news agency"): the International Atomic Energy Agency is not an outlet.
    """
    words, names = _outlet_patterns()
    if names.search(name):
        return True
    lower = name.lower()
    found = set(words.findall(lower))
    if not found:
        return False
    lex = load_relays()
    if found - lex.ambiguous_outlet_words:
        return True
    return any(w in lex.news_words for w in re.findall(r"[a-z]+", lower))


def is_outlet_noun(lemma: str) -> bool:
    """A common noun that can describe a news outlet: "the agency", "the paper", "the broadcaster"."""
    return bool(_outlet_patterns()[0].fullmatch(lemma.lower()))


def description_key(name: str) -> str:
    """An unnamed source's description compared across articles: "two US officials" -> "us official"."""
    quantifiers = load_relays().quantifiers
    words = [w for w in re.findall(r"[\w'-]+", name.casefold()) if w not in quantifiers and not w.isdigit()]
    if words and len(words[-1]) > 3 and words[-1].endswith("s") and not words[-1].endswith("ss"):
        words[-1] = words[-1][:-1]
    return " ".join(words)


# --- tracing attributions ---------------------------------------------------------------------

@dataclass(frozen=True)
class Traced:
    """An attribution with its original source as ``sources`` and the intermediaries' head tokens."""

    attribution: Attribution
    via: tuple[Token, ...] = ()


def trace(attributions: Sequence[Attribution], can_speak: Callable[[Token], bool],
          lexicon: Optional[RelayLexicon] = None) -> list[Traced]:
    """Every attribution with its chain; relay verbs used only as relays ("which cited Y", the
    "saying" of "quoted Y as saying") make no statement of their own and are left out."""
    lex = lexicon or load_relays()
    consumed = {a.hit.head.i for a in attributions if _relay_only(a, lex)}
    out: list[Traced] = []
    for att in attributions:
        if att.hit.head.i in consumed:
            continue
        traced, used = _trace_one(att, attributions, lex, can_speak)
        consumed |= used
        out.append(traced)
    return [t for t in out if t.attribution.hit.head.i not in consumed]


def _relay_only(att: Attribution, lex: RelayLexicon) -> bool:
    """ "according to the Journal, which cited people ..." and "the minister, quoted by Interfax, ...":
    the relative or participle names who relayed whom, it reports nothing of its own."""
    head = att.hit.head
    if head.lemma_.lower() not in lex.lemmas("object") | lex.lemmas("quoted_by"):
        return False
    return head.dep_ in ("relcl", "acl") and not any(c.dep_ == "ccomp" for c in head.children) \
        and _as_saying(head) is None


def _as_saying(verb: Token) -> Optional[Token]:
    """The "saying" of "which quoted police as saying C": the relayed words are a statement of their own."""
    as_ = next((c for c in verb.children if c.lower_ == "as" and c.dep_ == "prep"), None)
    return next((c for c in as_.children if c.dep_ in ("pcomp", "pobj") and c.tag_ == "VBG"), None) if as_ is not None else None


def _trace_one(att: Attribution, all_atts: Sequence[Attribution], lex: RelayLexicon,
               can_speak: Callable[[Token], bool]) -> tuple[Traced, set[int]]:
    doc = att.doc
    used: set[int] = set()
    sources: tuple[Token, ...] = att.sources
    via: list[Token] = []
    start, end = att.content_tokens
    quote = att.quote
    quoted = _quoted_as(att, all_atts, lex)
    if quoted is not None:
        speaker, relayer, inner = quoted
        if inner is not att:
            used.add(inner.hit.head.i)
        sources, via = _with_conjuncts(speaker), [relayer] if relayer is not None else []
        start, end = inner.content_tokens
        quote = inner.quote
    else:
        for part in _relay_participles(att, lex, start, end):
            if part.i >= start and _only_marks(doc, start, part.left_edge.i):
                start = _phrase_end(part) + 1  # "reported that, citing Y, C": the content is C
            origin = _origin(part, lex, can_speak)
            if origin is not None:
                via.extend(sources[:1])
                sources = _with_conjuncts(origin)
                break
    if sources:
        chain, original = _follow(sources[0], lex, can_speak)
        via.extend(chain)
        if original is not sources[0]:
            sources = _with_conjuncts(original)
    hearers = _hearers(att.hit.head, lex)
    via = [h for h in hearers if h not in via] + via
    if (start, end) == att.content_tokens and quote is att.quote:
        new = replace(att, sources=sources) if sources != att.sources else att
    else:
        new = _with_content(att, sources, start, end, quote)
    if new is None:
        new = replace(att, sources=sources)
    via = [_named(t) for t in via if t not in sources]
    return Traced(new, tuple(dict.fromkeys(via))), used


def _named(token: Token) -> Token:
    """An intermediary by its name: "the TASS news agency" is TASS."""
    if token.pos_ == "NOUN":
        name = next((c for c in token.children if c.dep_ == "compound" and c.pos_ == "PROPN" and c.ent_type_ == "ORG"), None)
        if name is not None:
            return name
    return token


def _only_marks(doc, start: int, end: int) -> bool:
    return all(doc[k].is_punct or (doc[k].lower_ == "that" and doc[k].dep_ == "mark") for k in range(start, end))


def _with_conjuncts(token: Token) -> tuple[Token, ...]:
    return (token,) + tuple(c for c in token.conjuncts if c.i > token.i)


def _with_content(att: Attribution, sources, start: int, end: int, quote) -> Optional[Attribution]:
    """The attribution with a new source and content, its characters trimmed as the frames trim them."""
    doc = att.doc
    if quote is not None:
        chars = quote.inner
    else:
        start, end = trim_range(doc, start, end)
        if start >= end:
            return None
        text = doc_text(doc)
        chars = close_quotes(text, *strip_chars(text, doc[start].idx, end_char(doc, end)))
    return replace(att, sources=tuple(sources), content=chars, content_tokens=(start, end), quote=quote)


def _is_quoted_as(att: Attribution, lex: RelayLexicon) -> bool:
    return att.hit.head.lemma_.lower() in lex.lemmas("quoted_as")


def _quoted_as(att: Attribution, all_atts: Sequence[Attribution], lex: RelayLexicon):
    """ "Interfax quoted an official as saying C" / "an official was quoted by Interfax as saying C":
    (speaker, relayer or None, the attribution of "saying")."""
    verb = att.hit.head
    if not _is_quoted_as(att, lex):
        return None
    as_ = next((c for c in verb.children if c.lower_ == "as" and c.dep_ == "prep"), None)
    saying = next((c for c in as_.children if c.dep_ in ("pcomp", "pobj")), None) if as_ is not None else None
    inner = next((a for a in all_atts if saying is not None and a.hit.head.i == saying.i), None)
    if inner is None and saying is not None and att.content[1] <= verb.idx:
        inner = att  # '"C," the paper quoted an analyst as saying.': the words before are the speaker's
    if inner is None:
        return None
    obj = next((c for c in verb.children if c.dep_ == "dobj"), None)
    if obj is not None:  # active: the subject relays the object
        subj = next((c for c in verb.children if c.dep_ == "nsubj"), None)
        return obj, subj, inner
    speaker = next((c for c in verb.children if c.dep_ == "nsubjpass"), None)
    if speaker is None:
        return None
    agent = next((c for c in verb.children if c.dep_ == "agent"), None)
    relayer = next((c for c in agent.children if c.dep_ == "pobj"), None) if agent is not None else None
    return speaker, relayer, inner


def _relay_participles(att: Attribution, lex: RelayLexicon, start: int, end: int) -> list[Token]:
    """ "citing Y" / "quoting Y" phrases that belong to this cue: before its content, at the content's
    left edge, or (when the lexicon says so) right after it."""
    verb = att.hit.head
    doc = verb.doc
    lemmas = lex.lemmas("object")
    out = []
    sent = sentence_span(verb)
    lemma_of = lower_lemmas(doc)
    for i in range(sent.start, sent.end):
        if lemma_of[i] not in lemmas or i == verb.i:
            continue
        t = doc[i]
        if t.tag_ != "VBG":
            continue
        if verb not in t.ancestors and not any(s in t.ancestors or s.i == t.head.i for s in att.sources):
            continue
        before = _phrase_end(t) < start or (t.i >= start and _only_marks(doc, start, t.left_edge.i))
        after = lex.trailing and t.i >= end
        if before or after:
            out.append(t)
    return sorted(out, key=lambda t: t.i)


def _phrase_end(relay: Token) -> int:
    """Last token of "citing Y ..." without a clause the parser hung on it ("citing Y, that C")."""
    ends = [relay.i] + [c.right_edge.i for c in relay.children if c.dep_ not in ("ccomp", "punct", "mark")
                        and c.i > relay.i]
    return max(ends)


def _origin(relay: Token, lex: RelayLexicon, can_speak: Callable[[Token], bool]) -> Optional[Token]:
    """Who a "citing"/"quoting" names: its object, or the author of the report it names."""
    obj = next((c for c in relay.children if c.dep_ in ("dobj", "pobj", "attr")), None)
    if obj is None:
        return None
    return _author(obj, lex, can_speak)


def _author(obj: Token, lex: RelayLexicon, can_speak: Callable[[Token], bool]) -> Optional[Token]:
    if obj.pos_ == "NOUN" and obj.lemma_.lower() in lex.reports:  # "a report by Haaretz", "Haaretz's report"
        for c in obj.children:
            if c.dep_ == "poss" or (c.dep_ == "compound" and (c.ent_type_ in SPEAKER_ENTS or c.pos_ == "PROPN")):
                return c if _speaker_like(c, can_speak) else None
            if c.dep_ == "prep" and c.lower_ in lex.report_preps:
                pobj = next((p for p in c.children if p.dep_ == "pobj"), None)
                if pobj is not None and _speaker_like(pobj, can_speak):
                    return pobj
        return None
    return obj if _speaker_like(obj, can_speak) else None


@lru_cache(maxsize=1)
def _person_heads() -> frozenset[str]:
    titles = load_titles()
    roles = {r.lower().split()[-1] for r in titles.roles}
    return frozenset(titles.anonymous_heads | titles.organisation_heads | roles)


def _speaker_like(token: Token, can_speak: Callable[[Token], bool]) -> bool:
    """A relayed source must be someone: a name or a person/organisation noun; "citing weak demand"
    or "citing satellite images" names a reason or evidence, not a source."""
    if not can_speak(token):
        return False
    if token.ent_type_ in SPEAKER_ENTS or token.pos_ == "PROPN":
        return True
    return token.lemma_.lower() in _person_heads() or token.lower_ in _person_heads()


def _follow(source: Token, lex: RelayLexicon, can_speak: Callable[[Token], bool]) -> tuple[list[Token], Token]:
    """From a source down to the original: "a lawmaker who was briefed by the NIS" -> ([lawmaker], NIS);
    "the Journal, which cited people ..." -> ([Journal], people); "the minister, quoted by Interfax" ->
    ([Interfax], minister)."""
    chain: list[Token] = []
    current = source
    for _ in range(MAX_CHAIN):
        step = None
        for clause in (c for c in current.children if c.dep_ in ("relcl", "acl")):
            lemma = clause.lemma_.lower()
            agent = _agent(clause)
            if lemma in lex.lemmas("object") and agent is None and _as_saying(clause) is None:
                obj = next((c for c in clause.children if c.dep_ == "dobj"), None)
                found = _author(obj, lex, can_speak) if obj is not None else None
                if found is not None:
                    step = ("inner", found)
            elif agent is not None and lemma in lex.lemmas("briefed") and _speaker_like(agent, can_speak):
                step = ("inner", agent)
            elif agent is not None and lemma in lex.lemmas("quoted_by") and _speaker_like(agent, can_speak):
                step = ("outer", agent)
            if step is not None:
                break
        if step is None:
            break
        kind, other = step
        chain.append(other if kind == "outer" else current)
        if kind == "outer":  # "the minister, quoted by Interfax": Interfax passed on the minister's words
            break
        current = other
    return chain, current


def _agent(clause: Token) -> Optional[Token]:
    agent = next((c for c in clause.children if c.dep_ == "agent"), None)
    return next((c for c in agent.children if c.dep_ == "pobj"), None) if agent is not None else None


def _hearers(verb: Token, lex: RelayLexicon) -> list[Token]:
    """News outlets the source spoke to: "told Reuters", "in an interview with CNN", "speaking to Sky
    News", "in a statement to AP"; a hearer that is no outlet (parliament, reporters) relays nothing."""
    out: list[Token] = []
    plain = {r.lemma for r in lex.relays if r.frame == "hearer" and r.prep is None}
    if verb.lemma_.lower() in plain:
        out.extend(o for o in (_outlet_of(c) for c in verb.children if c.dep_ in ("dobj", "dative")) if o is not None)
    for child in verb.children:
        lemma = child.lemma_.lower()
        if child.dep_ in ("advcl", "xcomp", "conj") and lex.hearer_prep(lemma):  # "Speaking to Sky News, X said"
            out.extend(_prep_objects(child, lex.hearer_prep(lemma)))
        elif child.dep_ == "prep":  # "in an interview with CNN", "in a statement to AP"
            for noun in (c for c in child.children if c.dep_ == "pobj"):
                prep = lex.hearer_prep(noun.lemma_.lower())
                if prep and noun.pos_ == "NOUN":
                    out.extend(_prep_objects(noun, prep))
                    out.extend(c for c in noun.children if c.dep_ in ("poss", "compound") and c.pos_ == "PROPN"
                               and _outlet_token(c))  # "in a CNN interview", "in an interview with the BBC's ..."
    return [t for t in dict.fromkeys(out) if same_sentence(t, verb)]


def _prep_objects(head: Token, prep: str) -> list[Token]:
    out = []
    for p in (c for c in head.children if c.dep_ in ("prep", "dative") and c.lower_ == prep):
        out.extend(o for o in (_outlet_of(c) for c in p.children if c.dep_ == "pobj") if o is not None)
    return out


def _outlet_of(token: Token) -> Optional[Token]:
    """The outlet a hearer names: its possessor ("CNN's Jake Tapper", "USA Today's video series"), else itself."""
    poss = next((c for c in token.children if c.dep_ == "poss" and _outlet_token(c)), None)
    if poss is not None:
        return poss
    return token if _outlet_token(token) else None


def _outlet_token(token: Token) -> bool:
    doc = token.doc
    start = min((c.left_edge.i for c in token.children if c.i < token.i and c.dep_ in ("compound", "det", "amod", "nmod", "poss")),
                default=token.i)
    return is_outlet(doc[start:token.i + 1].text)


# --- statements ------------------------------------------------------------------------------

def fold_nested(statements: Iterable[Statement], text: str) -> list[Statement]:
    """A statement whose content is another speaker's statement passes that statement on.

    An outlet that only relays ("AP reported that police said ...", "The Times reported that,
    according to an official, ...") makes no statement of its own: it is dropped and becomes the
    first intermediary of each statement directly inside its content. Any other speaker who passes
    on a statement ("Hunter said Border Patrol sources told him ...") keeps its statement, and the
    inner one records it as intermediary. Ids are renumbered in order.
    """
    items = list(statements)
    by_cue = sorted(range(len(items)), key=lambda i: items[i].cue_span[0])
    cue_starts = [items[i].cue_span[0] for i in by_cue]
    outer_of: dict[int, int] = {}
    for k, outer in enumerate(items):  # cues inside each content, found by bisection (long texts)
        a, b = outer.content_span
        for i in by_cue[bisect_left(cue_starts, a):bisect_left(cue_starts, b)]:
            if i != k and _inside(items[i], outer):
                width = b - a
                best = outer_of.get(i)  # the tightest statement holding this one
                if best is None or width < items[best].content_span[1] - items[best].content_span[0]:
                    outer_of[i] = k
    dropped = {k for i, k in outer_of.items() if _relaying_outlet(items[k], text) and _leads_content(items[k], items[i], text)
               and items[i].act not in load_relays().reported_acts}  # "X reported that officials confirmed C" stays the outlet's
    via: dict[int, tuple[str, ...]] = {}

    def chain(i: int) -> tuple[str, ...]:
        if i not in via:
            k = outer_of.get(i)
            if k is None or not (k in dropped or _passes_on(items[k], items[i])):
                via[i] = items[i].via
            else:
                via[i] = chain(k) + (items[k].source,) + items[i].via
        return via[i]

    # an outlet kept for reporting an act vouches for the act, not for what the act is about: it founds
    # no claim of its own ("parents demand to know why C" neither asserts C nor backs it in the ledger)
    reporting = {k for i, k in outer_of.items() if k not in dropped and items[i].act in load_relays().reported_acts
                 and _relaying_outlet(items[k], text)}
    items = [st.with_(claims=()) if k in reporting else st for k, st in enumerate(items)]
    kept = [st.with_(via=_dedupe_chain(chain(i), st.source)) for i, st in enumerate(items) if i not in dropped]
    return [s.with_(id=f"s{n + 1}") for n, s in enumerate(kept)]


def _dedupe_chain(via: tuple[str, ...], source: str) -> tuple[str, ...]:
    out: list[str] = []
    for name in via:
        if name != source and name not in out and name != "unnamed":
            out.append(name)
    return tuple(out)


def _inside(inner: Statement, outer: Statement) -> bool:
    a, b = outer.content_span
    c0, c1 = inner.cue_span
    if inner.content_span[0] <= outer.cue_span[0] < inner.content_span[1]:
        return False  # each holds the other: a misread cue ("the firm had known" over "X reported")
    return a <= c0 and c1 <= b and inner.cue_span != outer.cue_span and inner.source != outer.source


def _relaying_outlet(st: Statement, text: str) -> bool:
    mention = text[st.source_span[0]:st.source_span[1]] if st.source_span else ""
    return is_outlet(f"{st.source} {mention}")


def _leads_content(outer: Statement, inner: Statement, text: str) -> bool:
    """Whether the inner statement is what the outlet relays ("AP reported that police said ...",
    '"Q," he said, the paper reports'), rather than a participle at the end of the outlet's own
    sentence ("He left home to fight, saying he was ..., the paper reports"): then the outlet states
    the rest on its own and keeps its statement."""
    c0 = inner.cue_span[0]
    word = text[c0:inner.cue_span[1]].split()
    before = text[outer.content_span[0]:c0].rstrip()
    participle = bool(word) and word[0].lower().endswith("ing") and before.endswith(",")
    return not (participle and inner.content_span[1] >= outer.content_span[1] - 3 and len(before.split()) > 4)


def _passes_on(outer: Statement, inner: Statement) -> bool:
    """The outer content IS the inner statement: it starts with the inner source or cue and ends with
    its content, and the outer speaker asserts it ("X said that Y told him that C")."""
    if outer.stance not in ("asserts", "supports") or outer.act not in ("say", "report", "echo"):
        return False
    a, b = outer.content_span
    first = min(x for x in (inner.cue_span[0], inner.source_span[0] if inner.source_span else None) if x is not None)
    return first - a <= 3 and abs(inner.content_span[1] - b) <= 2
