"""``claimwatch eval``: measurements on public sets (FNC-1, Emergent); a thin click layer over
:mod:`claimwatch.evaluate`. Results go to stdout (text or JSON); progress and notes to stderr."""
from __future__ import annotations

import csv
import json
import sys
import time
from pathlib import Path
from typing import Optional

import click

from claimwatch.cli.options import format_option
from claimwatch.errors import InputError

PARTS = ("dev", "tune", "all")



@click.group("eval")
def eval_group() -> None:
    """Measure claimwatch on public stance and claim-matching sets (data not bundled).

    \b
    Example:
      claimwatch eval fnc1 --bodies train_bodies.csv --stances train_stances.csv --out pred.csv --part dev
      claimwatch eval emergent --csv emergent-train-full.csv --part dev
    """


def _embedder(use: bool):
    if not use:
        return None
    from claimwatch.ledger.embeddings import get_embedder

    embedder = get_embedder()
    return embedder.embed if embedder is not None else None


def _emit(result: dict, fmt: str, lines: list[str]) -> None:
    click.echo(json.dumps(result, indent=2) if fmt == "json" else "\n".join(lines))


def _confusion_lines(table: dict) -> list[str]:
    return [f"  gold {g:9} " + " ".join(f"{p}={n}" for p, n in row.items()) for g, row in table.items()]


@eval_group.command("fnc1")
@click.option("--bodies", required=True, type=click.Path(dir_okay=False), help="FNC-1 bodies CSV (Body ID,articleBody).")
@click.option("--stances", required=True, type=click.Path(dir_okay=False), help="Pairs CSV (Headline,Body ID[,Stance]).")
@click.option("--out", "out", required=True, type=click.Path(dir_okay=False), help="Where to write Headline,Body ID,Stance.")
@click.option("--part", type=click.Choice(PARTS), default="all", show_default=True,
              help="dev: Body ID % 10 == 0 (held out); tune: the other bodies; all: every pair.")
@click.option("--limit", type=click.IntRange(1), help="Only the first N pairs of the part (file order).")
@click.option("--gold-out", type=click.Path(dir_okay=False), help="Also write the gold rows of the predicted pairs.")
@click.option("--scorer", type=click.Path(dir_okay=False, exists=True),
              help="Run this score_fnc1.py on --gold-out and --out and print its result.")
@click.option("--ablation-out", type=click.Path(dir_okay=False),
              help="Also write the relatedness-only ablation: every related pair labelled discuss "
                   "(with --scorer it is always scored, beside the ledger's score).")
@click.option("--embeddings/--no-embeddings", default=True, show_default=True,
              help="Use the MiniLM sentence model when installed (else lexical overlap only).")
@format_option(help=None)
def fnc1_command(bodies: str, stances: str, out: str, part: str, limit: Optional[int], gold_out: Optional[str],
                 scorer: Optional[str], ablation_out: Optional[str], embeddings: bool, fmt: str) -> None:
    """Predict FNC-1 stance (agree/disagree/discuss/unrelated) of each body toward its headline.

    \b
    Example:
      claimwatch eval fnc1 --bodies train_bodies.csv --stances train_stances.csv \\
          --out pred.csv --part dev --gold-out gold.csv --scorer score_fnc1.py
    """
    from claimwatch.evaluate import fnc1
    from claimwatch.evaluate.config import load_config

    config = load_config().fnc1
    pairs = fnc1.select(fnc1.read_pairs(stances), part, config.dev_modulus, limit)
    if not pairs:
        raise InputError(f"no pairs in part {part!r} of {stances}")
    if scorer and not gold_out:
        raise InputError("--scorer needs --gold-out (the gold rows of the predicted pairs)")
    if gold_out and any(p.stance is None for p in pairs):
        raise InputError(f"{stances} has no Stance column: cannot write --gold-out")
    embed = _embedder(embeddings)
    started = time.monotonic()
    n_bodies = len({p.body_id for p in pairs})
    with click.progressbar(length=n_bodies, label=f"analysing {n_bodies} bodies", file=sys.stderr) as bar:
        decisions = fnc1.predict(pairs, fnc1.read_bodies(bodies), embed=embed, config=config, progress=bar.update)
    fnc1.write_predictions(out, pairs, [d.label for d in decisions])
    if ablation_out:
        fnc1.write_predictions(ablation_out, pairs, [d.label if d.label == "unrelated" else "discuss" for d in decisions])
    seconds = round(time.monotonic() - started, 1)
    result = {"pairs": len(pairs), "bodies": n_bodies, "part": part, "limit": limit, "seconds": seconds,
              "embeddings": embed is not None, "out": out}
    if gold_out:
        fnc1.write_gold(gold_out, pairs)
    lines = [f"wrote {out}: {len(pairs)} pairs over {n_bodies} bodies (part {part}) in {seconds} s"]
    if scorer:
        result["score"] = fnc1.official_score(scorer, gold_out, out)
        result["all_unrelated_baseline"] = _baseline(pairs)
        lines += [f"FNC-1 score {result['score']['fnc1_score']} % (all-unrelated baseline {result['all_unrelated_baseline']} %)",
                  f"per-class F1 {result['score']['per_class_f1']}"] + _confusion_lines(result["score"]["confusion"])
        result["ablation_score"] = _discuss_baseline(scorer, gold_out, ablation_out, pairs, decisions)
        gain = round(result["score"]["fnc1_score"] - result["ablation_score"]["fnc1_score"], 2)
        result["stance_gain_over_discuss"] = gain
        lines.append(f"every related pair labelled discuss (same relatedness): {result['ablation_score']['fnc1_score']} %"
                     f"; the ledger's agree/disagree/discuss {'add' if gain >= 0 else 'lose'} {abs(gain)} points")
    _emit(result, fmt, lines)


def _discuss_baseline(scorer: str, gold_out: str, ablation_out: Optional[str], pairs, decisions) -> dict:
    """Score of the relatedness-only ablation: every pair predicted related labelled discuss. The stance
    step must beat it to add anything; written to ``ablation_out`` or to a temporary file."""
    import tempfile

    from claimwatch.evaluate import fnc1

    labels = [d.label if d.label == "unrelated" else "discuss" for d in decisions]
    if ablation_out:
        return fnc1.official_score(scorer, gold_out, ablation_out)
    with tempfile.TemporaryDirectory(prefix="claimwatch-fnc1-") as tmp:
        path = str(Path(tmp) / "discuss.csv")
        fnc1.write_predictions(path, pairs, labels)
        return fnc1.official_score(scorer, gold_out, path)


def _baseline(pairs) -> float:
    """FNC-1 score of answering "unrelated" everywhere on these pairs."""
    best = sum(0.25 if p.stance == "unrelated" else 1.0 for p in pairs)
    got = sum(0.25 for p in pairs if p.stance == "unrelated")
    return round(100 * got / best, 2) if best else 0.0


@eval_group.command("emergent")
@click.option("--csv", "csv_path", required=True, type=click.Path(dir_okay=False), help="An Emergent CSV.")
@click.option("--part", type=click.Choice(PARTS), default="dev", show_default=True,
              help="dev: claims with crc32(claim id) % 5 == 0; tune: the others; all: every headline.")
@click.option("--limit", type=click.IntRange(1), help="Only the first N claims of the part.")
@click.option("--out", type=click.Path(dir_okay=False), help="Write articleId,gold,predicted,rule rows here.")
@format_option(help=None)
def emergent_command(csv_path: str, part: str, limit: Optional[int], out: Optional[str], fmt: str) -> None:
    """Headline stance (for/against/observing) toward its claim: accuracy and per-class F1.

    \b
    Example:
      claimwatch eval emergent --csv emergent-train-full.csv --part dev --out stance.csv
    """
    from claimwatch.evaluate import emergent
    from claimwatch.ingest.emergent import read_emergent
    from claimwatch.nlp.pipeline import analyze_many

    records = emergent.select(read_emergent(csv_path), part, limit)
    if not records:
        raise InputError(f"no headlines in part {part!r} of {csv_path}")
    decided = [emergent.headline_stance(a, r.claim_headline)
               for r, a in zip(records, analyze_many(emergent.headline_articles(records)))]
    result = emergent.stance_report([r.stance for r in records], [label for label, _ in decided])
    result.update(part=part, claims=len({r.claim_id for r in records}))
    if out:
        with Path(out).open("w", newline="", encoding="utf-8") as fh:
            writer = csv.writer(fh)
            writer.writerow(["articleId", "claimId", "gold", "predicted", "rule"])
            for record, (label, rule) in zip(records, decided):
                writer.writerow([record.article_id, record.claim_id, record.stance, label, rule])
    _emit(result, fmt, [
        f"{result['headlines']} headlines of {result['claims']} claims (part {part})",
        f"accuracy {result['accuracy']}  macro-F1 {result['macro_f1']}  "
        f"(majority class '{result['majority_class']}': {result['majority_accuracy']})",
        f"per-class F1 {result['per_class_f1']}"] + _confusion_lines(result["confusion"]))


@eval_group.command("matching")
@click.option("--csv", "csv_path", required=True, type=click.Path(dir_okay=False), help="An Emergent CSV.")
@click.option("--part", type=click.Choice(PARTS), default="dev", show_default=True,
              help="dev: claims with crc32(claim id) % 5 == 0; tune: the others; all: every claim.")
@click.option("--claims", "max_claims", type=click.IntRange(2), default=40, show_default=True,
              help="How many claims of the part (file order) to sample.")
@click.option("--embeddings/--no-embeddings", default=True, show_default=True,
              help="Blend MiniLM cosine into the match score when installed.")
@click.option("--hard-negatives", is_flag=True,
              help="Score the pair table instead of every pair: same-claim pairs and pairs of different "
                   "claims sharing a named party or two content words (evaluate/matching_pairs.py).")
@format_option(help=None)
def matching_command(csv_path: str, part: str, max_claims: int, embeddings: bool, hard_negatives: bool,
                     fmt: str) -> None:
    """Pairwise precision/recall of "same claim" across Emergent headlines, with the ledger's matching.

    \b
    Example:
      claimwatch eval matching --csv emergent-train-full.csv --part dev --claims 40
      claimwatch eval matching --csv emergent-train-full.csv --part dev --claims 1000 --hard-negatives
    """
    from claimwatch.evaluate import emergent
    from claimwatch.ingest.emergent import read_emergent
    from claimwatch.nlp.pipeline import analyze_many

    records = emergent.select(read_emergent(csv_path), part, max_claims)
    if len(records) < 2:
        raise InputError(f"fewer than two headlines in part {part!r} of {csv_path}")
    articles = emergent.headline_articles(records)
    embed = _embedder(embeddings)
    vectors = embed([a.text for a in articles]) if embed is not None else [None] * len(articles)
    feats = [emergent.headline_features(a, v) for a, v in zip(analyze_many(articles), vectors)]
    if hard_negatives:
        from claimwatch.evaluate import matching_pairs

        ids = [r.claim_id for r in records]
        result = matching_pairs.pair_report(feats, ids, matching_pairs.build_pairs(feats, ids, part))
        result.update(part=part, embeddings=embed is not None, claims=len(set(ids)), headlines=len(ids))
        _emit(result, fmt, [
            f"{result['headlines']} headlines of {result['claims']} claims (part {part}, "
            f"{'blended' if embed is not None else 'lexical'} matching), pair table: "
            f"{result['positives']} same-claim pairs, {result['hard_negatives']} hard negatives",
            f"precision {result['precision']}  recall {result['recall']}  F1 {result['f1']}  "
            f"(true matches {result['true_matches']}, false {result['false_matches']})",
            "matches by level: " + ", ".join(f"{k} {v}" for k, v in result["matches_by_level"].items())]
            + [f"  confused {w['false_matches']}x: {w['example'][0]!r} / {w['example'][1]!r}"
               for w in result["worst_confusions"]])
        return
    result = emergent.matching_report(feats, [r.claim_id for r in records])
    result.update(part=part, embeddings=embed is not None)
    _emit(result, fmt, [
        f"{result['headlines']} headlines of {result['claims']} claims (part {part}, "
        f"{'blended' if embed is not None else 'lexical'} matching)",
        f"pairwise precision {result['precision']}  recall {result['recall']}  F1 {result['f1']}  "
        f"(same-claim pairs {result['true_pairs']}, predicted {result['predicted_pairs']})",
        "missed same-claim pairs: " + ", ".join(f"{k} {v}" for k, v in result["missed_because"].items()),
        "diagnostic, one threshold on the score of every unblocked pair: " + "; ".join(
            f"{cut}: P {r['precision']} R {r['recall']}" for cut, r in result["single_threshold_sweep"].items())])


# --- eval stories ------------------------------------------------------------------------------

SETS = ("dev", "fnc1", "both")
EMERGENT_CSV = "emergent-train-full.csv"


def _shared_data() -> Optional[Path]:
    """The evaluation data folder: ``$CLAIMWATCH_SHARED/data``, else ``../shared/data`` beside the working
    directory or beside an ancestor of the installed package (a checkout next to ``shared/``); None when absent."""
    import os

    if os.environ.get("CLAIMWATCH_SHARED"):
        return Path(os.environ["CLAIMWATCH_SHARED"]) / "data"
    here = Path(__file__).resolve()
    for base in (Path.cwd(), *Path.cwd().parents, *here.parents):
        for candidate in (base / "shared" / "data", base.parent / "shared" / "data"):
            if (candidate / "dev").is_dir() or (candidate / "fnc1").is_dir():
                return candidate
    return None


def _ingest_with_bar(jsonl: Path, db: Path, articles: int, label: str, lexical: bool):
    """Ingest with a progress bar on stderr (one tick per article read)."""
    from claimwatch.evaluate import stories

    with click.progressbar(length=articles, label=label, file=sys.stderr) as bar:
        return stories.ingest(jsonl, db, lexical=lexical, progress=lambda item: bar.update(1))


def _propositions(view) -> dict:
    from claimwatch.evaluate import propositions

    return propositions.report(view.text[k] for k in sorted(view.text))


def _dev_run(folder: Path, work: Path, ledger: Optional[str], lexical: bool, props: bool) -> dict:
    from claimwatch.evaluate import stories

    dev = stories.load_dev(folder)
    db = Path(ledger) if ledger else work / "dev-stories.db"
    started = time.monotonic()
    if not ledger:
        jsonl = work / "dev-stories.jsonl"
        n = stories.dev_jsonl(dev, jsonl)
        _ingest_with_bar(jsonl, db, n, f"ingesting {n} dev-story articles", lexical)
    view = stories.read_ledger(db)
    result = stories.score_dev(dev, view)
    if props:
        result["propositions"] = _propositions(view)
    result.update(folder=str(folder), ledger=str(db), seconds=round(time.monotonic() - started, 1))
    return result


def _fnc1_run(fnc1_dir: Path, emergent_csv: Path, work: Path, ledger: Optional[str], limit: Optional[int],
              lexical: bool, props: bool) -> dict:
    from claimwatch.evaluate import rumours, stories

    everything, texts = rumours.load_rumours(fnc1_dir, emergent_csv)
    found = everything[:limit] if limit else everything
    db = Path(ledger) if ledger else work / "fnc1-rumours.db"
    started = time.monotonic()
    if not ledger:
        jsonl = work / "fnc1-rumours.jsonl"
        n = rumours.rumours_jsonl(found, texts, jsonl)
        _ingest_with_bar(jsonl, db, n, f"ingesting {n} FNC-1 bodies of {len(found)} rumours", lexical)
    view = stories.read_ledger(db)
    result = rumours.score_rumours(found, view)
    if props:
        result["propositions"] = _propositions(view)
    result.update(fnc1=str(fnc1_dir), emergent=str(emergent_csv), limit=limit, ledger=str(db),
                  rumours_in_set=len(everything), bodies_in_set=sum(len(r.bodies) for r in everything),
                  seconds=round(time.monotonic() - started, 1))
    return result


def _clustering_line(c: dict) -> str:
    return (f"  story clustering: pairs P {c['pair_precision']} R {c['pair_recall']} F1 {c['pair_f1']}; "
            f"purity {c['purity']} completeness {c['completeness']} "
            f"({c['found_stories']} found for {c['gold_stories']} gold stories, {c['articles']} articles)")


def _propositions_line(p: Optional[dict]) -> list[str]:
    if not p:
        return []
    reasons = ", ".join(f"{k} {v}" for k, v in p["by_reason"].items()) or "none"
    return [f"  not propositions: {p['share']} of {p['claims']} ledger claims ({reasons})"]


def _dev_lines(r: dict, verbose: bool) -> list[str]:
    s = r["summary"]
    lines = [f"dev stories ({r['folder']}): {s['articles']} articles, {s['story_claims']} story claims, "
             f"{s['ledger_claims_total']} ledger claims",
             f"  found {s['found']}  cohesion {s['cohesion']}  final status {s['final_status_acc']}  "
             f"timeline {s['timeline_acc']} ({s['timeline_steps']} steps)",
             _clustering_line(r["clustering"])] + _propositions_line(r.get("propositions"))
    if verbose:
        for row in r["claims"]:
            lines.append(f"  {row['story_claim']:14} found {row['found']:2}/{row['gold_statements']:2} in "
                         f"{row['ledger_claims']:2} ledger claims, cohesion {row['cohesion']:.2f}; final gold "
                         f"{row['gold_final']:12} ledger {str(row['ledger_final']):12} [{row['main']}] {row['main_text']}")
            for step in row["steps"][:-1] if len(row["steps"]) > 1 else ():
                mark = "" if step["gold"] == step["ledger"] else "   x"
                lines.append(f"      {step['date']} gold {step['gold']:12} ledger {step['ledger']}{mark}")
    return lines


def _fnc1_lines(r: dict, verbose: bool) -> list[str]:
    s = r["summary"]
    by_truth = ", ".join(f"{t} {v}" for t, v in s["status_agrees_by_truth"].items())
    lines = [f"FNC-1 training rumours: {s['articles']} bodies of {s['rumours']} rumours"
             + (f" (the first {r['limit']} of {r['rumours_in_set']} rumours, {r['bodies_in_set']} bodies)"
                if r.get("limit") else "") + f", {s['ledger_claims_total']} ledger claims",
             _clustering_line(r["clustering"]),
             f"  main-claim coverage {s['main_claim_coverage']} (pooled {s['main_claim_coverage_pooled']}); "
             f"ledger claims mixing rumours {s['mixed_share']} ({s['mixed_claims']} of {s['multi_article_claims']} "
             f"multi-article claims)",
             f"  main claim's status agrees with veracity {s['status_agrees']} ({by_truth}); 'confirmed' for "
             f"{s['confirmed_not_true']} of {s['not_true_rumours']} false/unknown rumours ({s['confirmed_not_true_share']})"]
    lines += _propositions_line(r.get("propositions"))
    if verbose:
        for row in r["rumours"]:
            lines.append(f"  {row['truth']:7} {str(row['status']):12} {'ok' if row['agrees'] else 'x ':2} coverage "
                         f"{row['main_articles']:2}/{row['articles']:2}  {row['headline'][:60]!r} -> [{row['main']}] "
                         f"{row['main_text'][:60]}")
    return lines


@eval_group.command("stories")
@click.option("--set", "which", type=click.Choice(SETS), default="both", show_default=True,
              help="dev: the gold story set; fnc1: FNC-1 training bodies grouped by Emergent rumour; both.")
@click.option("--dev", "dev_dir", type=click.Path(file_okay=False), metavar="DIR",
              help="Gold folder with stories.json (default: ../shared/data/dev when present).")
@click.option("--fnc1", "fnc1_dir", type=click.Path(file_okay=False), metavar="DIR",
              help="Folder with train_bodies.csv and train_stances(.reconstructed).csv (default: ../shared/data/fnc1).")
@click.option("--emergent", "emergent_csv", type=click.Path(dir_okay=False), metavar="CSV",
              help=f"Emergent CSV with claimTruth (default: ../shared/data/emergent/{EMERGENT_CSV}).")
@click.option("--limit", type=click.IntRange(1), help="FNC-1: only the first N rumours (by first Body ID).")
@click.option("--ledger", type=click.Path(dir_okay=False, exists=True), metavar="FILE",
              help="Score this existing ledger instead of ingesting (one set only).")
@click.option("--keep", type=click.Path(file_okay=False), metavar="DIR",
              help="Write the JSONL inputs and ledgers here (default: a temporary folder, removed).")
@click.option("--lexical", is_flag=True, help="Ingest without the sentence-embedding model (as ingest --lexical).")
@click.option("--propositions/--no-propositions", "props", default=True, show_default=True,
              help="Re-parse every ledger claim's text to count the ones that are not propositions.")
@click.option("--verbose", "-v", is_flag=True, help="One line per story claim (dev) and per rumour (fnc1).")
@format_option(help=None)
def stories_command(which: str, dev_dir: Optional[str], fnc1_dir: Optional[str], emergent_csv: Optional[str],
                    limit: Optional[int], ledger: Optional[str], keep: Optional[str], lexical: bool, props: bool,
                    verbose: bool, fmt: str) -> None:
    """Story-level scores: ingest real stories into a fresh ledger and score the ledger file.

    dev: per story claim the share of its gold statements found, cohesion (share in its main ledger
    claim), final status and dated steps, and story clustering; the same figures as
    shared/eval/score_stories.py. fnc1: story clustering, main-claim coverage per rumour, ledger
    claims mixing rumours, main-claim status against Emergent veracity. Both: the share of ledger
    claims that are not propositions. Exit codes: 0 scored, 1 error, 2 data missing or unreadable.

    \b
    Example:
      claimwatch eval stories --set dev -v
      claimwatch eval stories --set fnc1 --limit 20 --format json
      claimwatch eval stories --set dev --ledger /tmp/st/stories.db   # score an existing ledger
    """
    import tempfile

    root = _shared_data()
    wanted = ("dev", "fnc1") if which == "both" else (which,)
    if ledger and len(wanted) != 1:
        raise InputError("--ledger scores one set: add --set dev or --set fnc1")
    dev_path = Path(dev_dir) if dev_dir else (root / "dev" if root else None)
    fnc1_path = Path(fnc1_dir) if fnc1_dir else (root / "fnc1" if root else None)
    emergent_path = Path(emergent_csv) if emergent_csv else (root / "emergent" / EMERGENT_CSV if root else None)
    available = {"dev": dev_path is not None and (dev_path / "stories.json").is_file(),
                 "fnc1": fnc1_path is not None and fnc1_path.is_dir() and emergent_path is not None
                 and emergent_path.is_file()}
    asked = {"dev": which != "both" or bool(dev_dir), "fnc1": which != "both" or bool(fnc1_dir or emergent_csv)}
    for name in wanted:
        if not available[name] and asked[name]:
            raise InputError(f"no stories.json in {dev_path}: give --dev DIR" if name == "dev"
                             else f"no FNC-1 folder {fnc1_path} or Emergent CSV {emergent_path}: give --fnc1 DIR and --emergent CSV")
    todo = [name for name in wanted if available[name]]
    if not todo:
        raise InputError("no story data found (../shared/data absent): give --dev DIR and/or --fnc1 DIR --emergent CSV")
    for name in set(wanted) - set(todo):
        click.echo(f"note: skipping --set {name}: its data are not present", err=True)
    result: dict = {"lexical": lexical}
    lines: list[str] = []
    with tempfile.TemporaryDirectory(prefix="claimwatch-stories-") as tmp:
        work = Path(keep) if keep else Path(tmp)
        work.mkdir(parents=True, exist_ok=True)
        if "dev" in todo:
            result["dev"] = _dev_run(dev_path, work, ledger, lexical, props)
            lines += _dev_lines(result["dev"], verbose)
        if "fnc1" in todo:
            result["fnc1"] = _fnc1_run(fnc1_path, emergent_path, work, ledger, limit, lexical, props)
            lines += _fnc1_lines(result["fnc1"], verbose)
    _emit(result, fmt, lines)
