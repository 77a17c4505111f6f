"""Statements whose content only refers to claims ("rejected the claims", "no merit in the allegation")
take their stance toward the claim they refer to and found no ledger claim. Sentences written for the tests."""
from __future__ import annotations

import pytest

from claimwatch.ledger import Ledger
from claimwatch.ledger.references import is_reference, reference_stance
from claimwatch.model import Analysis, Article, Statement
from support import scripted_article


@pytest.mark.parametrize(("content", "expected"), [
    ("the claims", True),
    ("these reports", True),
    ("the latest media reports from the capital", True),
    ("such unfounded allegations", True),
    ("it", True),
    ("there was no merit in the accusation", True),
    ("no evidence to support them", True),
    ("the rumours about the mayor", True),
    ("the mayor had resigned", False),  # a proposition of its own
    ("the report that the mayor had resigned was accurate", False),  # the report's content states something
    ("a new bridge across the river", False),  # a noun phrase, but no claim noun
])
def test_ledger_references_which_contents_only_refer_to_claims(content, expected):
    assert is_reference(content) is expected


@pytest.mark.parametrize(("content", "stance", "expected"), [
    ("there was no merit in the accusation", "asserts", "disputes"),
    ("no evidence to support them", "asserts", "disputes"),
    ("the claims", "denies", "denies"),
    ("the reports", "uncommitted", "uncommitted"),
    ("the reports", "supports", "supports"),  # repeating the claims: an echo, not an independent assertion
])
def test_ledger_references_stance_toward_the_claim_referred_to(content, stance, expected):
    assert reference_stance(content, stance) == expected


ACTORS = {"Harbour Gazette": ("organization", ""), "Ruritanian port authority": ("organization", "Ruritania")}


def _reply(published: str, outlet: str, cue: str, content: str, stance: str) -> Analysis:
    """An article that opens with a reference: "<authority> <cue> <content>." and bears on no claim."""
    text = (f"The Ruritanian port authority {cue} {content} on Tuesday. The northern ferry terminal "
            "carries most of the island's freight and a year-long closure would halt the ferry service.")
    start = len("The Ruritanian port authority ")
    statement = Statement(id="s1", source="Ruritanian port authority", cue=cue, cue_span=(start, start + len(cue)),
                          content=content, content_span=(start + len(cue) + 1, start + len(cue) + 1 + len(content)),
                          stance=stance, source_span=(4, 30))
    from claimwatch.model import Actor
    from claimwatch.nlp.pipeline import article_id

    return Analysis(article=Article(text=text, id=article_id(text), outlet=outlet, published=published,
                                    title=f"{outlet} {published}"),
                    statements=(statement,), actors=(Actor("Ruritanian port authority", kind="organization",
                                                           affiliation="Ruritania"),))


def _report() -> Analysis:
    from dataclasses import replace

    from claimwatch.model import Actor

    report = scripted_article("2025-03-01T08:00:00+00:00", "Harbour Gazette", [
        ("Harbour Gazette", "reported", "the northern ferry terminal would close for a year", "asserts",
         "the northern ferry terminal would close for a year", None, None)], ACTORS,
        lead="The northern ferry terminal, run by the Ruritanian port authority, carries most of the island's freight. ")
    return replace(report, actors=report.actors + (Actor("Ruritanian port authority", kind="organization",
                                                          affiliation="Ruritania"),))


def _refers_after_reply(ledger: Ledger, reply: Analysis, content: str) -> int:
    """Add the report, then the reply; the reply founds no ledger claim and its statement refers to one."""
    ledger.add_analysis(_report())
    before = ledger.connection.execute("SELECT COUNT(*) FROM ledger_claims").fetchone()[0]
    ledger.add_analysis(reply)
    conn = ledger.connection
    assert conn.execute("SELECT COUNT(*) FROM ledger_claims").fetchone()[0] == before
    refers = conn.execute("SELECT refers FROM statements WHERE content = ?", (content,)).fetchone()[0]
    assert refers is not None
    return refers


def test_ledger_references_a_rejection_with_no_antecedent_bears_on_the_central_claim():
    reply = _reply("2025-03-02T08:00:00+00:00", "Valley Courier", "rejected", "the reports", "denies")
    with Ledger(":memory:", embedder=lambda: None) as ledger:
        # no ledger claim of its own; the statement now counts against the reported claim
        refers = _refers_after_reply(ledger, reply, "the reports")
        assert [f.stance for f in ledger.claims.facts(refers)][-1] == "denies"
        # the stored analysis is still the one that was added: the link is the ledger's, not the extractor's
        assert ledger.analysis(reply.article.id).statements[0].claims == ()


def test_ledger_references_no_merit_disputes_the_claim():
    reply = _reply("2025-03-02T08:00:00+00:00", "Valley Courier", "said", "there was no merit in the claim", "asserts")
    with Ledger(":memory:", embedder=lambda: None) as ledger:
        ledger.add_analysis(_report())
        ledger.add_analysis(reply)
        refers = ledger.connection.execute("SELECT refers FROM statements WHERE stance = 'asserts'"
                                           " AND content LIKE 'there was no merit%'").fetchone()[0]
        assert [f.stance for f in ledger.claims.facts(refers)][-1] == "disputes"


def test_ledger_references_a_reference_in_an_article_about_nothing_else_stays_unlinked():
    reply = _reply("2025-03-02T08:00:00+00:00", "Valley Courier", "rejected", "the reports", "denies")
    with Ledger(":memory:", embedder=lambda: None) as ledger:
        ledger.add_analysis(reply)
        assert ledger.connection.execute("SELECT refers FROM statements").fetchone()[0] is None


@pytest.mark.parametrize(("content", "expected"), [
    ("the hoax", True),
    ("the fabricated story", True),
    ("this tale about the harbour", True),
    ("the story", True),
    ("the hoax had fooled thousands of readers", False),  # a proposition about the hoax
    ("stories of his childhood in the valley", False),  # plural "stories" is not a claim noun
])
def test_ledger_references_verdict_nouns_and_stories_refer_to_claims(content, expected):
    assert is_reference(content) is expected


@pytest.mark.parametrize(("content", "stance", "expected"), [
    ("the hoax", "asserts", "denies"),  # "the council called it the hoax"
    ("the fabricated story", "supports", "denies"),
    ("the story", "asserts", "asserts"),  # no verdict: the statement's own stance
    ("the hoax", "uncommitted", "uncommitted"),
])
def test_ledger_references_a_reference_that_says_untrue_denies(content, stance, expected):
    assert reference_stance(content, stance) == expected


def test_ledger_references_calling_it_a_hoax_counts_against_the_claim():
    reply = _reply("2025-03-02T08:00:00+00:00", "Valley Courier", "described", "the hoax", "asserts")
    with Ledger(":memory:", embedder=lambda: None) as ledger:
        ledger.add_analysis(_report())
        ledger.add_analysis(reply)
        refers = ledger.connection.execute("SELECT refers FROM statements WHERE content = 'the hoax'").fetchone()[0]
        assert refers is not None
        assert [f.stance for f in ledger.claims.facts(refers)][-1] == "denies"


@pytest.mark.parametrize("content, expected", [
    ("the closure is a hoax", "denies"),
    ("reports of the closure are unconfirmed", "uncommitted"),
    ("the story about the terminal is accurate", "supports"),
])
def test_ledger_references_a_verdict_on_a_named_claim_bears_on_the_central_claim(content, expected):
    # the extractor found no antecedent for what the verdict names: it names what the story is about
    reply = _reply("2025-03-02T08:00:00+00:00", "Valley Courier", "said", content, "asserts")
    with Ledger(":memory:", embedder=lambda: None) as ledger:
        refers = _refers_after_reply(ledger, reply, content)
        assert [f.stance for f in ledger.claims.facts(refers)][-1] == expected


def test_ledger_references_a_named_verdict_prefers_the_claim_it_names():
    from dataclasses import replace

    from claimwatch.model import Actor

    report = scripted_article("2025-03-01T08:00:00+00:00", "Harbour Gazette", [
        ("Harbour Gazette", "reported", "the northern ferry terminal would close for a year", "asserts",
         "the northern ferry terminal would close for a year", None, None),
        ("Harbour Gazette", "reported", "the harbour master was arrested on Monday", "asserts",
         "the harbour master was arrested on Monday", None, None)], ACTORS,
        lead="The northern ferry terminal, run by the Ruritanian port authority, carries most of the island's freight. ")
    report = replace(report, actors=report.actors + (Actor("Ruritanian port authority", kind="organization",
                                                            affiliation="Ruritania"),))
    reply = _reply("2025-03-02T08:00:00+00:00", "Valley Courier", "said", "the arrest is a hoax", "asserts")
    with Ledger(":memory:", embedder=lambda: None) as ledger:
        ledger.add_analysis(report)
        ledger.add_analysis(reply)
        conn = ledger.connection
        refers = conn.execute("SELECT refers FROM statements WHERE content = 'the arrest is a hoax'").fetchone()[0]
        assert "arrested" in conn.execute("SELECT text FROM ledger_claims WHERE id = ?", (refers,)).fetchone()[0]
        assert [f.stance for f in ledger.claims.facts(refers)][-1] == "denies"
