"""Predicate frames (a claim's main verb with its polarity), the same_frame matching level, and links
between related ledger claims (umbrella and specific propositions). Sentences written for the tests."""
from __future__ import annotations

import pytest

from claimwatch.ledger import Ledger, matching
from claimwatch.ledger.queries import claim_detail
from claimwatch.nlp.claims import verb_frame
from support import scripted_article


@pytest.mark.parametrize(("sentence", "expected"), [
    ("The ferry company opened a second terminal in the harbour.", "open"),
    ("The ferry company plans to open a second terminal in the harbour.", "open"),  # through a control verb
    ("The navy deployed two frigates to the strait.", "send"),  # a paraphrase folded to its set's first verb
    ("The council did not close the old bridge.", "not close"),  # polarity is part of the frame
    ("The union had talks with the mill owners.", None),  # a light verb: the meaning is in its object
    ("The mayor said the bridge was safe.", None),  # a reporting verb frames nothing
])
def test_ledger_frames_main_predicate_with_polarity(nlp, sentence, expected):
    doc = nlp(sentence)
    root = next(t for t in doc if t.dep_ == "ROOT")
    negated = any(c.dep_ == "neg" for c in root.children)
    assert verb_frame(root, negated) == expected


def _f(text, frame, event_type=None, subject=None):
    return matching.make_features(text, event_type, subject, frame=frame)


def test_ledger_frames_same_predicate_lifts_a_pair_without_type_agreement():
    a = _f("the ferry operator opened a second terminal at the harbour", "open")
    b = _f("a new terminal will be opened by the operator next spring", "open")
    result = matching.score_pair(a, b)
    assert result.level == "same_frame" and result.matched
    # the same words without a shared predicate stay at the stricter bar
    other = matching.score_pair(_f(a.text, "open"), _f(b.text, "close"))
    assert other.level != "same_frame" and not other.matched


def test_ledger_frames_different_predicates_are_not_joined_on_shared_words():
    """ "troops were sent to the front" / "troops suffered losses at the front": many words in common,
    two propositions; shared words lift only pairs whose predicates do not differ."""
    sent = _f("northern troops were sent to the eastern front near the river", "send")
    losses = _f("northern troops suffered heavy losses on the eastern front near the river", "suffer")
    assert matching.score_pair(sent, losses).level == "nothing_shared"
    assert matching.score_pair(sent, _f(losses.text, None)).level == "shared_words"  # one frame unknown


def test_ledger_frames_a_negated_restatement_is_not_the_same_frame():
    a = _f("the ferry operator opened a second terminal at the harbour", "open")
    b = _f("the ferry operator has not opened a second terminal at the harbour", "not open")
    assert matching.score_pair(a, b).level != "same_frame"


def test_ledger_frames_claims_without_a_frame_are_not_lifted():
    a = _f("the ferry operator held talks at the harbour", None)
    b = _f("talks at the harbour were held by the operator", None)
    assert matching.score_pair(a, b).level != "same_frame"


ACTORS = {"Ruritanian army": ("organization", "Ruritania"), "Harbour Gazette": ("organization", "")}


def test_ledger_frames_umbrella_and_specific_claims_are_separate_but_related():
    """ "troops were sent" and "troops are fighting": same agent, the parent type and a child type, not
    one proposition; each is its own ledger claim and each names the other as related."""
    first = scripted_article("2025-02-01T08:00:00+00:00", "Harbour Gazette", [
        ("Ruritanian army", "said", "it sent two brigades to the northern border", "asserts",
         "Ruritania sent two brigades to the northern border", "troop_deployment", "Ruritania")], ACTORS)
    second = scripted_article("2025-02-03T08:00:00+00:00", "Valley Courier", [
        ("Ruritanian army", "said", "its units were fighting in a night battle near the pass", "asserts",
         "Ruritanian units were fighting in a night battle near the pass", "military_involvement", "Ruritania")],
        ACTORS)
    with Ledger(":memory:", embedder=lambda: None) as ledger:
        ledger.add_analysis(first)
        ledger.add_analysis(second)
        ids = [r[0] for r in ledger.connection.execute("SELECT id FROM ledger_claims ORDER BY id")]
        assert len(ids) == 2
        sent, fighting = (claim_detail(ledger, i) for i in ids)
        assert [r.id for r in sent.related] == [ids[1]]
        assert [r.id for r in fighting.related] == [ids[0]]


def test_ledger_frames_frame_survives_store_and_load():
    art = scripted_article("2025-02-01T08:00:00+00:00", "Harbour Gazette", [
        ("Ruritanian army", "said", "it sent two brigades to the northern border", "asserts",
         "Ruritania sent two brigades to the northern border", "troop_deployment", "Ruritania")], ACTORS)
    from dataclasses import replace
    art = replace(art, claims=tuple(replace(c, frame="send") for c in art.claims))
    with Ledger(":memory:", embedder=lambda: None) as ledger:
        ledger.add_analysis(art)
        assert [c.frame for c in ledger.analysis(art.article.id).claims] == ["send"]


def test_ledger_frames_a_negated_restatement_is_a_denial_of_the_claim():
    """ "The terminal will not close" after "the terminal will close": one ledger claim, and the
    negated restatement counts against it instead of founding a claim of its own."""
    actors = {"Harbour Gazette": ("organization", ""), "Ruritanian port authority": ("organization", "Ruritania")}
    report = scripted_article("2025-02-01T08:00:00+00:00", "Harbour Gazette", [
        ("Harbour Gazette", "reported", "the Port Ellery ferry terminal will close for a year", "asserts",
         "the Port Ellery ferry terminal will close for a year", None, None)], actors)
    reply = scripted_article("2025-02-02T08:00:00+00:00", "Valley Courier", [
        ("Ruritanian port authority", "said", "the Port Ellery ferry terminal will not close for a year", "asserts",
         "the Port Ellery ferry terminal will not close for a year", None, None)], actors)
    from dataclasses import replace
    report = replace(report, claims=tuple(replace(c, frame="close") for c in report.claims))
    reply = replace(reply, claims=tuple(replace(c, frame="not close") for c in reply.claims))
    with Ledger(":memory:", embedder=lambda: None) as ledger:
        ledger.add_analysis(report)
        ledger.add_analysis(reply)
        conn = ledger.connection
        assert conn.execute("SELECT COUNT(*) FROM ledger_claims").fetchone()[0] == 1
        assert [r[0] for r in conn.execute("SELECT method FROM ledger_claim_members ORDER BY claim_pk")] == ["new", "negated"]
        assert [f.stance for f in ledger.claims.facts(1)] == ["asserts", "denies"]


def test_ledger_frames_a_negated_claim_with_nothing_to_deny_founds_its_own():
    actors = {"Harbour Gazette": ("organization", "")}
    only = scripted_article("2025-02-02T08:00:00+00:00", "Harbour Gazette", [
        ("Harbour Gazette", "reported", "the northern ferry terminal will not close this year", "asserts",
         "the northern ferry terminal will not close this year", None, None)], actors)
    with Ledger(":memory:", embedder=lambda: None) as ledger:
        ledger.add_analysis(only)
        assert [r[0] for r in ledger.connection.execute("SELECT method FROM ledger_claim_members")] == ["new"]
