#!/usr/bin/env python3
"""Extraction speed: ``analyze_doc`` alone, over Docs parsed once, with its output checked byte for byte.

    python benchmarks/extraction.py [--n 300] [--repeat 3] [--docs FILE] [--save FILE] [--compare FILE]
                                    [--baseline-src DIR] [--profile N]

Example, before/after on a busy machine (both versions in one process, in turns):

    git archive HEAD src | tar -x -C /tmp/base
    python benchmarks/extraction.py --docs /tmp/docs.spacy --baseline-src /tmp/base/src --repeat 5

The corpus is the first N non-empty FNC-1 training bodies plus the dev texts, parsed once with the
full pipeline (``load_nlp()``, no pre-pass). Each timed pass runs ``analyze_doc`` over every Doc
with the Docs' ``user_data`` reset to what the parse left, so per-Doc caches built by the extractors
do not carry over from one pass to the next (in real use each Doc is analysed once). The figure is
CPU time (``time.process_time``), best of ``--repeat`` passes: the machine is shared, wall time is noisy.

``--save`` writes ``json.dumps(analysis.to_dict(), sort_keys=True)`` per article; ``--compare``
reads such a file and reports the articles whose output differs (exit 1 when any does), so a speed
change can be shown to leave the output unchanged. ``--profile N`` prints cProfile's top N functions
by tottime and by cumtime over one extra pass.

The script runs with PYTHONHASHSEED=0 (it restarts itself with it when unset): some extractor ties
are broken by set iteration order, which varies with the hash seed from one process to the next.
Set ``PYTHONPATH`` to another checkout's ``src`` to time or save that version's output, or pass
``--baseline-src``: that version's ``analyze_doc`` is imported as ``claimwatch_baseline`` and timed
in turns with this one on the same Docs (so load from other processes hits both alike); the ratio
and the number of articles whose outputs differ are printed (exit 1 when any do). ``--docs FILE``
keeps the parsed Docs in a DocBin so later runs skip the 30 s parse.
"""
from __future__ import annotations

import argparse
import cProfile
import csv
import gc
import json
import os
import pstats
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
DEFAULT_SHARED = REPO.parent / "shared"


def load_texts(shared: Path, n: int) -> list[tuple[str, str]]:
    """(name, text): the first n non-empty FNC-1 bodies in file order, then the dev texts by name."""
    csv.field_size_limit(sys.maxsize)
    out: list[tuple[str, str]] = []
    with (shared / "data" / "fnc1" / "train_bodies.csv").open(encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            body = row.get("articleBody") or ""
            if body.strip():
                out.append((f"fnc1-body-{row.get('Body ID', len(out))}", body))
                if len(out) == n:
                    break
    for path in sorted((shared / "data" / "dev").glob("*.txt")):
        if path.name != "README.md":
            out.append((f"dev/{path.stem}", path.read_text(encoding="utf-8")))
    return out


def parse(texts: list[tuple[str, str]], cache: Path | None = None):
    """Parse every text once with the full pipeline; keep Articles, Docs and the Docs' fresh user_data.

    With ``cache``, the Docs are read from that DocBin file when it exists (written on the first
    run), so repeated before/after runs skip the parse."""
    from spacy.tokens import DocBin

    from claimwatch.model import Article
    from claimwatch.nlp.pipeline import article_id, load_nlp

    nlp = load_nlp()
    articles = [Article(text=t, id=article_id(t)) for _, t in texts]
    if cache is not None and cache.is_file():
        docs = list(DocBin(store_user_data=True).from_bytes(cache.read_bytes()).get_docs(nlp.vocab))
        if [d.text for d in docs] != [t for _, t in texts]:
            raise SystemExit(f"{cache} holds other texts; delete it or pass another --docs file")
    else:
        docs = list(nlp.pipe((t for _, t in texts), batch_size=32))
        if cache is not None:
            cache.write_bytes(DocBin(store_user_data=True, docs=docs).to_bytes())
    fresh = [dict(d.user_data) for d in docs]
    return articles, docs, fresh


def run(articles, docs, fresh, analyze_doc=None) -> list:
    """One extraction pass, every Doc as if just parsed."""
    if analyze_doc is None:
        from claimwatch.nlp.pipeline import analyze_doc

    for doc, data in zip(docs, fresh):
        doc.user_data.clear()
        doc.user_data.update(data)
    return [analyze_doc(a, d) for a, d in zip(articles, docs)]


def load_baseline(src: Path):
    """``analyze_doc`` of another checkout's ``src`` (e.g. ``git archive HEAD src``), imported in this
    process as the package ``claimwatch_baseline``, so both versions run on the same Docs in turns
    and a busy machine slows both alike."""
    import re
    import shutil
    import tempfile

    root = Path(tempfile.mkdtemp(prefix="cw_baseline_"))
    shutil.copytree(src / "claimwatch", root / "claimwatch_baseline")
    for path in (root / "claimwatch_baseline").rglob("*.py"):
        code = path.read_text(encoding="utf-8")
        code = re.sub(r"\b(from|import) claimwatch\b", r"\1 claimwatch_baseline", code)
        code = code.replace('"paragraph_breaks"', '"paragraph_breaks_baseline"')  # one spaCy registry
        path.write_text(code, encoding="utf-8")
    sys.path.insert(0, str(root))
    from claimwatch_baseline.nlp.pipeline import analyze_doc  # type: ignore[import-not-found]

    return analyze_doc


def cpu_time(fn) -> float:
    gc.collect()
    start = time.process_time()
    fn()
    return time.process_time() - start


def dumps(analyses) -> list[str]:
    return [json.dumps(a.to_dict(), sort_keys=True) for a in analyses]


def compare(names: list[str], got: list[str], path: Path) -> int:
    """Number of articles whose output differs from the saved file (missing ones count)."""
    saved = json.loads(path.read_text(encoding="utf-8"))
    differing = [n for n, g in zip(names, got) if saved.get(n) != g]
    differing += [n for n in saved if n not in names]
    for n in differing[:10]:
        print(f"  differs: {n}")
    return len(differing)


def main(argv: list[str] | None = None) -> int:
    if os.environ.get("PYTHONHASHSEED") is None:  # set iteration order decides some ties: fix it
        os.execve(sys.executable, [sys.executable, *sys.argv], {**os.environ, "PYTHONHASHSEED": "0"})
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--n", type=int, default=300, help="FNC-1 bodies (default 300)")
    ap.add_argument("--shared", type=Path, default=DEFAULT_SHARED)
    ap.add_argument("--repeat", type=int, default=3, help="timed passes; the best counts (default 3)")
    ap.add_argument("--save", type=Path, help="write per-article output JSON here")
    ap.add_argument("--compare", type=Path, help="compare per-article output with this file")
    ap.add_argument("--baseline-src", type=Path, metavar="DIR",
                    help="another checkout's src/: time its analyze_doc in turns with this one and compare outputs")
    ap.add_argument("--docs", type=Path, help="DocBin cache of the parsed Docs (written if missing)")
    ap.add_argument("--profile", type=int, default=0, metavar="N", help="print cProfile top N (tottime, cumtime)")
    args = ap.parse_args(argv)

    texts = load_texts(args.shared, args.n)
    names = [n for n, _ in texts]
    t0 = time.process_time()
    articles, docs, fresh = parse(texts, args.docs)
    print(f"parsed or loaded {len(docs)} texts ({sum(len(d) for d in docs):,} tokens) in {time.process_time() - t0:.1f} s CPU")

    result: list = []
    baseline = load_baseline(args.baseline_src) if args.baseline_src else None
    base_result: list = []
    times, base_times = [], []
    run(articles, docs, fresh)  # warm-up, untimed: lexicons load and patterns compile on first use
    if baseline is not None:
        run(articles, docs, fresh, baseline)
    for _ in range(max(1, args.repeat)):
        if baseline is not None:
            base_times.append(cpu_time(lambda: base_result.__setitem__(slice(None), run(articles, docs, fresh, baseline))))
        times.append(cpu_time(lambda: result.__setitem__(slice(None), run(articles, docs, fresh))))
    best = min(times)
    if baseline is not None:
        base_best = min(base_times)
        print(f"baseline analyze_doc: best {base_best:.2f} s CPU of {', '.join(f'{t:.2f}' for t in base_times)}; "
              f"{1000 * base_best / len(docs):.2f} ms/article")
    print(f"analyze_doc: best {best:.2f} s CPU of {', '.join(f'{t:.2f}' for t in times)}; "
          f"{1000 * best / len(docs):.2f} ms/article over {len(docs)} articles")
    if baseline is not None:
        pairs = [t / b for t, b in zip(times, base_times)]
        print(f"ratio to baseline: best-to-best {best / base_best:.3f}; per turn {', '.join(f'{r:.3f}' for r in pairs)}")

    got = dumps(result)
    status = 0
    if baseline is not None:
        differing = [n for n, g, b in zip(names, got, dumps(base_result)) if g != b]
        print(f"output against baseline: {len(differing)} differing articles {differing[:5]}")
        status = 1 if differing else 0
    if args.save:
        args.save.write_text(json.dumps(dict(zip(names, got)), sort_keys=True), encoding="utf-8")
        print(f"saved {len(got)} outputs to {args.save}")
    if args.compare:
        n = compare(names, got, args.compare)
        print(f"compare with {args.compare}: {n} differing articles")
        status = status or (1 if n else 0)
    if args.profile:
        prof = cProfile.Profile()
        prof.enable()
        run(articles, docs, fresh)
        prof.disable()
        for key in ("tottime", "cumtime"):
            print(f"--- top {args.profile} by {key}")
            pstats.Stats(prof).sort_stats(key).print_stats(args.profile)
    return status


if __name__ == "__main__":
    sys.exit(main())
