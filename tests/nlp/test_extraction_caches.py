"""The shortcuts that make extraction fast (issue 7) give exactly what the slow paths gave: per-Doc
caches read from spaCy's arrays, the quote scan that jumps between marks, the evidence and cue
pre-filters, and analysing the same Doc twice."""
from __future__ import annotations

import json

import pytest

from claimwatch.model import Article
from claimwatch.nlp.cues import find_cues
from claimwatch.nlp.docutil import lower_forms, lower_lemmas, seed_text, sentence_span, span_text
from claimwatch.nlp.evidence import _keyed, _present, evidence_terms, find_evidence
from claimwatch.nlp.pipeline import analyze_doc
from claimwatch.nlp.quotes import DOUBLED, OPENERS, Quote, _paragraph_end, _trim, _WORD, find_quotes

TEXTS = [
    "The harbour authority said on Tuesday that two cargo ships had collided near the breakwater.\n"
    "\"We are still counting the containers that fell overboard,\" a spokeswoman told reporters. "
    "Officials denied claims that the pilot had been drinking.",
    "GENEVA -- The agency's director, Amira Haddad, confirmed the figures. “Some 3,000 families have "
    "left,” she said, adding that İstanbul and Ankara had offered help. The ministry called the "
    "reports ‘baseless’ and said satellite images proved nothing.",
    "Police records show 2,400 burglaries were reported last year, according to the council. "
    "Critics said the ſtatistics were ``hard to believe'' and wanted a second count.",
]


@pytest.fixture(scope="module")
def docs(nlp):
    return [nlp(t) for t in TEXTS]


def test_extraction_caches_lower_lists_equal_token_attributes(docs):
    for doc in docs:
        assert lower_lemmas(doc) == [t.lemma_.lower() for t in doc]
        assert lower_forms(doc) == [t.lower_ for t in doc]


def test_extraction_caches_sentence_span_equals_token_sent(docs):
    for doc in docs:
        assert all(sentence_span(t) == t.sent for t in doc)


def test_extraction_caches_span_text_equals_span_text(docs):
    for doc in docs:
        spans = list(doc.ents) + list(doc.sents) + [doc[i:j] for i in range(0, 12) for j in range(i, 14)]
        assert [span_text(s) for s in spans] == [s.text for s in spans]


def test_extraction_caches_seed_text_only_for_a_doc_of_that_text(nlp):
    doc = nlp("The mayor said the bridge would reopen in May.")
    seed_text(doc, "A text of another length.")
    assert "claimwatch.text" not in doc.user_data
    seed_text(doc, doc.text)
    assert doc.user_data["claimwatch.text"] == doc.text


def _quotes_char_by_char(text: str) -> list[Quote]:
    """The scan as it was before it jumped from mark to mark: the reference."""
    quotes, i, n = [], 0, len(text)
    while i < n:
        doubled = DOUBLED.get(text[i:i + 2])
        closers = doubled or OPENERS.get(text[i])
        if closers is None:
            i += 1
            continue
        width = 2 if doubled else 1
        para_end = _paragraph_end(text, i)
        found = [(k, len(c)) for k, c in ((text.find(c, i + width, para_end), c) for c in closers) if k >= 0]
        j, close_width = min(found, default=(-1, 0))
        end = j if j >= 0 else para_end
        inner = _trim(text, i + width, end)
        if len(_WORD.findall(text[inner[0]:inner[1]])) >= 1:
            quotes.append(Quote(outer=(i, end + close_width if j >= 0 else end), inner=inner, closed=j >= 0))
        i = end + max(close_width, 1)
    return quotes


@pytest.mark.parametrize("text", TEXTS + [
    "He said: «Nous restons», and left. „Wir bleiben“, said the other. An open \"quote runs on\nto here.",
    "'' '' `` the end \" unclosed at the very end",
])
def test_extraction_caches_quote_scan_finds_what_a_char_scan_finds(text):
    assert find_quotes(text) == _quotes_char_by_char(text)


@pytest.mark.parametrize("text", TEXTS + [
    "Residents ſaw drone footage, the İNTELLIGENCE report said, and the Kremlin’s documents agreed.",
])
def test_extraction_caches_evidence_prefilter_keeps_every_matching_term(text):
    terms = evidence_terms()
    matching = [t for t in terms if t.pattern.search(text)]
    assert set(matching) <= {t for _, t in _present(_keyed(terms), text)}
    # and the result is the one a scan of every term gives
    full = {t.kind for t in matching}
    assert {e.kind for e in find_evidence(text, [(0, len(text))])} <= full


def test_extraction_caches_cue_candidates_miss_no_cue(docs, nlp):
    from claimwatch.lexicons.schema import load_cues
    from claimwatch.nlp.cues import _verb_entry

    lexicon = load_cues()
    for doc in docs:
        found = {h.head.i for h in find_cues(doc)}
        for token in doc:  # every verb or noun the lexicon would read as a cue is found
            if token.tag_.startswith("VB") or token.pos_ == "VERB":
                if _verb_entry(token, lexicon)[0] is not None:
                    assert token.i in found
            elif token.pos_ in ("NOUN", "PROPN") and token.tag_ in ("NN", "NNS"):
                if lexicon.nouns.get(token.lemma_.lower()) or lexicon.nouns.get(token.lower_):
                    assert token.i in found


def test_extraction_caches_second_analysis_of_a_doc_is_identical(nlp):
    text = TEXTS[0] + "\n" + TEXTS[1]
    doc = nlp(text)
    article = Article(text=text, id="a1")
    first = json.dumps(analyze_doc(article, doc).to_dict(), sort_keys=True)
    second = json.dumps(analyze_doc(article, doc).to_dict(), sort_keys=True)
    fresh = json.dumps(analyze_doc(article, nlp(text)).to_dict(), sort_keys=True)
    assert first == second == fresh
    assert json.loads(first)["statements"]  # the texts do carry statements


@pytest.mark.parametrize("text", [
    "He said it isn’t true and \"won't\" be «done» — the ministry can’t confirm ‘maybe’ reports.",
    "“We didn’t see anything,” a resident told the agency, which said it couldn't verify the claims.",
])
def test_extraction_caches_stance_words_equal_per_token_reading(nlp, text):
    from claimwatch.nlp.stance import _norm, _norms

    doc = nlp(text)
    assert _norms(doc) == [_norm(t) for t in doc]
    assert "not" in _norms(doc) and "" in _norms(doc)  # "n't"/"n’t" read as "not"; quote marks dropped


def test_actors_equal_length_names_resolve_to_the_first_mentioned(nlp):
    """Two two-word names share a last word: a bare surname goes to the one mentioned first, whatever
    the process's hash seed (it used to follow the iteration order of a set of strings)."""
    from claimwatch.nlp.actors import _full_names

    doc = nlp("Ana Garcia spoke first. Carlos Garcia replied. Garcia left.")
    ana, carlos, bare = doc[0:2], doc[5:7], doc[9:10]
    assert [ana.text, carlos.text, bare.text] == ["Ana Garcia", "Carlos Garcia", "Garcia"]
    assert _full_names([ana, carlos, bare])["Garcia"] == "Ana Garcia"
    assert _full_names([carlos, ana, bare])["Garcia"] == "Carlos Garcia"
