#!/usr/bin/env python3
"""Quality harness: scores claimwatch on the development gold set and on PolNeAR dev.

    python benchmarks/quality.py [--shared ../shared] [--out docs/quality.md] [--json]

The scorers are the shared ones (``<shared>/eval/score.py`` imported from its path,
``<shared>/eval/score_polnear.py`` run as a subprocess), never copies, so the numbers here are the
numbers a reviewer gets. The texts have no redistribution licence: the report names gold
statements by id, source and cue only, never by their content. Sections of the report that this
script does not write (e.g. "Story level", from ``benchmarks/stories.py --quality-doc``) are kept.
"""
from __future__ import annotations

import argparse
import importlib.util
import json
import shlex
import statistics
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from types import ModuleType
from typing import Iterable, Optional

sys.path.insert(0, str(Path(__file__).resolve().parent))
from speed import git_commit, python_command  # noqa: E402  (report helpers shared by the benchmarks)

REPO = Path(__file__).resolve().parent.parent
DEFAULT_SHARED = REPO.parent / "shared"
DEFAULT_OUT = REPO / "docs" / "quality.md"
SEED = "seed-north-korea"
GROUPS = ("first_16", "story_articles")  # parts of the dev set gated apart (tests/quality_floors.json)

# Scorer key -> column title, in the order the tables show them.
DEV_METRICS: dict[str, str] = {
    "statement_f1": "statement F1",
    "attribution_f1": "attribution F1",
    "attribution_exact_f1": "exact F1",
    "stance_acc": "stance",
    "polarity_acc": "polarity",
    "certainty_acc": "certainty",
    "conditional_acc": "conditional",
    "distanced_acc": "distanced",
    "evidence_f1": "evidence F1",
    "quantity_f1": "quantity F1",
    "claim_grouping_f1": "claim grouping F1",
}
POLNEAR_METRICS: dict[str, str] = {
    "content_p": "content P",
    "content_r": "content R",
    "content_f1": "content F1",
    "content_exact_f1": "exact F1",
    "cue_f1": "cue F1",
    "source_f1": "source F1",
}
N_WORST = 10
# Metrics the scorer sets to 1.0 when no statement is matched (nothing found, nothing predicted).
VACUOUS_WHEN_UNMATCHED = ("claim_grouping_f1", "evidence_f1", "quantity_f1")


@dataclass(frozen=True)
class Target:
    """One issue target: a metric, where it is measured, and the bar it must reach."""

    label: str
    value: Optional[float]
    threshold: float
    note: str = ""  # e.g. why a "met" is vacuous

    @property
    def met(self) -> bool:
        return self.value is not None and self.value >= self.threshold

    @property
    def status(self) -> str:
        if self.value is None:
            return "not measured"
        return f"met{self.note}" if self.met else "**not met**"


@dataclass(frozen=True)
class GoldError:
    """A gold statement the extractor got wrong; carries no article text, only id, source and cue."""

    article: str
    statement_id: str
    kind: str  # "missed" | "wrong source" | "wrong polarity" | "wrong stance"
    source: str
    cue: str
    cue_start: int
    gold_stance: str
    predicted: str = ""  # what was predicted instead (source name or stance), if anything


@dataclass
class DevResult:
    """Per-article scores of the development gold set, the worked example first."""

    scores: dict[str, dict[str, float]]
    predicted: dict[str, int]
    gold: dict[str, int]
    errors: list[GoldError] = field(default_factory=list)
    story_articles: set[str] = field(default_factory=set)  # gold files with "story": the real-news story set

    def mean(self, exclude_seed: bool = True, group: Optional[str] = None) -> dict[str, float]:
        """Mean per metric; the worked example is left out by default since it is gated on its own.

        ``group`` narrows to one part of the set: "first_16" (articles without a story) or
        "story_articles" (the real-news story set), whose figures differ and are gated apart."""
        if group not in (None, *GROUPS):
            raise ValueError(f"unknown group {group!r}; expected one of {GROUPS}")
        rows = [s for name, s in self.scores.items() if not (exclude_seed and name == SEED)
                and (group is None or (name in self.story_articles) == (group == "story_articles"))]
        if not rows:
            return {}
        return {k: round(statistics.fmean(r[k] for r in rows), 3) for k in DEV_METRICS}


# --- loading ---------------------------------------------------------------------------------

def load_scorer(shared: Path) -> ModuleType:
    """Import ``<shared>/eval/score.py`` from its path, so the shared scorer is used unmodified."""
    path = shared / "eval" / "score.py"
    if not path.is_file():
        raise FileNotFoundError(f"shared scorer not found at {path}; pass --shared DIR")
    spec = importlib.util.spec_from_file_location("claimwatch_shared_score", path)
    module = importlib.util.module_from_spec(spec)
    assert spec.loader is not None
    spec.loader.exec_module(module)
    return module


def dev_documents(shared: Path) -> list[tuple[str, Path, Path]]:
    """(name, text path, gold path) for every dev gold file, the worked example first."""
    dev = shared / "data" / "dev"
    out = []
    for gold in sorted(dev.glob("*.gold.json")):
        name = gold.name[: -len(".gold.json")]
        text = dev / f"{name}.txt"
        if text.is_file():
            out.append((name, text, gold))
    out.sort(key=lambda t: (t[0] != SEED, t[0]))
    return out


def read_text(path: Path) -> str:
    """Read a text the way the shared scorers do (``read_text(encoding="utf-8")``) so offsets agree."""
    return path.read_text(encoding="utf-8")


# --- analysing -------------------------------------------------------------------------------

def analyse(named_texts: list[tuple[str, str]], nlp=None) -> dict[str, dict]:
    """Analyse texts with one loaded pipeline (``analyze_many`` batching); name -> analysis JSON."""
    from claimwatch.model import Article
    from claimwatch.nlp.pipeline import analyze_many, article_id, load_nlp

    nlp = nlp or load_nlp()
    articles = [Article(text=t, id=article_id(t), path=n) for n, t in named_texts]
    results = [a.to_dict() for a in analyze_many(articles, nlp=nlp)]  # yields in input order
    if len(results) != len(articles):
        raise RuntimeError(f"analyze_many returned {len(results)} analyses for {len(articles)} articles")
    return {name: doc for (name, _), doc in zip(named_texts, results)}


# --- scoring ---------------------------------------------------------------------------------

def gold_errors(article: str, gold_doc: dict, pred_doc: dict, scorer: ModuleType) -> list[GoldError]:
    """Gold statements missed or mis-attributed, using the scorer's own one-to-one matching."""
    gold = gold_doc["statements"]
    matched = {id(g): (p, ok) for g, p, ok in scorer.match(gold, pred_doc.get("statements", []),
                                                           gold_doc.get("actors", []))}
    out = []
    for g in gold:
        base = dict(article=article, statement_id=g["id"], source=g["source"], cue=g["cue"],
                    cue_start=g["cue_span"][0], gold_stance=g["stance"])
        if id(g) not in matched:
            out.append(GoldError(kind="missed", **base))
            continue
        p, ok = matched[id(g)]
        if not ok:
            out.append(GoldError(kind="wrong source", predicted=str(p.get("source")), **base))
        elif scorer.POLARITY.get(p.get("stance"), 9) != scorer.POLARITY[g["stance"]]:
            out.append(GoldError(kind="wrong polarity", predicted=str(p.get("stance")), **base))
        elif p.get("stance") != g["stance"]:
            out.append(GoldError(kind="wrong stance", predicted=str(p.get("stance")), **base))
    return out


SEVERITY = {"missed": 0, "wrong source": 1, "wrong polarity": 2, "wrong stance": 3}
# A missed denial or dispute hides the disagreement an analyst reads for: rank those first.
STANCE_WEIGHT = {"denies": 0, "disputes": 1, "uncommitted": 2, "supports": 3, "asserts": 4}


def worst(errors: Iterable[GoldError], n: int = N_WORST) -> list[GoldError]:
    """The n most serious errors, spread over articles (round robin) so one article cannot fill the list."""
    ranked = sorted(errors, key=lambda e: (SEVERITY[e.kind], STANCE_WEIGHT.get(e.gold_stance, 9),
                                           e.article, e.cue_start))
    by_article: dict[str, list[GoldError]] = {}
    for e in ranked:
        by_article.setdefault(e.article, []).append(e)
    picked: list[GoldError] = []
    level = 0
    while len(picked) < n and any(len(v) > level for v in by_article.values()):
        layer = [v[level] for v in by_article.values() if len(v) > level]
        layer.sort(key=lambda e: (SEVERITY[e.kind], STANCE_WEIGHT.get(e.gold_stance, 9), e.article))
        picked.extend(layer[: n - len(picked)])
        level += 1
    return sorted(picked, key=lambda e: (e.article != SEED, e.article, e.cue_start))


def score_dev(shared: Path, nlp=None, scorer: Optional[ModuleType] = None) -> DevResult:
    """Analyse and score every dev gold article."""
    scorer = scorer or load_scorer(shared)
    docs = dev_documents(shared)
    if not docs:
        raise FileNotFoundError(f"no *.gold.json with a .txt beside it in {shared / 'data' / 'dev'}")
    preds = analyse([(name, read_text(txt)) for name, txt, _ in docs], nlp=nlp)
    result = DevResult(scores={}, predicted={}, gold={})
    for name, _, gold_path in docs:
        gold_doc = json.loads(gold_path.read_text(encoding="utf-8"))
        pred_doc = preds[name]
        result.scores[name] = scorer.score(gold_doc, pred_doc)
        result.predicted[name] = len(pred_doc.get("statements", []))
        result.gold[name] = len(gold_doc["statements"])
        if gold_doc.get("story"):
            result.story_articles.add(name)
        result.errors.extend(gold_errors(name, gold_doc, pred_doc, scorer))
    return result


def score_polnear(shared: Path, nlp=None) -> dict:
    """Analyse PolNeAR dev, write one JSON per article, and run the shared PolNeAR scorer on them."""
    split = shared / "data" / "polnear" / "dev"
    script = shared / "eval" / "score_polnear.py"
    texts = sorted((split / "text").glob("*.txt"))
    if not texts or not script.is_file():
        raise FileNotFoundError(f"PolNeAR dev split or scorer missing under {shared}")
    preds = analyse([(t.stem, read_text(t)) for t in texts], nlp=nlp)
    with tempfile.TemporaryDirectory(prefix="claimwatch-polnear-") as tmp:
        for stem, doc in preds.items():
            (Path(tmp) / f"{stem}.json").write_text(json.dumps(doc), encoding="utf-8")
        run = subprocess.run([sys.executable, str(script), str(split), tmp, "--json"],
                             capture_output=True, text=True, check=True)
    result = json.loads(run.stdout.strip().splitlines()[-1])
    result["articles"] = len(texts)
    return result


def targets(dev: DevResult, polnear: Optional[dict]) -> list[Target]:
    """The issue's targets, each with the measured value."""
    seed = dev.scores.get(SEED, {})
    mean = dev.mean()
    # The scorer gives F1 = 1.0 when nothing is to be found and nothing is predicted; say so.
    vacuous = " (vacuous: no statement matched)" if seed and not seed.get("statement_r") else ""
    out = [Target(f"worked example: {title} >= 0.9", seed.get(k), 0.9,
                  vacuous if k in VACUOUS_WHEN_UNMATCHED else "") for k, title in DEV_METRICS.items()]
    # Issue 17: the 44 development articles as a whole, and the 27 real story articles (news the
    # extractor was not tuned on) apart; PolNeAR dev for span quality.
    whole = dev.mean(exclude_seed=False)
    story = dev.mean(group="story_articles")
    n = len(dev.scores)
    out.append(Target(f"dev mean attribution F1 >= 0.85 (all {n} articles)", whole.get("attribution_f1"), 0.85))
    out.append(Target(f"dev mean stance accuracy >= 0.85 (all {n} articles)", whole.get("stance_acc"), 0.85))
    out.append(Target(f"story articles ({len(dev.story_articles)}): attribution F1 >= 0.80", story.get("attribution_f1"), 0.80))
    out.append(Target(f"story articles ({len(dev.story_articles)}): stance accuracy >= 0.80", story.get("stance_acc"), 0.80))
    first = dev.mean(group="first_16")
    out.append(Target("(for reference) the first 16 articles: attribution F1", first.get("attribution_f1"), 0.85))
    out.append(Target("(for reference) the first 16 articles: stance accuracy", first.get("stance_acc"), 0.85))
    pn = polnear or {}
    out.append(Target("PolNeAR dev content F1 >= 0.70", pn.get("content_f1"), 0.70))
    out.append(Target("PolNeAR dev source F1 >= 0.65", pn.get("source_f1"), 0.65))
    return out


# --- reporting -------------------------------------------------------------------------------

def _fmt(v: Optional[float]) -> str:
    return "n/a" if v is None else f"{v:.3f}"


def _row(cells: list[str]) -> str:
    return "| " + " | ".join(cells) + " |"


def dev_tables(dev: DevResult) -> tuple[str, str]:
    """(worked example table, other articles table with the mean row)."""
    head = ["article", "gold", "pred", *DEV_METRICS.values()]
    rule = "|" + "---|" * len(head)

    def line(name: str) -> str:
        s = dev.scores[name]
        return _row([f"`{name}`", str(dev.gold[name]), str(dev.predicted[name]), *(_fmt(s[k]) for k in DEV_METRICS)])

    seed = [_row(head), rule, line(SEED)] if SEED in dev.scores else ["_The worked example is missing._"]
    others = [k for k in dev.scores if k != SEED]
    mean = dev.mean()
    rest = [_row(head), rule, *(line(k) for k in others),
            _row([f"**mean of {len(others)}**", str(sum(dev.gold[k] for k in others)),
                  str(sum(dev.predicted[k] for k in others)), *(f"**{_fmt(mean.get(k))}**" for k in DEV_METRICS)]),
            _row([f"**mean of all {len(dev.scores)}**", str(sum(dev.gold.values())), str(sum(dev.predicted.values())),
                  *(f"**{_fmt(dev.mean(exclude_seed=False).get(k))}**" for k in DEV_METRICS)])]
    return "\n".join(seed), "\n".join(rest)


def polnear_table(pn: Optional[dict]) -> str:
    if pn is None:
        return "_Not run (PolNeAR dev split or scorer missing)._"
    head = ["gold", "predicted", *POLNEAR_METRICS.values()]
    cells = [str(pn.get("gold")), str(pn.get("predicted")), *(_fmt(pn.get(k)) for k in POLNEAR_METRICS)]
    return "\n".join(["| " + " | ".join(head) + " |", "|" + "---|" * len(head), "| " + " | ".join(cells) + " |"])


def targets_table(ts: list[Target]) -> str:
    lines = ["| target | value | status |", "|---|---|---|"]
    lines += [f"| {t.label} | {_fmt(t.value)} | {t.status} |" for t in ts]
    return "\n".join(lines)


def errors_section(dev: DevResult) -> str:
    """The ten worst gold statements, by article, named by cue only (the texts may not be copied)."""
    picked = worst(dev.errors)
    if not picked:
        return "No gold statement is missed or mis-attributed on the development set."
    counts: dict[str, dict[str, int]] = {}
    for e in dev.errors:
        counts.setdefault(e.article, {}).setdefault(e.kind, 0)
        counts[e.article][e.kind] += 1
    lines = [f"{len(dev.errors)} gold statements are missed or wrong on the development set "
             f"({', '.join(f'{k} {sum(c.get(k, 0) for c in counts.values())}' for k in SEVERITY)}). "
             f"The {len(picked)} worst, ranked missed > wrong source > wrong polarity > wrong stance and, "
             "within a kind, denials and disputes first, spread over articles:", "",
             "| article | gold id | error | gold stance | source | cue | at | predicted |",
             "|---|---|---|---|---|---|---|---|"]
    for e in picked:
        lines.append(f"| `{e.article}` | {e.statement_id} | {e.kind} | {e.gold_stance} | {e.source} | "
                     f"\"{e.cue}\" | {e.cue_start} | {e.predicted or '-'} |")
    return "\n".join(lines)


def honest_notes(dev: DevResult, pn: Optional[dict]) -> str:
    """Caveats a reader needs to weigh the numbers, derived from the run itself where possible."""
    notes = []
    total_pred = sum(dev.predicted.values())
    if total_pred == 0:
        notes.append("The extractor returned no statements on any development article, so every "
                     "statement-level metric is 0 and the accuracies are 0 by construction (they are taken "
                     "over all gold statements, matched or not).")
    notes.append("By the scorer's convention an F1 is 1.0 when there is nothing to find and nothing is "
                 "predicted: evidence, quantity and claim-grouping F1 of articles with no gold evidence, "
                 "quantities or claim pairs can be 1.0 without any extraction.")
    notes.append("The development set was used to build the extractor: expect lower scores on unseen "
                 "articles. The accuracies (stance, polarity, certainty, conditional, distanced) count "
                 "unmatched gold statements as wrong, so they are bounded by statement recall.")
    if pn is not None:
        notes.append("PolNeAR annotates every attribution of speech, belief and attitude, which is broader "
                     "than news claims; its content and cue F1 measure span quality, not claim coverage.")
        if pn.get("articles_without_prediction"):
            notes.append(f"{pn['articles_without_prediction']} PolNeAR articles had no prediction file.")
    return "\n".join(f"- {n}" for n in notes)


def render_markdown(dev: DevResult, pn: Optional[dict], command: str, when: datetime) -> str:
    seed_table, dev_table = dev_tables(dev)
    return f"""# Quality

Generated by `benchmarks/quality.py`; do not edit by hand, re-run it.

- Date: {when.strftime('%Y-%m-%d %H:%M UTC')}
- Commit: {git_commit()}
- Command: `{command}`
- Scorers: `shared/eval/score.py` (development gold set), `shared/eval/score_polnear.py` (PolNeAR dev)

## Targets

{targets_table(targets(dev, pn))}

## Development gold set

Per article, from `shared/eval/score.py`; accuracies are over all gold statements, matched or not.

### Worked example

{seed_table}

### Other development articles

The mean is over these articles; the worked example is reported and gated on its own.

{dev_table}

## PolNeAR dev

{_polnear_scope(pn)}, from `shared/eval/score_polnear.py` (content at character Jaccard
>= 0.5; exact ignores surrounding quotes, spaces and punctuation; cue and source among matched contents).

{polnear_table(pn)}

## Notes

{honest_notes(dev, pn)}

## Known errors

{errors_section(dev)}
"""


def _polnear_scope(pn: Optional[dict]) -> str:
    return "PolNeAR dev" if pn is None else f"All {pn.get('articles', '?')} PolNeAR dev articles"


def summary(dev: DevResult, pn: Optional[dict]) -> str:
    seed, mean, whole = dev.scores.get(SEED, {}), dev.mean(), dev.mean(exclude_seed=False)
    lines = [f"{'metric':20} {'seed':>7} {'dev mean':>9} {'all ' + str(len(dev.scores)):>7}"]
    lines += [f"{title:20} {_fmt(seed.get(k)):>7} {_fmt(mean.get(k)):>9} {_fmt(whole.get(k)):>7}" for k, title in DEV_METRICS.items()]
    if pn is not None:
        lines.append("PolNeAR dev: " + "  ".join(f"{t} {_fmt(pn.get(k))}" for k, t in POLNEAR_METRICS.items()))
    ts = targets(dev, pn)
    lines.append(f"targets met: {sum(t.met for t in ts)}/{len(ts)}")
    return "\n".join(lines)


def carry_over(path: Path, text: str) -> str:
    """``text`` followed by the sections ("## " headings) of the report already at ``path`` that this
    script does not write: those other scripts add (benchmarks/stories.py --quality-doc's "Story level")."""
    if not path.is_file():
        return text
    old = path.read_text(encoding="utf-8")
    written = {line for line in text.splitlines() if line.startswith("## ")}
    parts = old.split("\n## ")[1:]
    kept = ["## " + part.rstrip("\n") for part in parts if "## " + part.split("\n", 1)[0] not in written]
    return text.rstrip("\n") + "".join("\n\n" + section for section in kept) + "\n" if kept else text


def main(argv: Optional[list[str]] = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=DEFAULT_SHARED, help="shared evaluation folder")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="Markdown report to write")
    parser.add_argument("--json", action="store_true", help="print the metrics as JSON instead of a summary")
    parser.add_argument("--skip-polnear", action="store_true", help="score the development set only")
    args = parser.parse_args(argv)

    from claimwatch.nlp.pipeline import load_nlp

    nlp = load_nlp()
    try:
        dev = score_dev(args.shared, nlp=nlp)
        pn = None if args.skip_polnear else score_polnear(args.shared, nlp=nlp)
    except FileNotFoundError as exc:  # no shared data here: say where it was looked for
        print(f"error: {exc}", file=sys.stderr)
        return 2
    command = shlex.join([python_command(), *(sys.argv if argv is None else [__file__, *argv])])
    args.out.parent.mkdir(parents=True, exist_ok=True)
    text = render_markdown(dev, pn, command, datetime.now(timezone.utc))
    args.out.write_text(carry_over(args.out, text), encoding="utf-8")
    if args.json:
        print(json.dumps({"dev": dev.scores, "dev_mean": dev.mean(), "polnear": pn,
                          "targets": {t.label: {"value": t.value, "met": t.met} for t in targets(dev, pn)}},
                         indent=1))
    else:
        print(summary(dev, pn))
        print(f"wrote {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
