"""Attribution patterns end to end: who is the source, which words are the cue, which the content.

Each case is a short news passage written for these tests and the statements a careful annotator
would mark in it (conventions of ``shared/data/dev/README.md``): reported speech without "that",
direct quotes without the quotation marks or a trailing comma, one statement per source of a joint
statement, and no statement for unattributed narration. A case lists *every* statement expected in
the passage, so a spurious extraction fails as surely as a missed one.
"""
from __future__ import annotations

import pytest

from support import gap
from claimwatch.model import Analysis, Statement

Expected = list[tuple[str, str, str]]  # (source, cue, content)


def _norm(name: str) -> str:
    name = name.strip().lower()
    return name[4:] if name.startswith("the ") else name


def source_names(analysis: Analysis, statement: Statement) -> set[str]:
    """The source's canonical name and aliases: the scorer accepts any of them as the same actor."""
    names = {_norm(statement.source)}
    actor = analysis.actor(statement.source)
    if actor is not None:
        names.update(_norm(a) for a in actor.aliases)
    return names


def words(text: str, span) -> str:
    return text[slice(*span)]


def triples(analysis: Analysis) -> list[tuple[str, str, str]]:
    t = analysis.article.text
    return [(s.source, words(t, s.cue_span), words(t, s.content_span)) for s in analysis.statements]


def assert_statements(analysis: Analysis, expected: Expected) -> None:
    text = analysis.article.text
    found = triples(analysis)
    unmatched = list(analysis.statements)
    for source, cue, content in expected:
        match = next(
            (s for s in unmatched
             if words(text, s.cue_span) == cue and words(text, s.content_span) == content
             and _norm(source) in source_names(analysis, s)),
            None,
        )
        assert match is not None, f"missing ({source!r}, {cue!r}, {content!r}); found {found}"
        unmatched.remove(match)
    assert not unmatched, f"unexpected statements {[t for t, s in zip(found, analysis.statements) if s in unmatched]}"


CASES = [
    # --- X said (that) Y --------------------------------------------------------------------
    ("Finance Minister Rachel Hughes said that inflation would fall below 3 percent by the end of the year.",
     [("Rachel Hughes", "said", "inflation would fall below 3 percent by the end of the year")]),
    ("Arsenal manager Mikel Arteta said his players had run out of energy in the final twenty minutes.",
     [("Mikel Arteta", "said", "his players had run out of energy in the final twenty minutes")]),
    ("The Federal Aviation Administration said on Friday that it had grounded all jets of the type.",
     [("Federal Aviation Administration", "said", "it had grounded all jets of the type")]),
    # the parser hangs the that-clause on a noun or loses it: the words after the cue still open it
    ("The transport ministry said in a statement that the timetable would change in June. It added that "
     "fares would not rise.",
     [("transport ministry", "said in a statement", "the timetable would change in June"),
      ("transport ministry", "added", "fares would not rise")]),
    ("Analysts at the research firm said last week that just 40,000 of the new handsets, priced at $999 "
     "+2.1%, were sold in the first quarter.",
     [("Analysts at the research firm", "said",
       "just 40,000 of the new handsets, priced at $999 +2.1%, were sold in the first quarter")]),
    ("Half of the new order is earmarked for the cheaper model, one of these people said.",
     [("people", "said", "Half of the new order is earmarked for the cheaper model")]),
    # --- Y, X said / Y, said X ---------------------------------------------------------------
    ("The bridge will remain closed until engineers have inspected every cable, Transport Commissioner "
     "Elena Ruiz said on Monday.",
     [("Elena Ruiz", "said", "The bridge will remain closed until engineers have inspected every cable")]),
    ("Interest rates will stay on hold until the spring, said Philip Lane, the bank's chief economist.",
     [("Philip Lane", "said", "Interest rates will stay on hold until the spring")]),
    # --- X said: "..." and quotes across sentences --------------------------------------------
    ('Coach Carlo Mendes said: "We were simply not good enough in the second half."',
     [("Carlo Mendes", "said", "We were simply not good enough in the second half.")]),
    ('Health Minister Anna Berg said: "The outbreak is under control. No new cases have been recorded '
     'in the past week."',
     [("Anna Berg", "said",
       "The outbreak is under control. No new cases have been recorded in the past week.")]),
    ('"The vaccine is safe. We have data from more than 40,000 volunteers," said Maria Lopez, the '
     "agency's chief medical officer.",
     [("Maria Lopez", "said", "The vaccine is safe. We have data from more than 40,000 volunteers")]),
    ('"We will appeal this ruling," said Sarah Klein, the company\'s lawyer. "The judge ignored key '
     'evidence."',
     [("Sarah Klein", "said", "We will appeal this ruling"),
      ("Sarah Klein", "said", "The judge ignored key evidence.")]),
    ('Mayor Anne Hidalgo said the water had been tested every day.\n\n"The river is clean enough to swim '
     'in. Athletes will compete in it next week," she said.',
     [("Anne Hidalgo", "said", "the water had been tested every day"),
      ("Anne Hidalgo", "said", "The river is clean enough to swim in. Athletes will compete in it next week")]),
    ("The Bank of England said in a statement on Thursday that it would keep buying bonds until June.",
     [("Bank of England", "said in a statement", "it would keep buying bonds until June")]),
    ('"We will rebuild the school," Mayor Ivan Petrov said. "It will take at least two years," he added.',
     [("Ivan Petrov", "said", "We will rebuild the school"),
      ("Ivan Petrov", "added", "It will take at least two years")]),
    # a news outlet relaying a named speaker is not a second source
    ('"The deal is done," agent Jorge Mendes told ESPN on Sunday.',
     [("Jorge Mendes", "told", "The deal is done")]),
    # nested attribution: each level with its own cue is a statement
    ("Senator Ron Wyden said Treasury officials had told him that the payments were frozen.",
     [("Ron Wyden", "said", "Treasury officials had told him that the payments were frozen"),
      ("Treasury officials", "had told", "the payments were frozen")]),
    # --- several statements in one sentence ----------------------------------------------------
    ("Maria Silva, who has run the clinic for a decade, said the new rules would force it to close.",
     [("Maria Silva", "said", "the new rules would force it to close")]),
    ("The singer wrote on Instagram that she had cancelled the rest of the tour.",
     [("singer", "wrote", "she had cancelled the rest of the tour")]),
    # --- according to X, Y / Y, according to X -----------------------------------------------
    ("According to the World Health Organization, 42 people have been hospitalised with the virus.",
     [("World Health Organization", "According to", "42 people have been hospitalised with the virus")]),
    ("The carmaker plans to close two plants in Ohio, according to people familiar with the matter.",
     [("people familiar with the matter", "according to", "The carmaker plans to close two plants in Ohio")]),
    # --- accuse, deny, dismiss, reject ---------------------------------------------------------
    ("Opposition leader Tomas Novak accused the government of rigging the vote in three provinces.",
     [("Tomas Novak", "accused", "the government of rigging the vote in three provinces")]),
    ("Ferrari denied reports that its team principal had resigned.",
     [("Ferrari", "denied", "reports that its team principal had resigned")]),
    ("The defence minister, Ben Wallace, denied that British troops had crossed the border.",
     [("Ben Wallace", "denied", "British troops had crossed the border")]),
    ("Siemens dismissed the allegations as baseless.",
     [("Siemens", "dismissed", "the allegations as baseless")]),
    ("Russia and Belarus have denied that any troops were moved to the border.",
     [("Russia", "have denied", "any troops were moved to the border"),
      ("Belarus", "have denied", "any troops were moved to the border")]),
    # --- echo ----------------------------------------------------------------------------------
    ("Union leader Paul Nowak warned that the closure would cost 2,000 jobs. Labour MP Sarah Owen "
     "echoed these concerns.",
     [("Paul Nowak", "warned", "the closure would cost 2,000 jobs"),
      ("Sarah Owen", "echoed", "these concerns")]),
    # --- participial describing / dismissing ---------------------------------------------------
    ("Foreign Minister Penny Wong spoke to reporters in Canberra on Friday, describing the missile "
     "launch as a reckless provocation.",
     [("Penny Wong", "describing", "the missile launch as a reckless provocation")]),
    ("Ministry spokesman Igor Lenkov responded within hours, dismissing the leaked memo as a forgery.",
     [("Igor Lenkov", "dismissing", "the leaked memo as a forgery")]),
    # --- publish / report ----------------------------------------------------------------------
    ("The Financial Times reported that the bank was preparing to cut 5,000 jobs.",
     [("Financial Times", "reported", "the bank was preparing to cut 5,000 jobs")]),
    # --- nominal claim, passive, could not confirm, no evidence --------------------------------
    ("Marta Diaz's claim that she was fired for reporting safety breaches will be heard by a tribunal in May.",
     [("Marta Diaz", "claim", "she was fired for reporting safety breaches")]),
    ("Any wrongdoing was denied by the company's chief executive, Mark Powell.",
     [("Mark Powell", "was denied", "Any wrongdoing")]),
    ("The allegations were rejected by the football association on Thursday.",
     [("football association", "were rejected", "The allegations")]),
    ("The Interior Ministry could not confirm the number of casualties.",
     [("Interior Ministry", "could not confirm", "the number of casualties")]),
    ("There was no evidence of foul play, the coroner noted.",
     [("coroner", "noted", "There was no evidence of foul play")]),
    # --- appeals and warnings ------------------------------------------------------------------
    ("The International Monetary Fund warned that global growth could slow to 2.4 percent next year.",
     [("International Monetary Fund", "warned", "global growth could slow to 2.4 percent next year")]),
    ("UN Secretary-General Antonio Guterres called on both sides to open a humanitarian corridor.",
     [("Antonio Guterres", "called on", "both sides to open a humanitarian corridor")]),
    # --- anonymous and unnamed sources ----------------------------------------------------------
    ("Two officials said the talks had collapsed late on Tuesday.",
     [("two officials", "said", "the talks had collapsed late on Tuesday")]),
    ("A source in the army's General Staff said the brigade had been withdrawn from the front.",
     [("source in the army's General Staff", "said", "the brigade had been withdrawn from the front")]),
    ("It is alleged that the referee accepted money before the match.",
     [("unnamed", "It is alleged", "the referee accepted money before the match")]),
    # --- not attributions ----------------------------------------------------------------------
    ("The storm destroyed hundreds of homes along the coast on Sunday night.", []),
    ("Photos showed thick smoke rising over the refinery.", []),
    # --- known gaps: fail today; the reason is the diagnosis and the general fix -------------
    ("Senator Maria Cantwell told reporters the bill would not pass before the recess.",
     [("Maria Cantwell", "told", "the bill would not pass before the recess")]),
    gap('content is only "oil": the parser hangs "leaking" (acl) on "video"; an object-frame '
        "content should run from the object to the end of its clause",
        "Greenpeace released a video showing oil leaking from the tanker's hull.",
        [("Greenpeace", "released a video showing", "oil leaking from the tanker's hull")]),
    pytest.param("There is no evidence that the virus spread through the water supply, health officer Amir Patel noted.", [("Amir Patel", "noted", "There is no evidence that the virus spread through the water supply")]),
    gap("the quote before a mid-sentence cue is lost (the parser makes 'said' parataxis of 'tolerated'): a cue"
        ' between two quotes of one sentence should give both statements, as _quote_continuations does across sentences',
        '"The league," Commissioner Roger Goodell said, "has never tolerated doping."',
        [("Roger Goodell", "said", "The league"), ("Roger Goodell", "said", "has never tolerated doping.")]),
    pytest.param("The prosecutor said the defendant had lied to the jury, while his lawyer said the evidence was flawed.", [("prosecutor", "said", "the defendant had lied to the jury"),
         ("lawyer", "said", "the evidence was flawed")]),
    gap("second source is 'captain': the parser makes 'captain' the conj and 'Marquinhos' an appos of 'Enrique';"
        ' a bare title noun immediately followed by a PERSON name should take that name, by word order',
        "Coach Luis Enrique and captain Marquinhos said the team was ready for the final.",
        [("Luis Enrique", "said", "the team was ready for the final"),
         ("Marquinhos", "said", "the team was ready for the final")]),
    ("Toyota recalled a million cars over a faulty airbag sensor.", []),
]


@pytest.mark.parametrize("text, expected", CASES)
def test_attribution_patterns_find_source_cue_and_content(analyse, text: str, expected: Expected) -> None:
    assert_statements(analyse(text), expected)


SHARED_CUE = [
    '"We will appeal this ruling," said Sarah Klein, the company\'s lawyer. "The judge ignored key evidence."',
    '"Prices will keep rising," the economist Jonas Weber said. "Households should prepare for a hard winter."',
]


@pytest.mark.parametrize("text", SHARED_CUE)
def test_attribution_patterns_split_quote_shares_one_cue(analyse, text: str) -> None:
    statements = analyse(text).statements
    assert len(statements) == 2
    assert statements[0].cue_span == statements[1].cue_span
    assert statements[0].content_span != statements[1].content_span
