#!/usr/bin/env python3
"""Ledger query latency at 1 million statements: claim page, actor page and search, p50 / p95.

    python benchmarks/ledger_latency.py [--statements 1000000] [--queries 200] [--db PATH] [--json]

A synthetic ledger is written straight through the ledger's own schema (opened and migrated by
``Ledger``) in large transactions: articles of 1-9 statements by sources drawn from a pool of names,
one article claim per statement or two, article claims grouped into ledger claims that run over a
few consecutive days as stories do, a timeline and some figures per ledger claim. Statement texts are
drawn from a news vocabulary with a Zipf law, so common words match many statements. Then the read
models the CLI and web UI use (``claim_detail``, ``actor_profile``, ``search``) are timed for random
ids, names and words. An existing ``--db`` is reused when it already holds the requested count.
"""
from __future__ import annotations

import argparse
import hashlib
import json
import random
import sqlite3
import statistics
import sys
import tempfile
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Callable, Iterator, Optional

TARGET_CLAIM_P95_MS = 50.0  # issue target: claim-page query p95 < 50 ms at 1 M statements
CHUNK_ARTICLES = 20_000  # articles per transaction while generating

NEWS_WORDS = """
troops border ministry officials missile strike ceasefire talks sanctions election minister president
spokesman army drone attack village refugees aid convoy parliament vote budget inflation bank rates
court ruling judge prosecutors investigation police arrest protest rally crowd capital province region
governor mayor council report figures casualties wounded killed soldiers forces navy ship port harbour
airport flights pilots union strike wages factory workers exports imports tariffs oil gas pipeline
prices energy grid blackout storm flood drought harvest farmers wheat grain shipment cargo vessel
hospital doctors patients vaccine outbreak virus cases deaths health agency regulator company shares
investors market merger deal contract lawsuit settlement fine embassy diplomat envoy summit treaty
agreement alliance coalition opposition party leader candidate campaign poll survey voters ballot
fraud corruption bribery scandal resignation cabinet reshuffle decree law bill reform tax pension
school teachers students university research scientists climate emissions carbon wildfire earthquake
rescue teams satellite images footage video documents leaked intelligence sources witnesses residents
militants rebels insurgents hostages kidnapping ransom negotiations mediator weapons shells artillery
tanks jets radar airspace violation incursion offensive counteroffensive frontline trenches mines
evacuation shelter curfew blockade checkpoint smuggling trafficking migrants asylum deportation camp
""".split()
SYLLABLES = "ka lo mi ran tes vor bel dun sha tri gon pel ast urn ix ol mar ven cos lid".split()
FIRST = ("Anna Boris Carla David Elena Farid Greta Hassan Irina Jonas Karim Lena Mateo Nadia Omar Petra "
         "Quentin Rosa Samir Tamara Umar Vera Walter Xenia Yusuf Zora Ahmed Bianca Chen Dmitri Emma Felix "
         "Giulia Hiro Ines Jakob Kofi Lucia Marek Nora").split()
LAST = ("Abbott Bauer Castillo Dimitrov Eriksen Fischer Garcia Horvat Ivanova Jensen Kowalski Lindqvist "
        "Moreau Novak Okafor Petrov Quinn Rossi Schmidt Tanaka Uribe Vasquez Weber Xu Yilmaz Zhang Adeyemi "
        "Bergman Costa Duarte Engel Fontaine Greco Haddad Ibrahim Janssen Kaur Lopez Mendes Nakamura").split()
COUNTRIES = ("Ukraine Russia France Germany Poland Kenya Nigeria Brazil Chile India Japan China Egypt Turkey "
             "Mexico Canada Spain Italy Greece Sweden Norway Iran Iraq Israel Jordan Peru Ghana Vietnam").split()
STANCES = ("asserts", "asserts", "asserts", "supports", "uncommitted", "disputes", "denies")
CUES = ("said", "told reporters", "claimed", "denied", "confirmed", "according to", "warned", "insisted")
STATUSES = ("alleged", "alleged", "contested", "corroborated", "confirmed", "denied")
EVENT_TYPES = ("military_involvement", "attack", "casualties", "arrest", "agreement", "election_fraud", None)


# --- generation ------------------------------------------------------------------------------

class Vocabulary:
    """News words then invented ones, sampled with a Zipf law (the few common words match a lot)."""

    def __init__(self, rng: random.Random, size: int = 20_000) -> None:
        tail = {"".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 4))) for _ in range(size * 2)}
        self.words = NEWS_WORDS + sorted(tail - set(NEWS_WORDS))[: size - len(NEWS_WORDS)]
        weights = [1.0 / (rank + 1) ** 1.05 for rank in range(len(self.words))]
        self._cum = list(_accumulate(weights))
        self._rng = rng

    def sentence(self, n: int) -> str:
        return " ".join(self._rng.choices(self.words, cum_weights=self._cum, k=n))


def _accumulate(values: list[float]) -> Iterator[float]:
    total = 0.0
    for v in values:
        total += v
        yield total


def actor_pool(rng: random.Random, size: int) -> list[tuple[str, str, str]]:
    """(name, kind, affiliation) for ``size`` people and organisations."""
    people = [f"{f} {last}" for f in FIRST for last in LAST]
    rng.shuffle(people)
    orgs = [f"{c} {w}" for c in COUNTRIES for w in ("Ministry of Defence", "Foreign Ministry", "Police",
                                                    "Health Agency", "Central Bank", "Army")]
    pool = [(n, "person", rng.choice(COUNTRIES)) for n in people[: max(0, size - len(orgs))]]
    pool += [(o, "organisation", o.split()[0]) for o in orgs]
    return pool[:size] if len(pool) >= size else pool


def generate(path: Path, statements: int, seed: int = 7, progress: Optional[Callable[[str], None]] = None) -> dict:
    """Write a ledger with ``statements`` statements at ``path`` (a new file); return row counts."""
    from claimwatch.ledger import Ledger

    with Ledger(path, embedder=lambda: None):
        pass  # creates the file and runs the migrations
    rng = random.Random(seed)
    vocab = Vocabulary(rng)
    pool = actor_pool(rng, 1600)
    popular = [1.0 / (i + 1) ** 0.8 for i in range(len(pool))]
    pool_cum = list(_accumulate(popular))
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("PRAGMA synchronous = OFF")
    conn.execute("PRAGMA foreign_keys = OFF")  # rows are written parents first; checks would only slow it
    start_day = datetime(2024, 1, 1, tzinfo=timezone.utc)
    made = {"articles": 0, "statements": 0, "claims": 0, "ledger_claims": 0}
    next_pk = {"statement": 1, "claim": 1, "ledger": 1, "event": 1}
    recent: list[int] = []  # ledger claim ids of the last few days, most recent last
    started = time.perf_counter()
    while made["statements"] < statements:
        rows: dict[str, list[tuple]] = {k: [] for k in ("articles", "actors", "claims", "statements",
                                                        "statement_claims", "ledger_claims", "members",
                                                        "events", "quantities")}
        for _ in range(CHUNK_ARTICLES):
            if made["statements"] >= statements:
                break
            _one_article(rng, vocab, pool, pool_cum, start_day, made, next_pk, recent, rows,
                         min(rng.randint(1, 9), statements - made["statements"]))
        _write_chunk(conn, rows)
        if progress:
            progress(f"{made['statements']:,} statements, {time.perf_counter() - started:.0f} s")
    conn.execute("PRAGMA foreign_keys = ON")
    counts = {t: conn.execute(f"SELECT COUNT(*) FROM {t}").fetchone()[0]
              for t in ("articles", "actors", "claims", "statements", "statement_claims", "ledger_claims",
                        "ledger_claim_members", "claim_events", "claim_quantities")}
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.execute("ANALYZE")
    conn.close()
    counts["generation_s"] = round(time.perf_counter() - started, 1)
    return counts


def _one_article(rng, vocab, pool, pool_cum, start_day, made, next_pk, recent, rows, n_statements) -> None:
    i = made["articles"]
    day = start_day + timedelta(minutes=i * 5)  # ~290 articles a day, in date order
    published = day.isoformat(timespec="seconds")
    text = vocab.sentence(40)
    article_id = hashlib.sha256(f"article-{i}".encode()).hexdigest()[:16]
    rows["articles"].append((article_id, f"Dispatch {i}", f"https://example.org/{i}", f"Outlet {i % 300}", published,
                             0, text, None, hashlib.sha256(text.encode() + str(i).encode()).hexdigest(), None,
                             None, None, None, "[]", published))
    speakers = rng.choices(pool, cum_weights=pool_cum, k=n_statements)
    cast = list(dict.fromkeys(speakers))
    for pos, (name, kind, aff) in enumerate(cast):
        rows["actors"].append((article_id, pos, name, kind, None, aff, "[]", "[]"))
    n_claims = max(1, n_statements - rng.randint(0, 1))
    claim_pks = []
    for pos in range(n_claims):
        pk = next_pk["claim"]
        next_pk["claim"] += 1
        claim_pks.append(pk)
        text_c = vocab.sentence(10)
        rows["claims"].append((pk, article_id, pos, f"c{pos + 1}", text_c, f"c{pos + 1}", speakers[0][0], "said",
                               None, "[]"))
        # a story runs for a few days: join one of the recent ledger claims, or start a new one
        if recent and rng.random() < 0.45:
            ledger_id = recent[-1 - min(int(rng.paretovariate(1.2)) - 1, len(recent) - 1)]
            rows["members"].append((pk, ledger_id, round(rng.uniform(0.6, 1.0), 3), "lexical"))
        else:
            ledger_id = next_pk["ledger"]
            next_pk["ledger"] += 1
            recent.append(ledger_id)
            del recent[:-3000]
            rows["ledger_claims"].append((ledger_id, text_c, rng.choice(EVENT_TYPES), rng.choice(COUNTRIES),
                                          rng.choice(STATUSES), published, published,
                                          f"{rng.choice(COUNTRIES).lower()}:other"))
            rows["members"].append((pk, ledger_id, None, "new"))
        made["claims"] += 1
    for pos in range(n_statements):
        spk = next_pk["statement"]
        next_pk["statement"] += 1
        name = speakers[pos][0]
        content = vocab.sentence(rng.randint(6, 22))
        rows["statements"].append((spk, article_id, pos, f"s{pos + 1}", name, 0, len(name), rng.choice(CUES), 0, 4,
                                   content, 0, len(content), rng.choice(STANCES), "say", "certain", 0, 0,
                                   "[]", "[]", "[]", "[]"))
        claim_pk = claim_pks[min(pos, n_claims - 1)]
        rows["statement_claims"].append((spk, claim_pk, 0))
        ledger_id = rows["members"][-n_claims + min(pos, n_claims - 1)][1]
        kind = "first_alleged" if rng.random() < 0.5 else rng.choice(("status_change", "denial", "confirmation"))
        rows["events"].append((ledger_id, published, kind, None, "alleged", spk, ""))
        if rng.random() < 0.15:
            rows["quantities"].append((ledger_id, float(rng.randint(1, 5000)), "people", "", 0, spk, published))
    made["statements"] += n_statements
    made["articles"] += 1


def _write_chunk(conn: sqlite3.Connection, rows: dict[str, list[tuple]]) -> None:
    conn.execute("BEGIN")
    conn.executemany("INSERT INTO articles (id, title, url, outlet, published, published_is_fallback, text, path,"
                     " content_hash, near_duplicate_of, similarity, wire_source, minhash, warnings, ingested_at)"
                     " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)", rows["articles"])
    conn.executemany("INSERT INTO actors (article_id, pos, name, kind, role, affiliation, aliases, mentions)"
                     " VALUES (?,?,?,?,?,?,?,?)", rows["actors"])
    conn.executemany('INSERT INTO claims (pk, article_id, pos, id, text, "group", subject, predicate, object,'
                     " quantities) VALUES (?,?,?,?,?,?,?,?,?,?)", rows["claims"])
    conn.executemany("INSERT INTO statements (pk, article_id, pos, id, source, source_start, source_end, cue,"
                     " cue_start, cue_end, content, content_start, content_end, stance, act, certainty,"
                     " conditional, distanced, evidence, quantities, quotes, hedges)"
                     " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)", rows["statements"])
    conn.executemany("INSERT INTO statement_claims (statement_pk, claim_pk, pos) VALUES (?,?,?)",
                     rows["statement_claims"])
    conn.executemany("INSERT INTO ledger_claims (id, text, event_type, agent, status, first_seen, last_seen, story)"
                     " VALUES (?,?,?,?,?,?,?,?)", rows["ledger_claims"])
    conn.executemany("INSERT INTO ledger_claim_members (claim_pk, ledger_claim_id, score, method)"
                     " VALUES (?,?,?,?)", rows["members"])
    conn.executemany("INSERT INTO claim_events (ledger_claim_id, date, kind, from_status, to_status, statement_pk,"
                     " note) VALUES (?,?,?,?,?,?,?)", rows["events"])
    conn.executemany("INSERT INTO claim_quantities (ledger_claim_id, value, unit, text, approximate, statement_pk,"
                     " date) VALUES (?,?,?,?,?,?,?)", rows["quantities"])
    conn.execute("COMMIT")


# --- timing ----------------------------------------------------------------------------------

def percentiles(ms: list[float]) -> dict:
    """p50 / p95 / max of a list of milliseconds (nearest-rank p95)."""
    ordered = sorted(ms)
    p95 = ordered[min(len(ordered) - 1, max(0, int(round(0.95 * len(ordered))) - 1))]
    return {"n": len(ordered), "p50_ms": round(statistics.median(ordered), 2), "p95_ms": round(p95, 2),
            "max_ms": round(ordered[-1], 2)}


def time_queries(fn: Callable[[object], object], args: list) -> dict:
    """Time ``fn(arg)`` once per arg; a warm-up call first, so the page cache is not what is measured."""
    fn(args[0])
    ms = []
    for a in args:
        start = time.perf_counter()
        fn(a)
        ms.append(1000 * (time.perf_counter() - start))
    return percentiles(ms)


def query_args(conn: sqlite3.Connection, n: int, seed: int) -> dict[str, list]:
    """Random ledger claim ids, actor names (uniform over names) and words from random statements."""
    rng = random.Random(seed)
    max_claim = conn.execute("SELECT MAX(id) FROM ledger_claims").fetchone()[0]
    max_pk = conn.execute("SELECT MAX(pk) FROM statements").fetchone()[0]
    names = [r[0] for r in conn.execute("SELECT DISTINCT source FROM statements")]
    contents = [conn.execute("SELECT content FROM statements WHERE pk = ?", (rng.randint(1, max_pk),)).fetchone()[0]
                for _ in range(n)]
    return {"claims": [rng.randint(1, max_claim) for _ in range(n)],
            "actors": [rng.choice(names) for _ in range(n)],
            "search_1": [rng.choice(c.split()) for c in contents],
            "search_2": [" ".join(rng.sample(c.split(), 2)) if len(c.split()) > 1 else c for c in contents]}


def benchmark(db: Path, statements: int, queries: int, seed: int = 11,
              progress: Optional[Callable[[str], None]] = None) -> dict:
    """Generate (or reuse) the ledger, then time the three pages; every figure as a dict."""
    from claimwatch.ledger import Ledger
    from claimwatch.ledger.queries import actor_profile, claim_detail, search

    counts: Optional[dict] = None
    if db.exists():
        with sqlite3.connect(db) as c:
            held = c.execute("SELECT COUNT(*) FROM statements").fetchone()[0]
        if held != statements:
            raise ValueError(f"{db} holds {held:,} statements, not {statements:,}; remove it or pass another --db")
    else:
        counts = generate(db, statements, progress=progress)
    with Ledger(db, embedder=lambda: None) as ledger:
        args = query_args(ledger.connection, queries, seed)
        counts = counts or {t: ledger.connection.execute(f"SELECT COUNT(*) FROM {t}").fetchone()[0]
                            for t in ("articles", "statements", "claims", "ledger_claims", "actors")}
        timings = {
            "claim_page": time_queries(lambda i: claim_detail(ledger, i), args["claims"]),
            "actor_page": time_queries(lambda n: actor_profile(ledger, n), args["actors"]),
            "search_1_word": time_queries(lambda w: search(ledger, w, limit=20), args["search_1"]),
            "search_2_words": time_queries(lambda w: search(ledger, w, limit=20), args["search_2"]),
            # the part of every claim/actor page that checks for unmatched claims of old ledgers
            "pending_check": time_queries(lambda _: ledger.claims.pending(), args["claims"][:50]),
        }
        # diagnostic: the same claim pages with that check answered from memory (as a cached flag would)
        real_pending = ledger.claims.pending
        ledger.claims.pending = lambda: 0
        try:
            timings["claim_page_without_pending"] = time_queries(lambda i: claim_detail(ledger, i), args["claims"])
            timings["actor_page_without_pending"] = time_queries(lambda n: actor_profile(ledger, n), args["actors"])
        finally:
            ledger.claims.pending = real_pending
    p95 = timings["claim_page"]["p95_ms"]
    return {"db_bytes": db.stat().st_size, "counts": counts, "queries": queries, "timings": timings,
            "target": {"claim_page_p95_ms": p95, "target_ms": TARGET_CLAIM_P95_MS,
                       "verdict": "met" if p95 < TARGET_CLAIM_P95_MS else "not met"}}


LABELS = {"claim_page": "claim page (`claim_detail`, random ledger claim id)",
          "actor_page": "actor page (`actor_profile`, random source name)",
          "search_1_word": "search, one word of a random statement (`search`, limit 20)",
          "search_2_words": "search, two words of a random statement (`search`, limit 20)",
          "pending_check": "of which: `ClaimBook.pending()` run by every claim/actor page",
          "claim_page_without_pending": "diagnostic: claim page with `pending()` answered from memory",
          "actor_page_without_pending": "diagnostic: actor page with `pending()` answered from memory"}


def render_markdown(r: dict) -> str:
    """The ledger-latency section of ``docs/benchmarks.md``."""
    c = r["counts"]
    rows = ["| query | n | p50 (ms) | p95 (ms) | max (ms) |", "|---|---|---|---|---|"]
    for key, t in r["timings"].items():
        rows.append(f"| {LABELS.get(key, key)} | {t['n']} | {t['p50_ms']:.1f} | {t['p95_ms']:.1f} | {t['max_ms']:.1f} |")
    t = r["target"]
    generated = f" in {c['generation_s']:.0f} s" if "generation_s" in c else ""
    return f"""## Ledger query latency

A generated ledger{generated}: {c['statements']:,} statements in {c['articles']:,} articles, {c['claims']:,} article
claims in {c['ledger_claims']:,} ledger claims, {c.get('actors', 0):,} actor rows; {r['db_bytes'] / 2**20:,.0f} MiB on disk.
Written through the ledger's schema (`benchmarks/ledger_latency.py`); the read models the CLI and web UI
use are timed one call at a time after one warm-up call, with a warm page cache.

{chr(10).join(rows)}

- Target: claim-page p95 < {t['target_ms']:.0f} ms at 1 M statements: {t['claim_page_p95_ms']:.1f} ms: **{t['verdict']}**.
"""


def summary(r: dict) -> str:
    lines = [f"{r['counts']['statements']:,} statements, db {r['db_bytes'] / 2**20:,.0f} MiB"]
    for key, t in r["timings"].items():
        lines.append(f"{key:16} p50 {t['p50_ms']:8.1f} ms  p95 {t['p95_ms']:8.1f} ms  max {t['max_ms']:8.1f} ms")
    lines.append(f"claim page p95 target < {TARGET_CLAIM_P95_MS:.0f} ms: {r['target']['verdict']}")
    return "\n".join(lines)


def main(argv: Optional[list[str]] = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--statements", type=int, default=1_000_000)
    parser.add_argument("--queries", type=int, default=200, help="queries timed per page (default 200)")
    parser.add_argument("--db", type=Path, help="ledger file to generate or reuse (default: a temporary one)")
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--out", type=Path, help="also write the Markdown section to this file")
    args = parser.parse_args(argv)
    if args.statements < 1 or args.queries < 1:
        parser.error("--statements and --queries must be at least 1")
    with tempfile.TemporaryDirectory(prefix="claimwatch-latency-") as tmp:
        db = args.db or Path(tmp) / "ledger.db"
        result = benchmark(db, args.statements, args.queries,
                           progress=lambda m: print(m, file=sys.stderr, flush=True))
    if args.out:
        args.out.write_text(render_markdown(result), encoding="utf-8")
    print(json.dumps(result, indent=1) if args.json else summary(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
