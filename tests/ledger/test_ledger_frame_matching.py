"""Matching by proposition: one main predicate outweighs event types read from the clauses around it,
a claim joins the ledger claim that states its predicate rather than one that only shares its topic,
and two spellings of one person's name are one agent. Sentences written for the tests."""
from __future__ import annotations

from claimwatch.ledger import matching


def _f(text, frame, event_type=None, subject=None):
    return matching.make_features(text, event_type, subject, frame=frame)


def test_ledger_frame_matching_one_predicate_is_not_blocked_by_types_of_its_clauses():
    """ "executed the courier, who was kidnapped in May" (typed as a detention) and "the beheading of
    the courier in retaliation for the raids" (typed as an attack): one killing."""
    a = _f("rebels executed the courier Tomas Vell who was kidnapped near the border in May", "kill", "detention")
    b = _f("the beheading of the courier Tomas Vell by rebels near the border", "kill", "attack")
    result = matching.score_pair(a, b)
    assert result.level == "same_frame" and result.matched
    # without a shared predicate the type conflict still blocks
    assert matching.score_pair(_f(a.text, "kidnap", "detention"), b).level == "blocked"
    assert matching.score_pair(_f(a.text, None, "detention"), b).level == "blocked"


def test_ledger_frame_matching_prefers_the_claim_with_the_same_predicate():
    """Two ledger claims would take the new claim; the one whose member has its predicate wins over
    a wider margin on shared topic words."""
    topic = _f("the agency opened a file on the courier Tomas Vell after rebels kidnapped him", "open")
    killing = _f("rebels killed the courier Tomas Vell in the hills above the river", "kill")
    new = _f("rebels executed the courier Tomas Vell after they kidnapped him", "kill")
    lenient = matching.MatchConfig(lexical_weight=1.0, embedding_weight=0.0,
                                   thresholds={level: (0.1, 0.1) for level in matching.LEVELS},
                                   related_types_compatible=True, min_tokens=2)
    assert matching.score_pair(new, topic, lenient).score > matching.score_pair(new, killing, lenient).score
    found = matching.best_match(new, [("topic", topic), ("killing", killing)], lenient)
    assert found is not None and found[0] == "killing"
    # with no candidate of the same predicate, the widest margin still wins
    found = matching.best_match(new, [("topic", topic), ("other", _f("a bus was stopped in the hills", "stop"))], lenient)
    assert found is not None and found[0] == "topic"


def test_ledger_frame_matching_name_spellings_are_one_agent():
    a = _f("Abel Karim Tovar opened a bakery in the old port", "open", subject="Abel Karim Tovar")
    b = _f("Abel-Karim Tovar opened a new bakery in the port", "open", subject="Abel-Karim Tovar")
    assert matching.score_pair(a, b).level != "blocked"
    c = _f("Abel Karim Mendez opened a bakery in the old port", "open", subject="Abel Karim Mendez")
    assert matching.score_pair(a, c).level == "blocked"  # another surname: another person


def test_ledger_frame_matching_an_antonym_state_is_a_negated_restatement():
    """ "the goalkeeper is alive" (frame "not die") reads as negated, so the ledger can join it to
    "the goalkeeper died" as a denial (``matching.affirmative``)."""
    alive = _f("the goalkeeper Ivo Brand is alive and well", "not die")
    assert alive.negated
    positive = matching.affirmative(alive)
    assert positive is not None and positive.frame == "die" and not positive.negated

