"""Statement recall on general news English: constructions the rules used to miss (issue 17).

Covers: a quote running over three or more paragraphs (one statement per paragraph), a quoted
paragraph with no cue of its own after a speaker's quote (empty cue), and its limits.
All passages are written for these tests.
"""
from __future__ import annotations

import pytest

from test_attribution_patterns import assert_statements, source_names, triples, words


def has(analysis, source: str, cue: str, content: str) -> bool:
    text = analysis.article.text
    return any(words(text, s.cue_span) == cue and words(text, s.content_span) == content
               and source.lower() in {n.lower() for n in source_names(analysis, s)} for s in analysis.statements)


THREE_PARAGRAPHS = (
    'The harbour master, Ian Cole, said: "We check every vessel that comes in, and most nights it is quiet.\n\n'
    '"But around midnight I saw lights moving on the old pier. The boat had no registration at all.\n\n'
    '"By the time the coastguard arrived, the crew had already gone."\n\nPolice later seized the boat.\n'
)


def test_attribution_recall_quote_over_three_paragraphs_gives_one_statement_each(analyse):
    a = analyse(THREE_PARAGRAPHS)
    for content in ("We check every vessel that comes in, and most nights it is quiet.",
                    "But around midnight I saw lights moving on the old pier. The boat had no registration at all.",
                    "By the time the coastguard arrived, the crew had already gone."):
        assert has(a, "Ian Cole", "said", content), triples(a)


NEXT_PARAGRAPH = (
    'Asked about the closure, Ms Grant was blunt. "The council has had two years to fix this and has done '
    'nothing at all," she said.\n\n"Families here are paying the price for that."\n\nThe council did not respond.\n'
)


def test_attribution_recall_quoted_paragraph_after_a_speakers_quote_has_an_empty_cue(analyse):
    a = analyse(NEXT_PARAGRAPH)
    assert has(a, "Ms Grant", "", "Families here are paying the price for that."), triples(a)


OTHER_CUE_FOLLOWS = (
    '"The council has had two years to fix this and has done nothing at all," Ms Grant said.\n\n'
    '"We have repaired forty roads since the spring." The council leader, Tom Hale, said in a statement.\n'
)


def test_attribution_recall_quoted_paragraph_with_more_text_is_not_continued(analyse):
    """The paragraph goes on after the quote: its speaker may be named there, not the previous one."""
    a = analyse(OTHER_CUE_FOLLOWS)
    assert not has(a, "Ms Grant", "", "We have repaired forty roads since the spring."), triples(a)


NARRATION_BETWEEN = (
    '"The council has had two years to fix this and has done nothing at all," Ms Grant said.\n\n'
    'The roads department says repairs begin in May and that the budget has been approved.\n\n'
    '"We have repaired forty roads since the spring."\n'
)


def test_attribution_recall_quoted_paragraph_after_narration_is_not_continued(analyse):
    a = analyse(NARRATION_BETWEEN)
    assert not has(a, "Ms Grant", "", "We have repaired forty roads since the spring."), triples(a)


RAISING = [
    ("The mayor is said to be furious about the decision to close the library.",
     [("unnamed", "is said", "to be furious about the decision to close the library")]),
    ("The finance minister was reported to have resigned on Friday evening.",
     [("unnamed", "was reported", "to have resigned on Friday evening")]),
    # a cue in a progressive infinitive is a state others report, not the subject's own past act
    ("Mayor Tom Reid is said to be welcoming the proposed change to parking rules.",
     [("unnamed", "is said", "to be welcoming the proposed change to parking rules")]),
]


@pytest.mark.parametrize("text, expected", RAISING)
def test_attribution_recall_said_to_infinitive_is_an_unnamed_distanced_statement(analyse, text, expected):
    a = analyse(text)
    assert_statements(a, expected)
    assert all(s.distanced for s in a.statements)


RAISED_SPEAKER = [
    ("Two officials in the ministry are said to have confirmed that the talks had collapsed.",
     [("Two officials in the ministry", "to have confirmed", "the talks had collapsed")]),
    ("The ambassador is said to have denied any plans to leave the capital.",
     [("ambassador", "to have denied", "any plans to leave the capital")]),
    ("The embassy has moved to deny reports that its staff had been expelled.",
     [("embassy", "to deny", "reports that its staff had been expelled")]),
]


@pytest.mark.parametrize("text, expected", RAISED_SPEAKER)
def test_attribution_recall_cue_in_a_raised_or_leading_infinitive_is_the_subjects_statement(analyse, text, expected):
    assert_statements(analyse(text), expected)


INFINITIVE = [
    ("The senator has vowed to find and punish those responsible for the leak.",
     [("senator", "has vowed", "to find and punish those responsible for the leak")]),
    ("The new owners pledged to keep all three factories open until 2030.",
     [("new owners", "pledged", "to keep all three factories open until 2030")]),
]


@pytest.mark.parametrize("text, expected", INFINITIVE)
def test_attribution_recall_infinitive_of_a_promise_verb_is_the_content(analyse, text, expected):
    assert_statements(analyse(text), expected)


def test_attribution_recall_told_to_without_speaker_stays_out(analyse):
    """ "was told to leave" names no speaker and reports an order, not a raised statement."""
    assert not analyse("He was told to leave the building before noon.").statements


ACCORDING_BEFORE_CONJUNCT = [
    ("The mayor plans to meet the city's five police chiefs this week, according to the Daily Courier, and the "
     "union has already criticised the idea.",
     [("Daily Courier", "according to", "The mayor plans to meet the city's five police chiefs this week"),
      ("union", "has already criticised", "the idea")]),
    ("The troops, according to officials, had crossed the border overnight.",
     [("officials", "according to", "The troops, according to officials, had crossed the border overnight")]),
]


@pytest.mark.parametrize("text, expected", ACCORDING_BEFORE_CONJUNCT)
def test_attribution_recall_according_to_after_its_clause_reports_that_clause_only(analyse, text, expected):
    """The phrase sits inside the clause only when the clause's verb follows it; after the verb, the
    content is the clause before it, not a second clause joined after it."""
    assert_statements(analyse(text), expected)


def test_attribution_recall_writers_words_before_a_closing_quote_are_content(analyse):
    a = analyse('Nothing the minister offered "will calm the farmers who lost their crops," the senator said.')
    assert has(a, "senator", "said", 'Nothing the minister offered "will calm the farmers who lost their crops,"'), triples(a)


def test_attribution_recall_quote_alone_before_its_cue_stays_the_quote(analyse):
    a = analyse('Protesters gathered outside the gates. "We will not leave until the plant closes," their leader said.')
    assert has(a, "leader", "said", "We will not leave until the plant closes"), triples(a)


def test_attribution_recall_quantity_noun_of_speakers_is_the_speaker(analyse):
    a = analyse("The firm runs hotels across Europe, and a number of analysts had speculated that Lisbon "
                "would be its next target.")
    assert has(a, "analysts", "had speculated", "Lisbon would be its next target"), triples(a)


def test_attribution_recall_with_absolute_of_another_speaker_ends_the_content(analyse):
    a = analyse("Police said the driver had recently lost his job, with neighbours suggesting he had been "
                "drinking heavily for weeks.")
    assert_statements(a, [("Police", "said", "the driver had recently lost his job"),
                          ("neighbours", "suggesting", "he had been drinking heavily for weeks")])


ACCUSED_PARTICIPLE = [
    ("The official said 12 more guards had been arrested, accused of selling keys to inmates.",
     [("official", "said", "12 more guards had been arrested"),
      ("unnamed", "accused of", "selling keys to inmates")]),
    ("The mayor and the treasurer are under investigation and accused of links to a construction cartel.",
     [("unnamed", "accused of", "links to a construction cartel")]),
]


@pytest.mark.parametrize("text, expected", ACCUSED_PARTICIPLE)
def test_attribution_recall_bare_accused_of_is_an_unnamed_accusation(analyse, text, expected):
    """The noun the participle describes is the accused, never the source."""
    assert_statements(analyse(text), expected)


UNNAMED_REPORTS = [
    ("Other reports said the gunman had fled on foot.", "Other reports", "the gunman had fled on foot"),
    ("Reports in recent days had suggested that the bank may close 40 branches.", "Reports",
     "the bank may close 40 branches"),
]


@pytest.mark.parametrize("text, source, content", UNNAMED_REPORTS)
def test_attribution_recall_plural_reports_without_author_speak_for_unnamed_outlets(analyse, text, source, content):
    a = analyse(text)
    assert [(s.source, words(text, s.content_span)) for s in a.statements] == [(source, content)]


def test_attribution_recall_singular_report_without_author_is_a_document(analyse):
    a = analyse("The report said the plant was unsafe.")
    assert [(s.source, a.actor(s.source).kind) for s in a.statements] == [("report", "document")]


INVERTED_OUTLET = [
    ("Parents were furious about the cancelled trip, reported the Evening Post.",
     [("Evening Post", "reported", "Parents were furious about the cancelled trip")]),
    ("The plant will close in March, writes the Guardian.",
     [("Guardian", "writes", "The plant will close in March")]),
]


@pytest.mark.parametrize("text, expected", INVERTED_OUTLET)
def test_attribution_recall_name_after_a_closing_cue_is_its_speaker(analyse, text, expected):
    assert_statements(analyse(text), expected)


def test_attribution_recall_participle_object_is_not_an_inverted_speaker(analyse):
    text = "The company closed the plant last year, blaming Brussels."
    a = analyse(text)
    assert all(words(text, s.content_span) != "The company closed the plant last year" for s in a.statements), triples(a)


PURPOSE = [
    ("The mayor took to Twitter to announce that the bridge would reopen on Monday.",
     [("mayor", "to announce", "the bridge would reopen on Monday")]),
    ("The company held a press conference on Monday to deny the reports.",
     [("company", "to deny", "the reports")]),
]


@pytest.mark.parametrize("text, expected", PURPOSE)
def test_attribution_recall_cue_in_an_infinitive_of_purpose_is_the_subjects_statement(analyse, text, expected):
    assert_statements(analyse(text), expected)


@pytest.mark.parametrize("text", [
    "She will call her lawyer to say that she is innocent.",  # the call has not happened
    "The agency sent two inspectors to investigate the claims.",  # an aim, not something said
    "He needs more data to prove that the drug works.",
])
def test_attribution_recall_infinitive_of_purpose_limits(analyse, text):
    assert not analyse(text).statements, triples(analyse(text))


BLOCK_AFTER_COLON = [
    ("The Daily Courier reported:\n\nLocal officials are weighing a plan to close the northern bridge for repairs. "
     "A senior engineer said the work would take a year.\n",
     [("Daily Courier", "reported", "Local officials are weighing a plan to close the northern bridge for repairs"),
      ("senior engineer", "said", "the work would take a year")]),
    ('The agency said:\n\n"We have no record of the flight. Our staff checked every log twice."\n',
     [("agency", "said", "We have no record of the flight. Our staff checked every log twice.")]),
]


@pytest.mark.parametrize("text, expected", BLOCK_AFTER_COLON)
def test_attribution_recall_cue_with_colon_introduces_the_next_paragraph(analyse, text, expected):
    assert_statements(analyse(text), expected)


def test_attribution_recall_next_finite_act_of_the_speaker_is_not_content(analyse):
    text = 'The governor called the merger "a terrible deal" and ranked the chief executive among the worst in the state.'
    assert_statements(analyse(text), [("governor", "called", 'the merger "a terrible deal"')])


def test_attribution_recall_coordinated_gerund_under_the_cue_stays_content(analyse):
    text = "The senator talked about tax reform and passing new gun laws."
    assert_statements(analyse(text), [("senator", "talked about", "tax reform and passing new gun laws")])


def test_attribution_recall_parenthetical_told_aides_is_a_hearer_not_content(analyse):
    text = "The budget will be balanced next year, the minister told aides on Friday."
    assert_statements(analyse(text), [("minister", "told", "The budget will be balanced next year")])


def test_attribution_recall_according_to_which_reports_the_relative_clause(nlp):
    from claimwatch.nlp.attribution import find_attributions
    doc = nlp("The ministry published a survey according to which unemployment fell by two percent last year.")
    found = {doc.text[slice(*a.content)] for a in find_attributions(doc) if a.hit.head.lower_ == "according"}
    assert found == {"unemployment fell by two percent last year"}


@pytest.mark.parametrize("text, inners", [
    ("'We will not back down', says the union leader", ["We will not back down"]),
    ("The players' union said it's time. 'We won\u2019t stop,' a spokesman added.", ["We won\u2019t stop"]),
    ("Mr Hale said: 'I heard footsteps outside.\n\n'Then the lights went out.\n\nNarration.", [
        "I heard footsteps outside.", "Then the lights went out."]),
])
def test_attribution_recall_single_mark_quotations_are_quotes(text, inners):
    from claimwatch.nlp.quotes import find_quotes
    assert [text[slice(*q.inner)] for q in find_quotes(text)] == inners


def test_attribution_recall_single_quoted_statement_british_style(analyse):
    text = "Homeowner Ann Hale said: 'I heard footsteps and we were sure nobody else was around.'\n"
    assert_statements(analyse(text), [("Ann Hale", "said", "I heard footsteps and we were sure nobody else was around.")])


def test_attribution_recall_nearer_cue_introduces_the_quote(analyse):
    text = 'A witness who spoke to local radio said: "The creature was big and moved very fast through the trees."'
    a = analyse(text)
    assert [words(text, s.cue_span) for s in a.statements] == ["said"], triples(a)
