"""Stance and certainty beyond the cue: labels put on a claim, questions, wishes, retractions, hedged
opinion, beliefs and hearsay, and which hedge governs a content that holds several.

Each case is a news sentence written for these tests, the cue that picks out the statement under test,
and the value a careful annotator would give it (conventions of ``shared/data/dev/README.md``).
"""
from __future__ import annotations

import pytest

from support import statement_at

STANCE = [
    # a denial or doubt label put on a claim ("call X fake") is the source's stance toward it
    ("Kremlin officials called the reports fake.", "called", "denies"),
    ("The ministry described the allegations as baseless.", "described", "denies"),
    ("A spokeswoman for the airline called the story a fabrication.", "called", "denies"),
    ("The union labelled the official figures misleading.", "labelled", "disputes"),
    # ... but a label on an event states that the event was so
    ("The opposition leader called the election fraudulent.", "called", "asserts"),
    # asking is not doubting; "questioned whether" still is
    ("The prosecutor questioned why the police had waited three hours before entering the building.",
     "questioned", "uncommitted"),
    ("Economists questioned whether the growth figures could be trusted.", "questioned", "disputes"),
    # a factive cue states a negative fact, it rejects nobody's claim
    ("The economist pointed out that the figures did not include part-time workers.", "pointed out", "asserts"),
    ("Reed noted that the agency had not received any complaints about the scheme.", "noted", "asserts"),
    # a wish is not a verdict
    ("The defence minister said he hoped the reports were not true.", "said", "uncommitted"),
    ("The families of the missing sailors said they keep hoping that the crew will be found alive.",
     "said", "uncommitted"),
    # retracting one's own claim casts doubt on it
    ('"I am issuing a full retraction of the Monday segment," the presenter told reporters.', "told", "disputes"),
    # other explanations, no confidence: doubt
    ("The analyst said there could be other explanations for the fall in sales.", "said", "disputes"),
    ("The statistics agency said it does not have much confidence in the regional figures.", "said", "disputes"),
    # hedged opinion and a belief over a denial label: doubt held, not flat rejection
    ("Two former detectives said they initially felt the recording was a hoax.", "said", "disputes"),
    ("The police chief said a terrorist motive cannot be ruled out.", "said", "asserts"),
    # a negated belief in the speaker's own first person predicts the opposite; in the third person it doubts
    ('"We don\'t expect interest rates to change this year," the governor said.', "said", "asserts"),
    ("The minister said he does not believe the reports are accurate.", "said", "disputes"),
    # a negation that belongs to a hedge or to "going to" is not a denial
    ("Police said it was not clear if the gunman had acted alone.", "said", "uncommitted"),
    ('"We are not going to confirm the identity of anyone at this stage," a police spokesman said.',
     "said", "uncommitted"),
    # a negated denial label affirms
    ("Police said the video circulating online was not a hoax.", "said", "asserts"),
]


@pytest.mark.parametrize("text, cue, expected", STANCE)
def test_stance_more_reads_labels_questions_wishes_and_retractions(analyse, text: str, cue: str, expected: str) -> None:
    assert statement_at(analyse(text), cue).stance == expected


CERTAINTY = [
    # hedged opinion
    ('"For all I know, the fire was started by a cigarette," the inspector said.', "said", "possible"),
    ("The police chief said a terrorist motive cannot be ruled out.", "said", "possible"),
    ("The minister said it is possible that the figures were wrong.", "said", "possible"),
    ("The IMF said weak growth risks becoming entrenched.", "said", "possible"),
    ("Diplomats said the row over fishing rights risks derailing the peace talks.", "said", "possible"),
    ("Police said the gang had threatened to kill the hostages.", "said", "certain"),
    ("Officials said the risks facing investors were rising.", "said", "certain"),
    # hearsay and belief over a clause are probable; perception is not
    ("The witness said he had heard that the mayor had resigned.", "said", "probable"),
    ("Two former detectives said they initially felt the recording was a hoax.", "said", "probable"),
    ('"I heard a loud bang and then saw smoke," said one resident.', "said", "certain"),
    ('"We don\'t expect interest rates to change this year," the governor said.', "said", "probable"),
    ("The witness said he heard the first shot go off.", "said", "certain"),
    ("Lawyers for the family said they are considering filing a lawsuit against the hospital.", "said", "certain"),
    ("Coaches said they believe the team is winning the argument.", "said", "probable"),
    # "unlikely" presents the claim as probably false
    ("Health officials said it was unlikely that the virus had spread beyond the city.", "said", "probable"),
    # a denial is sure of itself even when it calls the claim "unverified"
    ('"The claims are unsourced, unverified and ridiculous," a spokesman said.', "said", "certain"),
    # the hedge nearest the content's head governs, not one buried in a clause inside it
    ("Police said the driver was probably drunk, although it was unclear whether he had been speeding.",
     "said", "probable"),
    ("The regulator said the bank will likely face fines as officials examine whether rules were broken.",
     "said", "probable"),
    # an infinitive after "no evidence" is not the source's hedge
    ("The agency said there was no evidence to suggest that the dam had been sabotaged.", "said", "certain"),
    ("The army said the satellite images suggest the convoy turned back.", "said", "probable"),
]


@pytest.mark.parametrize("text, cue, expected", CERTAINTY)
def test_stance_more_reads_certainty_of_hedged_opinion_and_belief(analyse, text: str, cue: str, expected: str) -> None:
    assert statement_at(analyse(text), cue).certainty == expected


LABELS = [
    ("The mayor called the report false.", "called", "denies"),
    ("Independent inspectors found the allegations groundless.", "found", "denies"),
    ("Scientists described the findings as dubious.", "described", "disputes"),
    ("Officials described the protest as peaceful.", "described", "asserts"),
]


@pytest.mark.parametrize("text, cue, expected", LABELS)
def test_stance_more_reads_the_label_put_on_a_claim(analyse, text: str, cue: str, expected: str) -> None:
    assert statement_at(analyse(text), cue).stance == expected


def _reading(stance: str, certainty: str):
    from claimwatch.nlp.stance import StanceReading
    return StanceReading(stance=stance, certainty=certainty, conditional=False, distanced=False, hedges=())


MERGES = [
    # "said he could not confirm it": the inner cue decides
    (("asserts", "certain"), ("uncommitted", "uncertain"), ("uncommitted", "uncertain")),
    # "told me that for all I know ... I don't have much confidence in it": doubt kept, hedge kept
    (("disputes", "possible"), ("asserts", "possible"), ("disputes", "possible")),
    # "said: 'I think it was an accident'": the belief lowers the certainty
    (("asserts", "certain"), ("asserts", "probable"), ("asserts", "probable")),
]


@pytest.mark.parametrize("outer, inner, expected", MERGES)
def test_stance_more_merges_a_same_speaker_inner_cue(outer, inner, expected) -> None:
    from claimwatch.nlp.stance import merge_readings
    merged = merge_readings(_reading(*outer), _reading(*inner))
    assert (merged.stance, merged.certainty) == expected


@pytest.mark.parametrize("data", [
    {"denial_labels": ["fake", False]},  # a bare `false` in YAML
    {"asking_words": ["What"]},
    {"verbal_hedges": {"risk": "sometimes"}},
])
def test_stance_more_rejects_malformed_rule_lists(data) -> None:
    from claimwatch.errors import LexiconError
    from claimwatch.nlp.stance import check_stance_rules
    with pytest.raises(LexiconError):
        check_stance_rules(data)
