"""Identity claims take the frame of the act their noun names (nlp/claims.py identity_frame): "X is
the killer of Y", "X is Y's murderer", "X is a suspect in the murder of Y", "X is the man who killed
Y" tell the proposition "X killed Y". Sentences written for the tests."""
import pytest

from claimwatch.nlp.claims import clause_agent, verb_frame
from support import entity_name_at as _name_at


def _frame(nlp, sentence):
    doc = nlp(sentence)
    root = next(t for t in doc if t.dep_ == "ROOT")
    return verb_frame(root, any(c.dep_ == "neg" for c in root.children)), clause_agent(doc[:], _name_at)


@pytest.mark.parametrize(("sentence", "frame"), [
    ("Marek Voss killed Anna Lind.", "kill"),
    ("Marek Voss is the killer of Anna Lind.", "kill"),  # an agent noun with its "of" participant
    ("Marek Voss is Anna Lind's murderer.", "kill"),  # with a possessor; paraphrases folded
    ("Marek Voss is believed to be the executioner of Anna Lind.", "kill"),  # the hedge is the statement's
    ("Marek Voss is a main suspect in the beheading of Anna Lind.", "suspect kill"),  # a role noun with its event; a suspicion is marked
    ("Marek Voss has emerged as a suspect in the murder of Anna Lind.", "suspect kill"),
    ("Marek Voss has emerged as one of the main suspects in the investigation into the murder of Anna Lind.", "suspect kill"),
    ("Marek Voss is the man who killed Anna Lind.", "kill"),  # a relative clause with the noun as subject
    ("Marek Voss is the suspect believed to be Anna Lind's executioner.", "kill"),
    ("Marek Voss is the man behind the bombing of the depot.", "bomb"),  # any noun before "behind"
    ("Marek Voss is not the killer of Anna Lind.", "not kill"),  # polarity stays in the frame
    ("Jon Berg is the founder of the bakery.", "found"),
    ("Jon Berg founded the bakery.", "found"),
])
def test_claim_identity_frame_is_the_act(nlp, sentence, frame):
    assert _frame(nlp, sentence) == (frame, "Marek Voss" if "Marek" in sentence else "Jon Berg")


@pytest.mark.parametrize(("sentence", "frame"), [
    ("Jon Berg is a killer.", None),  # an agent noun without its participant names no act
    ("Jon Berg is the mayor of the town.", None),  # no agent noun
    ("Jon Berg was arrested as a suspect in the killing.", "arrest"),  # the arrest is the proposition
])
def test_claim_identity_frame_only_with_an_act(nlp, sentence, frame):
    assert _frame(nlp, sentence)[0] == frame


def test_claim_identity_the_object_of_an_identifying_verb_is_the_agent(nlp):
    """ "police are eyeing X as the man who shot Y": X is said to have shot Y."""
    assert _frame(nlp, "Police are eyeing Marek Voss as the militant who beheaded Anna Lind.") == ("kill", "Marek Voss")
    assert _frame(nlp, "Police named the suspect as Jon Berg.")[1] is None  # no act: the doer stays the subject's


def test_claim_identity_a_bare_agent_noun_phrase(nlp):
    doc = nlp("the killer of the ferryman")
    assert verb_frame(doc[:].root) == "kill"


@pytest.mark.parametrize(("sentence", "frame", "agent"), [
    ("We are appalled by the brutal murder of the ferryman.", "kill", None),
    ("Thousands mourned the death of Anna Lind.", "die", None),
    # the one reacting is not the event's doer: no agent to block the event's other claims
    ("Mayor Jon Berg was shocked at the shooting of the harbour guard.", "shoot", None),
    ("Mayor Jon Berg was shocked by the weather.", "shock", "Jon Berg"),  # no event noun: its own verb
])
def test_claim_identity_a_reaction_takes_the_frame_of_its_event(nlp, sentence, frame, agent):
    assert _frame(nlp, sentence) == (frame, agent)
