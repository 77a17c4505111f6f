"""The lexical side of a pair's score counts one main predicate once, however each claim wrote it
("executed" / "beheaded", "took away" / "bundled"); claims with two predicates, or without one, score
as before. Sentences written for the tests."""
from __future__ import annotations

from claimwatch.ledger import matching


def _f(text, frame):
    return matching.make_features(text, None, None, frame=frame)


def test_ledger_frame_lexical_a_paraphrased_predicate_counts_as_a_shared_word():
    a = _f("wardens took away six porters near the quay", "take away")
    b = _f("six porters were bundled into a van near the quay", "take away")
    plain = matching.jaccard(a.tokens, b.tokens)
    assert matching.lexical_similarity(a, b) > plain
    # a negated claim meets its affirmative through matching.affirmative, where the word counts too
    c = _f("wardens did not take away six porters near the quay", "not take away")
    d = _f("wardens took away six porters near the quay", "take away")
    assert matching.lexical_similarity(c, d) == matching.jaccard(c.tokens, d.tokens)
    assert matching.lexical_similarity(matching.affirmative(c), d) > matching.jaccard(c.tokens, d.tokens)


def test_ledger_frame_lexical_a_repeated_verb_counts_once():
    """ "captured" in both is already a shared stem: the frame adds nothing more."""
    a = _f("the ferryman was captured near the weir", "arrest")
    b = _f("he had been captured by bandits", "arrest")
    assert matching.lexical_similarity(a, b) == matching.jaccard(a.tokens, b.tokens)
    c = _f("bandits seized the ferryman near the weir", "arrest")
    assert matching.lexical_similarity(a, c) > matching.jaccard(a.tokens, c.tokens)


def test_ledger_frame_lexical_two_predicates_or_none_score_as_plain_jaccard():
    a = _f("wardens took away six porters near the quay", "take away")
    b = _f("six porters were paid near the quay", "pay")
    assert matching.lexical_similarity(a, b) == matching.jaccard(a.tokens, b.tokens)
    c = _f("six porters near the quay", None)
    assert matching.lexical_similarity(a, c) == matching.jaccard(a.tokens, c.tokens)
