"""Extraction precision: cue uses that are not speech acts, contents that are not propositions.

Each passage is written for these tests. The negative cases are uses of cue words that report no
statement ("the plant released solvent", "called an emergency meeting", "the residue found on the
pipes", "told reporters" with the hearer as content); the positive cases are the speech readings of
the same words, which must stay. The claim cases check that a content stating nothing of its own
("questions from journalists", "photographs of the rescue", "the arrest") founds no claim and, when
the article makes the referent clear, points to the claim it is about.
"""
from __future__ import annotations

import pytest

from claimwatch.errors import LexiconError
from claimwatch.model import Analysis, Statement
from claimwatch.nlp.speech import SPEECH_OBJECT_SECTIONS, load_speech_objects, parse_speech_objects


def _cue(analysis: Analysis, s: Statement) -> str:
    return analysis.article.text[slice(*s.cue_span)]


def _content(analysis: Analysis, s: Statement) -> str:
    return analysis.article.text[slice(*s.content_span)]


def _claim_texts(analysis: Analysis) -> list[str]:
    return [c.text for c in analysis.claims]


# --- cue uses that report no statement -----------------------------------------------------------

NO_STATEMENT = [
    # a thing is no speaker: "samples showed" is evidence inside the scientists' statement
    ("Scientists at the Hallam Institute said their water samples showed the refinery had released benzene "
     "into the lake.", "showed"),
    # "release" with an object that is no document or speech
    ("Scientists at the Hallam Institute said their water samples showed the refinery had released benzene "
     "into the lake.", "released"),
    ("The mining company released waste water into the river last spring, residents said.", "released"),
    ("The army issued rifles to the new recruits on Tuesday, a spokesman said.", "issued"),
    # a participle modifying a noun ("the residue found on the pipes") is no finding by the residue
    ("Dr Ines Moreau, who ran the analysis, said the residue found on the pipes matched a pesticide sold in "
     "the region.", "found"),
    ("The chief engineer said the metal found in the wreckage matched a part made at the factory.", "found"),
    ("A hospital spokeswoman said the virus found in the samples matched a strain seen last winter.", "found"),
    # "call" without a secondary predicate convenes, it does not say anything
    ("Prime Minister Ada Okafor called an emergency cabinet meeting.", "called"),
    ("The union called a nationwide strike for Monday.", "called"),
    # "threaten" with a plain object is a danger, not a threat uttered
    ("Armed groups that threaten aid workers have moved into the valley, the United Nations said.", "threaten"),
    # "recall" with a plain object is a product recall, not a memory told
    ("The carmaker recalled 200,000 vans over faulty brakes, the regulator said.", "recalled"),
    # a verb coordinated with what was declined is part of the refusal, not a second statement
    ("The president declined to condemn the attack or even publicly blame the militia.", "blame"),
]


@pytest.mark.parametrize("text, cue", NO_STATEMENT)
def test_precision_no_statement_with_cue(analyse, text: str, cue: str) -> None:
    analysis = analyse(text)
    found = [(s.source, _cue(analysis, s), _content(analysis, s)) for s in analysis.statements]
    assert not any(cue in _cue(analysis, s).split() for s in analysis.statements), found


HEARER_NOT_CONTENT = [
    ("The health agency told legislators the same day that about 40 patients had now been admitted and that "
     "the ward would close by Friday.", "legislators"),
    ("The central bank told lawmakers the same day that inflation had eased and that rates would fall.", "lawmakers"),
    ("Inflation slowed to 2.1 percent in March, a central bank adviser told reporters.", "reporters"),
    ("The coach briefed journalists after the match.", "journalists"),
]


@pytest.mark.parametrize("text, hearer", HEARER_NOT_CONTENT)
def test_precision_hearer_is_never_the_content(analyse, text: str, hearer: str) -> None:
    analysis = analyse(text)
    assert all(_content(analysis, s) != hearer for s in analysis.statements), \
        [(_cue(analysis, s), _content(analysis, s)) for s in analysis.statements]
    assert hearer not in _claim_texts(analysis)


def test_precision_told_hearer_then_that_clause_keeps_the_clause(analyse) -> None:
    analysis = analyse("The health agency told legislators the same day that about 40 patients had now been admitted "
                       "and that the ward would close by Friday.")
    contents = [_content(analysis, s) for s in analysis.statements if _cue(analysis, s) == "told"]
    assert contents and contents[0].startswith("about 40 patients had now been admitted")


def test_precision_declined_to_comment_on_is_one_statement(analyse) -> None:
    analysis = analyse("The energy ministry declined to comment on the reports from Oslo.")
    assert len(analysis.statements) == 1
    assert analysis.statements[0].stance == "uncommitted"


# --- the speech readings of the same words stay --------------------------------------------------

KEPT = [
    ("The ministry released a statement saying the dam was safe.", "ministry", "the dam was safe"),
    ("Investigators found that the brakes had failed before the crash.", "Investigators",
     "the brakes had failed before the crash"),
    ("The foreign minister told reporters that the border would reopen on Friday.", "minister",
     "the border would reopen on Friday"),
    ("Kremlin officials called the reports fake.", "officials", "the reports fake"),
    ("The army threatened that it would shell the town if the fighters did not leave.", "army",
     "it would shell the town if the fighters did not leave"),
    ("The former minister recalled that the treaty had been signed in secret.", "minister",
     "the treaty had been signed in secret"),
    ("The statistics office published figures showing that exports fell by 4 percent.", "office",
     "exports fell by 4 percent"),
]


@pytest.mark.parametrize("text, source, content", KEPT)
def test_precision_speech_reading_kept(analyse, text: str, source: str, content: str) -> None:
    analysis = analyse(text)
    found = [(s.source, _cue(analysis, s), _content(analysis, s)) for s in analysis.statements]
    assert any(source.lower() in s.source.lower() and _content(analysis, s) == content
               for s in analysis.statements), found


# --- contents that state no proposition of their own --------------------------------------------

NO_CLAIM_OF_ITS_OWN = [
    ("The governor did not answer questions from journalists after the hearing.", "questions"),
    ("The port authority said it had found no fault in the cranes. Unions did not respond to requests for "
     "comment on the audit.", "requests"),
    ("Coastguard officials said on Monday that they had rescued 30 migrants off the coast. They posted "
     "photographs of the rescue.", "photographs"),
]


@pytest.mark.parametrize("text, word", NO_CLAIM_OF_ITS_OWN)
def test_precision_non_propositional_content_founds_no_claim(analyse, text: str, word: str) -> None:
    analysis = analyse(text)
    assert not any(word in c for c in _claim_texts(analysis)), _claim_texts(analysis)


LINKED_BACK = [
    # published matter backs the same speaker's claim before it
    ("Coastguard officials said on Monday that they had rescued 30 migrants off the coast. They posted "
     "photographs of the rescue.", "posted"),
    # a bare definite event noun names the event told before
    ("Police said officers had arrested a suspect in Leeds on Sunday. The Home Office later confirmed the arrest.",
     "confirmed"),
    # a comment on an anaphor points to the claims it means
    ("The port authority said it had found no fault in the cranes. Unions did not respond to requests for "
     "comment on the findings.", "did not respond"),
]


@pytest.mark.parametrize("text, cue", LINKED_BACK)
def test_precision_non_propositional_content_points_to_earlier_claim(analyse, text: str, cue: str) -> None:
    analysis = analyse(text)
    first = analysis.statements[0]
    later = next(s for s in analysis.statements if _cue(analysis, s) == cue)
    assert first.claims and set(later.claims) <= set(first.claims) and later.claims, \
        (first.claims, later.claims, _claim_texts(analysis))


def test_precision_comment_on_claims_of_an_unheard_source_links_nothing(analyse) -> None:
    analysis = analyse("The opposition said the election had been rigged. The interior ministry declined to comment "
                       "on the claims from observers in Geneva.")
    declined = next(s for s in analysis.statements if s.stance == "uncommitted")
    assert declined.claims == ()
    assert not any("claims" in c for c in _claim_texts(analysis))


def test_precision_thing_that_shows_gives_the_shown_clause_as_claim(analyse) -> None:
    analysis = analyse("Scientists at the Hallam Institute said their water samples showed the refinery had released "
                       "benzene into the lake.")
    assert [s.source for s in analysis.statements] == ["Hallam Institute"] or len(analysis.statements) == 1
    assert any(c.startswith("the refinery had released benzene") for c in _claim_texts(analysis)), _claim_texts(analysis)


NO_CLAIM_AT_ALL = [
    # purely anaphoric, with nothing before it in the article to point to
    ("Asked about drone footage of foreign fighters near the border, the minister did not deny that they were there.",
     "did not deny"),
    # a judgement about a bare kind: an opinion, no checkable claim
    ("Tariffs are a blunt instrument, the senator said.", "said"),
]


@pytest.mark.parametrize("text, cue", NO_CLAIM_AT_ALL)
def test_precision_statement_kept_without_claim(analyse, text: str, cue: str) -> None:
    analysis = analyse(text)
    statement = next((s for s in analysis.statements if _cue(analysis, s) == cue), None)
    assert statement is not None, [(_cue(analysis, s), _content(analysis, s)) for s in analysis.statements]
    assert statement.claims == () and analysis.claims == ()


def test_precision_generic_judgement_needs_a_bare_kind(analyse) -> None:
    analysis = analyse("These tariffs are a blunt instrument, the senator said.")
    assert _claim_texts(analysis) == ["These tariffs are a blunt instrument"]


def test_precision_declined_to_confirm_claims_the_object(analyse) -> None:
    analysis = analyse("The ministry declined to confirm the arrival of the warships.")
    assert _claim_texts(analysis) == ["the arrival of the warships"]


def test_precision_ledger_gets_no_exchange_claims(nlp) -> None:
    """End to end: what the ledger lists as claims are propositions, not hearers or requests."""
    from claimwatch.ledger import Ledger
    from claimwatch.ledger.queries import list_claims
    from claimwatch.nlp.pipeline import analyze_text

    text = ("The coastguard told reporters that 30 migrants had been rescued off the island. "
            "The interior ministry did not respond to requests for comment on the rescue. "
            "The mayor did not answer questions from journalists. The prefect called an emergency meeting.")
    with Ledger(":memory:", embedder=lambda: None) as ledger:
        ledger.add_analysis(analyze_text(text, nlp=nlp))
        texts = [c.text for c in list_claims(ledger)]
    assert texts == ["30 migrants had been rescued off the island"]


# --- the lexicon ---------------------------------------------------------------------------------

def test_precision_speech_objects_lexicon_loads() -> None:
    lex = load_speech_objects()
    assert "statement" in lex.documents and "release" in lex.publishing_verbs and "reporters" in lex.hearers


@pytest.mark.parametrize("bad", [
    {"version": 2},
    {"version": 1, "publishing_verbs": ["release"]},
])
def test_precision_speech_objects_lexicon_rejects_malformed(bad) -> None:
    with pytest.raises(LexiconError):
        parse_speech_objects(bad)


def test_precision_speech_objects_lexicon_rejects_duplicates() -> None:
    data = {k: ["x"] for k in SPEECH_OBJECT_SECTIONS}
    data["version"] = 1
    data["documents"] = ["memo", "memo"]
    with pytest.raises(LexiconError):
        parse_speech_objects(data)


# --- what founds a claim: propositions only (issue 16, point 1) ------------------------------------

@pytest.mark.parametrize("text, claim", [
    ("The harbour master said the ferry had run aground near the breakwater.", "the ferry had run aground near the breakwater"),
    ("The union said workers will strike on Monday.", "workers will strike on Monday"),
    ("The climbers claimed to have reached the summit before the storm.", "to have reached the summit before the storm"),
    ("A former clerk accused the council of shredding planning files.", "shredding planning files"),
])
def test_precision_propositions_found_claims(analyse, text: str, claim: str) -> None:
    texts = _claim_texts(analyse(text))
    assert any(claim in t for t in texts), texts


@pytest.mark.parametrize("text", [
    "The mayor expressed concern over the weekend.",                  # a bare noun phrase
    "The spokesman said last year.",                                  # a time, no predicate
    "Residents asked whether the water was safe to drink?",           # a question
    "Police urged residents to leave the valley before nightfall.",   # an appeal
    "The fire chief told reporters: Stay away from the old mill.",    # an imperative
])
def test_precision_non_propositions_found_no_claim(analyse, text: str) -> None:
    assert _claim_texts(analyse(text)) == []


def test_precision_a_rejection_that_states_nothing_bears_on_what_the_article_is_about(analyse) -> None:
    analysis = analyse("A local paper reported that the mayor had sold the town's fire engine to a collector. "
                       "The mayor's office rejected the reports on Tuesday.")
    told = next(s for s in analysis.statements if "fire engine" in _content(analysis, s))
    rejection = next(s for s in analysis.statements if s.stance == "denies")
    assert rejection.claims and set(rejection.claims) <= set(told.claims)


def test_precision_claim_text_keeps_the_articles_spacing(analyse) -> None:
    analysis = analyse("The minister said the country's long-term plan can't be changed.")
    assert "the country's long-term plan can't be changed" in _claim_texts(analysis)
