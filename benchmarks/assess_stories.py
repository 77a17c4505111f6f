#!/usr/bin/env python3
"""Is a story assessment about the story? Its first significance findings against gold story claims.

    python3 ../shared/eval/score_stories.py bin/claimwatch ../shared/data/dev --keep /tmp/st
    python benchmarks/assess_stories.py --db /tmp/st/stories.db [--gold ../shared/data/dev] [--first 3]

For each gold story of ``stories.json``: the ledger story holding most of its articles is assessed
(``claimwatch assess --story sN``); a gold story claim is *named* by a significance finding that
states a ledger claim holding one of its gold statements (content Jaccard >= 0.5, as the story
scorer matches them). Prints a Markdown table: whether the first finding, and any of the first
``--first``, name a gold story claim of that story, and the event types the assessment recognised
with confidence (implications drawn) or not (what would settle the claim instead).
"""
from __future__ import annotations

import argparse
import collections
import json
import sqlite3
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
if "--src" in sys.argv:  # another checkout's code, e.g. to measure before a change
    sys.path.insert(0, sys.argv[sys.argv.index("--src") + 1])
else:
    sys.path.insert(0, str(REPO / "src"))


def _jaccard(a, b) -> float:
    inter = max(0, min(a[1], b[1]) - max(a[0], b[0]))
    union = max(a[1], b[1]) - min(a[0], b[0])
    return inter / union if union else 0.0


def gold_claim_ledger_ids(con: sqlite3.Connection, gold_dir: Path) -> tuple[dict[str, set[int]], dict[str, str]]:
    """Gold story claim id -> ledger claims holding its gold statements; gold article slug -> article id."""
    golds = {p.name[:-10]: json.loads(p.read_text()) for p in sorted(gold_dir.glob("*.gold.json"))}
    golds = {k: g for k, g in golds.items() if g.get("story")}
    articles, shifts = {}, {}
    for slug, g in golds.items():
        row = con.execute("SELECT id, text FROM articles WHERE url = ?",
                          (g.get("url") or f"https://dev.invalid/{slug}",)).fetchone()
        if row is not None:
            text = (gold_dir / g["document"]).read_text()
            articles[slug] = row[0]
            shifts[slug] = max(text.find(row[1][:200]) if row[1] != text else 0, 0)
    spans = collections.defaultdict(list)
    for aid, a, b, pk in con.execute("SELECT article_id, content_start, content_end, pk FROM statements"):
        spans[aid].append(((a, b), pk))
    ledger_of = collections.defaultdict(set)
    for spk, lid in con.execute("SELECT sc.statement_pk, m.ledger_claim_id FROM statement_claims sc"
                                " JOIN ledger_claim_members m ON m.claim_pk = sc.claim_pk"):
        ledger_of[spk].add(lid)
    out: dict[str, set[int]] = collections.defaultdict(set)
    for slug, g in golds.items():
        if slug not in articles:
            continue
        story_claim = {c["id"]: c.get("story_claim") for c in g["claims"]}
        for s in g["statements"]:
            for key in {story_claim.get(c) for c in s.get("claims", [])} - {None}:
                span = (s["content_span"][0] - shifts[slug], s["content_span"][1] - shifts[slug])
                score, pk = max(((_jaccard(span, p), pk) for p, pk in spans[articles[slug]]), default=(0, None))
                if score >= 0.5:
                    out[key] |= ledger_of.get(pk, set())
    return out, articles


def _ledger_claim(finding, standings):
    """The ledger claim a finding states (read from its text where the code measured predates the field)."""
    if getattr(finding, "ledger_claim", None) is not None:
        return finding.ledger_claim
    return next((s.claim_id for s in standings
                 if finding.text.startswith(f"Across the ledger, the claim that {s.text.rstrip('. ')} is ")), None)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--db", required=True)
    parser.add_argument("--gold", default=str(REPO.parent.parent / "shared" / "data" / "dev"))
    parser.add_argument("--first", type=int, default=3)
    parser.add_argument("--src", help="the claimwatch source directory to measure (default: this checkout's)")
    args = parser.parse_args(argv)
    from claimwatch.assess import assess
    from claimwatch.assess.knowledge import load_knowledge
    from claimwatch.assess import story as story_module
    from claimwatch.assess.story import ledger_standings, story_analyses
    from claimwatch.assess.topics import StatementIndex, build_topics, main_topics
    from claimwatch.ledger.store import Ledger

    gold_dir = Path(args.gold)
    stories = json.loads((gold_dir / "stories.json").read_text())["stories"]
    con = sqlite3.connect(f"file:{args.db}?mode=ro", uri=True)
    named_by, articles = gold_claim_ledger_ids(con, gold_dir)
    story_of = dict(con.execute("SELECT article_id, story_id FROM article_stories"))
    kb = load_knowledge()
    rows = ["| gold story | ledger story | first significance finding (ledger claim) | names a gold claim | "
            f"any of first {args.first} | event types recognised / not |", "|---|---|---|---|---|---|"]
    hits = first_hits = 0
    with Ledger(args.db) as ledger:
        for name, story in stories.items():
            ids = [story_of.get(articles.get(a[:-4])) for a in story["articles"]]
            sid = collections.Counter(i for i in ids if i is not None).most_common(1)[0][0]
            analyses = story_analyses(ledger, f"s{sid}")
            standings = ledger_standings(ledger, f"s{sid}")
            if hasattr(story_module, "story_sides"):
                result = assess(analyses, standings=standings, sides=story_module.story_sides(ledger, analyses))
            else:
                result = assess(analyses, standings=standings)
            standings_status = {s.claim_id: s.status for s in standings}
            stated = [f for f in result.of_kind("significance") if _ledger_claim(f, standings) is not None][:args.first]
            gold = {c["id"]: named_by.get(c["id"], set()) for c in story["claims"]}

            def names(finding) -> list[str]:
                return [k for k, lids in gold.items() if _ledger_claim(finding, standings) in lids]
            first = stated[0] if stated else None
            first_names = names(first) if first else []
            any_names = sorted({k for f in stated for k in names(f)})
            first_hits += bool(first_names)
            hits += bool(any_names)
            index = StatementIndex(analyses)
            chosen, _ = main_topics(build_topics(index, kb), kb)
            typed = ", ".join(f"{t.event_type} {'yes' if getattr(t, 'confident', True) else 'no'}"
                              for t in chosen) or "-"
            text = first.text.replace("Across the ledger, the claim that ", "").split(" is " + (
                standings_status.get(_ledger_claim(first, standings)) or "?") + ":")[0][:80] if first else "-"
            rows.append(f"| {name} | s{sid} | {text.replace('|', '/')} | {', '.join(first_names) or 'no'} | "
                        f"{', '.join(any_names) or 'no'} | {typed} |")
    rows.append(f"| **total** | | | **{first_hits}/{len(stories)}** | **{hits}/{len(stories)}** | |")
    print("\n".join(rows))
    return 0


if __name__ == "__main__":
    sys.exit(main())
