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

from claimwatch.errors import InputError

PARTS = ("dev", "tune", "all")


def register(cli: click.Group) -> None:
    """Add the ``eval`` group to the ``claimwatch`` group."""
    cli.add_command(eval_group)


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
              help="Also write the relatedness-only ablation: every related pair labelled discuss.")
@click.option("--embeddings/--no-embeddings", default=True, show_default=True,
              help="Use the MiniLM sentence model when installed (else lexical overlap only).")
@click.option("--format", "-f", "fmt", type=click.Choice(("text", "json")), default="text", show_default=True)
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
        if ablation_out:
            result["ablation_score"] = fnc1.official_score(scorer, gold_out, ablation_out)
            lines.append(f"relatedness-only ablation (related -> discuss): {result['ablation_score']['fnc1_score']} %")
    _emit(result, fmt, lines)


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
@click.option("--format", "-f", "fmt", type=click.Choice(("text", "json")), default="text", show_default=True)
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
@click.option("--format", "-f", "fmt", type=click.Choice(("text", "json")), default="text", show_default=True)
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
