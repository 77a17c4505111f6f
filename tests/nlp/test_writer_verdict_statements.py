"""The writer's own verdict on a claim (nlp.writer_verdicts): an unattributed, unquoted, unhedged
sentence calling what it speaks of false is a statement of the article's outlet, else "the writer",
that denies (or disputes) the claim it denotes; rating labels likewise. Passages written for these tests."""
from __future__ import annotations

import pytest

from claimwatch import analyze_text
from claimwatch.errors import LexiconError
from claimwatch.lexicons import load, load_yaml
from claimwatch.model import Article, article_id
from claimwatch.nlp.pipeline import analyze_article
from claimwatch.nlp.writer_verdicts import parse_lexicon, rating, rating_stance

CLAIM = "Anglers said a giant eel blocked the canal lock at Millbrook on Sunday. "


def _own(text: str):
    analysis = analyze_text(text)
    claims = {c.id: c.text for c in analysis.claims}
    return [(s.stance, text[slice(*s.content_span)], [claims[c] for c in s.claims])
            for s in analysis.statements if s.source == "the writer"]


@pytest.mark.parametrize("verdict, stance", [
    ("The story is a hoax.", "denies"),
    ("It turned out to be satire.", "denies"),
    ("The photos were doctored.", "denies"),
    ("Those reports were completely false.", "denies"),
    ("The headline was misleading.", "disputes"),
])
def test_writer_verdict_on_what_the_article_tells(verdict, stance):
    """A verdict that names no claim bears on none in its article: the ledger links it to the central
    claim of the article's story (tests/ledger/test_ledger_writer_verdicts.py)."""
    found = _own(CLAIM + verdict)
    assert len(found) == 1, found
    assert found[0][0] == stance
    assert found[0][2] == []


def test_writer_verdict_on_an_exhibit_bears_on_what_it_was_told_to_show():
    text = "A fisherman posted photos that he said showed a giant eel blocking the canal lock at Millbrook. "
    found = _own(text + "The photos were doctored.")
    assert len(found) == 1 and found[0][0] == "denies"
    assert found[0][2] and "eel" in found[0][2][0]


def test_writer_verdict_on_a_named_claim_founds_or_finds_it():
    found = _own("Reports that the harbour master resigned are false.")
    assert found == [("denies", "Reports that the harbour master resigned are false", ["the harbour master resigned"])]


def test_writer_verdict_attributive_and_noun_shapes():
    assert [f[0] for f in _own(CLAIM + "The fake pictures were shared thousands of times.")] == ["denies"]
    assert [f[0] for f in _own(CLAIM + "The hoax spread quickly on a forum.")] == ["denies"]


@pytest.mark.parametrize("sentence", [
    "The canal trust said the story was a hoax.",  # attributed: the trust's statement, not the writer's
    '"It is a hoax," one angler wrote.',  # quoted
    "The story is probably a hoax.",  # hedged
    "The story is not a hoax.",  # turned: no denial
    "The lock keeper was a fake.",  # said of a person, not of a claim
    "A man carried a fake passport.",  # an attributive word before a thing
    "Readers should beware of hoaxes.",  # hoaxes in general
    "Clerks opened fake accounts to meet their targets.",  # a fake thing, not a false claim
])
def test_writer_verdict_not_given(sentence):
    assert _own(CLAIM + sentence) == []


def test_writer_verdict_source_is_the_article_s_outlet():
    text = CLAIM + "The story is a hoax."
    analysis = analyze_article(Article(text=text, id=article_id(text), outlet="Millbrook Echo"))
    own = [s for s in analysis.statements if s.cue == "a hoax"]
    assert [s.source for s in own] == ["Millbrook Echo"]
    writer = [a for a in analysis.actors if a.name == "Millbrook Echo"]
    assert writer and writer[0].role == load("writer_verdicts").writer_role


@pytest.mark.parametrize("line, stance", [
    ("Rating: False", "denies"),
    ("Our ruling: Pants on Fire!", "denies"),
    ("Verdict - Mostly False.", "disputes"),
    ("Mostly False", "disputes"),
    ("Rating: True", None),
    ("False", None),  # a lone word is no rating label
    ("The ruling: the council may appeal", None),
    ("Update: The ferry left at noon", None),
    ("Canal Check: Pants on Fire", "denies"),
])
def test_writer_verdict_rating_labels(line, stance):
    assert rating_stance(line) == stance


@pytest.mark.parametrize("line, rater", [("Rating: False", None), ("Canal Check: Mostly False.", "Canal Check"),
                                         ("the local fact checkers: False", None)])
def test_writer_verdict_rating_names_its_rater(line, rater):
    found = rating(line)
    assert (found[1] if found else None) == rater


def test_writer_verdict_a_rater_is_the_source_of_its_rating():
    analysis = analyze_text(CLAIM + "\nCanal Check: Pants on Fire\n")
    assert [(s.source, s.stance) for s in analysis.statements if s.source == "Canal Check"] == [("Canal Check", "denies")]


def test_writer_verdict_a_graded_verdict_disputes():
    assert [f[0] for f in _own("The claim that the ferry sank at Millbrook is mostly false.")] == ["disputes"]


def test_writer_verdict_rating_label_is_the_writer_s_denial():
    found = _own(CLAIM + "\nRating: False\n")
    assert found == [("denies", "Rating: False", [])]


@pytest.mark.parametrize("key, bad", [("predicates", "false"), ("ratings", {"supports": ["true"]}),
                                      ("writer_source", "")])
def test_writer_verdict_lexicon_is_checked(key, bad):
    data = {**load_yaml("writer_verdicts.yaml"), key: bad}
    with pytest.raises(LexiconError, match=key):
        parse_lexicon(data)
