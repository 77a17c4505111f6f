"""Event nouns as claims (nlp/claims.py): the possessor of an act done to someone is not its doer, a
verb of occurrence gives the frame of its event noun, and the main predicate's words type a claim
before the words of a relative clause or an apposition. Sentences written for the tests."""
import pytest

from claimwatch.nlp.claims import _clause_events, clause_agent, verb_frame


def _name_at(tok):
    for ent in tok.doc.ents:
        if ent.start <= tok.i < ent.end and ent.label_ in ("GPE", "NORP", "ORG", "PERSON"):
            return ent.text.removesuffix("'s")
    return None


def _root(doc):
    return next(t for t in doc if t.dep_ == "ROOT")


@pytest.mark.parametrize(("phrase", "agent"), [
    ("Oskar Lindqvist's arrest by Interpol", "Interpol"),  # the possessor was arrested; the by-phrase did it
    ("Oskar Lindqvist's execution", None),  # the one executed, not the executioner
    ("Oskar Lindqvist's resignation", "Oskar Lindqvist"),  # not an act done to him: he is the doer
    ("Portugal's capture of the island", "Portugal"),  # with an "of" object the possessor is the doer again
])
def test_claim_event_nouns_possessor_role(nlp, phrase, agent):
    assert clause_agent(nlp(phrase)[:], _name_at) == agent


@pytest.mark.parametrize(("sentence", "expected"), [
    ("The arrest of the harbour master happened at dawn.", "arrest"),
    ("The kidnapping of the two engineers took place near the dam.", "kidnap"),
    ("The meeting of the two engineers took place near the dam.", None),  # no event noun of a predicate
])
def test_claim_event_nouns_occurrence_verb_gives_the_noun_frame(nlp, sentence, expected):
    assert verb_frame(_root(nlp(sentence))) == expected


@pytest.mark.parametrize(("sentence", "event"), [
    # the main verb names a killing; the apposition's "aid" and the relative clause's "kidnapped" do not type it
    ("Gunmen murdered Lena Ostrova, an aid worker who was kidnapped in March.", "casualties"),
    # the head noun names the killing; the place noun beside it does not
    ("The beheading of the ferryman near the border.", "casualties"),
    # nothing in the main clause has a type: the relative clause's still counts
    ("Lena Ostrova, who was kidnapped in March, spoke to her family.", "detention"),
    # a phrase that dates the act by another event does not type it
    ("Wardens arrested two porters a day after the bombing at the quay.", "detention"),
    ("Twelve bodies were found in a ditch days after the attack on the convoy.", "casualties"),
    ("Since the kidnapping of the ferryman, the rebels have bombed the harbour.", "attack"),
])
def test_claim_event_nouns_type_from_the_main_predicate(nlp, sentence, event):
    doc = nlp(sentence)
    toks = [t for t in doc if not t.is_punct]
    found = _clause_events(toks)
    assert found and found[0].id == event
