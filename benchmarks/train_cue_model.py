#!/usr/bin/env python3
"""Train the statement filter (``claimwatch.nlp.learned``) on PolNeAR train.

    python benchmarks/train_cue_model.py [--shared ../shared] [--split train] [--seed 17]
        [--threshold 0.2] [--l2 1.0] [--out src/claimwatch/data/statement_filter.json] [--docs FILE]

Every article of the split is parsed with the pipeline's model and the rules' attributions are found
(without the filter). An attribution is a positive example when its content matches a gold content
of the article at character Jaccard >= 0.5 (the measure of ``score_polnear.py``), else a negative
one. A logistic regression (numpy, full-batch gradient descent with L2, fixed seed) is fitted on the
binary features of ``attribution_features``; a fifth of the articles, chosen by the seed, is held out
first to report precision and recall at the threshold, then the model is refitted on all articles and
written to ``--out``. Same data, same seed: same file. ``--docs`` caches the parses (a spaCy DocBin)
so a second run skips parsing. The texts have no redistribution licence: nothing of them is written
to the model, only feature names built from lemmas, tags and counts.
"""
from __future__ import annotations

import argparse
import importlib.util
import json
import random
import sys
import time
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parent.parent
DEFAULT_SHARED = REPO.parent / "shared"
DEFAULT_OUT = REPO / "src" / "claimwatch" / "data" / "statement_filter.json"
EXEMPT_ACTS = ("publish", "deny")  # what an outlet publishes, and a denial of what it refers to, are kept whatever their form


def _scorer(shared: Path):
    spec = importlib.util.spec_from_file_location("score_polnear", shared / "eval" / "score_polnear.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def parsed(shared: Path, split: str, cache: Path | None):
    """(name, text, Doc) for every article of the split, parsed once and cached in ``cache``."""
    from spacy.tokens import DocBin

    from claimwatch.nlp import array_pipes
    from claimwatch.nlp.docutil import seed_text
    from claimwatch.nlp.pipeline import load_nlp

    nlp = load_nlp()
    texts = sorted((shared / "data" / "polnear" / split / "text").glob("*.txt"))
    raw = [t.read_text(encoding="utf-8") for t in texts]
    if cache is not None and cache.exists():
        docs = list(DocBin().from_disk(cache).get_docs(nlp.vocab))
    else:
        docs = list(array_pipes.pipe(nlp, raw, batch_size=16))
        if cache is not None:
            db = DocBin(store_user_data=False)
            for d in docs:
                db.add(d)
            db.to_disk(cache)
    for t, text, doc in zip(texts, raw, docs):
        seed_text(doc, text)
        yield t.stem, text, doc


def gold_relations(sp, shared: Path, split: str, name: str, text: str) -> list[dict]:
    """The first annotator's relations as raw spans (``content``, ``cue``, ``source``: lists of char
    ranges) plus ``content_set`` (trimmed char set, as the scorer matches); lines the scorer's loader
    cannot split (a span line without text, in a few train files) are skipped."""
    anns = sorted((shared / "data" / "polnear" / split / "attributions").glob(name + "_*.ann"))
    if not anns:
        return []
    spans, rels = {}, []
    for line in anns[0].read_text(encoding="utf-8").splitlines():
        parts = line.split("\t")
        if line.startswith("T") and len(parts) >= 2:
            kind, rest = parts[1].split(" ", 1)
            spans[parts[0]] = sp.spans(rest)
        elif line.startswith("E") and len(parts) >= 2:
            args = dict(a.split(":") for a in parts[1].split())
            rel = {k.lower(): spans[v] for k, v in args.items() if v in spans}
            if rel.get("content"):
                rel["content_set"] = sp.charset(rel["content"], text)
                rels.append(rel)
    return rels


def gold_contents(sp, shared: Path, split: str, name: str, text: str) -> list[set[int]]:
    return [r["content_set"] for r in gold_relations(sp, shared, split, name, text)]


def collect(shared: Path, split: str, cache: Path | None, gold_count: dict | None = None) -> list[tuple[str, list[str], int]]:
    """(article, features, label) for every rule-found attribution of the split; ``gold_count`` gets
    each article's number of gold attributions."""
    from claimwatch.nlp.attribution import find_attributions
    from claimwatch.nlp.learned import attribution_features

    sp = _scorer(shared)
    rows = []
    for name, text, doc in parsed(shared, split, cache):
        gold = gold_contents(sp, shared, split, name, text)
        if gold_count is not None:
            gold_count[name] = len(gold)
        for att in find_attributions(doc, learned=False):
            chars = sp.charset([att.content], text)
            label = int(any(sp.jac(chars, g) >= 0.5 for g in gold))
            rows.append((name, attribution_features(att), label))
    return rows


def fit(feats: list[list[str]], labels: list[int], l2: float, seed: int, epochs: int = 400) -> dict[str, float]:
    vocab = sorted({f for fs in feats for f in fs})
    index = {f: i for i, f in enumerate(vocab)}
    x = np.zeros((len(feats), len(vocab)), dtype=np.float32)
    for r, fs in enumerate(feats):
        for f in fs:
            x[r, index[f]] = 1.0
    y = np.asarray(labels, dtype=np.float32)
    w = np.random.default_rng(seed).normal(0.0, 0.01, len(vocab)).astype(np.float32)
    m1, m2 = np.zeros_like(w), np.zeros_like(w)  # Adam: the features are few and sparse, the fit is fast
    for step in range(1, epochs + 1):
        p = 1.0 / (1.0 + np.exp(-np.clip(x @ w, -30, 30)))
        g = x.T @ (p - y) / len(y) + l2 * w / len(y)
        m1 = 0.9 * m1 + 0.1 * g
        m2 = 0.999 * m2 + 0.001 * g * g
        w -= 0.05 * (m1 / (1 - 0.9 ** step)) / (np.sqrt(m2 / (1 - 0.999 ** step)) + 1e-8)
    return {f: round(float(v), 4) for f, v in zip(vocab, w) if abs(v) >= 1e-4}


def score(weights: dict[str, float], feats: list[list[str]]) -> np.ndarray:
    z = np.array([sum(weights.get(f, 0.0) for f in fs) for fs in feats])
    return 1.0 / (1.0 + np.exp(-np.clip(z, -30, 30)))


def training_arguments(description: str, threshold: float, out: Path) -> argparse.ArgumentParser:
    """The options every training script on PolNeAR takes (data, split, seed, threshold, output)."""
    ap = argparse.ArgumentParser(description=description)
    ap.add_argument("--shared", type=Path, default=DEFAULT_SHARED)
    ap.add_argument("--split", default="train")
    ap.add_argument("--seed", type=int, default=17)
    ap.add_argument("--threshold", type=float, default=threshold)
    ap.add_argument("--l2", type=float, default=1.0)
    ap.add_argument("--out", type=Path, default=out)
    ap.add_argument("--docs", type=Path, default=None, help="DocBin cache of the split's parses")
    return ap


def main(argv=None) -> int:
    args = training_arguments(__doc__.split("\n")[0], 0.2, DEFAULT_OUT).parse_args(argv)
    sys.path.insert(0, str(REPO / "src"))
    t0 = time.time()
    gold_count: dict[str, int] = {}
    rows = collect(args.shared, args.split, args.docs, gold_count)
    articles = sorted({r[0] for r in rows})
    random.Random(args.seed).shuffle(articles)
    held = set(articles[: len(articles) // 5])
    train = [r for r in rows if r[0] not in held]
    test = [r for r in rows if r[0] in held]
    w = fit([r[1] for r in train], [r[2] for r in train], args.l2, args.seed)
    p = score(w, [r[1] for r in test])
    y = np.array([r[2] for r in test])
    keep = p >= args.threshold
    print(f"attributions {len(rows)} (statements {sum(r[2] for r in rows)}), articles {len(articles)}")
    print(f"held out {len(test)}: rules precision {y.mean():.3f}; kept {keep.sum()} "
          f"precision {y[keep].mean():.3f}, true statements kept {(keep & (y == 1)).sum() / max(1, y.sum()):.3f}")
    n_gold = sum(gold_count[a] for a in held)
    for th in (0.0, 0.1, 0.15, 0.2, 0.25, 0.3, 0.35, 0.4, 0.5):  # statement-level P/R/F1 upper bound on held-out gold
        k = p >= th
        pr, rc = y[k].mean(), (k & (y == 1)).sum() / max(1, n_gold)
        print(f"  threshold {th:.2f}: kept {k.sum()}, precision {pr:.3f}, recall of gold {rc:.3f}, F1 {2 * pr * rc / (pr + rc):.3f}")
    weights = fit([r[1] for r in rows], [r[2] for r in rows], args.l2, args.seed)
    model = {"version": 1, "trained_on": f"PolNeAR {args.split} ({len(articles)} articles, {len(rows)} rule attributions)",
             "script": "benchmarks/train_cue_model.py", "seed": args.seed, "l2": args.l2,
             "threshold": args.threshold, "exempt_acts": list(EXEMPT_ACTS), "weights": weights}
    args.out.write_text(json.dumps(model, indent=0, sort_keys=True) + "\n", encoding="utf-8")
    print(f"wrote {args.out} ({len(weights)} weights) in {time.time() - t0:.0f}s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
