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


def _analysis(stance: str = "asserts", content: str = "a culvert under the track had collapsed after heavy rain "
              "and closed the Leeds to York rail line", **kw) -> Analysis:
    text = BODY + " " + content + "."
    start = text.rindex(content)
    statement = Statement(id="s1", source="Network Rail", cue="said", cue_span=(0, 4), content=content,
                          content_span=(start, start + len(content)), stance=stance, claims=("c1",), **kw)
    claim = Claim(id="c1", text=content, group="g1")
    return Analysis(article=Article(text=text, id="b1"), statements=(statement,), claims=(claim,))


def _decide(headline: str, analysis: Analysis) -> fnc1.Decision:
    return fnc1.decide(headline, fnc1.prepare_body(analysis, embed=None))


@pytest.mark.parametrize("stance, kw, expected", [
    ("asserts", {}, "agree"),
    ("supports", {}, "agree"),
    ("denies", {}, "disagree"),
    ("disputes", {}, "disagree"),
    ("uncommitted", {}, "discuss"),
    ("asserts", {"distanced": True}, "discuss"),
    ("asserts", {"certainty": "possible"}, "discuss"),
    ("asserts", {"conditional": True}, "discuss"),
])
def test_evaluate_fnc1_matched_statement_votes_with_its_stance(stance, kw, expected):
    decision = _decide(HEADLINE, _analysis(stance, **kw))
    assert decision.label == expected
    assert decision.matched == ("s1",)


def test_evaluate_fnc1_headline_about_another_story_is_unrelated():
    decision = _decide("Pop star cancels stadium tour over vocal cord surgery", _analysis())
    assert decision.label == "unrelated"


def test_evaluate_fnc1_opposed_matching_statements_give_discuss():
    base = _analysis()
    denial = base.statements[0].with_(id="s2", source="the council", stance="denies")
    decision = _decide(HEADLINE, Analysis(article=base.article, statements=base.statements + (denial,),
                                          claims=base.claims))
    assert decision.label == "discuss" and set(decision.matched) == {"s1", "s2"}


@pytest.mark.parametrize("extra", ["", " Officials said the line would reopen on Thursday."])
def test_evaluate_fnc1_related_body_without_matching_statement_falls_back_to_discuss(extra):
    decision = _decide(HEADLINE, Analysis(article=Article(text=BODY + extra, id="b2")))
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
