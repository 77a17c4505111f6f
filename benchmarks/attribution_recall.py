#!/usr/bin/env python3
"""Which attributions claimwatch misses on PolNeAR train, bucketed by construction.

    python benchmarks/attribution_recall.py [--shared ../shared] [--split train] [--n 150] [--seed 17]
        [--top 25] [--json]

PolNeAR annotates every attribution of speech, belief and attitude in political news: a broad,
neutral sample of the constructions news uses. The script analyses a seeded sample of articles,
matches gold and predicted content spans as ``score_polnear.py`` does (character Jaccard >= 0.5,
one-to-one), and reports recall per bucket of the gold attributions:

- cue lemma (the lemma of the cue's head word, from a parse of the text) and its part of speech;
- order of source (S), cue (V) and content (C) in the text;
- quoted (content opens or closes at a quotation mark) or indirect;
- position of the cue in its sentence (first third / middle / last third);
- for misses, the failure kind: ``no_cue`` (no predicted statement overlaps the gold cue),
  ``cue_found`` (a statement has the cue but its content does not match), ``partial`` (a predicted
  content overlaps the gold content below the threshold).

The texts have no redistribution licence: the report prints lemmas and counts only, never text.
"""
from __future__ import annotations

import argparse
import importlib.util
import json
import random
import sys
from collections import Counter, defaultdict
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
DEFAULT_SHARED = REPO.parent / "shared"
QUOTES = "\"'\u201c\u201d\u2018\u2019"
# PolNeAR cue lemmas of speech acts and reports, the ones a news-claims analyst needs most (the
# rest are beliefs and attitudes, weighed lower in the summary).
SPEECH_LEMMAS = {
    "say", "tell", "accord", "state", "add", "note", "claim", "report", "announce", "write", "argue", "explain",
    "insist", "deny", "warn", "call", "accuse", "suggest", "ask", "confirm", "describe", "declare", "acknowledge",
    "admit", "reply", "respond", "comment", "allege", "charge", "tweet", "post", "reject", "dismiss", "urge",
    "criticize", "blame", "predict", "promise", "vow", "pledge", "estimate", "show", "find", "quote", "cite",
}


def _scorer(shared: Path):
    spec = importlib.util.spec_from_file_location("score_polnear", shared / "eval" / "score_polnear.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def _gold(sp, ann: Path, text: str) -> list[dict]:
    """Gold relations with raw (untrimmed) spans, for construction, and trimmed char sets, for matching."""
    spans, rels = {}, []
    for line in ann.read_text(encoding="utf-8").splitlines():
        if line.startswith("T"):
            tid, mid, _ = line.split("\t", 2)
            kind, rest = mid.split(" ", 1)
            spans[tid] = sp.spans(rest)
        elif line.startswith("E"):
            args = dict(a.split(":") for a in line.split("\t")[1].split())
            rel = {k.lower(): spans[v] for k, v in args.items() if v in spans}
            if rel.get("content"):
                rel["content_set"] = sp.charset(rel["content"], text)
                rels.append(rel)
    return rels


def _match(sp, gold: list[dict], preds: list[dict], text: str) -> tuple[set[int], dict[int, float]]:
    pred = [sp.charset([tuple(p["content_span"])], text) for p in preds if p.get("content_span")]
    pairs = sorted(((sp.jac(g["content_set"], p), gi, pi) for gi, g in enumerate(gold) for pi, p in enumerate(pred)),
                   reverse=True)
    used_g, used_p, best = set(), set(), defaultdict(float)
    for j, gi, pi in pairs:
        best[gi] = max(best[gi], j)
        if j < 0.5 or gi in used_g or pi in used_p:
            continue
        used_g.add(gi)
        used_p.add(pi)
    return used_g, best


def _head_token(doc, start: int, end: int):
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or not len(span):
        return None
    verbs = [t for t in span if t.pos_ in ("VERB",)]
    if verbs:
        return verbs[0]
    return span.root


def _buckets(rel: dict, doc, text: str) -> dict[str, str]:
    cue = rel.get("cue")
    c0, c1 = rel["content"][0][0], rel["content"][-1][1]
    out = {}
    if cue:
        head = _head_token(doc, cue[0][0], cue[-1][1])
        out["lemma"] = head.lemma_.lower() if head is not None else "?"
        out["pos"] = head.pos_ if head is not None else "?"
        q0 = cue[0][0]
        sent = head.sent if head is not None else None
        if sent is not None and len(sent.text) > 0:
            rel_pos = (q0 - sent.start_char) / max(1, sent.end_char - sent.start_char)
            out["position"] = "start" if rel_pos < 0.33 else ("end" if rel_pos > 0.66 else "middle")
        order = [("V", q0), ("C", c0)]
        if rel.get("source"):
            order.append(("S", rel["source"][0][0]))
        out["order"] = "".join(k for k, _ in sorted(order, key=lambda x: x[1]))
        out["cue_words"] = str(min(4, len(text[cue[0][0]:cue[-1][1]].split())))
    else:
        out.update(lemma="(none)", pos="(none)", position="?", order="C", cue_words="0")
    before = text[max(0, c0 - 2):c0 + 1]
    after = text[max(0, c1 - 1):c1 + 2]
    out["quoted"] = "quote" if any(q in before for q in QUOTES) or any(q in after for q in QUOTES) else "indirect"
    out["speech"] = "speech" if out["lemma"] in SPEECH_LEMMAS else "other"
    return out


def _kind(rel: dict, preds: list[dict], best: float) -> str:
    cue = rel.get("cue")
    if cue:
        a, b = cue[0][0], cue[-1][1]
        if any(p.get("cue_span") and p["cue_span"][0] < b and a < p["cue_span"][1] for p in preds):
            return "cue_found"
    return "partial" if best > 0.1 else "no_cue"


def run(shared: Path, split: str, n: int, seed: int) -> dict:
    sys.path.insert(0, str(REPO / "src"))
    from claimwatch import analyze_text
    from claimwatch.nlp.pipeline import load_nlp

    sp = _scorer(shared)
    nlp = load_nlp()
    folder = shared / "data" / "polnear" / split
    texts = sorted((folder / "text").glob("*.txt"))
    random.Random(seed).shuffle(texts)
    stats: dict[str, Counter] = defaultdict(Counter)
    kinds: dict[str, Counter] = defaultdict(Counter)
    totals = Counter()
    for txt in texts[:n]:
        anns = sorted((folder / "attributions").glob(txt.stem + "_*.ann"))
        if not anns:
            continue
        text = txt.read_text(encoding="utf-8")
        gold = _gold(sp, anns[0], text)
        preds = analyze_text(text, nlp=nlp).to_dict()["statements"]
        totals["predicted"] += len(preds)
        matched, best = _match(sp, gold, preds, text)
        doc = nlp(text)
        for gi, rel in enumerate(gold):
            hit = gi in matched
            totals["gold"] += 1
            totals["matched"] += hit
            for dim, value in _buckets(rel, doc, text).items():
                stats[f"{dim}:{value}"]["gold"] += 1
                stats[f"{dim}:{value}"]["hit"] += hit
                if not hit:
                    kinds[f"{dim}:{value}"][_kind(rel, preds, best.get(gi, 0.0))] += 1
    return {"totals": dict(totals), "buckets": {k: {**v, **{f"miss_{m}": c for m, c in kinds[k].items()}}
                                                 for k, v in stats.items()}}


def report(res: dict, top: int) -> str:
    t = res["totals"]
    lines = [f"gold {t['gold']}  predicted {t['predicted']}  matched {t['matched']}  "
             f"recall {t['matched'] / max(1, t['gold']):.3f}  precision {t['matched'] / max(1, t['predicted']):.3f}"]
    by_dim = defaultdict(list)
    for key, v in res["buckets"].items():
        dim, value = key.split(":", 1)
        by_dim[dim].append((value, v))
    for dim in ("speech", "quoted", "order", "position", "pos", "cue_words", "lemma"):
        rows = sorted(by_dim.get(dim, []), key=lambda r: -(r[1]["gold"] - r[1]["hit"]))
        lines.append(f"\n{dim}  (value: gold, recall, missed = no_cue / cue_found / partial)")
        for value, v in rows[: top if dim == "lemma" else len(rows)]:
            missed = v["gold"] - v["hit"]
            lines.append(f"  {value:14} {v['gold']:5}  {v['hit'] / v['gold']:.2f}  missed {missed:4} = "
                         f"{v.get('miss_no_cue', 0)} / {v.get('miss_cue_found', 0)} / {v.get('miss_partial', 0)}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--shared", type=Path, default=DEFAULT_SHARED)
    ap.add_argument("--split", default="train")
    ap.add_argument("--n", type=int, default=150, help="articles sampled (seeded)")
    ap.add_argument("--seed", type=int, default=17)
    ap.add_argument("--top", type=int, default=25, help="cue lemmas listed")
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args(argv)
    res = run(args.shared, args.split, args.n, args.seed)
    print(json.dumps(res, indent=1) if args.json else report(res, args.top))


if __name__ == "__main__":
    main()
