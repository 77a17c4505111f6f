"""Speaker labels: a headline or a transcript turn that opens with who speaks and a colon ("Mayor Diaz:
ferry fares will not rise", "HARTLEY: We never saw the letter.") gives the rest of its paragraph to that
speaker. The label is a name (a person, organisation, state or group the parser marks as one) or a
transcript name in capitals, with at most a title before it and a short "at/on" phrase after it
("Former minister Okafor at the summit: ..."); section labels ("UPDATE:", "Q:", "Photos:") are none.
"""
from __future__ import annotations

from spacy.tokens import Doc, Token

from claimwatch.lexicons.schema import Cue
from claimwatch.nlp.cues import CueHit
from claimwatch.nlp.docutil import doc_text
from claimwatch.nlp.function_words import SECTION_LABELS

LABEL_CUE = Cue(lemma=":", pos="phrase", act="say", stance="asserts", frame="adverbial")
LABEL_ENTITIES = ("PERSON", "ORG", "GPE", "NORP")
MAX_LABEL = 6  # tokens before the colon
MIN_CONTENT = 3  # tokens after it
OPENING_MARKS = ('"', "\u201c", "'", "\u2018")
TAIL_PREPOSITIONS = ("at", "on", "in", "to")


def label_lines(doc: Doc) -> list[tuple[CueHit, Token, tuple[int, int]]]:
    """(cue hit on the colon, the speaker's head token, content token range) for every paragraph that
    opens with a speaker label."""
    out = []
    for colon in doc:
        if colon.text != ":":
            continue
        start = _paragraph_start(doc, colon.i)
        speaker = _label_speaker(doc, start, colon.i)
        if speaker is None:
            continue
        end = _paragraph_end(doc, colon.i + 1)
        if end - (colon.i + 1) >= MIN_CONTENT:
            out.append((CueHit(head=colon, start=colon.i, end=colon.i + 1, entry=LABEL_CUE), speaker, (colon.i + 1, end)))
    return out


def _paragraph_start(doc: Doc, i: int) -> int:
    text = doc_text(doc)
    k = i
    while k > 0 and "\n" not in text[doc[k - 1].idx:doc[k].idx] and "\n" not in doc[k - 1].text:
        k -= 1
    while k < i and (doc[k].is_space or doc[k].text in OPENING_MARKS):
        k += 1
    return k


def _paragraph_end(doc: Doc, i: int) -> int:
    text = doc_text(doc)
    k = i
    while k < len(doc) and "\n" not in doc[k].text and (k == i or "\n" not in text[doc[k - 1].idx:doc[k].idx]):
        k += 1
    return k


def _label_speaker(doc: Doc, start: int, colon: int) -> Token | None:
    """The head of a speaker label ``doc[start:colon]``, or None when it is no label."""
    label = doc[start:colon]
    if not 1 <= len(label) <= MAX_LABEL:
        return None
    tail = next((t.i for t in label if t.lower_ in TAIL_PREPOSITIONS and t.i > start), colon)
    if any(not (t.is_title or t.is_upper or t.pos_ == "PROPN") for t in doc[tail + 1:colon]):
        return None  # "... at the summit" is fine; a clause is no label
    name = doc[start:tail]
    if not len(name) or any(t.pos_ in ("VERB", "AUX") and not t.is_upper for t in name) \
            or any(not (t.is_title or t.is_upper or t.is_punct or t.pos_ == "PROPN") for t in name):
        return None
    head = name[-1]
    if head.lower_ in SECTION_LABELS or not head.is_alpha:
        return None
    if any(t.text[0] in "@#" for t in label):
        return None  # "RT @user:": a relayed post, not a speaker label
    named = head.ent_type_ in LABEL_ENTITIES or head.tag_ in ("NNP", "NNPS") or head.is_upper and len(head) >= 3
    return head if named else None  # whether a name that is no entity can speak ("Poll:") is the actors' call
