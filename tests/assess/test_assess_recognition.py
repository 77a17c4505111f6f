"""An event type's knowledge (significance, implications, risks, watch items) is drawn only when the
type is recognised with confidence; otherwise the assessment says what would settle the claim."""
from __future__ import annotations

from claimwatch.assess import assess
from claimwatch.assess.knowledge import load_knowledge
from claimwatch.assess.topics import cue_words

KB = load_knowledge()

# "captured footage": one detention trigger word, in another sense
WILDLIFE = (
    "Two hikers from Barnaul said on Saturday that they had captured footage of a snow leopard near the village "
    "of Aktash. Regional park director Marina Sokolova said the footage appeared to be genuine.\n\n"
    "The Altai wildlife service said it could not confirm that the hikers had captured footage of the animal.\n"
)
# "captured footage" and "detained dozens of students": two distinct detention triggers
DETENTION = (
    "Human rights groups said that security forces had captured footage of the protest and detained dozens of "
    "students in the capital.\n"
)


def _analysis(text, nlp):
    from claimwatch.nlp.pipeline import analyze_text

    return analyze_text(text, nlp)


def test_cue_words_see_through_inflections():
    cues = frozenset({"capture", "detain", "troop", "deploy", "supply", "ship"})
    assert cue_words("Forces captured and detained them", cues) == {"capture", "detain"}
    assert cue_words("It deployed troops and supplied shells, shipped by rail", cues) == {
        "deploy", "troop", "supply", "ship"}
    assert cue_words("The army arms its shipyards", frozenset({"arm"})) == {"arm"}


def test_a_single_trigger_word_in_another_sense_draws_no_event_knowledge(nlp):
    analysis = _analysis(WILDLIFE, nlp)
    assert any(c.predicate == "detention" for c in analysis.claims)  # the extractor types it so
    result = assess([analysis])
    texts = " ".join(f.text for f in result.findings)
    assert "detained" not in texts and "custody" not in texts and "release" not in texts
    assert not result.of_kind("implication") and not result.of_kind("risk")
    situation = result.of_kind("significance")[0].text
    assert "captured footage of a snow leopard" in situation  # the claim in its own words
    assert not any(t.text.startswith("If true, this matters") for t in result.of_kind("significance"))
    assert any("Independent verification of the video" in f.text for f in result.of_kind("watch"))


def test_a_claim_with_several_trigger_words_keeps_its_event_knowledge(nlp):
    result = assess([_analysis(DETENTION, nlp)])
    assert result.of_kind("implication") and result.of_kind("risk")
    assert any(f.text.startswith("If true, this matters") for f in result.of_kind("significance"))


def test_what_would_settle_an_unrecognised_claim_asks_for_evidence_when_none_is_cited(nlp):
    text = ("Villagers said on Monday that the mayor of Dornbach had fled the country after the audit. "
            "The regional council said it could not confirm that the mayor had left.\n")
    analysis = _analysis(text, nlp)
    assert any(c.predicate == "departure" for c in analysis.claims)  # typed by one trigger word only
    result = assess([analysis])
    settle = [f.text for f in result.of_kind("watch") if f.text.startswith("What would settle")]
    assert settle == ["What would settle whether the mayor of Dornbach had fled the country after the audit: "
                      "evidence, which Villagers have not cited so far."]
    assert not result.of_kind("implication") and not result.of_kind("risk")


def test_what_would_settle_an_unrecognised_claim_asks_those_it_names_who_have_not_spoken(nlp):
    text = ("Opposition leaders said on Tuesday that Governor Alan Brisk had fled the country after the audit. "
            "Local newspapers reported that Brisk had fled to Spain.\n")
    result = assess([_analysis(text, nlp)])
    settle = [f.text for f in result.of_kind("watch") if f.text.startswith("What would settle")]
    assert ("What would settle whether Governor Alan Brisk had fled the country after the audit: word from "
            "Alan Brisk, named in the claim but not heard from so far.") in settle


def test_recognition_threshold_is_data():
    assert KB.min_cues == 2
    assert "troop" in KB.cues["troop_deployment"] and "deploy" in KB.cues["troop_deployment"]
