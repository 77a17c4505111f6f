"""A claim's predicate frame in the forms news tells one event in: a quantity noun before the object
("dozens of shots were fired"), an expletive frame ("it turned out that X", "it was discovered that
X"), a showing verb whose object names the event ("the footage shows the execution of X"), a linking
verb with a state adjective ("is dead" / "died", "became pregnant" / "got pregnant") and the killing
verbs folded into one set. Passages written for these tests."""
from __future__ import annotations

import pytest

from claimwatch.nlp.claims import verb_frame


def _root_frame(nlp, sentence: str) -> str | None:
    doc = nlp(sentence)
    root = next(t for t in doc if t.dep_ == "ROOT")
    return verb_frame(root, any(c.dep_ == "neg" for c in root.children))


@pytest.mark.parametrize(("first", "second"), [
    # a quantity noun before the object keeps the verb's sense ("shots", not a dismissal)
    ("Dozens of shots were fired outside the depot.", "A guard fired two shots at the lorry."),
    # an expletive frame hands the predicate to its clause
    ("It turned out that the ferry had sunk.", "The ferry sank near the harbour."),
    ("It was discovered that the treasurer had resigned.", "The treasurer resigned on Friday."),
    # a showing verb whose object is the event: the event's predicate
    ("The tape shows the execution of the courier.", "Rebels executed the courier."),
    ("The clip showed smugglers burning the warehouse.", "Smugglers burned the warehouse."),
    # a linking verb with a state adjective meets the verb of the same state
    ("The goalkeeper is dead.", "The goalkeeper died on Sunday."),
    ("Three campers became pregnant.", "Three campers got pregnant."),
    ("The climber went missing in the fog.", "The climber disappeared in the fog."),
    # a light verb whose object names the event
    ("The panda gave birth.", "The panda had a baby."),
    ("Pirates took three hostages.", "Pirates kidnapped three sailors."),
    # killing verbs are one predicate
    ("Gunmen murdered the judge.", "Gunmen killed the judge."),
    ("The militia beheaded the courier.", "The militia executed the courier."),
])
def test_claim_frame_paraphrase_one_event_one_frame(nlp, first, second) -> None:
    a, b = _root_frame(nlp, first), _root_frame(nlp, second)
    assert a is not None and a == b, (a, b)


@pytest.mark.parametrize(("sentence", "expected"), [
    ("The painting is authentic.", "genuine"),
    ("The painting is not authentic.", "not genuine"),  # polarity stays on the frame
    ("The painting is fake.", "not genuine"),  # an antonym restates it negated
    ("The goalkeeper is alive.", "not die"),
    ("The goalkeeper is not alive.", "die"),
    ("It is not clear that the ferry sank.", None),  # a negated frame does not deny its clause
    ("The tape does not show the execution of the courier.", None),  # nor does a negated showing
    ("The painting is beautiful.", None),  # an adjective that names no state of the list
    ("Engineers executed the plan in May.", "execute plan"),  # "execute a plan" is no killing
])
def test_claim_frame_paraphrase_limits(nlp, sentence, expected) -> None:
    assert _root_frame(nlp, sentence) == expected


def test_claim_frame_paraphrase_a_threat_is_not_the_act(nlp) -> None:
    """ "threatened to kill" keeps its act in the frame; "plans to open" folds to "open"."""
    assert _root_frame(nlp, "The gang threatened to kill the witness.") == "threaten kill"
    assert _root_frame(nlp, "The gang vowed to kill the witness.") != "kill"
    assert _root_frame(nlp, "The gang killed the witness.") == "kill"
    assert _root_frame(nlp, "The bakery plans to open a second shop.") == "open"
