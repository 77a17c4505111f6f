"""An identity claim and the clause that tells its act are one proposition for the ledger: "X is the
killer of Y" meets "X killed Y"; "X is a suspect in Y's killing" meets "X killed Y" too (the hedge
stays on the statement). Sentences written for the tests."""
import pytest

from claimwatch.ledger import matching
from claimwatch.nlp.claims import clause_agent, verb_frame


def _name_at(tok):
    for ent in tok.doc.ents:
        if ent.start <= tok.i < ent.end and ent.label_ in ("GPE", "NORP", "ORG", "PERSON"):
            return ent.text.removesuffix("'s")
    return None


def _features(nlp, sentence):
    doc = nlp(sentence)
    root = next(t for t in doc if t.dep_ == "ROOT")
    frame = verb_frame(root, any(c.dep_ == "neg" for c in root.children))
    return matching.make_features(sentence, None, clause_agent(doc[:], _name_at), frame=frame)


@pytest.mark.parametrize("other", [
    "Marek Voss is the killer of the ferryman Anna Lind.",
    "Marek Voss is believed to be the ferryman's murderer.",
    "Marek Voss has emerged as the main suspect in the beheading of the ferryman.",
    "Marek Voss is the man who executed the ferryman.",
])
def test_ledger_identity_claims_meet_the_act(nlp, other):
    act = _features(nlp, "Marek Voss killed the ferryman Anna Lind near the border.")
    result = matching.score_pair(act, _features(nlp, other))
    assert result.matched and result.level == "same_frame", result.reason


def test_ledger_identity_claims_keep_other_acts_apart(nlp):
    act = _features(nlp, "Marek Voss killed the ferryman near the border.")
    owner = _features(nlp, "Marek Voss is the owner of a bakery in the old town.")
    assert not matching.score_pair(act, owner).matched
    denial = _features(nlp, "Marek Voss is not the killer of the ferryman.")
    assert matching.score_pair(act, denial).level != "same_frame"
