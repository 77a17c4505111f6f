#!/usr/bin/env python3
"""Provenance-chain extraction measured on a table of test sentences.

    python benchmarks/provenance.py [--table tests/data/provenance_sentences.jsonl] [--json] [--errors]

Each row of the table is one sentence written for this purpose (realistic news English, no licensed
text; ``split`` "dev" rows were used while writing the rules, "heldout" rows were written afterwards and
scored once) with the expected original ``source``, the expected intermediaries ``via`` (outermost first)
and the expected ``content``. The statement scored for a row is the predicted statement whose content
span overlaps the expected content best (character Jaccard >= 0.5, as ``shared/eval/score.py``).

Figures: exact-chain accuracy (source and every hop, in order), source accuracy, via precision and
recall over hops (a hop on a statement that matches no row counts against precision), content exact
match, and the same per pattern. Names match after case folding, dropping determiners and counts
("two US officials" = "US officials") and a plural "s"; a longer predicted name that ends with the
expected one also matches ("company's chief executive" for "chief executive"), and so does the proper
name a description resolves to ("Border Patrol" for "Border Patrol agents").
"""
from __future__ import annotations

import argparse
import json
import sys
from collections import defaultdict
from pathlib import Path
from typing import Any, Iterable, Optional

REPO = Path(__file__).resolve().parent.parent
DEFAULT_TABLE = REPO / "tests" / "data" / "provenance_sentences.jsonl"
MIN_JACCARD = 0.5


def load_table(path: Path = DEFAULT_TABLE) -> list[dict[str, Any]]:
    """The rows of the sentence table; each has text, source, via, content and pattern."""
    rows = []
    for number, line in enumerate(Path(path).read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        row = json.loads(line)
        missing = {"text", "source", "via", "content", "pattern"} - set(row)
        if missing or row["content"] not in row["text"]:
            raise ValueError(f"{path}:{number}: needs text, source, via, pattern and a content found in the text")
        rows.append(row)
    return rows


def name_key(name: Optional[str]) -> str:
    """A name compared: the gazetteer's canonical name when it knows it ("The Daily Telegraph" is
    "The Telegraph"), then the description key of :mod:`claimwatch.nlp.provenance`."""
    from claimwatch.lexicons.schema import load_gazetteer
    from claimwatch.nlp.provenance import description_key

    name = (name or "").replace("\u2019", "'")
    place = load_gazetteer().lookup(name) if name else None
    return " ".join(description_key(place.name if place else name).replace("'s ", " ").split())


def same_actor(expected: Optional[str], got: Optional[str]) -> bool:
    """Same actor: equal keys, a longer description ending with the expected one, or the proper name
    a description was resolved to ("Border Patrol" for "Border Patrol agents")."""
    e, g = name_key(expected), name_key(got)
    proper = bool(got) and got[:1].isupper()
    return bool(e) and (e == g or g.endswith(" " + e) or (proper and bool(g) and e.startswith(g + " ")))


def _jaccard(a: tuple[int, int], b: tuple[int, int]) -> float:
    inter = max(0, min(a[1], b[1]) - max(a[0], b[0]))
    union = max(a[1], b[1]) - min(a[0], b[0])
    return inter / union if union > 0 else 0.0


def _same_chain(expected: list[str], got: Iterable[str]) -> bool:
    got = list(got)
    return len(expected) == len(got) and all(same_actor(e, g) for e, g in zip(expected, got))


def score_row(row: dict[str, Any], statements: list[dict[str, Any]]) -> dict[str, Any]:
    """One row against the predicted statements of its sentence (``Statement.to_dict`` form)."""
    start = row["text"].index(row["content"])
    gold_span = (start, start + len(row["content"]))
    best = max(statements, key=lambda s: _jaccard(gold_span, tuple(s["content_span"])), default=None)
    if best is not None and _jaccard(gold_span, tuple(best["content_span"])) < MIN_JACCARD:
        best = None
    got_via = list(best["via"]) if best else []
    hops_tp = sum(1 for g in got_via if any(same_actor(e, g) for e in row["via"]))
    stray = [h for s in statements if s is not best for h in s["via"]]
    return {
        "pattern": row["pattern"], "split": row.get("split", "dev"), "text": row["text"],
        "expected": {"source": row["source"], "via": row["via"], "content": row["content"]},
        "got": {"source": best["source"], "via": got_via, "content": best["content"]} if best else None,
        "matched": best is not None,
        "source_ok": best is not None and same_actor(row["source"], best["source"]),
        "chain_ok": best is not None and same_actor(row["source"], best["source"]) and _same_chain(row["via"], got_via),
        "content_ok": best is not None and best["content"] == row["content"],
        "via_tp": hops_tp, "via_pred": len(got_via) + len(stray), "via_gold": len(row["via"]),
    }


def summarise(results: list[dict[str, Any]]) -> dict[str, Any]:
    def figures(items: list[dict[str, Any]]) -> dict[str, Any]:
        n = len(items)
        tp = sum(r["via_tp"] for r in items)
        pred = sum(r["via_pred"] for r in items)
        gold = sum(r["via_gold"] for r in items)
        return {"rows": n,
                "chain_accuracy": round(sum(r["chain_ok"] for r in items) / n, 3) if n else None,
                "source_accuracy": round(sum(r["source_ok"] for r in items) / n, 3) if n else None,
                "content_exact": round(sum(r["content_ok"] for r in items) / n, 3) if n else None,
                "via_precision": round(tp / pred, 3) if pred else 1.0,
                "via_recall": round(tp / gold, 3) if gold else 1.0,
                "via_hops": {"tp": tp, "predicted": pred, "expected": gold}}
    by_pattern: dict[str, list[dict[str, Any]]] = defaultdict(list)
    by_split: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for r in results:
        by_pattern[r["pattern"]].append(r)
        by_split[r["split"]].append(r)
    return {"overall": figures(results), "by_split": {s: figures(items) for s, items in sorted(by_split.items())},
            "by_pattern": {p: figures(items) for p, items in sorted(by_pattern.items())},
            "errors": [r for r in results if not r["chain_ok"]]}


def benchmark(table: Path = DEFAULT_TABLE, nlp=None) -> dict[str, Any]:
    """Analyse every sentence of the table with one loaded pipeline and score it."""
    from claimwatch.model import Article
    from claimwatch.nlp.pipeline import analyze_many, article_id, load_nlp

    rows = load_table(table)
    nlp = nlp or load_nlp()
    articles = [Article(text=r["text"], id=article_id(r["text"])) for r in rows]
    results = []
    for row, analysis in zip(rows, analyze_many(articles, nlp=nlp)):
        results.append(score_row(row, [s.to_dict() for s in analysis.statements]))
    return summarise(results)


def _table(summary: dict[str, Any]) -> str:
    lines = ["| pattern | rows | exact chain | source | via P | via R | content exact |",
             "|---|---|---|---|---|---|---|"]
    splits = [(f"*{name} rows*", f) for name, f in summary["by_split"].items()]
    for name, f in list(summary["by_pattern"].items()) + splits + [("**all**", summary["overall"])]:
        lines.append(f"| {name} | {f['rows']} | {f['chain_accuracy']:.3f} | {f['source_accuracy']:.3f} | "
                     f"{f['via_precision']:.3f} | {f['via_recall']:.3f} | {f['content_exact']:.3f} |")
    return "\n".join(lines)


def main(argv: Optional[list[str]] = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--table", type=Path, default=DEFAULT_TABLE, help="JSON lines sentence table")
    parser.add_argument("--json", action="store_true", help="print every figure as JSON")
    parser.add_argument("--errors", action="store_true", help="list the rows whose chain is wrong")
    args = parser.parse_args(argv)
    summary = benchmark(args.table)
    if args.json:
        print(json.dumps(summary, indent=1, ensure_ascii=False))
        return 0
    print(_table(summary))
    if args.errors:
        for r in summary["errors"]:
            print(f"\n- [{r['pattern']}] {r['text']}\n  expected {r['expected']}\n  got      {r['got']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
