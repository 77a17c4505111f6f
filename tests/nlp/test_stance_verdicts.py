"""Stance kinds of issue 17: a denial or doubt label as the predicate of the content's own clause
("that story is pure invention"), a first-person present verdict that is no guess ("I think it is
invented"), a verdict taken back in the same breath ("a fake, but maybe not"), and hedge words that
state a fact about a thing rather than leave the claim open ("the effect remains unclear", "two men
are being investigated"); a hedge in a later sentence of a quote does not hedge the first.

Each case is a sentence written for these tests, the cue of the statement under test, and the value a
careful annotator would give it.
"""
from __future__ import annotations

import pytest

from support import statement_at

STANCE = [
    # a denial label as the predicate of a clause about the claim
    ('"That story is pure invention," a ministry spokeswoman told reporters.', "told", "denies"),
    ('"The report was made up," the mayor said.', "said", "denies"),
    ('"This account is rubbish," the club secretary said.', "said", "denies"),
    # a doubt label likewise
    ('"The figure is exaggerated," the union leader said.', "said", "disputes"),
    # ... not when the subject is not the claim, or the label judges an act, or the claim is only mentioned
    ('"The food at the canteen is rubbish," the pupil said.', "said", "asserts"),
    ('"It is wrong to punish the children," the teacher said.', "said", "asserts"),
    ("The spokesman said the claim was made by a former employee.", "said", "asserts"),
    ('"The story is not invented," the editor said.', "said", "asserts"),
    # a first-person present verdict is a denial, not a guess; a belief reported of others stays hedged
    ('"I think that is invented, it is rubbish," an official at the consulate told the magazine.', "told", "denies"),
    ("Residents felt the story was a hoax, the paper said.", "felt", "disputes"),
    # a verdict taken back in the same sentence
    ('"My first thought was that it is a fake, but maybe not," the analyst said.', "said", "uncommitted"),
    # stated facts about a thing, not open questions about the claim
    ('"The long-term effect remains very unclear, as the terms of the deal are uncertain," the central bank stated.',
     "stated", "asserts"),
    ("The Herald reported that two other men, aged 30 and 41, are also being investigated.", "reported", "asserts"),
    # ... while an open question about the claim stays open
    ("The police said it was unclear whether the letter was genuine.", "said", "uncommitted"),
    ("The ministry said the video is being investigated.", "said", "uncommitted"),
]


@pytest.mark.parametrize("text, cue, expected", STANCE)
def test_stance_verdicts_labels_retractions_and_stated_states(analyse, text: str, cue: str, expected: str) -> None:
    assert statement_at(analyse(text), cue).stance == expected


CERTAINTY = [
    ('"I think that is invented, it is rubbish," an official at the consulate told the magazine.', "told", "certain"),
    ('"The long-term effect remains very unclear, as the terms of the deal are uncertain," the central bank stated.',
     "stated", "certain"),
    ("The Herald reported that two other men, aged 30 and 41, are also being investigated.", "reported", "certain"),
    # a hedge in a later sentence of the quote does not hedge the sentence that holds its head
    ('"He sang at every wedding in town. He might even have been famous one day," his brother said.', "said", "certain"),
    ('"He might even have been famous one day," his brother said.', "said", "possible"),
]


@pytest.mark.parametrize("text, cue, expected", CERTAINTY)
def test_stance_verdicts_certainty(analyse, text: str, cue: str, expected: str) -> None:
    assert statement_at(analyse(text), cue).certainty == expected


CONVICTIONS = [
    # a first-person belief over what ought to be is a conviction, negated or not
    ('"I think the minister should resign," the senator said.', "said", ("asserts", "certain")),
    ('"I don\'t think fear of a scandal ought to stop the inquiry," the senator said.', "said", ("asserts", "certain")),
    # ... over a fact it stays a belief, and negated it doubts
    ('"I don\'t think he was at the party," the neighbour said.', "said", ("disputes", "certain")),
    ('"We don\'t expect the rates to change," the governor said.', "said", ("asserts", "probable")),
    # "go" leaves a question open only into detail or as "going to" comment
    ("The auditors pointed out that the contracts did not go to local firms.", "pointed out", ("asserts", "certain")),
    ('"We are not going to comment on the leaked letter," the spokeswoman said.', "said", ("uncommitted", "uncertain")),
    ('"We will not go into details of the settlement," the lawyer said.', "said", ("uncommitted", "uncertain")),
    # ... but not into effect: that reports what will not happen
    ("The ministry said the new tariff would not go into effect before March.", "said", ("asserts", "certain")),
]


@pytest.mark.parametrize("text, cue, expected", CONVICTIONS)
def test_stance_verdicts_convictions_and_open_particles(analyse, text: str, cue: str, expected: tuple) -> None:
    s = statement_at(analyse(text), cue)
    assert (s.stance, s.certainty) == expected


@pytest.mark.parametrize("text, expected", [
    # a hedge in a complement clause coordinated after the first one hedges that clause only
    ("The rebels also say they are holding a second engineer, and that he could be freed soon.", "certain"),
    ("The rebels also say they could free the engineer soon.", "possible"),
])
def test_stance_verdicts_hedge_in_later_coordinated_clause(analyse, text: str, expected: str) -> None:
    assert statement_at(analyse(text), "say").certainty == expected


@pytest.mark.parametrize("text, expected", [
    # a surprise the clause would be doubts it (and the "if" is no condition on the statement)
    ('"I would be surprised if the video turned out to be real," the expert said.', ("disputes", "probable", False)),
    ('"It would surprise me if the letter were genuine," the historian said.', ("disputes", "probable", False)),
    # a surprise that happened is a plain report
    ('"We were surprised when the results came in," the coach said.', ("asserts", "certain", False)),
])
def test_stance_verdicts_conditional_surprise_doubts(analyse, text: str, expected: tuple) -> None:
    s = statement_at(analyse(text), "said")
    assert (s.stance, s.certainty, s.conditional) == expected


def test_stance_verdicts_negated_going_is_a_plain_report(analyse) -> None:
    s = statement_at(analyse("The student said that in four years at college he never went home for the holidays."), "said")
    assert (s.stance, s.certainty) == ("asserts", "certain")


@pytest.mark.parametrize("text, expected", [
    # a belief of others reported as the content is held as probable, like the speaker's own
    ("The aide said that the investigators believe the fire was started on purpose.", "probable"),
    ("The aide said that the investigators found the fire was started on purpose.", "certain"),
])
def test_stance_verdicts_reported_belief_is_probable(analyse, text: str, expected: str) -> None:
    assert statement_at(analyse(text), "said").certainty == expected


@pytest.mark.parametrize("text, expected", [
    # a hedged participle on the predicate noun hedges the identification the content makes
    ("A police official told the paper that a local cook is the man believed to be the arsonist.", "probable"),
    # a participle that only describes stays a description
    ("A police official told the paper that a local cook is the man arrested at the scene.", "certain"),
])
def test_stance_verdicts_hedged_participle_on_predicate_noun(analyse, text: str, expected: str) -> None:
    assert statement_at(analyse(text), "told").certainty == expected


@pytest.mark.parametrize("text, expected", [
    # the absence of evidence named by a noun casts doubt as "no" does
    ("The observatory said the lack so far of any eyewitness accounts suggests something else caused the crater.",
     "disputes"),
    ("The inspectors said the absence of independent confirmation left the claim in doubt.", "disputes"),
    # a lack of something that is not evidence is a plain report
    ("The council said a lack of funding had delayed the bridge repairs.", "asserts"),
])
def test_stance_verdicts_absence_nouns_over_evidence(analyse, text: str, expected: str) -> None:
    assert statement_at(analyse(text), "said").stance == expected


@pytest.mark.parametrize("text, expected", [
    # distrust of the claim or its material casts doubt on it
    ('"We have little faith in these figures," the union said.', "disputes"),
    ('"I don\'t trust this video," the detective said.', "disputes"),
])
def test_stance_verdicts_distrust_disputes(analyse, text: str, expected: str) -> None:
    assert statement_at(analyse(text), "said").stance == expected


@pytest.mark.parametrize("text, expected", [
    # material said to be old, recycled or staged does not show what the claim says it shows
    ('"These pictures are recycled," the army spokesman said.', "disputes"),
    ('"The video is old," the police officer said.', "disputes"),
    ('"The footage was staged," the ministry said.', "denies"),
    # ... while the same word said of something else is a plain description
    ('"My house is old," the farmer said.', "asserts"),
])
def test_stance_verdicts_material_labels(analyse, text: str, expected: str) -> None:
    assert statement_at(analyse(text), "said").stance == expected
