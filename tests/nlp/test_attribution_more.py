"""More attribution frames and source resolution, end to end on passages written for these tests.

Covers: a cue set off by commas inside the sentence it reports ("Y1, X said, Y2"), a complement the
parser read as an adverbial clause ("said after the meeting he would resign"), doubled-apostrophe
quotation marks (''like this''), an indefinite description of a named spokesperson ("a spokesman for
the ministry" ... "ministry spokesman Ali Hassan"), a relative pronoun the parser cut from its noun,
"he" after a speaker who reported on someone else, and a surname tagged as an organisation.
"""
from __future__ import annotations

import pytest

from claimwatch.nlp.actors import ActorIndex
from claimwatch.nlp.quotes import find_quotes
from test_attribution_patterns import assert_statements, source_names, words


MEDIAL = [
    ("The new terminal, the airport's director said, would open to passengers in the spring.",
     [("airport's director", "said", "The new terminal, the airport's director said, would open to passengers in the spring")]),
    ("Acts of peaceful protest, Senator Maria Lopez said, are acts of patriotism.",
     [("Maria Lopez", "said", "Acts of peaceful protest, Senator Maria Lopez said, are acts of patriotism")]),
    ("But to prevent further delays, the contractor said, the council should approve the budget this week.",
     [("contractor", "said", "to prevent further delays, the contractor said, the council should approve the budget this week")]),
    # a cue closing the sentence or taking its own clause keeps its usual content
    ("Prices will rise again next year, the finance minister said on Tuesday, adding that wages would follow.",
     [("finance minister", "said", "Prices will rise again next year"),
      ("finance minister", "adding", "wages would follow")]),
]


@pytest.mark.parametrize("text, expected", MEDIAL)
def test_attribution_more_medial_cue_reports_the_sentence_around_it(analyse, text, expected):
    assert_statements(analyse(text), expected)


BARE_CLAUSE = [
    ("Mayor Tom Reid said after the meeting he would not accept the union's offer if it were repeated.",
     [("Tom Reid", "said", "he would not accept the union's offer if it were repeated")]),
    ("The governor said after the vote she would not sign the bill if it reached her desk.",
     [("governor", "said", "she would not sign the bill if it reached her desk")]),
    # a real adverbial clause ("because ...", "when ...") is not the complement
    ("The mayor wrote while the council debated the plan.", []),
    ("The mayor spoke briefly before the council voted on the plan.", []),
]


@pytest.mark.parametrize("text, expected", BARE_CLAUSE)
def test_attribution_more_complement_read_as_adverbial_clause(analyse, text, expected):
    assert_statements(analyse(text), expected)


@pytest.mark.parametrize("text, inner", [
    ("''It is more tinkering at the edges,'' said one economist.", "It is more tinkering at the edges,"),
    ("He called it ``a dangerous precedent for the country'' on Tuesday.", "a dangerous precedent for the country"),
    ('She said: "We will appeal the ruling."', "We will appeal the ruling."),
])
def test_attribution_more_quotes_doubled_marks_pair_like_double_quotes(text, inner):
    quotes = find_quotes(text)
    assert [text[q.inner[0]:q.inner[1]].rstrip(",") for q in quotes] == [inner.rstrip(",")]
    q = quotes[0]
    assert text[q.outer[0]:q.outer[1]].startswith(("''", "``", '"')) and text[q.outer[1] - 1] in "'\""


@pytest.mark.parametrize("text, expected", [
    ("''We have done nothing wrong and we will prove it in court,'' the company's lawyer said.",
     [("company's lawyer", "said", "We have done nothing wrong and we will prove it in court")]),
])
def test_attribution_more_doubled_quote_is_the_content(analyse, text, expected):
    assert_statements(analyse(text), expected)


SPOKESPEOPLE = [
    # the description comes first, the name later
    ("A spokesman for the Kenyan health ministry denied reports that the clinic had been closed. Later, "
     "Ali Hassan, the health ministry's spokesman, said the inspection was routine.",
     "A spokesman", "Ali Hassan"),
    ("A spokesperson for the Federal Aviation Administration said on Friday that the airport was safe. "
     "FAA spokeswoman Laura Brown told reporters the inspections would continue.",
     "A spokesperson", "Laura Brown"),
    ("Asked for comment, a spokesman for Grant said the senator stood by his remarks. Senator Paul Grant "
     "had said earlier that the funds were missing. Grant spokesman Joe Miller declined to say more.",
     "a spokesman", "Joe Miller"),
]


@pytest.mark.parametrize("text, mention, name", SPOKESPEOPLE)
def test_attribution_more_spokesperson_description_is_the_named_spokesperson(analyse, text, mention, name):
    analysis = analyse(text)
    first = next(s for s in analysis.statements if text[s.cue_span[0]:].startswith(("denied", "said")))
    assert text[slice(*first.source_span)].startswith(mention)
    assert name.lower() in source_names(analysis, first) or first.source == name


def test_attribution_more_spokesperson_for_a_person_is_not_that_person(analyse):
    text = ("Senator Paul Grant said the funds were missing. A spokesman for Grant said on Monday that the "
            "senator stood by his remarks.")
    analysis = analyse(text)
    spokes = next(s for s in analysis.statements if "stood by" in words(text, s.content_span))
    assert spokes.source != "Paul Grant"


def test_attribution_more_spokesperson_without_a_unique_match_stays_a_description(analyse):
    text = ("A spokesman for the ministry said the talks had stalled. Ministry spokesman Omar Said and "
            "ministry spokesman Karim Aziz both attended.")
    analysis = analyse(text)
    first = analysis.statements[0]
    assert first.source not in ("Omar Said", "Karim Aziz")


def test_attribution_more_relative_pronoun_cut_from_its_noun(nlp):
    # the parser reads "which reported ..." as an adverbial clause of "turned", not a relative clause
    text = ("To check the figure, the newspaper asked the Leeds City Council which reported "
            "\u201c1,200 potholes\u201d on its roads this winter.")
    doc = nlp(text)
    which = next(t for t in doc if t.lower_ == "which")
    resolved = ActorIndex(doc).resolve(which)
    assert "council" in resolved.name.lower()


def test_attribution_more_pronoun_after_speaker_is_the_speaker(analyse):
    text = ("General Maria Okafor said on Tuesday that the bridge had collapsed during the storm. She noted "
            "that the river had risen two metres overnight.")
    analysis = analyse(text)
    noted = next(s for s in analysis.statements if words(text, s.cue_span) == "noted")
    assert noted.source == "Maria Okafor"


def test_attribution_more_second_person_is_never_a_third_party(analyse):
    text = ("Michael Stone said the ball had never been tested. \"He played a ball nobody else could play, you "
            "know? It was never checked,\" Stone said.")
    analysis = analyse(text)
    assert all(s.source != "unnamed" or words(text, s.cue_span) != "know" for s in analysis.statements)
    assert not any(words(text, s.cue_span) == "know" and s.source == "Michael Stone" and
                   s.content_span[0] < text.index("you know") < s.content_span[1] for s in analysis.statements)


def test_attribution_more_surname_tagged_as_organisation_is_the_person(analyse):
    text = ("Donald Trump said crime had risen in Chicago. Trump said the city needed more police. "
            "The analysts checked the figures and found that shootings had risen by 20 percent.")
    analysis = analyse(text)
    found = next(s for s in analysis.statements if words(text, s.cue_span) == "found")
    assert found.source != "Trump" and found.source != "Donald Trump"


def test_attribution_more_description_with_its_own_name_is_not_an_anaphor(analyse):
    text = ("Fighters linked to al-Qaeda seized the town in March. The al-Akhbar newspaper said that the "
            "commander had fled to the border.")
    analysis = analyse(text)
    st = next(s for s in analysis.statements if "commander had fled" in words(text, s.content_span))
    assert "al-akhbar" in st.source.lower()


def test_attribution_more_singular_description_is_not_a_plural_group(analyse):
    text = ("Lebanese officials said the woman was being questioned. The security official quoted by the "
            "agency said the child was her daughter.")
    analysis = analyse(text)
    st = next(s for s in analysis.statements if "her daughter" in words(text, s.content_span))
    assert st.source != "Lebanese officials"


@pytest.mark.parametrize("text, expected", [
    ("Party leaders said the timing of the announcement was not intentional; the two sides had signed the deal "
     "only on Friday.",
     [("Party leaders", "said", "the timing of the announcement was not intentional")]),
    ("The interior ministry declared al-Nour a banned organization.",
     [("interior ministry", "declared", "al-Nour a banned organization")]),
])
def test_attribution_more_content_boundaries(analyse, text, expected):
    assert_statements(analyse(text), expected)


@pytest.mark.parametrize("text, expected", [
    # a dateline in capitals before the dash is where, not who
    ("NAIROBI -- President William Ruto, opening the new terminal on Saturday, said it would double the "
     "airport's capacity.",
     [("William Ruto", "said", "it would double the airport's capacity")]),
    # the parser takes a word of the quote as a second subject; the speaker is the one after the cue
    ("\u201cThe campaign is in trouble. Deep trouble,\u201d said Maria Gomez, a county party official.",
     [("Maria Gomez", "said", "The campaign is in trouble. Deep trouble")]),
])
def test_attribution_more_speaker_not_dateline_or_quoted_word(analyse, text, expected):
    assert_statements(analyse(text), expected)


@pytest.mark.parametrize("text, expected", [
    ("\u201cHer removal is a major loss to the group,\u201d a White House statement said.",
     [("White House", "said", "Her removal is a major loss to the group")]),
    # a poll, a study, a report speaks itself (kind "document"; its author is its affiliation:
    # tests/nlp/test_document_sources.py); a statement is its author's voice
    ("The IMF report stated that global growth would slow next year.",
     [("IMF report", "stated", "global growth would slow next year")]),
    ("According to a new Gallup poll, the two candidates are virtually tied.",
     [("new Gallup poll", "According to", "the two candidates are virtually tied")]),
])
def test_attribution_more_document_speaks_for_its_author(analyse, text, expected):
    assert_statements(analyse(text), expected)


def test_attribution_more_authored_lexicon_is_valid():
    from claimwatch.lexicons import load_yaml
    data = load_yaml("authored.yaml")
    assert data["version"] == 1 and "statement" in data["documents"] and "poll" in data["documents"]


def test_attribution_more_bare_cue_sentence_takes_the_quote_before_it(analyse):
    text = ("The mayor's office said the bridge would reopen. \u201cThe bridge is safe and the inspections "
            "found no damage to the cables.\u201d The mayor also said.")
    analysis = analyse(text)
    st = next(s for s in analysis.statements if "no damage to the cables" in words(text, s.content_span))
    assert words(text, st.cue_span).endswith("said") and st.content_span[0] > text.index("\u201c")


def test_attribution_more_subject_inside_a_quote_is_no_antecedent_speaker(analyse):
    text = ("\u201cThe step is important, and the United States will keep pressing the group,\u201d a White "
            "House statement said. It added that more sanctions would follow.")
    analysis = analyse(text)
    added = next(s for s in analysis.statements if words(text, s.cue_span) == "added")
    assert added.source == "White House"


@pytest.mark.parametrize("text, expected", [
    ("\u201cI have heard that the coach will be fired,\u201d Olsen said on \u201cMornings with the Sports Desk.\u201d",
     [("Olsen", "said", "I have heard that the coach will be fired")]),
])
def test_attribution_more_quoted_title_after_cue_is_no_continuation(analyse, text, expected):
    assert_statements(analyse(text), expected)


def test_attribution_more_second_subject_parsed_as_conjunct(analyse):
    text = ("Ana Ruiz, chief operating officer of the League, dismissed the rumour Monday, too, and the League, "
            "according to the newspaper, says it is obliged to announce any ban.")
    analysis = analyse(text)
    says = next(s for s in analysis.statements if words(text, s.cue_span) == "says")
    assert says.source.lower().endswith("league") and says.source != "Ana Ruiz"
