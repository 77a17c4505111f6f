"""``claimwatch export``: schema.org Claim / ClaimReview JSON-LD, CSV and Parquet tables of the ledger.

Two ledgers built with the real extractor: the bundled North Korea story (``story_ledger``, once per
session), and a short invented story (a solvent leak; one article has no URL) written for these tests.
JSON-LD is expanded with pyld against a bundled minimal schema.org context, with no network.
"""
from __future__ import annotations

import csv
import json
import shutil
import sqlite3
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from click.testing import CliRunner
from pyld import jsonld as pyld

from claimwatch.cli import cli
from claimwatch.errors import LexiconError
from claimwatch.export import jsonld, tables
from claimwatch.export.records import RESOLVED, ArticleRef, ClaimRecord, StatementRef
from claimwatch.lexicons import load_yaml
from claimwatch.ledger.status import STATUSES

DOCS = Path(__file__).parents[2] / "docs" / "export.md"
SCHEMA = "https://schema.org/"
ALLOWED_TYPES = {SCHEMA + t for t in ("Claim", "ClaimReview", "Rating", "CreativeWork", "NewsArticle", "Person",
                                      "Organization")}

SPILL = [
    {"published": "2025-03-02T08:00:00+00:00", "outlet": "Riverside Gazette",
     "url": "https://news.example.net/riverside-gazette/velmar-solvent-leak",
     "title": "Agency says Orlan plant leaked solvent into the Velmar",
     "text": "The regional environment agency said on Sunday that the Orlan Chemicals plant near Castelmoor had "
             "released toxic solvent into the Velmar river, citing water samples taken downstream of the site.\n\n"
             "Anglers reported hundreds of dead fish along a two-kilometre stretch of the river on Saturday "
             "morning. The agency said it had asked the company to halt production while inspectors examined "
             "the plant's drainage system.\n\nOrlan Chemicals did not respond to a request for comment on Sunday."},
    {"published": "2025-03-03T12:30:00+00:00", "outlet": "Valley Times",
     "url": "https://news.example.net/valley-times/orlan-denies-leak", "title": "Orlan Chemicals denies solvent leak",
     "text": "Orlan Chemicals denied on Monday that its plant near Castelmoor had released solvent into the Velmar "
             "river, saying its drainage system had passed an inspection in January.\n\nA company spokesperson "
             "said the dead fish found by anglers could have been caused by low oxygen levels after a week of "
             "warm weather. The regional environment agency said its inspectors were still at the plant and that "
             "it stood by its findings."},
    {"published": "2025-03-05T09:15:00+00:00", "outlet": "Castelmoor Courier",
     "title": "Water authority confirms solvent in the Velmar",
     "text": "The regional water authority confirmed on Wednesday that the Orlan Chemicals plant had released "
             "solvent into the Velmar river, citing laboratory tests on samples taken at three points "
             "downstream.\n\nThe authority said the concentration had fallen since the weekend but advised "
             "residents not to fish in the river until further notice. Mayor Helena Brandt said the town would "
             "seek compensation from the company."},
    {"published": "2025-03-06T16:45:00+00:00", "outlet": "Northern Science Desk",
     "url": "https://news.example.net/science-desk/velmar-samples",
     "title": "University tests back agency findings on Velmar spill",
     "text": "Researchers at the University of Castelmoor said on Thursday that their own samples showed the Orlan "
             "Chemicals plant had released solvent into the Velmar river.\n\nProfessor Tomas Lindqvist, who led "
             "the tests, said the solvent found in the water matched a compound used at the plant. Orlan "
             "Chemicals said it would study the results but maintained that its equipment had not failed."},
]


def run(*args: str):
    return CliRunner().invoke(cli, list(args))


def _ingest(path: Path, db: Path) -> str:
    result = run("ingest", str(path), "--db", str(db), "--format", "json")
    assert result.exit_code == 0, result.output
    return str(db)


@pytest.fixture(scope="module")
def story_db(story_ledger) -> str:
    return str(story_ledger)


@pytest.fixture(scope="module")
def spill_db(tmp_path_factory) -> str:
    folder = tmp_path_factory.mktemp("spill")
    source = folder / "spill.jsonl"
    source.write_text("".join(json.dumps(a) + "\n" for a in SPILL), encoding="utf-8")
    return _ingest(source, folder / "spill.db")


@pytest.fixture(params=["story", "spill"])
def db(request, story_db, spill_db) -> str:
    return story_db if request.param == "story" else spill_db


def export(db: str, out: Path, *args: str) -> dict:
    result = run("export", "--db", db, "--out", str(out), "--format", "json", *args)
    assert result.exit_code == 0, result.output
    return json.loads(result.output)


def query(db: str, sql: str, *params):
    conn = sqlite3.connect(db)
    conn.row_factory = sqlite3.Row
    try:
        return conn.execute(sql, params).fetchall()
    finally:
        conn.close()


def offline_loader(url: str, options=None) -> dict:
    """Serves the schema.org context from a bundled minimal copy; any other URL fails the test."""
    assert url.rstrip("/") in ("https://schema.org", "http://schema.org"), f"unexpected fetch of {url}"
    return {"contextUrl": None, "documentUrl": url, "document": {"@context": {"@vocab": SCHEMA}}}


def expanded_types(node) -> set[str]:
    if isinstance(node, list):
        return set().union(*(expanded_types(n) for n in node)) if node else set()
    if isinstance(node, dict):
        found = set(node.get("@type", []))
        for key, value in node.items():
            if key != "@type":
                found |= expanded_types(value)
        return found
    return set()


def article_iri(row) -> str:
    return row["url"] or f"urn:claimwatch:article:{row['id']}"


def carrying_articles(db: str, claim_id: int) -> list:
    return query(db, "SELECT DISTINCT a.id, a.url, a.title, a.published, a.rowid FROM ledger_claim_members m"
                     " JOIN claims c ON c.pk = m.claim_pk JOIN articles a ON a.id = c.article_id"
                     " WHERE m.ledger_claim_id = ? ORDER BY a.published, a.rowid", claim_id)


# --- JSON-LD -------------------------------------------------------------------------------------

@pytest.mark.parametrize("kind", ["jsonld", "claimreview"])
def test_export_jsonld_expands_offline_to_schema_org_types(db, tmp_path, kind):
    export(db, tmp_path / "out.json", "--to", kind)
    docs = json.loads((tmp_path / "out.json").read_text(encoding="utf-8"))
    assert docs, "the ledgers have resolved claims, so both kinds produce documents"
    expanded = pyld.expand(docs, {"documentLoader": offline_loader})
    assert len(expanded) == len(docs)
    top = SCHEMA + ("Claim" if kind == "jsonld" else "ClaimReview")
    assert all(node["@type"] == [top] for node in expanded)
    types = expanded_types(expanded)
    assert types <= ALLOWED_TYPES and {top, SCHEMA + "NewsArticle", SCHEMA + "Organization"} <= types


def test_export_jsonld_has_every_ledger_claim_once(db, tmp_path):
    report = export(db, tmp_path / "claims.jsonld", "--to", "jsonld")
    docs = json.loads((tmp_path / "claims.jsonld").read_text(encoding="utf-8"))
    ids = [d["@id"] for d in docs]
    stored = {r["id"] for r in query(db, "SELECT id FROM ledger_claims")}
    assert len(ids) == len(set(ids)) == len(stored) == report["files"][0]["rows"] == report["claims"]
    assert set(ids) == {f"urn:claimwatch:claim:{i}" for i in stored}
    texts = {r["id"]: r["text"] for r in query(db, "SELECT id, text FROM ledger_claims")}
    assert all(d["text"] == texts[int(d["identifier"])] for d in docs)


def test_export_jsonld_appearances_are_the_articles_carrying_the_claim(db, tmp_path):
    export(db, tmp_path / "claims.jsonld", "--to", "jsonld")
    docs = json.loads((tmp_path / "claims.jsonld").read_text(encoding="utf-8"))
    for doc in docs:
        articles = carrying_articles(db, int(doc["identifier"]))
        assert [a["@id"] for a in doc["appearance"]] == [article_iri(r) for r in articles]
        assert doc["firstAppearance"]["@id"] == article_iri(articles[0])
        assert doc["datePublished"] == doc["dateCreated"] == articles[0]["published"]
        assert all(a["@type"] == "NewsArticle" and a["publisher"]["@type"] == "Organization"
                   for a in doc["appearance"])


def test_export_jsonld_article_without_url_gets_urn_and_title(spill_db, tmp_path):
    export(spill_db, tmp_path / "claims.jsonld", "--to", "jsonld")
    docs = json.loads((tmp_path / "claims.jsonld").read_text(encoding="utf-8"))
    no_url = [a for d in docs for a in d["appearance"] if "url" not in a]
    assert no_url, "the Castelmoor Courier article has no URL and carries claims"
    assert all(a["@id"].startswith("urn:claimwatch:article:") and a["headline"] == SPILL[2]["title"]
               for a in no_url)


def test_export_jsonld_base_url_names_claims_under_it(spill_db, tmp_path):
    export(spill_db, tmp_path / "claims.jsonld", "--to", "jsonld", "--base-url", "https://checks.example.org/")
    docs = json.loads((tmp_path / "claims.jsonld").read_text(encoding="utf-8"))
    assert all(d["@id"] == f"https://checks.example.org/claims/{d['identifier']}" for d in docs)


def test_export_jsonl_writes_one_document_per_line(spill_db, tmp_path):
    export(spill_db, tmp_path / "claims.jsonl", "--to", "jsonld", "--jsonl")
    lines = (tmp_path / "claims.jsonl").read_text(encoding="utf-8").splitlines()
    assert len(lines) == len(query(spill_db, "SELECT id FROM ledger_claims"))
    assert all(json.loads(line)["@type"] == "Claim" for line in lines)


def _ref(source: str, kind, stance: str = "asserts", article: str = "a1", independent: bool = True):
    art = ArticleRef(article, "Title", None, "Outlet", "2025-03-02", independent)
    return StatementRef(f"{article}#{source}", art, "s1", source, kind, "said", "the plant leaked solvent",
                        stance, "certain")


def _record(*statements: StatementRef, status: str = "alleged") -> ClaimRecord:
    return ClaimRecord(id=1, text="the plant leaked solvent", status=status, event_type=None, agent=None,
                       story=None, first_seen="2025-03-02", last_seen="2025-03-02", sources={}, members=1,
                       statements=statements)


@pytest.mark.parametrize("statements, expected", [
    ((_ref("Helena Brandt", "person"),), {"@type": "Person", "name": "Helena Brandt"}),
    ((_ref("Orlan Chemicals", "organization"),), {"@type": "Organization", "name": "Orlan Chemicals"}),
    ((_ref("South Korea", "country"),), {"@type": "Organization", "name": "South Korea"}),
    ((_ref("unnamed", "unnamed"), _ref("regional water authority", "organization")),
     {"@type": "Organization", "name": "regional water authority"}),
    ((_ref("Orlan Chemicals", "organization", stance="denies"), _ref("Tomas Lindqvist", "person")),
     {"@type": "Person", "name": "Tomas Lindqvist"}),
    ((_ref("Copy Desk", "organization", independent=False, article="a0"), _ref("Tomas Lindqvist", "person")),
     {"@type": "Person", "name": "Tomas Lindqvist"}),
    ((_ref("Orlan Chemicals", "organization", stance="denies"),), None),
])
def test_export_claim_author_is_first_named_source_asserting_it(statements, expected):
    assert jsonld.claim_document(_record(*statements)).get("author") == expected


# --- ClaimReview ---------------------------------------------------------------------------------

def test_export_claimreview_only_for_resolved_claims_as_drafts(db, tmp_path):
    export(db, tmp_path / "reviews.json", "--to", "claimreview")
    docs = json.loads((tmp_path / "reviews.json").read_text(encoding="utf-8"))
    status = {r["id"]: r["status"] for r in query(db, "SELECT id, status FROM ledger_claims")}
    reviewed = [int(d["itemReviewed"]["identifier"]) for d in docs]
    assert sorted(reviewed) == sorted(i for i, s in status.items() if s in RESOLVED)
    scale = jsonld.load_ratings()
    for doc in docs:
        rating = scale.ratings[status[int(doc["itemReviewed"]["identifier"])]]
        assert doc["creativeWorkStatus"] == "Draft" and "datePublished" not in doc
        assert doc["claimReviewed"] == doc["itemReviewed"]["text"]
        assert doc["reviewRating"]["alternateName"] == rating.name
        assert doc["reviewRating"]["ratingValue"] == rating.value
        assert doc["author"]["name"] == jsonld.REVIEWER_PLACEHOLDER


def test_export_claimreview_citations_are_the_stored_statements_behind_the_timeline(db, tmp_path):
    export(db, tmp_path / "reviews.json", "--to", "claimreview")
    for doc in json.loads((tmp_path / "reviews.json").read_text(encoding="utf-8")):
        claim_id = int(doc["itemReviewed"]["identifier"])
        behind = query(db, "SELECT DISTINCT s.article_id || '#' || s.id AS key FROM claim_events e"
                           " JOIN statements s ON s.pk = e.statement_pk WHERE e.ledger_claim_id = ?", claim_id)
        assert sorted(c["identifier"] for c in doc["citation"]) == sorted(r["key"] for r in behind)
        for citation in doc["citation"]:
            article_id, statement_id = citation["identifier"].split("#")
            row = query(db, "SELECT s.source, s.content, s.stance, a.url FROM statements s"
                            " JOIN articles a ON a.id = s.article_id WHERE s.article_id = ? AND s.id = ?"
                            " AND s.pk IN (SELECT sc.statement_pk FROM statement_claims sc"
                            " JOIN ledger_claim_members m ON m.claim_pk = sc.claim_pk WHERE m.ledger_claim_id = ?)",
                        article_id, statement_id, claim_id)
            assert len(row) == 1, f"{citation['identifier']} is not a stored statement on claim {claim_id}"
            assert citation["text"] == row[0]["content"] and citation.get("url") == row[0]["url"]
            assert f"stance:{row[0]['stance']}" in citation["keywords"]
            assert citation.get("author", {"name": "unnamed"})["name"] == row[0]["source"]


def test_export_claimreview_names_the_reviewer(spill_db, tmp_path):
    export(spill_db, tmp_path / "reviews.json", "--to", "claimreview", "--reviewer", "Velmar Fact Check")
    docs = json.loads((tmp_path / "reviews.json").read_text(encoding="utf-8"))
    assert docs and all(d["author"] == {"@type": "Organization", "name": "Velmar Fact Check"} for d in docs)


def test_export_claimreview_refuses_an_unresolved_claim():
    with pytest.raises(ValueError, match="alleged"):
        jsonld.claim_review(_record(_ref("Tomas Lindqvist", "person"), status="alleged"))


@pytest.mark.parametrize("change, problem", [
    (lambda d: d["ratings"].pop("denied"), "exactly one entry"),
    (lambda d: d["ratings"]["confirmed"].update(value=9), "integer from 1 to 5"),
    (lambda d: d["ratings"]["retracted"].update(name=" "), "non-empty"),
    (lambda d: d.update(scale={"worst": 5, "best": 1}), "worst < best"),
])
def test_export_rating_vocabulary_is_validated(change, problem):
    data = json.loads(json.dumps(load_yaml(jsonld.RATINGS_FILE)))
    change(data)
    with pytest.raises(LexiconError, match=problem):
        jsonld.parse_ratings(data)


# --- tables --------------------------------------------------------------------------------------

def ledger_counts(db: str) -> dict[str, int]:
    names = query(db, "SELECT name FROM actors UNION SELECT source FROM statements")
    return {"statements": query(db, "SELECT COUNT(*) FROM statements")[0][0],
            "claims": query(db, "SELECT COUNT(*) FROM ledger_claims")[0][0],
            "actors": len(names), "articles": query(db, "SELECT COUNT(*) FROM articles")[0][0]}


def test_export_csv_round_trips_through_the_csv_module(db, tmp_path):
    report = export(db, tmp_path / "csv", "--to", "csv")
    counts = ledger_counts(db)
    assert {f["table"]: f["rows"] for f in report["files"]} == counts
    for name in tables.TABLES:
        with open(tmp_path / "csv" / f"{name}.csv", encoding="utf-8", newline="") as fh:
            reader = csv.DictReader(fh)
            rows = list(reader)
        assert reader.fieldnames == [c.name for c in tables.TABLES[name]] and len(rows) == counts[name]
    stored = {(r["article_id"], r["id"]): r for r in query(db, "SELECT * FROM statements")}
    claim_ids = {r["id"] for r in query(db, "SELECT id FROM ledger_claims")}
    with open(tmp_path / "csv" / "statements.csv", encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            original = stored[(row["article_id"], row["statement_id"])]
            assert (row["content"], row["source"], row["stance"]) == \
                (original["content"], original["source"], original["stance"])
            assert int(row["position"]) == original["pos"] and row["conditional"] in ("true", "false")
            assert set(json.loads(row["claim_ids"])) <= claim_ids
            assert json.loads(row["quantities"]) == json.loads(original["quantities"])


def test_export_parquet_reads_back_with_schema_types_and_ledger_counts(db, tmp_path):
    export(db, tmp_path / "pq", "--to", "parquet")
    counts = ledger_counts(db)
    for name in tables.TABLES:
        table = pq.read_table(tmp_path / "pq" / f"{name}.parquet")
        assert table.num_rows == counts[name]
        assert [(f.name, f.type) for f in table.schema] == [(c.name, c.type) for c in tables.TABLES[name]]
    claims = pq.read_table(tmp_path / "pq" / "claims.parquet").to_pylist()
    assert {c["status"] for c in claims} <= set(STATUSES)
    assert all(c["first_seen"].tzinfo is not None and c["first_seen"] <= c["last_seen"] for c in claims)
    assert all(c["resolved"] == (c["status"] in RESOLVED) for c in claims)
    statements = pq.read_table(tmp_path / "pq" / "statements.parquet")
    assert statements.schema.field("claim_ids").type == pa.list_(pa.int64())
    assert statements.schema.field("published").type == pa.timestamp("us", tz="UTC")


def test_export_one_table_writes_only_that_file(spill_db, tmp_path):
    report = export(spill_db, tmp_path / "t", "--to", "parquet", "--table", "actors")
    assert [f["table"] for f in report["files"]] == ["actors"]
    assert [p.name for p in (tmp_path / "t").iterdir()] == ["actors.parquet"]


@pytest.mark.parametrize("value, expected", [
    ("2025-03-02T08:00:00+00:00", "2025-03-02T08:00:00+00:00"),
    ("2025-03-02T17:00:00+09:00", "2025-03-02T08:00:00+00:00"),
    ("2025-03-02", "2025-03-02T00:00:00+00:00"),
    ("early March", None),
    (None, None),
])
def test_export_dates_become_utc_timestamps(value, expected):
    parsed = tables.timestamp(value)
    assert (parsed.isoformat() if parsed else None) == expected


# --- files and CLI -------------------------------------------------------------------------------

@pytest.mark.parametrize("kind, out", [("jsonld", "claims.jsonld"), ("csv", "tables")])
def test_export_refuses_to_overwrite_unless_forced(spill_db, tmp_path, kind, out):
    target = tmp_path / out
    export(spill_db, target, "--to", kind)
    before = sorted(p.name for p in tmp_path.rglob("*"))
    refused = run("export", "--db", spill_db, "--to", kind, "--out", str(target))
    assert refused.exit_code == 2 and "--force" in refused.output
    export(spill_db, target, "--to", kind, "--force")
    assert sorted(p.name for p in tmp_path.rglob("*")) == before  # replaced in place, no temp files left


def test_export_refuses_a_file_where_a_folder_is_needed(spill_db, tmp_path):
    (tmp_path / "tables").write_text("notes", encoding="utf-8")
    result = run("export", "--db", spill_db, "--to", "csv", "--out", str(tmp_path / "tables"), "--force")
    assert result.exit_code == 2 and "folder" in result.output


@pytest.mark.parametrize("args, code", [
    (("--to", "jsonld", "--table", "actors"), 2),
    (("--to", "csv", "--jsonl"), 2),
    (("--to", "jsonld", "--story", "no such story anywhere"), 2),
])
def test_export_cli_rejects_bad_combinations(spill_db, tmp_path, args, code):
    result = run("export", "--db", spill_db, "--out", str(tmp_path / "x"), *args)
    assert result.exit_code == code and result.output.startswith("error: ")
    assert not (tmp_path / "x").exists() or not any((tmp_path / "x").iterdir())


def test_export_cli_missing_ledger_is_a_ledger_error(tmp_path):
    result = run("export", "--db", str(tmp_path / "none.db"), "--to", "jsonld", "--out", str(tmp_path / "c.json"))
    assert result.exit_code == 4 and "no ledger" in result.output
    assert not (tmp_path / "none.db").exists()


def test_export_cli_text_report_names_files_and_rows(spill_db, tmp_path):
    result = run("export", "--db", spill_db, "--to", "csv", "--out", str(tmp_path / "t"), "--table", "claims")
    assert result.exit_code == 0
    n = ledger_counts(spill_db)["claims"]
    assert f"{tmp_path / 't' / 'claims.csv'}: {n} claims rows" in result.output


def test_export_carries_the_provenance_chain_when_the_ledger_has_one(spill_db, tmp_path):
    db = str(tmp_path / "via.db")
    shutil.copy(spill_db, db)
    conn = sqlite3.connect(db)
    if not any(r[1] == "via" for r in conn.execute("PRAGMA table_info(statements)")):
        conn.execute("ALTER TABLE statements ADD COLUMN via TEXT NOT NULL DEFAULT '[]'")  # before migration 3
    pk, article_id, sid = conn.execute(
        "SELECT s.pk, s.article_id, s.id FROM claim_events e JOIN statements s ON s.pk = e.statement_pk"
        " JOIN ledger_claims l ON l.id = e.ledger_claim_id WHERE l.status IN ('confirmed', 'denied', 'retracted')"
        " ORDER BY e.id LIMIT 1").fetchone()
    conn.execute("UPDATE statements SET via = ? WHERE pk = ?", (json.dumps(["Valley Times", "Reuters"]), pk))
    conn.commit()
    conn.close()
    export(db, tmp_path / "reviews.json", "--to", "claimreview")
    citations = [c for d in json.loads((tmp_path / "reviews.json").read_text(encoding="utf-8"))
                 for c in d["citation"] if c["identifier"] == f"{article_id}#{sid}"]
    assert citations and all(c["keywords"][-2:] == ["via:Valley Times", "via:Reuters"] for c in citations)
    export(db, tmp_path / "t", "--to", "csv", "--table", "statements")
    with open(tmp_path / "t" / "statements.csv", encoding="utf-8", newline="") as fh:
        vias = {r["key"]: json.loads(r["via"]) for r in csv.DictReader(fh)}
    assert vias.pop(f"{article_id}#{sid}") == ["Valley Times", "Reuters"]
    conn = sqlite3.connect(db)
    stored = {f"{a}#{i}": json.loads(v) for a, i, v in conn.execute("SELECT article_id, id, via FROM statements")}
    conn.close()
    assert vias == {key: stored[key] for key in vias}


def test_export_story_keeps_its_claims_and_the_articles_carrying_them(story_db, tmp_path):
    listed = json.loads(run("claims", "--db", story_db, "--story", "kursk", "--format", "json").output)
    report = export(story_db, tmp_path / "story.jsonld", "--to", "jsonld", "--story", "kursk")
    docs = json.loads((tmp_path / "story.jsonld").read_text(encoding="utf-8"))
    assert report["claims"] == len(docs) == len(listed) < len(query(story_db, "SELECT id FROM ledger_claims"))
    assert {int(d["identifier"]) for d in docs} == {c["id"] for c in listed}
    export(story_db, tmp_path / "t", "--to", "csv", "--story", "kursk")
    with open(tmp_path / "t" / "articles.csv", encoding="utf-8", newline="") as fh:
        exported = {r["article_id"] for r in csv.DictReader(fh)}
    carrying = {a["id"] for c in listed for a in carrying_articles(story_db, c["id"])}
    assert exported == carrying
    with open(tmp_path / "t" / "statements.csv", encoding="utf-8", newline="") as fh:
        assert {r["article_id"] for r in csv.DictReader(fh)} <= exported


def test_export_story_by_id_when_the_ledger_has_stories(story_db, tmp_path):
    stories = pytest.importorskip("claimwatch.ledger.stories")
    if not query(story_db, "SELECT name FROM sqlite_master WHERE name = 'article_stories'"):
        pytest.skip("this ledger has no stories table yet")
    with _open(story_db) as ledger:
        selection = stories.resolve_story(ledger, "1")
    if getattr(selection, "story_id", None) is None:
        pytest.skip("no story 1 in the ledger")
    export(story_db, tmp_path / "t", "--to", "csv", "--table", "articles", "--story", "s1")
    with open(tmp_path / "t" / "articles.csv", encoding="utf-8", newline="") as fh:
        assert {r["article_id"] for r in csv.DictReader(fh)} == set(selection.article_ids)


def _open(db: str):
    from claimwatch.ledger import Ledger

    return Ledger(db)


def test_export_every_table_column_is_documented():
    text = DOCS.read_text(encoding="utf-8")
    missing = [f"{name}.{c.name}" for name, columns in tables.TABLES.items() for c in columns
               if f"| `{c.name}` |" not in text]
    assert not missing, f"columns missing from docs/export.md: {missing}"


@pytest.mark.parametrize("cell, expected", [
    ("=HYPERLINK(\"http://evil.example\",\"click\")", "'=HYPERLINK(\"http://evil.example\",\"click\")"),
    ("+cmd|' /C calc'!A0", "'+cmd|' /C calc'!A0"),
    ("@SUM(A1:A9)", "'@SUM(A1:A9)"),
    ("-5", "-5"),
    ("-1.5e3", "-1.5e3"),
    ("North Korea sent troops", "North Korea sent troops"),
])
def test_export_spreadsheet_safe_cells_defuse_formulas_but_keep_numbers(cell, expected):
    from claimwatch.export.tables import spreadsheet_cell

    assert spreadsheet_cell(cell) == expected


def test_export_spreadsheet_safe_csv_defuses_a_hostile_title(tmp_path):
    db = str(tmp_path / "hostile.db")
    record = {"title": "=HYPERLINK(\"http://evil.example\",\"Harbour to reopen\")", "outlet": "Harbour Post",
              "published": "2025-05-02T08:00:00+00:00",
              "text": "The port authority said on Friday that the harbour would reopen in May."}
    source = tmp_path / "a.jsonl"
    source.write_text(json.dumps(record) + "\n", encoding="utf-8")
    assert run("ingest", str(source), "--db", db).exit_code == 0
    export(db, tmp_path / "plain", "--to", "csv", "--table", "articles")
    export(db, tmp_path / "safe", "--to", "csv", "--table", "articles", "--spreadsheet-safe")
    with open(tmp_path / "plain" / "articles.csv", encoding="utf-8", newline="") as fh:
        plain = [r["title"] for r in csv.DictReader(fh)]
    with open(tmp_path / "safe" / "articles.csv", encoding="utf-8", newline="") as fh:
        safe = [r["title"] for r in csv.DictReader(fh)]
    assert plain == [record["title"]] and safe == ["'" + record["title"]]
    assert run("export", "--to", "parquet", "--out", str(tmp_path / "p"), "--db", db, "--spreadsheet-safe").exit_code == 2
