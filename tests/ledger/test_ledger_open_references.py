"""Open references (issue 16, "References to claims resolve"): a reaction on condition that a claim
hold ("if genuine, we are appalled ...") or a check of "it" ("could not verify it") leaves the claim its
story is about open. With no antecedent in its article, the ledger links it to the central claim of
the article's and its story's claims together. Sentences written for the tests."""
from __future__ import annotations

from dataclasses import replace

import pytest

from claimwatch.ledger import Ledger
from claimwatch.ledger.references import is_reference, open_reference, reference_stance
from claimwatch.model import Actor, Analysis
from support import scripted_article


@pytest.mark.parametrize("content", [
    "If genuine, we are horrified by the cruel killing of a defenceless pilot",
    "if the recording is authentic they are appalled by the murder",
    "Should the reports prove accurate, we condemn this cowardly crime",
    "officials were working to determine its authenticity",
    "it could not independently verify it",
    "analysts are studying the recording to determine whether it is genuine",
    "they have not yet confirmed the authenticity of the recording",
])
def test_ledger_open_references_are_references_and_keep_their_stance(content):
    assert open_reference(content) and is_reference(content)
    assert reference_stance(content, "uncommitted") == "uncommitted"


@pytest.mark.parametrize("content", [
    "If confirmed by the Senate, she would be the first woman to run the agency",
    "if the budget is approved, the hospital will open in May",
    "the inspectors will check the results next week",
    "the company could not confirm the merger talks",
])
def test_ledger_open_references_a_content_of_its_own_is_none(content):
    assert not open_reference(content)


ACTORS = {"Harbour Gazette": ("organization", ""), "Island Post": ("organization", ""),
          "Ruritanian port authority": ("organization", "Ruritania")}
CLOSURE = "the northern ferry terminal would close for a year"
LEAD = "The northern ferry terminal, run by the Ruritanian port authority, carries most of the island's freight. "


def _report(published: str, outlet: str) -> Analysis:
    return scripted_article(published, outlet, [(outlet, "reported", CLOSURE, "asserts", CLOSURE, None, None)],
                            ACTORS, lead=LEAD)


def _reaction(published: str) -> Analysis:
    """An article that tells a detail of its own, then reacts on condition that the closure holds."""
    detail = "the ferry terminal's night shift had been cut to four dock workers"
    reaction = "If confirmed, the ferry terminal closure is a shocking blow to island traders"
    article = scripted_article(published, "Valley Courier", [
        ("Ruritanian port authority", "said", detail, "asserts", detail, None, None),
        ("Ruritanian port authority", "said", reaction, "uncommitted", None, None, None)], ACTORS,
        lead=LEAD + "Island traders fear the northern ferry terminal will close for a year. ")
    told, reacting = article.statements
    return replace(article, statements=(told, replace(reacting, claims=())), claims=article.claims[:1],
                   actors=article.actors + (Actor("Ruritanian port authority", kind="organization",
                                                  affiliation="Ruritania"),))


def test_ledger_open_references_an_open_reference_bears_on_the_story_central_claim():
    with Ledger(":memory:", embedder=lambda: None) as ledger:
        ledger.add_analysis(_report("2025-03-01T08:00:00+00:00", "Harbour Gazette"))
        ledger.add_analysis(_report("2025-03-01T09:00:00+00:00", "Island Post"))
        ledger.add_analysis(_reaction("2025-03-02T08:00:00+00:00"))
        conn = ledger.connection
        refers = conn.execute("SELECT refers FROM statements WHERE content LIKE 'If confirmed%'").fetchone()[0]
        assert refers is not None
        text = conn.execute("SELECT text FROM ledger_claims WHERE id = ?", (refers,)).fetchone()[0]
        assert "close for a year" in text
        assert [f.stance for f in ledger.claims.facts(refers)][-1] == "uncommitted"


@pytest.mark.parametrize("content, expected", [
    ("there was no reliable proof that the closure is authentic", True),  # a doubt on a named claim
    ("no evidence that the recording was genuine", True),
    ("there was no evidence that the harbour master resigned", False),  # a proposition of its own
])
def test_ledger_open_references_no_proof_of_a_verdict_disputes_it(content, expected):
    assert is_reference(content) is expected
    if expected:
        assert reference_stance(content, "asserts") == "disputes"
