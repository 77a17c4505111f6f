"""Attribution: for each cue, who is the source and which stretch of text is the content.

Works on spaCy dependency parses. Each frame below is one general construction of news English
("X said that Y", "Y, X said", "according to X, Y", "X denied Y", "X accused Y of Z", "X's claim that
Y", "X released a video showing Y", passives, quotes); which frame applies comes from the cue
lexicon entry and the parse, never from particular words of one article.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from typing import Any, Callable

from spacy.tokens import Doc, Span, Token

from claimwatch.errors import LexiconError
from claimwatch.lexicons import load
from claimwatch.lexicons.schema import load_titles
from claimwatch.nlp.actors import is_speaking_document
from claimwatch.nlp.provenance import is_outlet
from claimwatch.nlp.cues import CueHit, find_cues, object_as
from claimwatch.nlp.learned import filter_attributions
from claimwatch.nlp.docutil import doc_quotes, doc_text, same_sentence, sentence_span, sentence_start
from claimwatch.nlp.function_words import INVERTED_AUX, OBJECT_CONTINUATIONS, OBJECT_MODIFIER_PREPS, OTHER_PARTIES
from claimwatch.nlp.spans import close_quotes, cut_occasion_tail, cut_writer_tail, end_char, strip_chars, subtree_range, token_range, trim_range
from claimwatch.nlp.speech import (
    CUE_HEADS, CUE_HITS, SUBJECT_DEPS, has_speech_object, is_condition, is_cue_head, literal_act, is_question, is_speakerless_belief,
    is_accusation_participle, is_hearer, is_hypothetical, is_raising_passive, is_reduced_relative, is_speech_use, is_statement_noun, it_refers,
    load_speech_objects, partitive_head, perfect_infinitive, raising_infinitive,
)
from claimwatch.nlp.labels import label_lines
from claimwatch.nlp.quotes import Quote, is_statement_quote, quote_at
from claimwatch.nlp.signatures import closing_speaker, signed_statements

OBJECT_DEPS = {"dobj", "attr", "oprd"}


@dataclass(frozen=True)
class Attribution:
    """A cue with its sources (head tokens) and content span, before stance and resolution."""

    hit: CueHit
    cue_span: tuple[int, int]
    sources: tuple[Token, ...]
    content: tuple[int, int]
    content_tokens: tuple[int, int]  # token range [start, end) of the content
    quote: Quote | None = None
    passive: bool = False
    notes: tuple[str, ...] = field(default=())

    @property
    def doc(self) -> Doc:
        return self.hit.head.doc

    @cached_property
    def content_span(self) -> Span:
        return self.doc[self.content_tokens[0]:self.content_tokens[1]]

    @cached_property
    def content_toks(self) -> tuple[Token, ...]:
        """The content's tokens, made once: stance and claims walk them many times per statement."""
        return tuple(self.content_span)


def find_attributions(doc: Doc, learned: bool = True) -> list[Attribution]:
    """Every attribution in the document, quotes included, without duplicates; with ``learned``, the
    ones the trained statement filter (``claimwatch.nlp.learned``) reads as no statement are dropped."""
    quotes = doc_quotes(doc)
    found: list[Attribution] = []
    hits = [h for h in find_cues(doc) if not _needs_quote(h.head) or _adjacent_quote(h.head, doc, quotes) is not None]
    doc.user_data[CUE_HEADS] = frozenset(h.head.i for h in hits)
    doc.user_data[CUE_HITS] = tuple(hits)
    for hit in _outside_phrases(hits):
        att = _attribution_for(hit, doc, quotes)
        if att is not None:
            found.append(att)
    found.extend(_quote_continuations(doc, quotes, found))
    signed = [Attribution(s.hit, s.cue_span, s.sources, s.content, s.tokens, s.quote, False)
              for s in signed_statements(doc, quotes, {a.quote.outer for a in found if a.quote is not None})]
    found.extend(signed)
    if signed:  # a signed quote may go on in the paragraphs after it
        found.extend(_quote_continuations(doc, quotes, found))
    found = _dedupe(_with_speaker_labels(doc, found))
    return filter_attributions(found) if learned else found


def _with_speaker_labels(doc: Doc, found: list[Attribution]) -> list[Attribution]:
    """ "Mayor Diaz: fares will not rise" (a headline or a transcript turn): the paragraph after a speaker
    label is the speaker's. A quote carried over from an earlier paragraph's speaker into a labelled
    paragraph ('"WALLACE: ...\n\n"PENCE: ...') gives way to the label; a cue inside the paragraph keeps
    its own statement ("Obama: Trump said he would win" is both)."""
    labels = []
    for hit, speaker, tokens in label_lines(doc):
        att = _make(hit, hit.char_span, (speaker,), tokens, None, False)
        if att is not None:
            labels.append(att)
    if not labels:
        return found
    def carried(att: Attribution) -> bool:
        return att.quote is not None and any(
            att.cue_span[0] < lab.cue_span[0] and lab.cue_span[1] <= att.content[0] < lab.content[1] for lab in labels)
    return [a for a in found if not carried(a)] + labels


def _outside_phrases(hits: list[CueHit]) -> list[CueHit]:
    """A cue word inside a longer cue phrase ("comment" in "declined to comment on") is part of that
    cue, not a second statement."""
    spans = [(h.start, h.end, h.head.i) for h in hits if h.end - h.start > 1]
    return [h for h in hits if not any(a <= h.head.i < b and head != h.head.i for a, b, head in spans)]


# --- frames -------------------------------------------------------------------------------------

def _attribution_for(hit: CueHit, doc: Doc, quotes: list[Quote]) -> Attribution | None:
    head = hit.head
    if head.lower_ == "according":
        return _according_to(hit, doc)
    if hit.entry.pos == "noun":
        return _noun_cue(hit, doc) or _opinion_frame(hit, doc)
    return _verb_cue(hit, doc, quotes)


def _not_speech_use(verb: Token) -> bool:
    return not is_speech_use(verb) or is_reduced_relative(verb)


def _controlled_conjunct(verb: Token) -> bool:
    """ "declined to threaten Moscow or declare it responsible": part of what was declined."""
    return verb.dep_ == "conj" and verb.tag_ == "VB" and verb.head.lemma_.lower() in load_speech_objects().control_heads


def _citing_participle(verb: Token) -> bool:
    """ "..., citing two officials": names where a report comes from, says nothing itself."""
    return verb.lemma_.lower() in ("cite", "quote") and verb.tag_ == "VBG"


def _verb_cue(hit: CueHit, doc: Doc, quotes: list[Quote]) -> Attribution | None:
    """The attribution a cue verb heads, or None when this use of the verb states nothing."""
    verb = hit.head
    if any(use(verb) for use in NON_STATEMENT_USES):
        return None
    if is_raising_passive(verb):
        return _raising_passive(hit, verb)
    if is_accusation_participle(verb):
        return _accusation_participle(hit, verb)
    relayed = _fronted_relay(hit, verb)
    if relayed is not None:
        return relayed
    speaker = inverted_object_speaker(verb)
    if speaker is not None:  # "..., reported the Daily Courier.": the object after the cue is who speaks
        content = trim_range(doc, sentence_start(verb), verb.i - 1)
        if content[0] >= content[1]:
            return None
        return _make(hit, (doc[hit.start].idx, end_char(doc, hit.end)), _with_conjuncts(speaker), content, None, False)
    return _spoken_content(hit, doc, quotes, verb)


def _spoken_content(hit: CueHit, doc: Doc, quotes: list[Quote], verb: Token) -> Attribution | None:
    """A cue verb's sources and content: a carried document, an adjacent quote or the clause it governs,
    widened by coordination and a trailing condition, or narrowed to a quote it holds."""
    sources, passive = _verb_sources(verb)
    carrier = _carrier(verb)
    if not _has_particle_object(verb, hit) and not has_speech_object(verb, carried=carrier is not None):
        return None  # "the plant released solvent", "called an emergency meeting"
    if literal_act(verb):
        return None  # "shot down two drones": the act itself, not a rejection of something said
    first = _first_content(hit, doc, quotes, verb, sources, carrier)
    if first is None:
        return None
    (start_tok, end_tok), quote, led_in, cue_end_tok = first
    if start_tok >= end_tok:
        return None
    if quote is None:
        start_tok = _stolen_subject(verb, start_tok)
        end_tok = cut_other_acts(doc, start_tok, end_tok, participles=False)
        end_tok = _with_coordination(doc, verb, start_tok, end_tok)
    end_tok = _with_trailing_condition(doc, end_tok)
    if quote is None and not led_in:
        inner = quote_at(quotes, doc[start_tok].idx, end_char(doc, end_tok))
        if inner is not None and _said(doc, inner) and _has_predicate(doc, inner) \
                and doc[start_tok].idx <= inner.outer[0] + 1 and not _lead_words(doc, start_tok, inner):
            if not (inner.outer[0] <= hit.char_span[0] < inner.outer[1]):
                quote = inner
                start_tok, end_tok = token_range(doc, *inner.inner)
    if quote is None:
        end_tok = _with_quoted_tail(doc, quotes, start_tok, end_tok)
    cue_span = (doc[hit.start].idx, end_char(doc, _cue_end(hit, doc, cue_end_tok)))
    return _make(hit, cue_span, sources, (start_tok, end_tok), quote, passive)


def _first_content(hit: CueHit, doc: Doc, quotes: list[Quote], verb: Token, sources, carrier: Token | None):
    """(content range, quote, led in, cue end token) before widening, or None when there is no content."""
    cue_end_tok = hit.end
    content: tuple[int, int] | None = None
    quote = _adjacent_quote(verb, doc, quotes)
    led_in = False
    if carrier is not None:  # "released a video (purportedly) showing Y"
        cue_end_tok = carrier.i + 1
        content = _after(carrier, doc)
    if quote is not None and not _has_predicate(doc, quote):  # a quoted title: "On the Record"
        quote = None
    if content is None and quote is not None:
        content = token_range(doc, *quote.inner)
        lead = _quote_lead_in(doc, verb, quote, sources)
        if lead is not None:  # 'Nothing he said "will calm anyone," the senator said': the words before count
            content, quote = (lead, content[1]), None
            led_in = True
    if content is None:
        content = _parenthetical(verb, sources) or _medial(verb, sources) or _clause_content(verb, hit)
    if content is None:
        return None
    return content, quote, led_in, cue_end_tok


def _needs_quote(verb: Token) -> bool:
    """A verb that reports speech only beside a quote or before a colon ("he continued: ..."); elsewhere
    ("prices continued to rise") it is no cue at all, for the stance rules either."""
    if verb.lemma_.lower() not in load_speech_objects().quote_verbs or verb.pos_ != "VERB":
        return False
    after = verb.i + 1
    return not (after < len(verb.doc) and verb.doc[after].text == ":")


def _with_quoted_tail(doc: Doc, quotes: list[Quote], start_tok: int, end_tok: int) -> int:
    """ 'claimed he felt a vote "would be a very positive thing".': a quotation that opens in lower
    case right where the content stops goes on with the same clause (the parser hung it elsewhere)."""
    if end_tok >= len(doc) or not any(t.pos_ in ("VERB", "AUX") for t in doc[start_tok:end_tok]):
        return end_tok  # 'assessed him "had no idea"': only a clause goes on into the quotation
    q = next((q for q in quotes if q.outer[0] == doc[end_tok].idx and q.closed), None)
    text = doc_text(doc)
    if q is None or not text[q.inner[0]:q.inner[0] + 1].islower() or "\n" in text[q.outer[0]:q.outer[1]]:
        return end_tok
    return max(end_tok, token_range(doc, q.outer[0], q.outer[1])[1])


def _lead_words(doc: Doc, start_tok: int, quote: Quote) -> bool:
    """ 'called on residents to "stay calm"': words of the writer's before a quote inside the content
    belong to what was said, so the content is not narrowed to the quote."""
    q0 = token_range(doc, *quote.outer)[0]
    return any(not t.is_punct and not t.is_space for t in doc[start_tok:q0])


def _stolen_subject(verb: Token, start_tok: int) -> int:
    """ "said many of the bodies appeared ...": a subject the parser gave the cue, after the cue and
    before its clause, belongs to the clause."""
    stolen = [c for c in verb.children if c.dep_ == "nsubj" and verb.i < c.i < start_tok]
    if stolen and all(verb.doc[k].dep_ in ("prep", "pobj", "det", "amod", "compound", "nsubj", "punct") or
                      verb.doc[k].head.i in {t.i for t in stolen[0].subtree}
                      for k in range(stolen[0].left_edge.i, start_tok)):
        return stolen[0].left_edge.i
    return _stolen_by_hearer(verb, start_tok)


def _stolen_by_hearer(verb: Token, start_tok: int) -> int:
    """ "told the Guardian Lee would accept ...": the parser read the hearer and the clause's subject as
    one name ("the Guardian Lee"); a finite clause without a subject right after it takes the last
    word of that name as its subject."""
    doc = verb.doc
    obj = next((c for c in verb.children if c.dep_ == "dobj" and c.i < start_tok), None)
    clause = next((c for c in verb.children if c.dep_ == "ccomp" and c.left_edge.i == start_tok), None)
    if obj is None or clause is None or obj.i + 1 != start_tok or any(c.dep_ in SUBJECT_DEPS for c in clause.children):
        return start_tok
    finite = clause.tag_ in ("VBD", "VBZ", "VBP") or any(c.dep_ == "aux" and c.tag_ == "MD" for c in clause.children)
    if obj.pos_ == "PROPN" and finite and any(c.dep_ == "compound" and c.pos_ == "PROPN" and c.i < obj.i for c in obj.children):
        return obj.i
    return start_tok


def _cue_end(hit: CueHit, doc: Doc, cue_end_tok: int) -> int:
    """ "reported on Tuesday that ...": the cue is "reported", not its dated particle."""
    last = doc[cue_end_tok - 1]
    if hit.entry.particle == "as" and last.lower_ == "as" and last.i > hit.head.i + 1:
        return hit.head.i + 1  # "identified the driver as ...": the cue is the verb, the object is content
    if hit.entry.particle and last.lower_ == hit.entry.particle and cue_end_tok - 1 > hit.start and any(
            c.dep_ == "pobj" and c.ent_type_ in ("DATE", "TIME") for c in last.children):
        cue_end_tok -= 1
    return cue_end_tok


def _raising_passive(hit: CueHit, verb: Token) -> Attribution | None:
    """ "The mayor is said to be furious": unnamed others say the infinitive of the subject (source
    unnamed, passive, so distanced). When the infinitive holds a cue of its own ("officials are said to
    have confirmed that ..."), that cue is the subject's statement and this one adds nothing."""
    infinitive = raising_infinitive(verb)
    if infinitive is None or (is_cue_head(infinitive) and perfect_infinitive(infinitive)):
        return None  # "is said to have denied ...": a past act of the subject's, its own statement
    doc = verb.doc
    start, end = subtree_range(infinitive, stop_at=verb)
    end = cut_other_acts(doc, start, end, participles=False)
    return _make(hit, (doc[hit.start].idx, end_char(doc, hit.end)), (), (start, end), None, True)


def _quote_lead_in(doc: Doc, verb: Token, quote: Quote, sources: tuple[Token, ...]) -> int | None:
    """The first token of the writer's words that open the reported sentence before a quote the cue
    closes ('Nothing the president said "will calm anyone," the senator said'), if there are any. The
    speaker stands between the quote and the cue or after the cue, as in any closing attribution."""
    if quote.outer[1] > verb.idx or not sources or any(t.idx < quote.outer[1] for t in sources):
        return None
    start = sentence_start(verb)
    q0 = token_range(doc, *quote.outer)[0]
    lead = [t for t in doc[start:q0] if not t.is_punct and not t.is_space]
    if start >= q0 or len(lead) < 2 or any(t.text in (".", "!", "?") for t in doc[start:q0]) \
            or "\n" in doc_text(doc)[doc[start].idx:quote.outer[0]]:
        return None
    return start


def inverted_object_speaker(verb: Token) -> Token | None:
    """ "Parents were furious, reported the Evening Post.": a cue after a comma that closes its sentence
    with a name and has no subject of its own; the parser reads the name as its object, but it is the
    speaker of the sentence before the comma."""
    doc = verb.doc
    if verb.i == 0 or doc[verb.i - 1].text != "," or verb.tag_ not in ("VBD", "VBZ", "VBP") \
            or any(c.dep_ in SUBJECT_DEPS for c in verb.children):
        return None  # a participle ("..., blaming Brussels") is the subject's own act
    obj = next((c for c in verb.children if c.dep_ == "dobj" and c.i > verb.i), None)
    if obj is None or not (obj.pos_ == "PROPN" or obj.ent_type_ in ("ORG", "PERSON", "GPE", "NORP")):
        return None
    after = obj.right_edge.i + 1
    if verb.right_edge.i != obj.right_edge.i and not all(t.is_punct for t in doc[after:verb.right_edge.i + 1]):
        return None
    if after < len(doc) and not (doc[after].is_punct and doc[after].text in (".", "!", "?", "\"", "\u201d")) \
            and same_sentence(doc[after], verb):
        return None
    return obj


def _accusation_participle(hit: CueHit, verb: Token) -> Attribution | None:
    """ "..., accused of selling keys to inmates": what the "of" phrase holds, said by unnamed accusers
    (the noun the participle describes is the accused, not the speaker)."""
    of = next(c for c in verb.children if c.dep_ == "prep" and c.lower_ == "of")
    obj = next(g for g in of.children if g.dep_ in ("pobj", "pcomp"))
    start, end = subtree_range(obj, stop_at=verb)
    end = cut_other_acts(verb.doc, start, end, participles=False)
    return _make(hit, (verb.idx, of.idx + len(of)), (), (start, end), None, True)


def _has_particle_object(verb: Token, hit: CueHit) -> bool:
    """The cue's particle governs what is said ("called for talks"), not a date ("called a strike for Monday")."""
    if not hit.entry.particle:
        return False
    prep = next((c for c in verb.children if c.lower_ == hit.entry.particle and c.dep_ in ("prep", "prt")), None)
    if prep is None or prep.dep_ == "prt":
        return True
    return not all(c.ent_type_ in ("DATE", "TIME") for c in prep.children if c.dep_ in ("pobj", "pcomp"))


def _declined_conjunct(verb: Token) -> bool:
    """ "refused to warn the company or even publicly blame it": a verb coordinated with
    the infinitive a control verb governs, without a subject of its own, is part of what was declined."""
    if verb.dep_ != "conj" or any(c.dep_ in SUBJECT_DEPS for c in verb.children):
        return False
    first = verb.head
    while first.dep_ == "conj" and first.head is not first:
        first = first.head
    def infinitive(t: Token) -> bool:
        return t.dep_ == "xcomp" and any(c.dep_ == "aux" and c.lower_ == "to" for c in t.children)
    if infinitive(first) and first.head.lemma_.lower() in load_speech_objects().control_heads:
        return True
    # the parser hung the bare verb on the control verb itself ("declined to threaten X or declare Y")
    return first.lemma_.lower() in load_speech_objects().control_heads and verb.tag_ in ("VB", "VBP") and any(
        infinitive(c) and first.i < c.i < verb.i for c in first.children)


# Uses of a cue verb that make no statement, checked in order: "should they prove true", "if he says so"
# (a condition); "the country would formally declare" (a future act); a declined or cited act; a belief
# in the passive with nobody holding it ("the vote is expected Tuesday"); a question ("Do you know ...?").
NON_STATEMENT_USES: tuple[Callable[[Token], bool], ...] = (
    is_condition, _not_speech_use, is_hypothetical, _controlled_conjunct, _declined_conjunct, _citing_participle,
    is_speakerless_belief, is_question,
)


def _verb_sources(verb: Token) -> tuple[tuple[Token, ...], bool]:
    """Subjects of a cue verb from the parse; when it gives none for a cue that closes a quote, the
    speaker by word order ('"Q," the man in black says', '"Q," said Lund, before adding')."""
    sources, passive = _parsed_sources(verb)
    if not sources and not passive:
        speaker = closing_speaker(verb)
        if speaker is not None:
            return (speaker,), False
    return sources, passive


def _parsed_sources(verb: Token) -> tuple[tuple[Token, ...], bool]:
    """Subjects of a cue verb, following conjunctions, participles and passives back to the speaker."""
    passive = any(c.dep_ in ("nsubjpass", "auxpass") for c in verb.children)
    agent = next((c for c in verb.children if c.dep_ == "agent"), None)
    if agent is None and passive:  # "... refuted as 'incorrect' by the ministry": the by-phrase hung lower
        agent = next((t for t in verb.subtree if t.i > verb.i and t.lower_ == "by" and t.dep_ in ("prep", "agent")
                      and same_sentence(t, verb)), None)
    if agent is not None:
        pobj = next((c for c in agent.children if c.dep_ == "pobj"), None)
        if pobj is not None:
            return _with_conjuncts(pobj), True
    if not passive:
        subjects = [c for c in verb.children if c.dep_ in ("nsubj", "csubj")]
        subj = next((c for c in subjects if c.tag_ not in ("WP", "WDT")), subjects[0] if subjects else None)
        after = [c for c in subjects if c.i > verb.i]
        if subj is not None and subj.i < verb.i and after and any(
                t.text in ("\u201d", "''", '"') for t in verb.doc[subj.i:verb.i]):
            subj = after[0]  # '"... Full panic mode," said Leslie Wimes': the parser took a word of the quote
        if subj is not None and subj.i + 1 < len(verb.doc) and verb.doc[subj.i + 1].text in ("--", "\u2014", "\u2013", "-") \
                and subj.text.isupper():  # "WASHINGTON -- President Obama ... said": a dateline, then the speaker
            subj = next((c for c in subj.children if c.dep_ == "appos"), subj)
        subj = partitive_head(subj)
        subj = document_author(subj) or subj
        if subj is not None and subj.lower_ not in ("it", "there") or (subj is not None and it_refers(subj)):
            return _with_conjuncts(subj) + _listed_subjects(verb, subj), False
    if passive:
        expletive = any(c.dep_ == "nsubjpass" and c.lower_ == "it" for c in verb.children)
        return (), expletive
    prev = verb.doc[verb.i - 1] if verb.i > 0 else None
    if verb.dep_ == "ROOT" and prev is not None and prev.ent_type_ in ("PERSON", "ORG") and prev.dep_ == "pobj" \
            and same_sentence(prev, verb) and not any(c.dep_ in SUBJECT_DEPS for c in verb.children):
        return (prev,), False  # "In an interview with the paper the mayor said ...": the comma left out
    own = _own_conjunct_subject(verb)
    if own is not None:
        return _with_conjuncts(own), False
    node = verb
    for _ in range(4):  # climb: conj, xcomp, participial advcl/acl, "was unable to verify"
        if node.dep_ in ("conj", "xcomp", "advcl", "acomp") and node.head is not node:
            if node.dep_ == "conj" and is_cue_head(node) and (not is_cue_head(node.head) or is_hypothetical(node.head)) and \
                    node.head.dep_ == "ccomp" and is_cue_head(node.head.head):
                node = node.head  # "said that X would go and suggested that Y": the parser put the second cue in X
            node = node.head
            subj = next((c for c in node.children if c.dep_ == "nsubj"
                         or (c.dep_ == "nsubjpass" and is_raising_passive(node))), None)
            if subj is not None:  # "officials are said to have confirmed ...": the raised subject speaks
                return _with_conjuncts(subj), False
        elif node.dep_ in ("acl",) and node.head.pos_ in ("NOUN", "PROPN", "PRON"):
            return _with_conjuncts(_deliverer(node.head) or node.head), False
        elif node.dep_ == "pcomp" and node.head.dep_ == "prep":  # "X was quoted as saying": the one quoted
            subj = _quoted_as_subject(node) or next((c for c in node.children if c.dep_ == "nsubj"), None)
            if subj is not None:
                return _with_conjuncts(subj), False
            node = node.head
        else:
            break
    elided = _elided_subject(node)
    return (_with_conjuncts(elided), False) if elided is not None else ((), False)


def _own_conjunct_subject(verb: Token) -> Token | None:
    """ "X denied the report, and the league, according to a local paper, says ...": the parser made the
    second subject a conjunct of the first verb."""
    if verb.dep_ != "conj":
        return None
    cc = next((t for t in reversed(verb.doc[verb.head.i + 1:verb.i]) if t.dep_ == "cc" and t.head.i == verb.head.i), None)
    own = [t for t in verb.doc[cc.i + 1:verb.i] if t.dep_ == "conj" and t.head.i == verb.head.i
           and t.pos_ in ("NOUN", "PROPN")] if cc is not None else []
    return own[0] if own else None


def _elided_subject(verb: Token) -> Token | None:
    """ "I had told the office I was ill, so called them and said ...": a finite verb without a subject
    shares the subject of the clause right before it, which the parser hung on it."""
    if verb.tag_ not in ("VBD", "VBZ", "VBP") or any(c.dep_ in SUBJECT_DEPS for c in verb.children):
        return None
    before = [c for c in verb.children if c.dep_ in ("ccomp", "advcl", "conj") and c.i < verb.i]
    subj = next((s for s in before[-1].children if s.dep_ == "nsubj"), None) if before else None
    return subj if subj is not None and subj.pos_ == "PRON" and subj.tag_ not in ("WP", "WDT") \
        and subj.lower_ not in ("it", "there") else None


def _deliverer(noun: Token) -> Token | None:
    """ "the pilot reads a statement calling on his family to ...": a participle cue on a statement the
    subject delivers is the subject's own statement (the statement itself does not speak)."""
    lex = load_speech_objects()
    if noun.dep_ != "dobj" or noun.lemma_.lower() not in lex.delivered_documents:
        return None
    return next((c for c in noun.head.children if c.dep_ == "nsubj" and c.tag_ not in ("WP", "WDT")), None)


def _listed_subjects(verb: Token, first: Token) -> tuple[Token, ...]:
    """ "Fire officials, the county health district and state officials say ...": a list of subjects the
    parser left uncoordinated, each hung on the cue; all of them speak. Only a comma between them and an
    "and" or "or" in the last one make it a list (not a dateline or a name and its description)."""
    doc = verb.doc
    later = [c for c in verb.children if c.dep_ == "nsubj" and first.i < c.i < verb.i]
    if not later or any(doc[c.left_edge.i - 1].text != "," for c in later):
        return ()
    if not any(t.dep_ == "cc" and t.lower_ in ("and", "or") for t in later[-1].subtree):
        return ()
    return tuple(t for c in later for t in _with_conjuncts(c))


def _fronted_relay(hit: CueHit, verb: Token) -> Attribution | None:
    """ "The mayor is the main suspect, the Evening Post quoted two detectives.": a quoting verb whose
    clause stands before it says that clause; the one quoted (its object) speaks, not the quoter."""
    if verb.lemma_.lower() not in _relay_lemmas():
        return None
    doc = verb.doc
    obj = next((c for c in verb.children if c.dep_ == "dobj" and c.i > verb.i), None)
    lex = load_speech_objects()
    if obj is None or obj.pos_ not in ("NOUN", "PROPN") or obj.lemma_.lower() in lex.documents | lex.exhibits \
            or is_statement_noun(obj) or obj.right_edge.i + 1 < len(doc) \
            and not doc[obj.right_edge.i + 1].is_punct or any(c.dep_ == "prep" and c.lower_ == "as" for c in verb.children):
        return None
    clause = next((c for c in verb.children if c.dep_ == "ccomp" and c.i < verb.i), None)
    if clause is not None:
        start, end = subtree_range(clause, stop_at=verb)
    elif verb.dep_ in ("advcl", "conj") and verb.head.i < verb.i:  # the parser hung the quoter on the clause
        start = sentence_start(verb)
        end = max((t.i for t in doc[start:verb.i] if t.text == ","), default=start)
    else:
        return None
    return _make(hit, (verb.doc[hit.start].idx, end_char(verb.doc, hit.end)), _with_conjuncts(obj), (start, end), None, False)


def _quoted_as_subject(verb: Token) -> Token | None:
    """The subject of a passive relay verb whose "as" phrase holds ``verb`` ("X was quoted as saying")."""
    prep = verb.head
    relay = prep.head
    if prep.lower_ != "as" or relay.lemma_.lower() not in _relay_lemmas():
        return None
    return next((c for c in relay.children if c.dep_ == "nsubjpass"), None)


@lru_cache(maxsize=1)
def _relay_lemmas() -> frozenset[str]:
    """Verbs of "citing Y" / "quoting Y" (``relays.yaml``), for the frames' parse repairs."""
    return load("relays").lemmas("object")


@lru_cache(maxsize=1)
def _authored_documents() -> frozenset[str]:
    return load("authored")


def parse_authored(data: Any) -> frozenset[str]:
    """``authored.yaml``: the document nouns whose author is their source ("the report by X")."""
    if not isinstance(data, dict) or data.get("version") != 1 or not isinstance(data.get("documents"), list) \
            or not all(isinstance(w, str) and w for w in data["documents"]):
        raise LexiconError("authored.yaml: expected 'version: 1' and a list of document nouns under 'documents'")
    return frozenset(w.lower() for w in data["documents"])


def document_author(token: Token | None) -> Token | None:
    """The named author of a document that is the subject of a cue: "a White House statement said" ->
    White House, "the ministry's report says" -> ministry, "a study by Harvard found" -> Harvard."""
    if token is None or token.pos_ != "NOUN" or token.lemma_.lower() not in _authored_documents():
        return None
    author = _named_author(token)
    if author is not None and is_speaking_document(token) and not is_outlet(_entity_text(author)):
        return None  # a poll, a study, a report speaks itself, affiliated with its author (actors.py);
    return author  # an outlet's report is the outlet's ("a report published by the Tribune claims")


def _entity_text(token: Token) -> str:
    ent = next((e for e in token.doc.ents if e.start <= token.i < e.end), None)
    return ent.text if ent is not None else token.text


def _named_author(token: Token) -> Token | None:
    """The named author of a document: its possessor, a named modifier, or its by-phrase."""
    for c in token.children:
        if c.dep_ == "poss" and c.pos_ in ("PROPN", "NOUN"):
            return c
    named = [c for c in token.children if c.dep_ in ("compound", "nmod") and c.i < token.i
             and (c.ent_type_ in ("ORG", "PERSON", "GPE", "NORP") or c.pos_ == "PROPN")]
    if named:
        return named[-1]
    by = next((c for c in token.children if c.dep_ == "prep" and c.lower_ == "by"), None)
    if by is None:  # "the report, which was published by the Tribune, claims": the agent of its relative clause
        clause = next((c for c in token.children if c.dep_ in ("relcl", "acl") and c.tag_ == "VBN"), None)
        by = next((c for c in clause.children if c.dep_ == "agent"), None) if clause is not None else None
        if by is None and clause is not None:  # "a report published in the Herald": where it appeared
            by = next((c for c in clause.children if c.dep_ == "prep" and c.lower_ in ("in", "on")
                       and c.i == clause.i + 1), None)
    pobj = next((c for c in by.children if c.dep_ == "pobj"), None) if by is not None else None
    if pobj is not None and (pobj.ent_type_ in ("ORG", "PERSON", "GPE", "NORP") or pobj.pos_ == "PROPN"):
        return pobj
    return None


def _with_conjuncts(token: Token) -> tuple[Token, ...]:
    """The source and those joined to it: "Russia and North Korea", "officials, the agency and X"."""
    out = [token]
    out.extend(c for c in token.conjuncts if c.i > token.i)
    for nmod in (c for c in token.children if c.dep_ in ("nmod", "compound") and c.pos_ == "PROPN"):
        if any(k.dep_ == "cc" for k in nmod.children) and any(k.dep_ == "conj" and k.pos_ in ("PROPN", "NOUN") for k in nmod.children):
            out.insert(0, nmod)  # "The Sunday Express and Daily Mirror said": the parser hung the first name on the last
    for appos in (c for c in token.children if c.dep_ == "appos"):
        listed = [c for c in appos.conjuncts if c.i > appos.i]
        members = [appos] + listed
        if listed and all(m.pos_ == "PROPN" or m.tag_ in ("NNS", "NNPS") for m in members):
            # a list set off by commas ("officials, the District and county officials"), not a description
            out.append(appos)
            out.extend(listed)
    if token.tag_ in ("NNS", "NNPS"):  # "several outlets, including the BBC,": the one named speaks too
        for prep in (c for c in token.children if c.dep_ == "prep" and c.lower_ == "including"):
            named = [o for o in prep.children if o.dep_ == "pobj" and (o.pos_ == "PROPN" or o.ent_type_ in ("ORG", "PERSON"))]
            out.extend(t for o in named for t in (o, *o.conjuncts))
    return tuple(dict.fromkeys(out))


def _clause_content(verb: Token, hit: CueHit) -> tuple[int, int] | None:
    """The content's token range for a cue verb: the first of ``CONTENT_FRAMES`` that finds one, else
    the clause that follows the cue in word order."""
    children = list(verb.children)
    for frame in CONTENT_FRAMES:
        found = frame(verb, hit, children)
        if found is not None:
            return found
    return _that_by_word_order(verb)


def _as_complement(verb: Token, hit: CueHit, children: list[Token]) -> tuple[int, int] | None:
    """ "identified the driver as a former soldier", "what they described as a large cat": a naming
    cue's "as" phrase says what the thing is; with a noun object the content is both ("the driver as a former soldier"), after a relative pronoun the "as"
    phrase alone."""
    if not (hit.entry.particle == "as" or verb.lemma_.lower() in load_speech_objects().describing_verbs) \
            or (hit.entry.act, hit.entry.stance) != ("say", "asserts"):
        return None  # "dismissed as baseless", "cited X as an example": there the "as" phrase judges the content
    as_prep = next((c for c in children if c.dep_ == "prep" and c.lower_ == "as" and c.i > verb.i), None)
    if as_prep is None and hit.entry.particle == "as" and object_as(verb):
        return _object_as_content(verb)
    if as_prep is not None and any(c.dep_ in ("pobj", "pcomp", "acomp", "amod") for c in as_prep.children):
        end = subtree_range(as_prep, stop_at=verb, include_root=True)[1]
    else:  # "describe as covered in hair": the parser made the "as" phrase a clause
        clause = next((c for c in children if c.dep_ == "advcl" and c.i > verb.i and any(
            m.dep_ == "mark" and m.lower_ == "as" and m.i == c.left_edge.i for m in c.children)), None)
        if clause is None:
            return None
        as_prep, end = clause.left_edge, subtree_range(clause, stop_at=verb)[1]
    obj = next((c for c in children if c.dep_ == "dobj" and c.i > verb.i and c.tag_ not in ("WP", "WDT")), None)
    if obj is not None and obj.i < as_prep.i:
        start = subtree_range(obj, stop_at=verb)[0]
        return start, cut_other_acts(verb.doc, start, end)
    if obj is None and (verb.i > 0 and any(t.tag_ in ("WP", "WDT") for t in verb.doc[max(0, verb.i - 4):verb.i])):
        return as_prep.i, cut_other_acts(verb.doc, as_prep.i, end)
    return None


def _object_as_content(verb: Token) -> tuple[int, int]:
    """ "Critics view the decision as a betrayal" with "as" parsed under the object: the object with
    its "as" phrase."""
    obj = object_as(verb)[0].head
    start, end = subtree_range(obj, stop_at=verb)
    return start, cut_other_acts(verb.doc, start, end)


def _particle_object(verb: Token, hit: CueHit, children: list[Token]) -> tuple[int, int] | None:
    """The particle's object: "called for a ceasefire", "pointed to X as Y", "called on X to do Y"."""
    if not hit.entry.particle:
        return None
    prep = next((c for c in children if c.lower_ == hit.entry.particle and c.dep_ in ("prep", "prt")), None)
    if prep is None:
        return _particle_clause(verb, hit, children)
    if prep.dep_ != "prep":
        return None
    objs = [c for c in prep.children if c.dep_ in ("pobj", "pcomp")]
    if not objs or objs[0].ent_type_ in ("DATE", "TIME"):
        return None  # "reported on Tuesday that ...": a date, not what was reported on
    start, end = subtree_range(objs[0], stop_at=verb)
    for c in children:  # "called on X to do Y", "pointed to X as Y"
        if c.dep_ in ("xcomp", "ccomp") and c.i >= end or c.dep_ == "prep" and c.lower_ == "as" and c.i == end:
            end = max(end, subtree_range(c, stop_at=verb)[1])
        elif c.dep_ in ("relcl", "acl") and c.i >= end and same_sentence(c, verb):
            # "spoke of life in captivity that included ...": a relative clause hung on the
            # verb belongs to the noun phrase before it
            end = max(end, subtree_range(c, stop_at=verb)[1])
    return start, end


def _particle_clause(verb: Token, hit: CueHit, children: list[Token]) -> tuple[int, int] | None:
    """ "called for the governor to resign": the parser read the particle as the mark of a for-to clause
    hung on the cue; the clause after the particle is the content."""
    for c in children:
        mark = next((m for m in c.children if m.dep_ == "mark" and m.lower_ == hit.entry.particle), None)
        if c.dep_ == "advcl" and c.i > verb.i and mark is not None and mark.i == c.left_edge.i \
                and all(t.is_space or t.pos_ == "ADV" for t in verb.doc[hit.end:mark.i]):
            return mark.i + 1, subtree_range(c, stop_at=verb)[1]
    return None


def _prepositional_frame(verb: Token, hit: CueHit, children: list[Token]) -> tuple[int, int] | None:
    """ "expressing concern over X", "claimed responsibility for X"."""
    if hit.entry.frame != "prep" or hit.entry.particle:
        return None
    last = verb.doc[hit.end - 1]
    if last.dep_ == "prep":  # the phrase ends in its preposition: "claimed responsibility for X"
        objs = [c for c in last.children if c.dep_ in ("pobj", "pcomp")]
        if objs:
            return subtree_range(objs[0], stop_at=verb)
    prep = next((c for c in list(last.children) + children if c.dep_ == "prep" and c.i >= hit.end
                 and not _to_hearer(c)), None)
    return subtree_range(prep, stop_at=verb, include_root=True) if prep is not None else None


def _to_hearer(prep: Token) -> bool:
    """ "declined to comment to the Evening Post": "to" + who was addressed, not what it was about."""
    if prep.lower_ != "to":
        return False
    lex = load_speech_objects()
    return any(o.ent_type_ in ("ORG", "PERSON") or o.pos_ in ("PRON", "PROPN") or o.lemma_.lower() in lex.hearers
               for o in prep.children if o.dep_ == "pobj")


def _complement_clauses(verb: Token, hit: CueHit, children: list[Token]) -> list[Token]:
    """The cue's clausal complements after it, including those the parser hung elsewhere."""
    clause = [c for c in children if c.dep_ in ("ccomp",) and c.i > verb.i]
    if not clause and hit.entry.frame == "clause":  # "said after the meeting he would resign": a complement read as adverbial
        clause = [c for c in children if _bare_finite_clause(c, verb)]
    if not clause:  # "reported, citing two officials, that C": the parser hung the clause on "citing"
        clause = [g for c in children if c.dep_ == "advcl" and c.tag_ == "VBG" and c.i > verb.i
                  and c.lemma_.lower() in _relay_lemmas() for g in c.children if g.dep_ == "ccomp" and g.i > c.i]
    return clause


def _cue_objects(verb: Token, children: list[Token]) -> list[Token]:
    return [c for c in children if c.dep_ in OBJECT_DEPS and c.i > verb.i and not is_hearer(c, verb)]


def _noun_clause(verb: Token, hit: CueHit, children: list[Token]) -> tuple[int, int] | None:
    """ "denied reports in a local newspaper that X": the that-clause belongs to the noun."""
    clause = _complement_clauses(verb, hit, children)
    objects = _cue_objects(verb, children)
    if clause and objects and objects[0].i < clause[0].i and is_statement_noun(objects[0]):
        start = subtree_range(objects[0], stop_at=verb)[0]
        return start, cut_other_acts(verb.doc, start, subtree_range(clause[0], stop_at=verb)[1])
    return None


def _complement_clause(verb: Token, hit: CueHit, children: list[Token]) -> tuple[int, int] | None:
    """ "said (that) X", unless the cue takes an object and has one."""
    clause = _complement_clauses(verb, hit, children)
    if not clause or hit.entry.frame == "object" and _cue_objects(verb, children):
        return None
    start, end = subtree_range(clause[0], stop_at=verb)
    if clause[0].dep_ == "advcl":  # "said on Monday she would run": the adverbial before the subject is the cue's
        start = max(start, next(c for c in clause[0].children if c.dep_ in ("nsubj", "nsubjpass")).left_edge.i)
    return start, cut_other_acts(verb.doc, start, end)


def _object_content(verb: Token, hit: CueHit, children: list[Token]) -> tuple[int, int] | None:
    """The object and what continues it: "accused X of Y", "dismissing X as Y", "urged X to Y"."""
    objects = _cue_objects(verb, children)
    if not objects:
        return None
    doc = verb.doc
    start, end = subtree_range(objects[0], stop_at=verb)
    continued = False
    for c in children:
        if c.i >= end and ((c.dep_ == "prep" and c.lower_ in OBJECT_CONTINUATIONS) or c.dep_ in ("xcomp", "ccomp", "oprd")
                           or (c.dep_ == "dobj" and c.left_edge.i <= end + 1)):  # "declared al-Nour a banned group"
            end = max(end, subtree_range(c, stop_at=verb)[1])
            continued = True
    for c in children:  # "accused X of sending ... and preparing ...": the parser hangs the second gerund on the cue
        if continued and c.dep_ in ("conj", "advcl") and c.tag_ == "VBG" and c.i >= end and doc[c.i - 1].dep_ == "cc" \
                and not any(s.dep_ in SUBJECT_DEPS for s in c.children):
            end = max(end, subtree_range(c, stop_at=verb)[1])
    if not continued:
        end = _object_modifiers(verb, children, end)
    return start, cut_other_acts(doc, start, end)


def _object_modifiers(verb: Token, children: list[Token], end: int) -> int:
    """ "unveiled a list of endorsements from 40 sheriffs", "cited remarks the mayor had made": a phrase
    the parser hung on the cue but that stands right after its object (no comma) modifies the object."""
    doc = verb.doc
    for c in sorted(children, key=lambda t: t.i):
        after_comma = end < len(doc) and doc[end].text == "," and c.left_edge.i == end + 1
        listed = after_comma and (c.lower_ == "including" or _carries_object(c))  # ", including Z", ", purporting to show Z"
        if c.i < end or c.is_punct or (c.left_edge.i != end and not listed) or not same_sentence(c, verb):
            continue
        if listed and c.lower_ != "including":
            end = subtree_range(c, stop_at=verb)[1]
            continue
        objs = [o for o in c.children if o.dep_ in ("pobj", "pcomp", "prep")]  # "out of more than a million"
        if c.dep_ == "prep" and c.lower_ in OBJECT_MODIFIER_PREPS and objs and all(  # "by announcing": a means
                o.dep_ != "pcomp" and o.ent_type_ not in ("DATE", "TIME") for o in objs):
            end = subtree_range(c, stop_at=verb)[1]
        elif c.dep_ in ("relcl", "acl") and not doc[c.left_edge.i].is_punct:
            end = subtree_range(c, stop_at=verb)[1]
        else:
            break
    return end


def _carries_object(participle: Token) -> bool:
    """ "is examining a video, purporting to show Y": a subjectless participle of showing after the
    object's comma says what the object (a thing) shows; a person cannot purport to show."""
    return participle.tag_ == "VBG" and participle.lemma_.lower() in load_speech_objects().object_participles \
        and not any(s.dep_ in SUBJECT_DEPS for s in participle.children)


def _infinitive_content(verb: Token, hit: CueHit, children: list[Token]) -> tuple[int, int] | None:
    """ "declined to comment", "urged X to", "claimed to have abducted", "denied deploying soldiers"."""
    xcomp = [c for c in children if c.dep_ == "xcomp" and c.i > verb.i]
    if xcomp and (verb.lemma_.lower() in load_speech_objects().control_heads or hit.entry.act == "appeal" or perfect_infinitive(xcomp[0])
                  or xcomp[0].tag_ == "VBG"  # "denied deploying soldiers"
                  or verb.lemma_.lower() in load_speech_objects().infinitive_verbs):  # "vowed to rebuild"
        start, end = subtree_range(xcomp[0], stop_at=verb)
        hearer = next((c for c in xcomp[0].children if c.dep_ == "prep" and c.i > xcomp[0].i and _to_hearer(c)), None)
        return start, (hearer.i if hearer is not None and hearer.right_edge.i + 1 >= end else end)
    return None


def _topic_phrase(verb: Token, hit: CueHit, children: list[Token]) -> tuple[int, int] | None:
    """ "warned about X", "spoke of X"."""
    preps = [c for c in children if c.dep_ == "prep" and c.i > verb.i and c.lower_ in ("about", "of", "over")]
    if preps and hit.entry.act in ("concern", "warn", "report", "say"):
        return subtree_range(preps[0], stop_at=verb, include_root=True)
    return None


def _fronted_clause(verb: Token, hit: CueHit, children: list[Token]) -> tuple[int, int] | None:
    """ "Y, X said."."""
    clause_left = [c for c in children if c.dep_ in ("ccomp",) and c.i < verb.i]
    return subtree_range(clause_left[0], stop_at=verb) if clause_left else None


def _cue_under_content(verb: Token, hit: CueHit, children: list[Token]) -> tuple[int, int] | None:
    """A parenthetical cue attached under its content clause: "Y, X said" parsed with said as a dependent."""
    doc = verb.doc
    if verb.dep_ in ("parataxis", "ccomp", "advcl", "conj") and verb.head.i < verb.i and not is_cue_head(verb.head) \
            and any(c.dep_ in SUBJECT_DEPS for c in verb.children) and verb.i > 0 and doc[verb.left_edge.i - 1].text in (",", '"', "\u201d"):
        start = verb.head.left_edge.i
        end = min(t.i for t in verb.subtree)
        return trim_range(doc, start, end)
    return None


def _passive_subject(verb: Token, hit: CueHit, children: list[Token]) -> tuple[int, int] | None:
    """ "the reports were denied by X"."""
    passive_subj = [c for c in children if c.dep_ == "nsubjpass"]
    if not passive_subj and verb.dep_ == "xcomp" and any(c.dep_ == "auxpass" for c in children) \
            and verb.head.lemma_.lower() in load_speech_objects().leading_verbs:
        # "the account appears to be confirmed by the Herald": the raised subject of the leading verb
        passive_subj = [c for c in verb.head.children if c.dep_ == "nsubj"]
    if passive_subj and passive_subj[0].lower_ not in ("it",):
        return subtree_range(passive_subj[0], stop_at=verb)
    return None


# Where a cue verb's content is, in the order the frames are tried.
CONTENT_FRAMES: tuple[Callable[[Token, CueHit, list[Token]], tuple[int, int] | None], ...] = (
    _as_complement,
    _particle_object,
    _prepositional_frame,
    _noun_clause,
    _complement_clause,
    _object_content,
    _infinitive_content,
    _topic_phrase,
    _fronted_clause,
    _cue_under_content,
    _passive_subject,
)


def _bare_finite_clause(clause: Token, verb: Token) -> bool:
    """An adverbial clause after the cue with its own subject and modal or tense but no linking word
    ("if", "because", "when"): a complement without "that" that the parser misread."""
    if clause.dep_ != "advcl" or clause.i <= verb.i or not same_sentence(clause, verb):
        return False
    kids = list(clause.children)
    subject = next((c for c in kids if c.dep_ in ("nsubj", "nsubjpass") and c.i < clause.i), None)
    if subject is None or any(c.dep_ in ("mark", "advmod") and c.i < subject.i for c in kids):
        return False
    finite = clause.tag_ in ("VBD", "VBZ", "VBP", "MD") or any(c.dep_ in ("aux", "auxpass") for c in kids)
    return finite and doc_text(verb.doc)[verb.idx:subject.idx].count(",") == 0


def _that_by_word_order(verb: Token) -> tuple[int, int] | None:
    """When the parse lost the complement ("said last week that 720,000 watches ... shipped", "said in a
    statement that ..."), a "that" or colon after the cue and its adverbials still opens the content,
    to the end of the sentence."""
    doc = verb.doc
    adverbials = {t.i for c in verb.children if c.i > verb.i and (c.dep_ in ("prep", "npadvmod", "advmod") or is_hearer(c, verb))
                  for t in c.subtree}
    k = verb.i + 1
    while k < len(doc) and k - verb.i <= 8 and same_sentence(doc[k], verb) and doc[k].lower_ not in ("that", ":") and (
            k in adverbials or doc[k].ent_type_ in ("DATE", "TIME")):
        k += 1
    if k >= len(doc) or doc[k].lower_ not in ("that", ":") or not same_sentence(doc[k], verb):
        return None
    sentence_end = k
    while sentence_end < len(doc) and same_sentence(doc[sentence_end], verb):
        sentence_end += 1
    start, end = trim_range(doc, k + 1, sentence_end)
    if end - start < 3 and doc[k].lower_ == ":" and not any(not t.is_punct and not t.is_space for t in doc[k + 1:sentence_end]):
        return _next_paragraph_sentence(doc, k)
    return (start, end) if end - start >= 3 else None


def _next_paragraph_sentence(doc: Doc, colon: int) -> tuple[int, int] | None:
    """ "The Daily Courier reported:" closing its paragraph introduces the next one, set off as a block:
    its first sentence is the content (a quoted paragraph is read as a quote elsewhere)."""
    nxt = colon + 1
    while nxt < len(doc) and doc[nxt].is_space:
        nxt += 1
    if nxt >= len(doc) or "\n" not in doc_text(doc)[doc[colon].idx:doc[nxt].idx] or doc[nxt].is_quote or doc[nxt].is_punct:
        return None
    end = nxt
    while end < len(doc) and same_sentence(doc[end], doc[nxt]):
        end += 1
    start, end = trim_range(doc, nxt, end)
    return (start, end) if end - start >= 3 else None


def _parenthetical(verb: Token, sources: tuple[Token, ...]) -> tuple[int, int] | None:
    """ "Y, X said." / "Y, X noted." read by word order: the cue and its subject close the sentence
    after a comma and take no complement, whatever dependency label the parser gave them."""
    if not sources or any(c.dep_ in ("ccomp", "dobj", "xcomp") and c.i > verb.i and not is_hearer(c, verb)
                          for c in verb.children):
        return None
    doc = verb.doc
    first = min(min(t.left_edge.i for t in sources), verb.i)
    if first == 0 or doc[first - 1].text != ",":
        return None
    rest = [t for t in doc[verb.i + 1:verb.i + 8] if not same_sentence(t, verb) or t.is_punct]
    tail = doc[verb.i + 1] if verb.i + 1 < len(doc) else None
    if tail is not None and not (tail.is_punct and tail.text in (".", "!", "?", "\"", "\u201d")) and not (
            tail.dep_ in ("prep", "npadvmod", "advmod") and any(t.text == "." for t in rest)):
        return None
    start = sentence_start(verb)
    return trim_range(doc, start, first - 1) if first - 1 > start else None


def _medial(verb: Token, sources: tuple[Token, ...]) -> tuple[int, int] | None:
    """ "Y1, X said, Y2." — a cue and its subject set off by commas inside the sentence they report:
    the content is the whole sentence around the aside (news style for "X said that Y1 Y2")."""
    if not sources or verb.dep_ == "ROOT" or is_cue_head(verb.head) or any(
            c.dep_ in ("ccomp", "dobj", "xcomp") and c.i > verb.i and not is_hearer(c, verb) for c in verb.children):
        return None
    doc = verb.doc
    aside = _aside(verb, sources)
    first = min(min(aside), min(t.left_edge.i for t in sources))
    last = max(aside)
    if first == 0 or last + 2 >= len(doc) or doc[first - 1].text != "," or doc[last + 1].text != ",":
        return None
    start = sentence_start(verb)
    end = last + 2
    while end < len(doc) and same_sentence(doc[end], verb):
        end += 1
    before = [t for t in doc[start:first - 1] if not t.is_punct]
    after = [t for t in doc[last + 2:end] if not t.is_punct]
    if not _aside_between_words(before, after):
        return None
    start, end = trim_range(doc, start, end)
    if doc[start].dep_ == "cc" and start + 1 < first:  # "But ..., he said, ...": the link word is the writer's
        start += 1
    return start, cut_other_acts(doc, start, end)


def _aside(verb: Token, sources: tuple[Token, ...]) -> list[int]:
    """The words of a medial cue's aside: its subtree without a clause or adverb the parser hung on
    the cue that comes before its subject and ends at a comma ("If the levy passes, he said, he would
    leave": the condition is said, not the aside)."""
    first_source = min(t.left_edge.i for t in sources)
    fronted = {t.i for c in verb.children if c.i < first_source and c.dep_ in ("advcl", "advmod", "prep", "npadvmod")
               and c.right_edge.i + 1 < first_source and verb.doc[c.right_edge.i + 1].text == ","
               for t in c.subtree}
    return [t.i for t in verb.subtree if not t.is_punct and t.i not in fronted]


def _aside_between_words(before: list[Token], after: list[Token]) -> bool:
    """Both sides of a medial aside carry words: two or more before it, or a single adverb ("Now, she
    said, C", "Perhaps, he said, C"), and three or more after it."""
    if len(after) < 3:
        return False
    return len(before) >= 2 or (len(before) == 1 and before[0].pos_ == "ADV")


def _has_predicate(doc: Doc, quote: Quote) -> bool:
    span = doc.char_span(*quote.inner, alignment_mode="expand")
    return span is not None and any(t.pos_ in ("VERB", "AUX") for t in span)


def _with_coordination(doc: Doc, verb: Token, start: int, end: int) -> int:
    """ "talked about reform and passing gun control": a conjunct the parser hung on the cue verb,
    with no subject of its own, continues the content."""
    while end + 1 < len(doc) and same_sentence(doc[end], verb):
        if doc[end].dep_ == "cc":
            window = doc[end + 1:end + 4]
        elif end - 1 > start and doc[end - 1].dep_ == "cc":  # the content kept the "or" but lost what follows
            window = doc[end:end + 3]
        else:
            break
        nxt = next((t for t in window if t.dep_ == "conj" and (t.head.i == verb.i or start <= t.head.i < end
                                                              or _sibling_phrase(doc, t, start, end))), None)
        if nxt is None or nxt.right_edge.i + 1 <= end or any(c.dep_ in SUBJECT_DEPS for c in nxt.children) or (
                is_cue_head(nxt) and verb.lemma_.lower() not in load_speech_objects().control_heads) or _next_act(verb, nxt):
            break
        end = nxt.right_edge.i + 1
    return end


def _sibling_phrase(doc: Doc, conj: Token, start: int, end: int) -> bool:
    """ "declined to comment on the plan or on whether it would be delayed": the parser hung the second
    phrase on the content's head instead of on the first phrase; a conjunct of the same kind as the
    content's root, on the same head, continues it."""
    root = doc[start:end].root
    return conj.head.i == root.head.i and conj.pos_ == root.pos_ and root.head.i < start


def _next_act(verb: Token, conj: Token) -> bool:
    """ "called the deal "a disaster" and ranked her among the worst", "has promised a veto and attempted
    to ...", "declined the post and has since left": a verb with tense of its own joined to the cue verb
    itself by "and" or "but" is the speaker's next act, not more of what was said."""
    if conj.head.i != verb.i or not (_finite(conj) and _finite(verb)):
        return False
    k = conj.i - 1
    while k > verb.i and conj.doc[k].dep_ in ("advmod", "aux", "neg"):
        k -= 1
    return conj.doc[k].lower_ not in ("or", "nor")  # "declined to threaten X or even declare Y": one refusal


def _finite(verb: Token) -> bool:
    """A verb group with tense of its own: a finite verb or one after an auxiliary ("has left")."""
    return verb.tag_ in ("VBD", "VBZ", "VBP") or any(c.dep_ in ("aux", "auxpass") and c.i < verb.i and c.tag_ in ("MD", "VBD", "VBZ", "VBP")
                                                     for c in verb.children)


def _with_trailing_condition(doc: Doc, end: int) -> int:
    """Content followed directly by an inverted condition ("... should they prove true") keeps it."""
    if end < len(doc) and doc[end].lower_ in INVERTED_AUX and doc[end].dep_ == "aux" and is_condition(doc[end].head):
        head = doc[end].head
        if same_sentence(head, doc[end]):
            return max(end, head.right_edge.i + 1)
    return end


def cut_other_acts(doc: Doc, start: int, end: int, participles: bool = True) -> int:
    """Where a content stops before another act: "..., expressing concern ..." (the speaker's next
    act), "..., as officials had claimed", "..., while his lawyer said ...", "... -- the congressman said"."""
    for t in doc[start:end]:
        if t.text == ";" and t.i > start + 2 and any(x.dep_ in SUBJECT_DEPS for x in doc[t.i + 1:end]) and \
                not any(q.text in ('"', "\u201c", "\u201d", "''") for q in doc[start:t.i]):
            return t.i  # "... was not intentional; they only learned of it on Friday": the writer's next clause
        if t.tag_ == "VBG" and is_cue_head(t) and t.i > start + 2 and t.dep_ in ("pcomp", "pobj", "advcl", "acl") \
                and t.left_edge.lower_ == "with" and t.left_edge.i > start + 2 and any(c.dep_ in SUBJECT_DEPS for c in t.children) or (
                t.tag_ == "VBG" and is_cue_head(t) and t.head.lower_ == "with" and t.head.i > start + 2 and t.head.i < t.i):
            w = t.left_edge.i if t.left_edge.lower_ == "with" else t.head.i
            return w - (1 if doc[w - 1].text == "," else 0)  # "..., with neighbours suggesting ...": another's act
        if t.tag_ == "VBG" and is_cue_head(t) and t.dep_ == "acl" and t.head.dep_ == "pobj" and t.head.head.lower_ == "with" \
                and t.head.i == t.i - 1 and t.head.head.i > start + 2:  # "..., with friends suggesting ...": the parse's other shape
            return t.head.head.i - (1 if doc[t.head.head.i - 1].text == "," else 0)
        if t.i > start + 2 and doc[t.i - 1].text == "," and is_cue_head(t) and (
                is_accusation_participle(t) or inverted_object_speaker(t) is not None):
            return t.i - 1  # "... had been arrested, accused of ...": the accusers' statement, not the speaker's
        if participles and t.tag_ == "VBG" and t.dep_ in ("advcl", "xcomp", "conj") and t.i > start + 2 and doc[t.i - 1].text == ",":
            if t.left_edge.i == t.i and is_cue_head(t):
                return t.i - 1
        if t.text in ("--", "\u2014", "\u2013") and t.i > start + 2 and any(
                is_cue_head(x) and any(c.dep_ in SUBJECT_DEPS for c in x.children) for x in doc[t.i + 1:end]):
            return t.i  # "... -- meddling the congressman said is designed to ...": an aside with its own speaker
        if t.dep_ in ("advcl", "conj") and t.left_edge.i > start + 2 and t.left_edge.lower_ in ("while", "whereas") \
                and (any(is_cue_head(x) for x in t.subtree) or any(  # "X said A, while his lawyer said B"
                    c.dep_ in SUBJECT_DEPS and c.lower_ in OTHER_PARTIES for c in t.children)):  # "..., while others are sure B"
            return t.left_edge.i - (1 if doc[t.left_edge.i - 1].text == "," else 0)
        if t.dep_ == "advcl" and is_cue_head(t) and t.left_edge.i > start + 2 and t.left_edge.lower_ == "as" \
                and doc[t.left_edge.i - 1].text == ",":  # "..., as officials had claimed"
            return t.left_edge.i - 1
        if t.dep_ == "conj" and is_cue_head(t) and t.i > start + 2 and doc[t.i - 1].dep_ == "cc" and \
                not any(c.dep_ in SUBJECT_DEPS for c in t.children) and (
                    any(c.dep_ == "ccomp" for c in t.children) or _finite_after_auxiliary(t)):
            return t.i - 1
    return end


def _finite_after_auxiliary(conj: Token) -> bool:
    """ "said he would order a review and warned against leaks": a finite (past or present) cue verb
    joined to a bare verb after a modal cannot share the modal, so it is the speaker's next act. (A
    past participle after "had" is left alone: the tagger often reads it as a past tense.)"""
    head = conj.head
    return conj.tag_ in ("VBD", "VBZ") and head.tag_ == "VB" and any(
        c.dep_ == "aux" and c.tag_ == "MD" for c in head.children)


def _carrier(verb: Token) -> Token | None:
    """In "X released a video showing Y" the participle after the object carries the content."""
    if verb.lemma_.lower() not in load_speech_objects().publishing_verbs:
        return None
    for obj in (c for c in verb.children if c.dep_ == "dobj"):
        for c in obj.children:
            if c.dep_ in ("acl", "relcl") and c.lemma_.lower() in load_speech_objects().carrier_verbs:
                return c
    return None


def _after(token: Token, doc: Doc) -> tuple[int, int] | None:
    """Everything the token governs to its right: the content of a carrier participle."""
    right = [t.i for t in token.subtree if t.i > token.i]
    if not right:
        return None
    return trim_range(doc, token.i + 1, max(right) + 1)


def _words(doc: Doc, tokens: list[int], after: int, before: int) -> bool:
    """Whether any of ``tokens`` strictly between ``after`` and ``before`` is a word, not a mark."""
    return any(after < i < before and not doc[i].is_punct for i in tokens)


def _according_to(hit: CueHit, doc: Doc) -> Attribution | None:
    according = hit.head
    to = next((c for c in according.children if c.lower_ == "to"), None)
    pobj = next((c for c in to.children if c.dep_ == "pobj"), None) if to is not None else None
    if pobj is None:
        return None
    if is_statement_noun(pobj):  # "according to a report by Haaretz", "according to Haaretz's report"
        by = next((c for c in pobj.children if c.dep_ == "poss" or (c.dep_ == "prep" and c.lower_ in ("by", "from", "in"))), None)
        if by is not None and by.dep_ == "prep":
            by = next((c for c in by.children if c.dep_ == "pobj"), None)
        if by is not None:
            pobj = by
    pobj = document_author(pobj) or pobj  # "according to a new Reuters-Ipsos poll"
    sent = sentence_span(according)
    excluded = {t.i for t in according.subtree}
    clause_head = according.head if according.head is not according else sent.root
    tokens = [t.i for t in clause_head.subtree if t.i not in excluded and sent.start <= t.i < sent.end]
    if not tokens:
        return None
    # the content is the contiguous side of the sentence that does not hold "according to X"; when
    # only marks precede it ("reported that, according to X, C") the content is the side after it
    left = [i for i in tokens if i < min(excluded)]
    if pobj.tag_ in ("WDT", "WP"):  # "figures according to which C": the relative clause after "which"
        return _according_to_which(hit, doc, according, to, pobj)
    if left and (all(doc[i].is_punct or (doc[i].lower_ == "that" and doc[i].dep_ == "mark") for i in left)
                 or _adverbial_only(doc, left)) and max(tokens) > max(excluded):
        start, end = max(excluded) + 1, max(tokens) + 1
    elif min(excluded) > min(tokens) and _words(doc, tokens, max(excluded), len(doc)) and clause_head.i > max(excluded) \
            and any(i < min(excluded) and doc[i].dep_.startswith("nsubj") for i in tokens):
        # "The troops, according to officials, had crossed the border": the phrase sits inside the
        # clause, between its subject and its verb; the content is the whole clause (one span)
        start, end = min(tokens), max(tokens) + 1
    elif min(excluded) > min(tokens):
        start, end = min(tokens), min(excluded)
    else:
        start, end = max(excluded) + 1, max(tokens) + 1
    if start > max(excluded):
        end = _rest_of_sentence(doc, end, sent.end)
    start, end = trim_range(doc, start, end)
    if start >= end:
        return None
    cue_span = (according.idx, to.idx + len(to))
    return _make(hit, cue_span, _with_conjuncts(pobj), (start, end), None, False)


def _rest_of_sentence(doc: Doc, end: int, sent_end: int) -> int:
    """ "According to X, 40 were treated, six of them are children, ten are ...": after a fronted
    phrase the content runs to the end of the sentence, over clauses the parser hung elsewhere,
    unless the rest holds a cue of its own (", writes the Herald") or a line break."""
    rest = doc[end:sent_end]
    if any(is_cue_head(t) for t in rest) or any("\n" in t.text or "\n" in t.whitespace_ for t in doc[end - 1:sent_end]):
        return end
    return sent_end


def _adverbial_only(doc: Doc, left: list[int]) -> bool:
    """ "Only last year, according to X, C": what precedes the phrase is a time or place adverbial with
    no subject and no verb of its own, so the content is the clause after the phrase."""
    return doc[left[-1]].is_punct and not any(
        doc[i].dep_ in SUBJECT_DEPS or doc[i].pos_ in ("VERB", "AUX") or doc[i].dep_ == "ROOT" for i in left)


def _according_to_which(hit: CueHit, doc: Doc, according: Token, to: Token, which: Token) -> Attribution | None:
    """ "The ministry published figures according to which unemployment fell": the content is the
    relative clause after "which", the source the noun the clause hangs on."""
    sent = sentence_span(according)
    end = sent.end
    clause = [t for t in doc[which.i + 1:end] if t.pos_ in ("VERB", "AUX")]
    if not clause:
        return None
    start, stop = trim_range(doc, which.i + 1, end)
    stop = cut_other_acts(doc, start, stop)
    noun = according.head if according.head.pos_ in ("NOUN", "PROPN") else None
    if noun is None:
        noun = next((t for t in reversed(doc[sent.start:according.i]) if t.pos_ in ("NOUN", "PROPN")), None)
    if noun is None or start >= stop:
        return None
    return _make(hit, (according.idx, which.idx + len(which)), _with_conjuncts(document_author(noun) or noun),
                 (start, stop), None, False)


def _noun_cue(hit: CueHit, doc: Doc) -> Attribution | None:
    """ "X's claim that Y", "claims by X that Y", "X made the allegation that Y"."""
    noun = hit.head
    clause = next(
        (c for c in noun.children if c.dep_ in ("acl", "ccomp", "relcl") and any(m.lower_ == "that" and m.dep_ == "mark" for m in c.children)),
        None,
    )
    # "denied reports in a local newspaper, al-Sabah, that X": the parser hung the phrase naming the
    # source on the verb, right after the noun
    hung = next((c for c in noun.head.children if c.dep_ == "prep" and c.i == noun.right_edge.i + 1
                 and c.lower_ in ("by", "from", "in", "on")), None) if noun.dep_ in ("dobj", "nsubjpass", "pobj") else None
    tail = hung.right_edge.i if hung is not None else noun.right_edge.i
    if clause is None and noun.dep_ in ("dobj", "nsubjpass", "pobj"):
        # "denied claims by the government that X": the parser hung the that-clause on the verb
        clause = next((c for c in noun.head.children if c.dep_ == "ccomp" and c.i > tail
                       and any(m.lower_ == "that" and m.dep_ == "mark" for m in c.children)
                       and c.left_edge.i <= tail + 2), None)
    if clause is None:
        return None
    sources: tuple[Token, ...] = ()
    poss = next((c for c in noun.children if c.dep_ == "poss"), None)
    if poss is not None:
        sources = _with_conjuncts(poss)
    else:
        by = next((c for c in noun.children if c.dep_ == "prep" and c.lower_ in ("by", "from", "in", "on")), hung)
        pobj = next((c for c in by.children if c.dep_ == "pobj"), None) if by is not None else None
        if pobj is not None and by.lower_ in ("in", "on") and not (
                pobj.ent_type_ == "ORG" or pobj.lemma_.lower() in load_speech_objects().publications):
            pobj = None  # "reports in a local newspaper / on news sites that ..." name a source; "claims in March" does not
        if pobj is not None:
            sources = _with_conjuncts(pobj)
        elif noun.dep_ in ("dobj",) and noun.head.lemma_.lower() in load_speech_objects().holding_verbs:
            subj = next((c for c in noun.head.children if c.dep_ == "nsubj"), None)
            sources = _with_conjuncts(subj) if subj is not None else ()
    if not sources:
        return None
    content = subtree_range(clause, stop_at=noun)
    return _make(hit, (noun.idx, noun.idx + len(noun)), sources, content, None, False)


def _opinion_frame(hit: CueHit, doc: Doc) -> Attribution | None:
    """A held view framing a whole clause (``opinion_nouns``): "her view is that C", "the board's
    conclusion was that C" (the noun the subject of "be", its clause the content), "in his view, C",
    "in the opinion of the court, C" (the clause the phrase is hung on). The holder is the source."""
    noun = hit.head
    if noun.lemma_.lower() not in load_speech_objects().opinion_nouns:
        return None
    holder = _opinion_holder(noun)
    if holder is None:
        return None
    head = noun.head
    if noun.dep_ == "nsubj" and head.lemma_.lower() == "be":
        clause = next((c for c in head.children if c.dep_ == "ccomp" and c.i > noun.i), None)
        if clause is None:
            return None
        content = subtree_range(clause, stop_at=head)
    elif noun.dep_ == "pobj" and head.lower_ == "in" and head.dep_ == "prep" and head.head.pos_ in ("VERB", "AUX"):
        content = _around_phrase(head)
    else:
        return None
    if content is None:
        return None
    return _make(hit, (noun.idx, noun.idx + len(noun)), _with_conjuncts(holder), content, None, False)


def _opinion_holder(noun: Token) -> Token | None:
    """Whose view: the possessive ("his view", "the board's conclusion") or the "of" phrase ("the view
    of the court"); a bare "the view" has none."""
    poss = next((c for c in noun.children if c.dep_ == "poss"), None)
    if poss is not None:
        return poss
    of = next((c for c in noun.children if c.dep_ == "prep" and c.lower_ == "of"), None)
    holder = next((c for c in of.children if c.dep_ == "pobj"), None) if of is not None else None
    return holder if holder is not None and _can_hold_views(holder) else None


def _can_hold_views(token: Token) -> bool:
    """A person or body: a name, a pronoun, a role title or a head of people or organisations ("the
    view of the court"), not a place or thing ("the view of the lake")."""
    if token.ent_type_ in ("PERSON", "ORG", "NORP", "GPE") or token.pos_ == "PRON":
        return True
    titles, lemma = load_titles(), token.lemma_.lower()
    return lemma in titles.anonymous_heads or lemma in titles.organisation_heads or titles.role_in(token.text) is not None


def _around_phrase(prep: Token) -> tuple[int, int] | None:
    """The clause a fronted or closing phrase is hung on, without the phrase: "In his view, C" -> C,
    "C, in her opinion." -> C; a phrase inside the clause leaves the whole clause (one span)."""
    clause = prep.head
    sent = sentence_span(prep)
    start = max(clause.left_edge.i, sent.start)
    end = min(clause.right_edge.i + 1, sent.end)
    first, last = prep.left_edge.i, prep.right_edge.i
    if first <= start:
        start = last + 1
    elif last >= end - 1 or all(t.is_punct for t in prep.doc[last + 1:end]):
        end = first
    start, end = trim_range(prep.doc, start, end)
    return (start, end) if start < end else None


# --- quotes -------------------------------------------------------------------------------------

def _adjacent_quote(verb: Token, doc: Doc, quotes: list[Quote]) -> Quote | None:
    """The quote a cue introduces or closes: 'X said: "Q"', '"Q," X said', '"Q," said X'.

    A quote closing with a full stop ('"Q." He said ...') belongs to no cue after it; a cue followed
    by a colon or comma and a quote introduces that quote.
    """
    text = doc_text(doc)
    verb_end = verb.idx + len(verb)
    before = [q for q in quotes if q.outer[1] <= verb.idx and _said(doc, q)]
    if any(c.dep_ == "ccomp" and c.i > verb.i and not _inside_quote(c, quotes) for c in verb.children):
        before = []  # '"Q," the mayor said, adding that X': the participle has its own content
    if before:  # '"A," X said, "B."': the quote before the cue first; B follows as a continuation
        q = before[-1]
        gap = text[q.outer[1]:verb.idx]
        closing = text[max(q.inner[0], q.outer[1] - 3):q.outer[1]]
        ends_open = bool(re.search(r"[,?!\u2014-]\s*(?:[\"\u201d]|'')?$", closing)) or gap.lstrip().startswith(",")
        if len(gap) <= 80 and "\n" not in gap and ends_open and not _sentence_break(doc, q.outer[1], verb.idx):
            return q
        if "\n" not in gap and _bare_cue_sentence(verb) and doc[sentence_start(verb)].idx >= q.outer[1] \
                and not text[q.outer[1]:doc[sentence_start(verb)].idx].strip():
            return q  # '"... the American people." It added.': a sentence that is only the speaker and the cue
    after = [q for q in quotes if q.outer[0] >= verb_end and _said(doc, q)]
    if after:
        q = after[0]
        between = text[verb_end:q.outer[0]]
        other_cue = any(is_cue_head(t) and t.pos_ == "VERB" for t in doc[verb.i + 1:token_range(doc, *q.outer)[0]])
        if len(between) <= 60 and "\n" not in between and not re.search(r"[.?!]", between) and not other_cue and \
                (between.rstrip().endswith((":", ",")) or not between.strip()):
            return q  # (a nearer cue, 'who spoke to TV said: "Q"', introduces it instead)
        if between.strip() == ":" and between.count("\n") <= 2:  # 'The agency said:\n\n"Q."': a block quote
            return q
    return None


def _sentence_break(doc: Doc, a: int, b: int) -> bool:
    """A full stop, question or exclamation mark standing as its own token between characters a and b:
    the end of a sentence, not the point of "Mr." or "Sen." ('"Q," Mr. Grant said of the hearing')."""
    first, last = token_range(doc, a, b)
    return any(t.text in (".", "?", "!") and a <= t.idx and t.idx + len(t) <= b for t in doc[first:last])


def _said(doc: Doc, quote: Quote) -> bool:
    """``is_statement_quote`` for a quote of the Doc, decided once per quote (every cue asks)."""
    known = doc.user_data.setdefault(_SAID, {})
    said = known.get(quote)
    if said is None:
        said = known[quote] = is_statement_quote(doc_text(doc), quote)
    return said


_SAID = "claimwatch.statement_quotes"


def _bare_cue_sentence(verb: Token) -> bool:
    """A sentence made of a short subject, the cue and at most an adverb ("It added.", "the minister
    said."), with nothing it could report on its own."""
    words = [t for t in sentence_span(verb) if not t.is_punct and not t.is_space]
    subject = next((c for c in verb.children if c.dep_ in ("nsubj",) and c.i < verb.i), None)
    if subject is None or len(words) > 6 or any(c.dep_ in ("ccomp", "dobj", "xcomp") for c in verb.children):
        return False
    allowed = {t.i for t in subject.subtree} | {verb.i} | {c.i for c in verb.children if c.dep_ in ("advmod", "aux", "npadvmod")}
    return all(t.i in allowed for t in words)


def _inside_quote(token: Token, quotes: list[Quote]) -> bool:
    return any(q.outer[0] <= token.idx < q.outer[1] for q in quotes)


def _quote_continuations(doc: Doc, quotes: list[Quote], found: list[Attribution]) -> list[Attribution]:
    """'"A," he said. "B."' — a quote right after a quoted statement shares its cue and source.

    Quotes are read in text order and each continuation can own the next, so a quote running over
    several paragraphs gives one statement per paragraph ('said: "A.\n\n"B.\n\n"C."'). A closed
    quote that is a paragraph of its own, right after the paragraph of a quoted statement, goes on
    with the same speaker and no cue of its own (an empty cue at the content start)."""
    by_quote_end = {a.quote.outer[1]: a for a in found if a.quote is not None}
    extra: list[Attribution] = []
    used = {a.quote.outer for a in found if a.quote is not None}
    text = doc_text(doc)
    reported = _reported_paragraph_ends(text, found, quotes)
    for q in quotes:
        if q.outer in used or not _said(doc, q) or not _has_predicate(doc, q) or _paired_wrongly(text, q):
            continue  # a quoted title ('he said on "On the Record with ..."') goes on no statement
        prev = max((e for e in by_quote_end if e <= q.outer[0]), default=None)
        if prev is None or (q.outer[0] in reported and reported[q.outer[0]].content[1] > prev):
            att = _after_reported(doc, q, reported.get(q.outer[0]))
            if att is not None:
                extra.append(att)
                used.add(q.outer)
                by_quote_end[q.outer[1]] = att
            continue
        owner = by_quote_end[prev]
        gap = text[prev:q.outer[0]]
        cue_in_gap = owner.cue_span[0] >= prev and owner.cue_span[1] <= q.outer[0]
        runs_on = not owner.quote.closed and not gap.strip()  # an unclosed quote goes on in the next paragraph
        cue_span = owner.cue_span
        if not (runs_on or (len(gap) <= 200 and "\n" not in gap and cue_in_gap)):
            if not _next_quoted_paragraph(text, q, gap, owner, cue_in_gap):
                continue
            cue_span = (q.inner[0], q.inner[0])
        start, end = token_range(doc, *q.inner)
        if start < end:
            att = Attribution(owner.hit, cue_span, owner.sources, q.inner, (start, end), q, owner.passive)
            extra.append(att)
            used.add(q.outer)
            by_quote_end[q.outer[1]] = att
    return extra


_CLOSING_ONLY = re.compile(r"^[ \t.!?\"\u201d\u2019']*$")
_SENTENCE_END = (".", "!", "?", '."', '.\u201d', '?"', '?\u201d')
_PARAGRAPH_BREAK = re.compile(r"\n(?:[ \t]*\n)?[ \t]*")


def _reported_paragraph_ends(text: str, found: list[Attribution], quotes: list[Quote]) -> dict[int, Attribution]:
    """Where a quote would open if it followed a reported statement (no quote of its own) that ends
    its paragraph ('X said the staff miss her.\n\n"Q."'): that start, with the statement. A cue
    inside a quote ('"... we estimate that Y."') is the quoted speaker's, never a new owner."""
    out: dict[int, Attribution] = {}
    for att in found:
        if att.quote is not None or att.passive or any(q.outer[0] <= att.cue_span[0] < q.outer[1] for q in quotes):
            continue
        end = att.content[1]
        para = text.find("\n", end)
        if para < 0 or not _CLOSING_ONLY.match(text[end:para]) or not text[:para].rstrip().endswith(_SENTENCE_END):
            continue
        nxt = para + _PARAGRAPH_BREAK.match(text, para).end() - para
        if nxt < len(text):
            prior = out.get(nxt)
            if prior is None or prior.content[1] < end:
                out[nxt] = att
    return out


def _after_reported(doc: Doc, quote: Quote, owner: Attribution | None) -> Attribution | None:
    """The quote of a paragraph of its own right after ``owner``'s reported statement: the speaker
    goes on in their own words, with no cue of its own (an empty cue at the content start)."""
    if owner is None or not _quote_fills_paragraph(doc_text(doc), quote):
        return None
    start, end = token_range(doc, *quote.inner)
    if start >= end:
        return None
    return Attribution(owner.hit, (quote.inner[0], quote.inner[0]), owner.sources, quote.inner, (start, end), quote, owner.passive)


def _paired_wrongly(text: str, quote: Quote) -> bool:
    """A quote holding a closing mark of another style ('"Q,\'\' said X'): the marks were
    paired wrongly, so where the quotation ends, and whose it is, cannot be read from them."""
    inner = text[quote.inner[0]:quote.inner[1]]
    return "''" in inner or (not quote.closed and any(m in inner for m in ('"', "\u201d")))


def _quote_fills_paragraph(text: str, quote: Quote) -> bool:
    """A quote alone in its paragraph (closed, or open to its end), not followed by a line that credits it to someone
    ('"Q."\nJane Doe, city clerk'): a short line with no full stop names its own speaker."""
    para_end = text.find("\n", quote.outer[1])
    if not quote.closed:  # an unclosed quote runs to its paragraph's end: it fills it when it opens it,
        return text[:quote.outer[0]].rstrip(" \t").endswith("\n") and not _paired_wrongly(text, quote)
    if para_end < 0:
        return not text[quote.outer[1]:].strip()
    if text[quote.outer[1]:para_end].strip():
        return False
    line_end = text.find("\n", para_end + 1)
    line = text[para_end + 1:line_end if line_end >= 0 else len(text)].strip()
    return not (line and len(line) <= 80 and not line.endswith((".", "!", "?", '"', "\u201d")))


def _next_quoted_paragraph(text: str, quote: Quote, gap: str, owner: Attribution, cue_in_gap: bool) -> bool:
    """A quote that fills its paragraph, and the paragraph before ends with ``owner``'s quote
    (and at most its short cue: '"A," she said.'): the speaker goes on without a new cue."""
    if owner.quote is None or gap.count("\n") == 0 or gap.count("\n\n") > 1 or gap.count("\n") > 2:
        return False  # an unclosed quote runs to its paragraph's end: news style for a quote that goes on
    para_end = text.find("\n", quote.outer[1])
    if text[quote.outer[1]:para_end if para_end >= 0 else len(text)].strip():
        return False  # the paragraph goes on after the quote: its own cue may follow
    if text[:quote.outer[0]].rstrip(" \t").endswith("\n") is False and quote.outer[0] > 0:
        return False
    before_break = gap[:gap.index("\n")].strip()
    return not before_break or (cue_in_gap and len(before_break) <= 80 and before_break.endswith("."))


# --- helpers ------------------------------------------------------------------------------------

def _make(hit, cue_span, sources, tokens, quote, passive) -> Attribution | None:
    doc = hit.head.doc
    start, end = tokens
    if quote is not None:
        chars = quote.inner
    else:
        start, end = trim_range(doc, start, cut_occasion_tail(doc, start, cut_writer_tail(doc, start, end)))
        if start >= end:
            return None
        chars = (doc[start].idx, end_char(doc, end))
        chars = close_quotes(doc_text(doc), *strip_chars(doc_text(doc), *chars))
    if chars[1] <= chars[0]:
        return None
    if end - start == 1 and doc[start].tag_ in ("WDT", "WP", "PRP", "DT"):
        return None  # "which was reported by X": a bare pronoun says nothing to attribute
    return Attribution(hit=hit, cue_span=cue_span, sources=tuple(sources), content=chars,
                       content_tokens=(start, end), quote=quote, passive=passive)


def _dedupe(found: list[Attribution]) -> list[Attribution]:
    """One attribution per (cue, content); an inner cue by the same speaker folds into the outer one."""
    out: list[Attribution] = []
    seen: set[tuple] = set()
    for att in sorted(found, key=lambda a: (a.cue_span[0], a.content[0])):
        key = (att.cue_span, att.content)
        if key in seen:
            continue
        seen.add(key)
        out.append(att)
    return out
