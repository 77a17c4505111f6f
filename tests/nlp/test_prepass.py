"""The cue pre-pass: which sentences reach the parser, and that the merged Doc reads like a full parse."""
from __future__ import annotations

import pytest

from claimwatch.errors import LexiconError
from claimwatch.lexicons import load_yaml
from claimwatch.model import Article
from claimwatch.nlp.pipeline import analyze_article, analyze_many
from claimwatch.nlp.prepass import load_rules, parse_rules, pipe_prepass, rule_sentences, select

# Sentences written for these tests; each article mixes cue sentences with plain narrative.
ARTICLES = [
    (
        "The storm reached the coast late on Sunday. Thousands of homes lost power across the region.\n\n"
        "Grid operator Nordlicht said on Monday that most customers would be reconnected by Wednesday.\n\n"
        "Crews worked through the night to clear fallen trees from the main roads. Schools stayed closed.\n\n"
        "The regional governor, Anke Vogt, visited a shelter in the harbour district. She said the "
        "damage was worse than forecasters had predicted.\n"
    ),
    (
        "Shares in the carmaker fell 4 percent in early trading on Thursday.\n\n"
        "\u201cWe have no plans to close the Leipzig plant,\u201d a company spokesman said. "
        "\u201cProduction will continue as scheduled.\u201d\n\n"
        "Union leaders denied reports that they had agreed to cut shifts. The plant employs about 3,000 people.\n\n"
        "Analysts at Commerzbank questioned whether the sales target could be met this year.\n"
    ),
    (
        "A fire broke out at a recycling plant near Lyon on Tuesday evening.\n\n"
        "According to the local fire service, no one was injured. Residents were told to keep their "
        "windows shut.\n\n"
        "The plant's owner has not commented on the cause of the fire. An investigation has been opened.\n"
    ),
]


def _kept_texts(nlp, text: str) -> list[str]:
    doc = nlp.make_doc(text)
    sel = select(doc, nlp)
    return [doc[a:b].text.strip() for k, (a, b) in enumerate(sel.sentences) if k in sel.kept]


@pytest.mark.parametrize("text, sentence, kept", [
    ("The bridge reopened on Monday. The ministry said the repairs cost 2 million euros.",
     "The ministry said the repairs cost 2 million euros.", True),
    ("The bridge reopened on Monday. The ministry said the repairs cost 2 million euros.",
     "The bridge reopened on Monday.", False),
    ("Police confirmed that two men had been arrested. Traffic was diverted for hours.",
     "Traffic was diverted for hours.", False),
    ("The senator denies taking any payments. The hearing resumes next week.",
     "The senator denies taking any payments.", True),
    ("Prosecutors allege the firm hid losses from investors. Its shares were suspended.",
     "Prosecutors allege the firm hid losses from investors.", True),
    ("The hospital was built in 1962. It has 400 beds, according to its annual report.",
     "It has 400 beds, according to its annual report.", True),
    ("The Islamic State lost the town in March. Fighting continued in the hills.",
     "The Islamic State lost the town in March.", False),
    ("The state budget was approved on Friday. Teachers will get a raise.",
     "The state budget was approved on Friday.", False),
])
def test_prepass_keeps_cue_sentences_and_drops_narrative(nlp, text, sentence, kept):
    assert (sentence in _kept_texts(nlp, text)) is kept


def test_prepass_keeps_quote_continuation_paragraph(nlp):
    text = ("The finance minister said: \u201cThe figures are simply wrong. They leave out the second half "
            "of the year.\n\n"
            "\u201cWe will publish our own audit before the end of the month.\u201d\n\n"
            "The opposition has called for an inquiry.\n")
    kept = _kept_texts(nlp, text)
    assert "\u201cWe will publish our own audit before the end of the month.\u201d" in kept
    analysis = analyze_article(Article(text=text), nlp=nlp, fast=True)
    contents = {s.content for s in analysis.statements}
    assert "We will publish our own audit before the end of the month." in contents


@pytest.mark.parametrize("text, source", [
    ("Maria Okafor, the director of the port, toured the damaged pier on Friday. "
     "The repairs would take months, she said.\n", "Maria Okafor"),
    ("Health Minister Jonas Berg visited the clinic in Malmo on Tuesday.\n\n"
     "He said the waiting lists would be halved by next year.\n", "Jonas Berg"),
])
def test_prepass_pronoun_source_still_names_the_person(nlp, text, source):
    fast = analyze_article(Article(text=text), nlp=nlp, fast=True)
    assert [s.source for s in fast.statements] == [source]


@pytest.mark.parametrize("text, before_kept", [
    ("The mayor opened the new library on Saturday. He said it would stay open until midnight.", True),
    ("The mayor opened the new library on Saturday. Later, his deputy said the budget was tight.", True),
    ("The mayor opened the new library on Saturday. \u201cWe need more of these,\u201d said he.", True),
    ("The mayor opened the new library on Saturday. Officials said the building, which he had long "
     "championed, cost less than planned.", False),
])
def test_prepass_keeps_the_sentence_before_only_for_a_pronoun_near_a_cue(nlp, text, before_kept):
    assert ("The mayor opened the new library on Saturday." in _kept_texts(nlp, text)) is before_kept


def test_prepass_ner_reads_attribution_sentences_only(nlp):
    from dataclasses import replace

    text = ("The report found that Lake Ostrova had shrunk by a third. Officials in Warsaw were not consulted.\n\n"
            "Mayor Tomasz Wrona said on Friday that the city would build a new reservoir near Plock.\n")
    doc = next(iter(pipe_prepass(nlp, [text], rules=replace(load_rules(), ner="attributions"))))
    named = {e.text for e in doc.ents}
    assert "Tomasz Wrona" in named and "Plock" in named  # the attribution's source and content
    assert "Warsaw" not in named  # no cue, no attribution: no NER
    kept = next(iter(pipe_prepass(nlp, [text], rules=replace(load_rules(), ner="kept"))))
    assert {s.source for s in analyze_article(Article(text=text), nlp=nlp, fast=True).statements} >= {"Tomasz Wrona"}
    assert {e.text for e in kept.ents} >= named


@pytest.mark.parametrize("text", ARTICLES)
def test_prepass_merged_doc_keeps_original_offsets(nlp, text):
    doc = next(iter(pipe_prepass(nlp, [text])))
    plain = nlp.make_doc(text)
    assert doc.text == text
    assert [t.idx for t in doc] == [t.idx for t in plain]
    sents = list(doc.sents)
    assert sents[0].start == 0 and sents[-1].end == len(doc)
    assert all(a.end == b.start for a, b in zip(sents, sents[1:]))
    for ent in doc.ents:
        assert text[ent.start_char:ent.end_char] == ent.text
    for t in doc:
        assert t.head.sent == t.sent  # heads never cross into another sentence


@pytest.mark.parametrize("text", ARTICLES)
def test_prepass_analysis_gives_same_statements(nlp, text):
    def key(analysis):
        return [(s.source, s.cue_span, s.content_span, s.stance, s.certainty) for s in analysis.statements]

    full = analyze_article(Article(text=text), nlp=nlp)
    fast = analyze_article(Article(text=text), nlp=nlp, fast=True)
    assert key(fast) == key(full)
    assert key(fast)  # every article has statements to compare


def test_prepass_analyze_many_keeps_order(nlp):
    arts = [Article(text=t, id=f"a{i}") for i, t in enumerate(ARTICLES)]
    fast = list(analyze_many(arts, nlp=nlp, batch_size=1, fast=True))
    assert [a.article.id for a in fast] == ["a0", "a1", "a2"]
    assert [a.article.text for a in fast] == ARTICLES


@pytest.mark.parametrize("text, expected", [
    ("He said so. She left.", ["He said so.", "She left."]),
    ("\u201cWe won.\u201d The crowd cheered.", ["\u201cWe won.\u201d", "The crowd cheered."]),
    ("Headline without a stop\nBody text here.", ["Headline without a stop", "Body text here."]),
    ("Is it true? Nobody knows!", ["Is it true?", "Nobody knows!"]),
])
def test_prepass_rule_sentences_split_like_news(nlp, text, expected):
    doc = nlp.make_doc(text)
    assert [doc[a:b].text.strip() for a, b in rule_sentences(doc)] == expected


def test_prepass_article_without_cues_parses_nothing(nlp):
    text = "The river rose two metres overnight. Boats were moored further upstream.\n"
    doc = next(iter(pipe_prepass(nlp, [text])))
    assert doc.text == text
    assert not any(t.dep_ for t in doc)
    assert [s.text.strip() for s in doc.sents] == ["The river rose two metres overnight.",
                                                   "Boats were moored further upstream."]
    assert analyze_article(Article(text=text), nlp=nlp, fast=True).statements == ()


@pytest.mark.parametrize("field, value", [("ner", "some"), ("anaphor_context", -1), ("anaphors", "he"), ("anaphor_parse", "no")])
def test_prepass_rules_reject_malformed_file(field, value):
    data = dict(load_yaml("prepass.yaml"))
    data[field] = value
    with pytest.raises(LexiconError):
        parse_rules(data)


def test_prepass_packaged_rules_load():
    assert load_rules().ner in ("all", "names", "kept", "attributions")


def test_prepass_cli_analyze_fast_matches_full_on_worked_example():
    import json

    from click.testing import CliRunner

    from claimwatch.cli import cli

    runner = CliRunner()
    full = runner.invoke(cli, ["analyze", "--example", "--format", "json"])
    fast = runner.invoke(cli, ["analyze", "--example", "--fast", "--format", "json"])
    assert full.exit_code == 0 and fast.exit_code == 0
    spans = [[(s["source"], tuple(s["content_span"])) for s in json.loads(r.output)["statements"]] for r in (full, fast)]
    assert spans[0] and spans[1] == spans[0]


def test_prepass_dask_worker_task_runs_the_pre_pass_when_asked():
    from claimwatch.model import Article
    from claimwatch.nlp.pipeline import analyze_many
    from claimwatch.scale.dask_engine import analyse_on_worker, from_record

    articles = [Article(text=t, id=f"a{i}") for i, t in enumerate(ARTICLES)]
    records = analyse_on_worker(articles, None, True)
    rebuilt = [from_record(r, a) for r, a in zip(records, articles)]
    expected = list(analyze_many(articles, fast=True))
    assert [[s.to_dict() for s in a.statements] for a in rebuilt] == [[s.to_dict() for s in a.statements] for a in expected]
