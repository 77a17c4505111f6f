"""FNC-1 stance rules on hand-built analyses (lexical only, no model), and the CLI's CSV output."""
from __future__ import annotations

import csv
import json

import pytest
from click.testing import CliRunner

from claimwatch.errors import LexiconError
from claimwatch.evaluate import fnc1
from claimwatch.evaluate.config import load_config, parse_config
from claimwatch.lexicons import load_yaml
from claimwatch.model import Analysis, Article, Claim, Statement

BODY = (
    "Flooding closed the main rail line between Leeds and York on Monday, the operator said. "
    "Engineers found that a culvert under the track had collapsed after two days of heavy rain. "
    "Services are expected to resume on Thursday."
)
HEADLINE = "Culvert collapse closes Leeds to York rail line after heavy rain"


# The same story told only through what people said: no sentence of the body's own voice restates it.
REPORTED = (
    "Flooding closed the main rail line between Leeds and York on Monday, the operator said. "
    "Engineers said they were inspecting the track after two days of heavy rain. "
    "Services are expected to resume on Thursday, officials said."
)


def _analysis(stance: str = "asserts", content: str = "a culvert under the track had collapsed after heavy rain "
              "and closed the Leeds to York rail line", body: str = REPORTED, **kw) -> Analysis:
    text = body + " " + content + "."
    start = text.rindex(content)
    statement = Statement(id="s1", source="Network Rail", cue="said", cue_span=(0, 4), content=content,
                          content_span=(start, start + len(content)), stance=stance, claims=("c1",), **kw)
    claim = Claim(id="c1", text=content, group="g1")
    return Analysis(article=Article(text=text, id="b1"), statements=(statement,), claims=(claim,))


def _decide(headline: str, analysis: Analysis) -> fnc1.Decision:
    return fnc1.decide(headline, fnc1.prepare_body(analysis, embed=None))


@pytest.mark.parametrize("stance, kw, expected", [
    ("asserts", {"act": "confirm"}, "agree"),
    ("supports", {"act": "confirm"}, "agree"),
    ("asserts", {}, "discuss"),  # saying what the headline says discusses it; confirming it agrees
    ("supports", {"act": "echo"}, "discuss"),
    ("denies", {}, "disagree"),
    ("disputes", {}, "disagree"),
    ("uncommitted", {}, "discuss"),
    ("asserts", {"act": "confirm", "distanced": True}, "discuss"),
    ("asserts", {"act": "confirm", "certainty": "possible"}, "discuss"),
    ("asserts", {"act": "confirm", "conditional": True}, "discuss"),
])
def test_evaluate_fnc1_matched_statement_votes_with_its_stance(stance, kw, expected):
    decision = _decide(HEADLINE, _analysis(stance, **kw))
    assert decision.label == expected
    assert decision.matched == ("s1",)


def test_evaluate_fnc1_headline_about_another_story_is_unrelated():
    decision = _decide("Pop star cancels stadium tour over vocal cord surgery", _analysis())
    assert decision.label == "unrelated"


def test_evaluate_fnc1_opposed_matching_statements_give_discuss():
    base = _analysis(act="confirm")
    denial = base.statements[0].with_(id="s2", source="the council", stance="denies")
    decision = _decide(HEADLINE, Analysis(article=base.article, statements=base.statements + (denial,),
                                          claims=base.claims))
    assert decision.label == "discuss" and set(decision.matched) == {"s1", "s2"}


@pytest.mark.parametrize("extra", ["", " Officials said the line would reopen on Thursday."])
def test_evaluate_fnc1_related_body_without_matching_statement_falls_back_to_discuss(extra):
    decision = _decide(HEADLINE, Analysis(article=Article(text=REPORTED + extra, id="b2")))
    assert decision.label == "discuss"
    assert decision.rule.startswith("fallback") and decision.matched == ()


def test_evaluate_fnc1_parts_split_bodies_by_id():
    pairs = [fnc1.Pair("h", str(i), "unrelated") for i in range(25)]
    dev = fnc1.select(pairs, "dev", 10)
    assert [p.body_id for p in dev] == ["0", "10", "20"]
    assert len(fnc1.select(pairs, "tune", 10)) == 22
    assert len(fnc1.select(pairs, "all", 10, limit=5)) == 5


def test_evaluate_fnc1_config_rejects_unknown_vote_label():
    data = load_yaml("eval_stance.yaml")
    broken = {**data, "fnc1": {**data["fnc1"], "fallback": "maybe"}}
    with pytest.raises(LexiconError, match="fnc1.fallback"):
        parse_config(broken)
    assert load_config().fnc1.fallback in ("agree", "disagree", "discuss")


def test_evaluate_fnc1_cli_writes_well_formed_predictions(tmp_path):
    from claimwatch.cli import cli

    bodies = tmp_path / "bodies.csv"
    stances = tmp_path / "stances.csv"
    with bodies.open("w", newline="", encoding="utf-8") as fh:
        csv.writer(fh).writerows([["Body ID", "articleBody"], ["10", BODY],
                                  ["20", "The museum said on Friday that a stolen painting by a Dutch master had been "
                                         "recovered in a warehouse near Antwerp, police confirmed."]])
    with stances.open("w", newline="", encoding="utf-8") as fh:
        csv.writer(fh).writerows([["Headline", "Body ID", "Stance"], [HEADLINE, "10", "discuss"],
                                  ["Stolen Dutch painting recovered near Antwerp", "20", "agree"],
                                  ["Pop star cancels stadium tour over vocal cord surgery", "10", "unrelated"],
                                  [HEADLINE, "11", "discuss"]])  # not in the dev part
    out, gold = tmp_path / "pred.csv", tmp_path / "gold.csv"
    result = CliRunner().invoke(cli, ["eval", "fnc1", "--bodies", str(bodies), "--stances", str(stances),
                                      "--out", str(out), "--part", "dev", "--gold-out", str(gold),
                                      "--no-embeddings"])
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(out.open(encoding="utf-8")))
    assert [(r["Headline"], r["Body ID"]) for r in rows] == [
        (HEADLINE, "10"), ("Stolen Dutch painting recovered near Antwerp", "20"),
        ("Pop star cancels stadium tour over vocal cord surgery", "10")]
    assert all(r["Stance"] in ("agree", "disagree", "discuss", "unrelated") for r in rows)
    assert rows[2]["Stance"] == "unrelated" and rows[0]["Stance"] != "unrelated"
    assert len(list(csv.DictReader(gold.open(encoding="utf-8")))) == 3


# A stand-in for shared/eval/score_fnc1.py --json: FNC-1's weighting (0.25 for related/unrelated right,
# 0.75 more for the right related label), as a percentage of the best possible.
FAKE_SCORER = """
import csv, json, sys
gold = [r["Stance"] for r in csv.DictReader(open(sys.argv[1], encoding="utf-8"))]
pred = [r["Stance"] for r in csv.DictReader(open(sys.argv[2], encoding="utf-8"))]
rel = lambda s: s != "unrelated"
got = sum(0.25 * (rel(g) == rel(p)) + 0.75 * (rel(g) and g == p) for g, p in zip(gold, pred))
best = sum(0.25 + 0.75 * rel(g) for g in gold)
print(json.dumps({"fnc1_score": round(100 * got / best, 2), "per_class_f1": {}, "confusion": {}}))
"""


def test_evaluate_fnc1_cli_reports_the_related_discuss_baseline_beside_the_score(tmp_path):
    from claimwatch.cli import cli

    bodies, stances = tmp_path / "bodies.csv", tmp_path / "stances.csv"
    with bodies.open("w", newline="", encoding="utf-8") as fh:
        csv.writer(fh).writerows([["Body ID", "articleBody"], ["10", BODY]])
    with stances.open("w", newline="", encoding="utf-8") as fh:
        csv.writer(fh).writerows([["Headline", "Body ID", "Stance"], [HEADLINE, "10", "agree"],
                                  ["Pop star cancels stadium tour over vocal cord surgery", "10", "unrelated"]])
    scorer = tmp_path / "score_fnc1.py"
    scorer.write_text(FAKE_SCORER, encoding="utf-8")
    result = CliRunner().invoke(cli, ["eval", "fnc1", "--bodies", str(bodies), "--stances", str(stances),
                                      "--out", str(tmp_path / "p.csv"), "--gold-out", str(tmp_path / "g.csv"),
                                      "--scorer", str(scorer), "--no-embeddings", "--format", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output[result.output.index("{"):])
    # the related pair labelled discuss: 0.25 of 1.0 plus the unrelated pair's 0.25 of 0.25
    assert data["ablation_score"]["fnc1_score"] == 40.0
    assert data["stance_gain_over_discuss"] == round(data["score"]["fnc1_score"] - 40.0, 2)


def test_evaluate_fnc1_cli_unknown_body_is_an_input_error(tmp_path):
    from claimwatch.cli import cli

    (tmp_path / "b.csv").write_text("Body ID,articleBody\n1,Some text.\n", encoding="utf-8")
    (tmp_path / "s.csv").write_text("Headline,Body ID\nA headline,7\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["eval", "fnc1", "--bodies", str(tmp_path / "b.csv"), "--stances",
                                      str(tmp_path / "s.csv"), "--out", str(tmp_path / "p.csv"), "--no-embeddings"])
    assert result.exit_code == 2 and "Body ID 7" in result.output


@pytest.mark.parametrize("args", [["eval"], ["eval", "fnc1"], ["eval", "emergent"], ["eval", "matching"],
                                  ["eval", "stories"]])
def test_evaluate_cli_help_has_an_example(args):
    from claimwatch.cli import cli

    result = CliRunner().invoke(cli, args + ["--help"])
    assert result.exit_code == 0 and "Example" in result.output


# --- the headline's own stance, references to the rumour, the body's own voice (issue 16) ---------

@pytest.mark.parametrize("headline, expected", [
    ("Culvert collapse closes Leeds to York rail line", "for"),
    ("Leeds to York line closure was a hoax, operator says", "against"),
    ("No, the Leeds to York line has not been closed", "against"),
    ("Rail chiefs shoot down talk of a culvert collapse", "for"),  # "shoot down" (base form) is not listed
    ("Rail chiefs shot down reports of a culvert collapse", "against"),
    ("Leeds to York line reportedly closed by culvert collapse", "observing"),
    ("Operator: culvert collapse closes Leeds to York line", "observing"),
    ("Did a culvert collapse close the Leeds to York line?", "observing"),
])
def test_evaluate_fnc1_headline_stance_toward_its_rumour(headline, expected):
    assert fnc1.headline_stance(headline, load_config().fnc1) == expected


def _rejection(stance: str = "denies", content: str = "the reports") -> Analysis:
    text = REPORTED + " The council later rejected " + content + "."
    start = text.rindex(content)
    statement = Statement(id="s1", source="the council", cue="rejected", cue_span=(start - 9, start - 1),
                          content=content, content_span=(start, start + len(content)), stance=stance, act="deny")
    return Analysis(article=Article(text=text, id="b3"), statements=(statement,))


@pytest.mark.parametrize("headline, expected", [
    (HEADLINE, "disagree"),  # the headline asserts the rumour the body rejects
    ("Leeds to York line closure was a hoax, says operator", "agree"),  # the headline debunks it too
    ("Leeds to York line reportedly closed after culvert collapse", "discuss"),  # the headline only reports it
])
def test_evaluate_fnc1_a_rejected_reference_is_a_rejection_of_the_rumour(headline, expected):
    decision = _decide(headline, _rejection())
    assert decision.label == expected and decision.matched == ("s1",)


@pytest.mark.parametrize("stance, content, rejects", [
    ("denies", "the claims", True),
    ("asserts", "no evidence to support them", True),  # asserted, it disputes what it refers to
    ("asserts", "the hoax", True),  # asserted, a verdict word denies it
    ("uncommitted", "the reports", False),  # "could not confirm the reports"
    ("asserts", "the reports", False),  # "repeated the reports"
])
def test_evaluate_fnc1_references_that_reject_take_the_rumours_side(stance, content, rejects):
    found = fnc1.rejects_rumour(fnc1.prepare_body(_rejection(stance, content), embed=None))
    assert found == (("s1",) if rejects else ())


def test_evaluate_fnc1_the_bodys_own_lead_restating_the_headline_agrees():
    body = ("A culvert collapse after heavy rain closed the Leeds to York rail line on Monday. "
            "Services are expected to resume on Thursday.")
    decision = _decide(HEADLINE, Analysis(article=Article(text=body, id="b4")))
    assert decision.label == "agree" and decision.rule.startswith("the body's own lead")


def test_evaluate_fnc1_a_body_that_distances_itself_elsewhere_discusses():
    body = ("A culvert collapse after heavy rain closed the Leeds to York rail line on Monday. "
            "Some passengers reportedly waited for hours.")
    start = body.index("Some passengers")
    distanced = Statement(id="s1", source="unnamed", cue="reportedly", cue_span=(start, start + 4),
                          content="Some passengers waited for hours", content_span=(start, len(body) - 1),
                          distanced=True)
    decision = _decide(HEADLINE, Analysis(article=Article(text=body, id="b6"), statements=(distanced,)))
    assert decision.label == "discuss"


def test_evaluate_fnc1_a_lead_that_negates_the_headline_does_not_restate_it():
    body = ("A culvert under the track has not collapsed and the Leeds to York rail line was never closed by heavy "
            "rain. Services ran normally on Monday.")
    assert _decide(HEADLINE, Analysis(article=Article(text=body, id="b5"))).label == "discuss"


def test_evaluate_fnc1_an_observing_headline_is_discussed_even_when_confirmed():
    decision = _decide("Culvert collapse reportedly closes Leeds to York rail line after heavy rain",
                       _analysis(act="confirm", body=BODY))
    assert decision.label == "discuss"


def test_evaluate_fnc1_optional_rules_are_checked():
    data = load_yaml("eval_stance.yaml")
    for key, bad, where in (("narration", {**data["fnc1"]["narration"], "lead_sentences": -1}, "lead_sentences"),
                            ("headline", {**data["fnc1"]["headline"], "attribution_colon": "yes"}, "attribution_colon"),
                            ("narration", {**data["fnc1"]["narration"], "discussing_stances": ["doubts"]},
                             "discussing_stances"),
                            ("agree_acts", "confirm", "agree_acts")):
        with pytest.raises(LexiconError, match=where):
            parse_config({**data, "fnc1": {**data["fnc1"], key: bad}})
