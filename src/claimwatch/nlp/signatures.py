"""Statements credited by a signature rather than a cue: embedded posts and signed quotes.

Web news pastes social-media posts as a paragraph that ends with the poster's signature
("Roads are closed near the bridge— Jane Roe (@janeroe) May 4, 2016") and sets a pull quote off as
a paragraph of its own followed by a short credit line ('"We will rebuild."' then 'Mayor John Doe').
Neither has a cue word: the signature names who speaks. The cue is the dash of the signature, or an
empty cue at the content start for a credited quote.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Doc, Token

from claimwatch.lexicons.schema import Cue
from claimwatch.nlp.cues import CueHit
from claimwatch.nlp.docutil import doc_quotes, doc_text
from claimwatch.nlp.function_words import FIRST_PERSON_FORMS
from claimwatch.nlp.quotes import Quote
from claimwatch.nlp.spans import token_range

POST_CUE = Cue(lemma="post", pos="verb", act="publish", stance="asserts")
SAY_CUE = Cue(lemma="say", pos="verb", act="say", stance="asserts")
NAME_ENTITIES = ("PERSON", "ORG")
MAX_CREDIT_LINE = 80

# "<post text>[ links]— Name (@handle) Month D, YYYY": the dash before the name, the handle after it.
_POST = re.compile(
    r"(?P<dash>\s?(?:\u2014|\u2013|--?)\s?)(?P<name>[^\n()\u2014\u2013]{2,60}?)\s*\(@\w{1,30}\)", re.M)
_LINK = re.compile(r"(?:\s*(?:https?://\S+|pic\.twitter\.com/\S+|#\w+|@\w+))+\s*$")
_LEAD = re.compile(r"(?:RT\s+(?P<origin>@\w+):\s*)?(?:[A-Z]{3,}:\s*)?(?:@\w+\s+)*")


@dataclass(frozen=True)
class Signed:
    """A statement credited by a signature: the parts ``attribution.Attribution`` is made of."""

    hit: CueHit
    cue_span: tuple[int, int]
    sources: tuple[Token, ...]
    content: tuple[int, int]  # characters
    tokens: tuple[int, int]
    quote: Quote | None


def signed_statements(doc: Doc, quotes: list[Quote], taken: set[tuple[int, int]]) -> list[Signed]:
    """Attributions for embedded posts and credited pull quotes; ``taken`` holds quote spans that
    already have a speaker (those are left alone)."""
    return [*_posts(doc), *_credited_quotes(doc, quotes, taken), *_dash_credited_quotes(doc, quotes, taken),
            *_misread_closing_cues(doc, quotes, taken), *_own_words_after(doc, quotes, taken)]


def _posts(doc: Doc) -> list:
    text = doc_text(doc)
    out = []
    for m in _POST.finditer(text):
        para_start = text.rfind("\n", 0, m.start()) + 1
        start, end = _post_text(text, para_start, m.start("dash"))
        origin = _LEAD.match(text, para_start).span("origin")
        if origin[0] >= 0:  # "RT @desk: ...": a repost speaks for the account it reposts
            speaker = next((t for t in doc if t.idx == origin[0]), None)
        else:
            speaker = _name_token(doc, m.start("name"), m.end("name"))
        if speaker is None or end - start < 10:
            continue
        toks = token_range(doc, start, end)
        if toks[0] >= toks[1]:
            continue
        dash = (m.start("dash") + len(m.group("dash")) - len(m.group("dash").lstrip()),) * 2
        cue_span = (dash[0], dash[0] + len(m.group("dash").strip()))
        hit = CueHit(speaker, speaker.i, speaker.i + 1, POST_CUE)
        out.append(Signed(hit, cue_span, (speaker,), (start, end), toks, None))
    return out


def _post_text(text: str, start: int, end: int) -> tuple[int, int]:
    """The words of a post: without a retweet prefix, a shouted place tag and trailing links."""
    body = text[start:end]
    lead = min(_LEAD.match(body).end(), len(body))
    tail = _LINK.search(body)
    stop = tail.start() if tail else len(body)
    body_start, body_end = start + lead, start + stop
    while body_end > body_start and text[body_end - 1] in " :\t":
        body_end -= 1
    return body_start, body_end


def _name_token(doc: Doc, start: int, end: int) -> Token | None:
    """The head word of a name written in the given characters: the last token of a person or
    organisation entity there, else the last proper noun."""
    toks = [t for t in doc if start <= t.idx < end]
    named = [t for t in toks if t.ent_type_ in NAME_ENTITIES]
    if named:
        return named[-1]
    propn = [t for t in toks if t.pos_ == "PROPN"]
    return propn[-1] if propn and len(propn) == len(toks) else None


def _credited_quotes(doc: Doc, quotes: list[Quote], taken: set[tuple[int, int]]) -> list:
    text = doc_text(doc)
    out = []
    for q in quotes:
        if q.outer in taken or not q.closed or not _alone_in_paragraph(text, q):
            continue
        line_start = text.find("\n", q.outer[1]) + 1
        line_end = text.find("\n", line_start)
        line_end = len(text) if line_end < 0 else line_end
        line = text[line_start:line_end]
        if not line.strip() or len(line.strip()) > MAX_CREDIT_LINE or line.rstrip().endswith((".", "!", "?", '"', "\u201d")):
            continue
        speaker = _credit_name(doc, line_start, line_end)
        toks = token_range(doc, *q.inner)
        if speaker is None or toks[0] >= toks[1]:
            continue
        hit = CueHit(speaker, speaker.i, speaker.i + 1, SAY_CUE)
        out.append(Signed(hit, (q.inner[0], q.inner[0]), (speaker,), q.inner, toks, q))
    return out


# '"We will rebuild." ― Jane Roe, shop owner': a quote that opens its paragraph, credited after a dash
_DASH_CREDIT = re.compile(r"[ \t]*(?P<dash>\u2015|\u2014|\u2013|--?)[ \t]*(?P<credit>[^\n]{2,%d})$" % MAX_CREDIT_LINE, re.M)


def _dash_credited_quotes(doc: Doc, quotes: list[Quote], taken: set[tuple[int, int]]) -> list:
    text = doc_text(doc)
    out = []
    for q in quotes:
        before = text[:q.outer[0]].rstrip(" \t")
        if q.outer in taken or not q.closed or (before and not before.endswith("\n")):
            continue
        m = _DASH_CREDIT.match(text, q.outer[1])
        if m is None:
            continue
        speaker = _credit_name(doc, m.start("credit"), m.end("credit"))
        toks = token_range(doc, *q.inner)
        if speaker is None or toks[0] >= toks[1]:
            continue
        hit = CueHit(speaker, speaker.i, speaker.i + 1, SAY_CUE)
        out.append(Signed(hit, m.span("dash"), (speaker,), q.inner, toks, q))
    return out


def _alone_in_paragraph(text: str, q: Quote) -> bool:
    before = text[:q.outer[0]].rstrip(" \t")
    after_end = text.find("\n", q.outer[1])
    return (not before or before.endswith("\n")) and after_end >= 0 and not text[q.outer[1]:after_end].strip()


def _credit_name(doc: Doc, start: int, end: int) -> Token | None:
    """The person a credit line names ("Police Chief Ann Lee", "Ann Lee, police chief")."""
    persons = [e for e in doc.ents if e.label_ == "PERSON" and start <= e.start_char and e.end_char <= end]
    return persons[0][-1] if persons else None


# --- closing attributions the parser misread ------------------------------------------------------

QUOTE_MARKS = ('"', "\u201c", "\u201d", "''", "``")
CLOSING_MARKS = ('"', "\u201d", "''", "'", "\u2019")
QUOTED_SPEAKERS = "claimwatch.quoted_speakers"  # doc.user_data: speaker token index -> its cue's index
MAX_SPEAKER_TOKENS = 8


def closing_speaker(verb: Token) -> Token | None:
    """The speaker of a cue that closes a quote, read by word order when the parse gives none:
    '"Q," the woman in the red coat says.' (the words between the closing mark and the cue) or
    '"Q," said Lund, before adding ...' (the words after the cue up to a comma or full stop)."""
    doc = verb.doc
    k = verb.i - 1
    while k >= 0 and verb.i - k <= MAX_SPEAKER_TOKENS and not doc[k].is_punct:
        k -= 1
    if k < 1 or doc[k].text not in CLOSING_MARKS or doc[k - 1].text not in (",", "!", "?") \
            or not any(q.outer[1] == doc[k].idx + len(doc[k]) for q in doc_quotes(doc)):
        return None  # only a quotation found as one is credited
    if k < verb.i - 1:  # '"Q," the woman says.': nothing but the cue's own particle may follow
        after = doc[verb.i + 1] if verb.i + 1 < len(doc) else None
        found = _phrase_speaker(doc[k + 1:verb.i], first=True) if after is None or after.text in (".", ",", "!", "?", "\n") else None
    else:
        end = verb.i + 1
        while end < len(doc) and end - verb.i <= MAX_SPEAKER_TOKENS and not doc[end].is_punct:
            end += 1
        if end >= len(doc) or doc[end].text not in (",", ".", ";", "!", "?"):
            return None
        found = _phrase_speaker(doc[verb.i + 1:end], first=False)
    if found is not None:  # whoever a quotation is credited to is someone ("the figure in black")
        doc.user_data.setdefault(QUOTED_SPEAKERS, {})[found.i] = verb.i
    return found


def _phrase_speaker(span, first: bool) -> Token | None:
    """The head of a short speaker phrase: a named person or organisation, else its first noun
    ("the man in black") when ``first``, else its last proper noun ("Inspector Lund")."""
    if not len(span) or any(t.pos_ in ("VERB", "AUX") and t.tag_ != "VBN" for t in span):
        return None
    named = [t for t in span if t.ent_type_ in NAME_ENTITIES]
    if named:
        return named[-1]
    nouns = [t for t in span if t.pos_ in ("NOUN", "PROPN")]
    if not nouns:
        return None
    return nouns[0] if first else nouns[-1]


def _misread_closing_cues(doc: Doc, quotes: list[Quote], taken: set[tuple[int, int]]) -> list:
    """'"Q," the figure in black says.' where the parser read "says" as a noun: a saying verb's form
    right after a quote's speaker closes the sentence and credits the quote."""
    from claimwatch.lexicons.schema import load_cues
    lexicon = load_cues()
    out = []
    for q in quotes:
        if q.outer in taken or not q.closed:
            continue
        after = [t for t in doc if q.outer[1] <= t.idx][:MAX_SPEAKER_TOKENS + 1]
        cue = next((t for t in after if not t.tag_.startswith("VB") and _saying(t, lexicon)), None)
        if cue is None or any(t.is_punct for t in after[:after.index(cue)]):
            continue
        speaker = closing_speaker(cue)
        toks = token_range(doc, *q.inner)
        if speaker is None or toks[0] >= toks[1]:
            continue
        hit = CueHit(cue, cue.i, cue.i + 1, SAY_CUE)
        out.append(Signed(hit, (cue.idx, cue.idx + len(cue)), (speaker,), q.inner, toks, q))
    return out


def _saying(token: Token, lexicon) -> bool:
    entry = lexicon.verb(token.lemma_.lower()) or lexicon.verb(token.lower_.rstrip("s"))
    return entry is not None and entry.act == "say" and token.i + 1 < len(token.doc) and token.doc[token.i + 1].text in (".", ",", "!", "?")


def _own_words_after(doc: Doc, quotes: list[Quote], taken: set[tuple[int, int]]) -> list:
    """ 'Shen decided she had had enough.\n\n"I decided to go back to my parents."': a quotation in the
    first person that fills the paragraph right after one whose last sentence has a named person as
    its subject is that person speaking (features let the quote follow the narration)."""
    text = doc_text(doc)
    out = []
    for q in quotes:
        if q.outer in taken or not _opens_paragraph(text, q) or not _fills_to_paragraph_end(text, q):
            continue
        toks = token_range(doc, *q.inner)
        if toks[0] >= toks[1] or not any(t.lower_ in FIRST_PERSON_FORMS for t in doc[toks[0]:toks[1]]) \
                or any(m in text[q.inner[0]:q.inner[1]] for m in QUOTE_MARKS):
            continue  # a quotation holding other marks was paired wrongly: no speaker to guess
        speaker = _narrated_person(doc, text, q.outer[0])
        if speaker is None or any(o.outer[0] <= speaker.idx < o.outer[1] for o in quotes):
            continue  # a name inside someone's quotation is not narration
        hit = CueHit(speaker, speaker.i, speaker.i + 1, SAY_CUE)
        out.append(Signed(hit, (q.inner[0], q.inner[0]), (speaker,), q.inner, toks, q))
    return out


def _opens_paragraph(text: str, q: Quote) -> bool:
    return text[:q.outer[0]].rstrip(" \t").endswith("\n\n")


def _fills_to_paragraph_end(text: str, q: Quote) -> bool:
    end = text.find("\n", q.outer[1])
    return not text[q.outer[1]:end if end >= 0 else len(text)].strip()


def _narrated_person(doc: Doc, text: str, start: int) -> Token | None:
    """The named person who is the main subject of the last sentence before ``start``, if that
    sentence is narration (no quotation mark in it)."""
    before = [t for t in doc if t.idx < start and not t.is_space]
    if not before:
        return None
    sent = before[-1].sent
    if any(t.text in ('"', "\u201c", "\u201d") for t in sent):
        return None
    subject = next((t for t in sent if t.dep_ == "nsubj" and t.head.dep_ == "ROOT"), None)
    return subject if subject is not None and subject.ent_type_ == "PERSON" else None
