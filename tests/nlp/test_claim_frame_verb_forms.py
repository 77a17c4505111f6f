"""More forms of one predicate (issue 16 point 3): a verb with a listed particle ("took away",
"handed over"), a support verb carrying out an event noun ("carried out a raid"), a reporting verb
used for its act ("found the wreck"), a witnessed event ("saw the men taken away"), a negating or
implicative control verb ("failed to", "managed to") and the firing idioms ("opened fire" / "fired
shots"). Sentences written for these tests."""
from __future__ import annotations

import pytest

from claimwatch.nlp.claims import verb_frame


def _root_frame(nlp, sentence: str) -> str | None:
    doc = nlp(sentence)
    root = next(t for t in doc if t.dep_ == "ROOT")
    return verb_frame(root, any(c.dep_ == "neg" for c in root.children))


@pytest.mark.parametrize(("first", "second"), [
    # a light verb with a listed particle is a predicate of its own, folded with its paraphrases
    ("The wardens took away four fishermen in a truck.", "Four fishermen were taken away by the wardens."),
    ("The wardens took away four fishermen.", "The wardens bundled four fishermen into a truck."),
    ("The clerks handed the ledgers over to the auditors.", "The clerks turned over the ledgers."),
    ("The council shut down the ferry service.", "The council closed the ferry service."),
    # firing: the idiom and the verb with its sense object
    ("Raiders opened fire on the barge.", "Raiders fired shots at the barge."),
    ("Several rounds were fired at the barge.", "Raiders opened fire on the barge."),
    ("Lock keepers heard shots fired near the barge.", "Raiders fired shots at the barge."),
    # a reporting verb with a thing as its object is the act
    ("Walkers found the canoe near the weir.", "Walkers discovered the canoe near the weir."),
    ("The canoe was found near the weir.", "The canoe was unearthed near the weir."),
    # a support verb carries out the event its object names
    ("Smugglers carried out a raid on the depot.", "Smugglers raided the depot."),
    ("The crew committed the murder at dawn.", "The crew murdered the keeper at dawn."),
    ("Bandits launched an attack on the mill.", "Bandits attacked the mill."),
    # a witnessed event is the event
    ("A baker saw six porters taken away.", "Six porters were taken away."),
    ("Tenants watched the bailiffs beating a lodger.", "The bailiffs beat a lodger."),
    # an implicative control verb is transparent, and so is a raising verb's hedge
    ("Curators managed to identify the forger.", "Curators identified the forger."),
    ("The treasurer seems to have resigned.", "The treasurer resigned."),
    ("The tape appears to show the execution of the courier.", "Rebels executed the courier."),
    # a state adjective as object predicate, and a light verb whose prepositional object names the event
    ("The keeper was found dead in the lighthouse.", "The keeper died in the lighthouse."),
    ("The porter was taken into custody.", "Wardens arrested the porter."),
    # time spent somewhere is a stay (a sense object of "spend")
    ("A lodger spends a week in the bakery.", "The lodger stayed in the bakery for a week."),
    # things seized are one seizure, not an arrest
    ("Bandits seized a cache of rifles.", "Bandits captured the cache."),
    # a frame of knowing takes its clause as given, negated or not
    ("The tenant had no idea she was pregnant.", "The tenant was pregnant."),
    ("The tenant was not aware that the lift had closed.", "The lift closed."),
    ("The wardens knew the quay had closed.", "The quay closed."),
])
def test_claim_frame_verb_forms_one_event_one_frame(nlp, first, second) -> None:
    a, b = _root_frame(nlp, first), _root_frame(nlp, second)
    assert a is not None and a == b, (a, b)


@pytest.mark.parametrize(("sentence", "expected"), [
    ("Curators failed to identify the forger.", "not identify"),  # a negating control verb
    ("Curators did not fail to identify the forger.", "identify"),  # ... negated twice
    ("Auditors found that the vault was empty.", None),  # "found that X" stays a reporting verb
    ("Auditors found evidence of fraud.", None),  # evidence found is no discovery of a thing
    ("The panel found the mayor guilty.", None),  # nor is a verdict
    ("Tenants did not see the bailiffs beating a lodger.", None),  # a negated witnessing frames nothing
    ("The wardens took four fishermen.", None),  # the light verb alone still frames nothing
    ("The wardens took away the nets.", "take away"),
    ("The tenant did not know whether the lift had closed.", None),  # an embedded question takes nothing as given
    ("The tenant had an idea for a shop.", None),
    ("The council spent millions on the quay.", "spend"),  # money spent is no stay
    ("Wardens seized the porter.", "arrest"),  # a person seized is arrested
    ("Anglers caught a catfish.", "catch catfish"),  # a fish caught is not
])
def test_claim_frame_verb_forms_limits(nlp, sentence, expected) -> None:
    assert _root_frame(nlp, sentence) == expected


def test_claim_frame_verb_forms_firing_is_not_being_hit(nlp) -> None:
    """ "they fired" and "a guard was shot" are two propositions: firing folds with the idiom, the
    victim's verb keeps its own frame."""
    assert _root_frame(nlp, "Raiders opened fire on the barge.") != _root_frame(nlp, "A bargeman was shot.")
    assert _root_frame(nlp, "The bargeman was fired last week.") == "sack"  # a person fired is dismissed
