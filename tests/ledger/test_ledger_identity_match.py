"""An identity claim and the clause that tells its act are one proposition for the ledger: "X is the
killer of Y" meets "X killed Y"; "X is a suspect in Y's killing" meets "X killed Y" too (the hedge
stays on the statement). Sentences written for the tests."""
import pytest

from claimwatch.ledger import matching
from claimwatch.nlp.claims import _patient_name, clause_agent, verb_frame
from support import entity_name_at as _name_at


def _features(nlp, sentence):
    doc = nlp(sentence)
    root = next(t for t in doc if t.dep_ == "ROOT")
    frame = verb_frame(root, any(c.dep_ == "neg" for c in root.children))
    patient = _patient_name(root, lambda span: clause_agent(span, _name_at))
    return matching.make_features(sentence, None, clause_agent(doc[:], _name_at), frame=frame, patient=patient)


@pytest.mark.parametrize("other", [
    "Marek Voss is the killer of the ferryman Anna Lind.",
    "Marek Voss is believed to be the ferryman's murderer.",
    "Marek Voss has emerged as the main suspect in the beheading of the ferryman.",
    "Marek Voss is the man who executed the ferryman.",
])
def test_ledger_identity_claims_meet_the_act(nlp, other):
    act = _features(nlp, "Marek Voss killed the ferryman Anna Lind near the border.")
    result = matching.score_pair(act, _features(nlp, other))
    assert result.matched and result.level in ("same_frame", "same_frame_patient"), result.reason


def test_ledger_identity_claims_keep_other_acts_apart(nlp):
    act = _features(nlp, "Marek Voss killed the ferryman near the border.")
    owner = _features(nlp, "Marek Voss is the owner of a bakery in the old town.")
    assert not matching.score_pair(act, owner).matched
    denial = _features(nlp, "Marek Voss is not the killer of the ferryman.")
    assert matching.score_pair(act, denial).level != "same_frame"


def test_ledger_identity_the_same_act_done_to_the_same_one_has_a_lower_bar(nlp):
    """Worded apart, with the agent described in one and named in the other: the act and the one it
    is done to agree, so the pair meets at `same_frame_patient`."""
    named = _features(nlp, "Marek Voss, a former bus driver from Tallinn, is believed to be Anna Lind's executioner.")
    described = _features(nlp, "Detectives are eyeing a former Estonian driver as the gunman who killed Anna Lind in May.")
    assert named.patient == described.patient == "Anna Lind"
    result = matching.score_pair(named, matching.make_features(described.text, None, None, frame="kill",
                                                                patient="Lind"))
    assert result.level == "same_frame_patient"


def test_ledger_identity_the_same_act_done_to_two_people_never_matches(nlp):
    one = _features(nlp, "Militants beheaded the reporter Anna Lind in a desert video.")
    other = _features(nlp, "Militants beheaded the reporter Tomas Berg in a desert video.")
    assert (one.patient, other.patient) == ("Anna Lind", "Tomas Berg")
    result = matching.score_pair(one, other)
    assert result.level == "blocked" and not result.matched


@pytest.mark.parametrize(("a", "b", "same"), [
    ("Anna Lind", "Lind", True), ("Anna Lind", "Annie Lind", True), ("Anna Lind", "Tomas Berg", False),
    ("Kim Jong-un", "Kim Jong-il", False), ("Ruritania", "Anna Lind", False),
])
def test_ledger_identity_same_party(a, b, same):
    assert matching.same_party(a, b) is same


def test_ledger_identity_a_suspicion_matches_as_its_act_and_counts_hedged():
    from claimwatch.ledger.claims import _suspicion_certainty

    assert matching.act_frame("suspect kill") == "kill" and matching.act_frame("not suspect kill") == "not kill"
    assert matching.act_frame("kill") == "kill" and matching.act_frame(None) is None
    assert matching.make_features("Jo Bloggs is a suspect in the murder of Ann Roe", None, "Jo Bloggs",
                                  frame="suspect kill").frame == "kill"
    assert _suspicion_certainty("certain", 1) == "probable"
    assert _suspicion_certainty("possible", 1) == "possible" and _suspicion_certainty("certain", 0) == "certain"
