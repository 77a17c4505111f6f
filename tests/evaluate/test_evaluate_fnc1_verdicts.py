"""The body's own verdict on the rumour (evaluate/verdicts.py) and how FNC-1 reads it against the
headline's stance. Sentences are made up."""
from __future__ import annotations

import pytest

from claimwatch.errors import LexiconError
from claimwatch.evaluate import fnc1
from claimwatch.evaluate.config import load_config, parse_config
from claimwatch.evaluate.verdicts import own_verdicts, sentence_verdicts
from claimwatch.lexicons import load_yaml
from claimwatch.model import Analysis, Article

WORDS = load_config().fnc1.verdict


@pytest.mark.parametrize("sentence, expected", [
    ("The tale of the talking parrot is a hoax.", [("a hoax", False)]),
    ("The picture of the flooded stadium turned out to be fake.", [("fake", False)]),
    ("Those reports were completely false and the council never met.", [("false", False)]),
    ("The parade photo was doctored.", [("doctored", False)]),
    ("Fake screenshots of the minister's message spread quickly.", [("fake", False)]),
    ("The whole episode began as a hoax on a forum.", [("hoax", False)]),
    ("The footage of the comet is not a hoax.", [("a hoax", True)]),
    ("The story wasn't fake.", [("fake", True)]),
    ("The smuggler carried a fake passport.", []),  # an attributive word before a thing, not a rumour
    ("The alarm was a false start for the rescuers.", []),  # the predicate does not close its clause
    ("The clip is probably fake.", []),  # hedged
    ("If the letter is a hoax, the police will say so.", []),  # hedged
    ('"It is a hoax," he wrote on his page.', []),  # in quotation marks: someone else's words
])
def test_evaluate_verdicts_in_a_sentence(sentence, expected):
    found = [(v.words, v.turned) for v in sentence_verdicts(sentence, WORDS)]
    assert found == expected


def test_evaluate_verdicts_attributed_sentences_are_not_the_bodys_own():
    assert own_verdicts(["The mayor said the story was false."], WORDS) == (0, 0)
    assert own_verdicts(["The story was false.", "The clip is not a fake."], WORDS) == (1, 1)


HEADLINE = "Giant squid found in the harbour at Portsmouth"
DEBUNKING = ("Pictures of a giant squid in the harbour at Portsmouth spread on Tuesday. "
             "The pictures turned out to be doctored, and the squid was a hoax.")
VOUCHING = ("Pictures of a giant squid in the harbour at Portsmouth spread on Tuesday. "
            "Some doubted them, but the pictures are not fake.")


def _decide(headline: str, body: str) -> fnc1.Decision:
    view = fnc1.prepare_body(Analysis(article=Article(text=body, id="v1")), embed=None)
    return fnc1.decide(headline, view)


@pytest.mark.parametrize("headline, expected", [
    (HEADLINE, "disagree"),  # the headline states the rumour the body rejects
    ("Giant squid in Portsmouth harbour was a hoax", "agree"),  # the headline rejects it too
    ("Giant squid reportedly found in Portsmouth harbour", "discuss"),  # the headline only reports it
])
def test_evaluate_fnc1_the_bodys_own_verdict_rejects_the_rumour(headline, expected):
    decision = _decide(headline, DEBUNKING)
    assert decision.label == expected and decision.rule.startswith("the body's own verdict")


def test_evaluate_fnc1_a_turned_verdict_vouches_for_the_rumour():
    assert _decide(HEADLINE, VOUCHING).label == "agree"
    assert _decide("Giant squid in Portsmouth harbour was a hoax", VOUCHING).label == "disagree"


def test_evaluate_fnc1_verdict_on_something_else_is_not_read():
    body = ("A giant squid was found in the harbour at Portsmouth on Tuesday. "
            "Divers took samples. Separately, a fake charity collected money at the station.")
    assert not _decide(HEADLINE, body).rule.startswith("the body's own verdict")


@pytest.mark.parametrize("key, bad", [("min_verdicts", 0), ("headline_stances", {"neutral": "agree"}),
                                      ("vouching_stances", {"for": "unrelated"}), ("pointers", "it")])
def test_evaluate_fnc1_verdict_words_are_checked(key, bad):
    data = load_yaml("eval_stance.yaml")
    verdict = {**data["fnc1"]["verdict"], key: bad}
    with pytest.raises(LexiconError, match=key):
        parse_config({**data, "fnc1": {**data["fnc1"], "verdict": verdict}})


def test_evaluate_fnc1_reads_the_writer_s_verdicts_apart_from_its_statements():
    """A body's own verdict is a statement of the writer in the product; eval fnc1 counts it once, as
    the body's verdict (body_verdict), not again as a matched or referring statement."""
    from claimwatch import analyze_text

    analysis = analyze_text(DEBUNKING)
    assert any(s.source == "the writer" for s in analysis.statements)
    view = fnc1.prepare_body(analysis, embed=None)
    assert not any(s.source == "the writer" for s in view.analysis.statements)
