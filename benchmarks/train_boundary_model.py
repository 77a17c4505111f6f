#!/usr/bin/env python3
"""Measure a learned content-boundary model on PolNeAR train (tried, not shipped: it did not beat the rules).

    python benchmarks/train_boundary_model.py [--shared ../shared] [--split train] [--seed 17]
        [--threshold 0.5] [--l2 1.0] [--out src/claimwatch/data/content_boundary.json] [--docs FILE]

For every rule-found attribution with an unquoted content that overlaps a gold attribution with the
same cue, each trailing piece of the content (``trailing_pieces``: a relative clause, an appositive, a
coordinated verb, an adverbial running to the content's end) is an example: positive when the gold
content ends before the piece, negative when it takes the piece in. A logistic regression (numpy,
as ``train_cue_model.py``) is fitted on ``boundary_features``; a fifth of the articles, chosen by the
seed, is held out first to report, at several thresholds, how many rule contents then match the
gold (character Jaccard >= 0.5) and their mean Jaccard; then the model is refitted on all articles
and written to ``--out`` with the chosen threshold. Same data, same seed: same file.
"""
from __future__ import annotations

import json
import random
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
from train_cue_model import REPO, _scorer, fit, gold_relations, parsed, score, training_arguments  # noqa: E402

DEFAULT_OUT = Path("content_boundary.json")


# --- where a content ends (tried on PolNeAR train, not shipped: see docs/quality.md) ---

# closed-class words that open a trailing piece; any other word is named by its part of speech only
OPENERS = {"which", "who", "whom", "whose", "where", "when", "while", "whereas", "as", "but", "and", "or", "even",
           "including", "after", "before", "because", "since", "although", "though", "if", "unless", "with", "without",
           "despite", "amid", "according", "than", "so", "until", "in", "on", "at", "for", "from", "to", "by", "of",
           "during", "that", "the", "a", "an"}


def trailing_pieces(att: Attribution) -> list[tuple[int, object]]:
    """Where a plain (unquoted) content could end earlier: each dependent, inside the content, that
    follows its head and runs to the content's end (a relative clause, an appositive, a coordinated
    verb, a trailing adverbial). Returned as (first token of the piece, the dependent), left to right."""
    if att.quote is not None:
        return []
    doc = att.doc
    start, end = att.content_tokens
    out = []
    for t in doc[start + 2:end]:
        if t.head.i < start or t.head.i >= end or t.i < t.head.i or t.right_edge.i < end - 1:
            continue
        first = t.left_edge.i
        if first <= t.head.i or first <= start + 1:
            continue
        out.append((first, t))
    seen, unique = set(), []
    for first, t in out:
        if first not in seen:
            seen.add(first)
            unique.append((first, t))
    return sorted(unique, key=lambda x: x[0])


def boundary_features(att: Attribution, first: int, dep) -> list[str]:
    """Features of cutting the content before token ``first`` (the piece headed by ``dep``)."""
    doc = att.doc
    start, end = att.content_tokens
    word = doc[first]
    opener = word.lower_ if word.lower_ in OPENERS else word.pos_
    comma = first > 0 and doc[first - 1].text in (",", "--", "\u2014", "(", ";")
    own_subject = any(c.dep_ in ("nsubj", "nsubjpass") for c in dep.children)
    root = dep.head.i == _root(doc, start, end).i
    feats = [
        "bias",
        f"dep={dep.dep_}",
        f"tag={dep.tag_}",
        f"opener={opener}",
        f"comma={comma}",
        f"dep_comma={dep.dep_}|{comma}",
        f"opener_comma={opener}|{comma}",
        f"own_subject={own_subject}",
        f"of_root={root}",
        f"dep_root={dep.dep_}|{root}",
        f"head_pos={dep.head.pos_}",
        f"dep_head={dep.dep_}|{dep.head.pos_}",
        f"kept={_size(first - start)}",
        f"cut={_size(end - first)}",
        f"act={att.hit.entry.act}",
        f"ent={dep.ent_type_ or '-'}",
    ]
    return feats


def _size(n: int) -> str:
    from claimwatch.nlp.learned import _bucket

    return _bucket(n, (2, 4, 7, 12, 20, 35))


def _root(doc, start: int, end: int):
    t = doc[start]
    while start <= t.head.i < end and t.head.i != t.i:
        t = t.head
    return t


def collect(shared: Path, split: str, cache: Path | None) -> list[dict]:
    """One row per attribution with trailing pieces: its gold content, each piece's features and label."""
    from claimwatch.nlp.attribution import find_attributions

    sp = _scorer(shared)
    rows = []
    for name, text, doc in parsed(shared, split, cache):
        gold = gold_relations(sp, shared, split, name, text)
        for att in find_attributions(doc, learned=False):
            pieces = trailing_pieces(att)
            if not pieces:
                continue
            chars = sp.charset([att.content], text)
            a, b = att.cue_span
            same_cue = [g for g in gold if g.get("cue") and any(x < b and a < y for x, y in g["cue"])]
            best = max(same_cue, key=lambda g: sp.jac(chars, g["content_set"]), default=None)
            if best is None or not (chars & best["content_set"]):
                continue
            gold_end = max(best["content_set"])
            cuts = [doc[first].idx for first, _ in pieces]
            rows.append({
                "article": name, "gold": best["content_set"], "start": att.content[0], "end": att.content[1],
                "text": text, "cuts": cuts,
                "feats": [boundary_features(att, first, dep) for first, dep in pieces],
                "labels": [int(gold_end < c) for c in cuts],
            })
    return rows


def evaluate(sp, rows: list[dict], weights: dict[str, float], threshold: float | None) -> tuple[int, float]:
    """Matches (Jaccard >= 0.5) and mean Jaccard of the contents, cut where the model says."""
    matched, total = 0, 0.0
    for r in rows:
        end = r["end"]
        if threshold is not None:
            p = score(weights, r["feats"])
            first = next((c for c, q in zip(r["cuts"], p) if q >= threshold), None)
            if first is not None:
                end = first
        j = sp.jac(sp.charset([(r["start"], end)], r["text"]), r["gold"])
        matched += j >= 0.5
        total += j
    return matched, total / max(1, len(rows))


def main(argv=None) -> int:
    args = training_arguments(__doc__.split("\n")[0], 0.5, DEFAULT_OUT).parse_args(argv)
    sys.path.insert(0, str(REPO / "src"))
    t0 = time.time()
    sp = _scorer(args.shared)
    rows = collect(args.shared, args.split, args.docs)
    articles = sorted({r["article"] for r in rows})
    random.Random(args.seed).shuffle(articles)
    held = set(articles[: len(articles) // 5])
    train = [r for r in rows if r["article"] not in held]
    test = [r for r in rows if r["article"] in held]
    flat = lambda rs: ([f for r in rs for f in r["feats"]], [y for r in rs for y in r["labels"]])  # noqa: E731
    w = fit(*flat(train), args.l2, args.seed)
    print(f"contents with trailing pieces {len(rows)} ({sum(len(r['cuts']) for r in rows)} pieces, "
          f"{sum(sum(r['labels']) for r in rows)} outside the gold), articles {len(articles)}")
    m, j = evaluate(sp, test, w, None)
    print(f"held out {len(test)}: rules matched {m}, mean Jaccard {j:.3f}")
    for th in (0.3, 0.4, 0.5, 0.6, 0.7, 0.8):
        m, j = evaluate(sp, test, w, th)
        print(f"  threshold {th:.1f}: matched {m}, mean Jaccard {j:.3f}")
    weights = fit(*flat(rows), args.l2, args.seed)
    model = {"version": 1, "trained_on": f"PolNeAR {args.split} ({len(articles)} articles, {len(rows)} contents)",
             "script": "benchmarks/train_boundary_model.py", "seed": args.seed, "l2": args.l2,
             "threshold": args.threshold, "weights": weights}
    args.out.write_text(json.dumps(model, indent=0, sort_keys=True) + "\n", encoding="utf-8")
    print(f"wrote {args.out} ({len(weights)} weights) in {time.time() - t0:.0f}s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
