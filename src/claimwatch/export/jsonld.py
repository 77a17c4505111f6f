"""schema.org JSON-LD for ledger claims: ``Claim`` documents and ``ClaimReview`` drafts.

``Claim`` is what fact-checkers and search engines read to know who first said something, where it
appeared and when; ``ClaimReview`` is the markup fact-checkers publish. claimwatch cannot check a
claim, so a review is written only for claims whose status the ledger resolved (confirmed, denied,
retracted), marked ``creativeWorkStatus: Draft``, with no publication date and a reviewer the user
names; its ``citation`` list is the claim's timeline, each entry a stored statement
(``identifier`` = ``ARTICLE_ID#STATEMENT_ID``), so every line of the draft can be traced back.
Pure functions over :mod:`claimwatch.export.records`.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Iterable, Mapping, Optional

from claimwatch.errors import LexiconError
from claimwatch.export.records import RESOLVED, ArticleRef, ClaimRecord, EventRef, StatementRef
from claimwatch.lexicons import load

CONTEXT = "https://schema.org"
RATINGS_FILE = "claimreview.yaml"
REVIEWER_PLACEHOLDER = "REVIEWER (fill in the fact-checking organisation)"
# Actor kinds (model.ACTOR_KINDS) that are organisations in schema.org terms; states and groups too.
_ORGANIZATION_KINDS = ("organization", "country", "group", "outlet")
_PERSON_KINDS = ("person", "anonymous")


@dataclass(frozen=True)
class Rating:
    """How one resolved status reads in a review: value on the documented 1-5 scale and words."""

    value: int
    name: str
    explanation: str


@dataclass(frozen=True)
class RatingScale:
    worst: int
    best: int
    ratings: Mapping[str, Rating]


def parse_ratings(data: Any, source: str = RATINGS_FILE) -> RatingScale:
    """Validate the rating vocabulary: a 1-5-style scale and one rating per resolved status."""
    def fail(where: str, problem: str) -> LexiconError:
        return LexiconError(f"{source}: {where}: {problem}")

    if not isinstance(data, dict) or data.get("version") != 1:
        raise fail("version", "expected a mapping with version: 1")
    scale = data.get("scale")
    if not isinstance(scale, dict) or not all(isinstance(scale.get(k), int) for k in ("worst", "best")) \
            or scale["worst"] >= scale["best"]:
        raise fail("scale", "expected {worst: INT, best: INT} with worst < best")
    raw = data.get("ratings")
    if not isinstance(raw, dict) or set(raw) != set(RESOLVED):
        raise fail("ratings", f"expected exactly one entry for each of {', '.join(RESOLVED)}")
    ratings = {}
    for status, entry in raw.items():
        if not isinstance(entry, dict) or set(entry) != {"value", "name", "explanation"}:
            raise fail(f"ratings.{status}", "expected the fields value, name and explanation")
        if not isinstance(entry["value"], int) or not scale["worst"] <= entry["value"] <= scale["best"]:
            raise fail(f"ratings.{status}.value", f"expected an integer from {scale['worst']} to {scale['best']}")
        if not all(isinstance(entry[k], str) and entry[k].strip() for k in ("name", "explanation")):
            raise fail(f"ratings.{status}", "name and explanation must be non-empty text")
        ratings[status] = Rating(entry["value"], entry["name"].strip(), entry["explanation"].strip())
    return RatingScale(scale["worst"], scale["best"], ratings)


@lru_cache(maxsize=None)
def load_ratings() -> RatingScale:
    return load("claimreview")


# --- nodes ---------------------------------------------------------------------------------------

def claim_iri(claim_id: int, base_url: Optional[str] = None) -> str:
    """The claim's ``@id``: under ``base_url`` (``BASE/claims/ID``) or a ``urn:claimwatch:claim:ID``."""
    return f"{base_url.rstrip('/')}/claims/{claim_id}" if base_url else f"urn:claimwatch:claim:{claim_id}"


def agent_node(name: str, kind: Optional[str]) -> Optional[dict[str, Any]]:
    """A source as Person or Organization; None for an unnamed source (nobody to name)."""
    if not name or name == "unnamed" or kind == "unnamed":
        return None
    if kind in _ORGANIZATION_KINDS:
        return {"@type": "Organization", "name": name}
    if kind in _PERSON_KINDS or kind is None:
        return {"@type": "Person", "name": name}
    return {"@type": "Organization", "name": name}


def article_node(article: ArticleRef) -> dict[str, Any]:
    """A NewsArticle named by its URL; an article without one gets a ``urn:claimwatch:article:`` id."""
    node: dict[str, Any] = {"@type": "NewsArticle", "@id": article.url or f"urn:claimwatch:article:{article.id}"}
    if article.url:
        node["url"] = article.url
    if article.title:
        node["headline"] = article.title
        node["name"] = article.title
    if article.published:
        node["datePublished"] = article.published
    if article.outlet:
        node["publisher"] = {"@type": "Organization", "name": article.outlet}
    return node


def _keywords(record: ClaimRecord) -> list[str]:
    words = [record.event_type.replace("_", " ") if record.event_type else None, record.agent, record.story]
    return list(dict.fromkeys(w for w in words if w))


def claim_document(record: ClaimRecord, base_url: Optional[str] = None, context: bool = True) -> dict[str, Any]:
    """One schema.org ``Claim``: text, first asserting source as author, first and every appearance."""
    doc: dict[str, Any] = {"@context": CONTEXT} if context else {}
    doc.update({"@type": "Claim", "@id": claim_iri(record.id, base_url), "identifier": str(record.id),
                "text": record.text})
    author = record.author
    if author is not None:
        doc["author"] = agent_node(author.source, author.source_kind)
    if record.first_seen:
        doc["dateCreated"] = record.first_seen
        doc["datePublished"] = record.first_seen
    if record.appearances:
        doc["firstAppearance"] = article_node(record.appearances[0])
        doc["appearance"] = [article_node(a) for a in record.appearances]
    keywords = _keywords(record)
    if keywords:
        doc["keywords"] = keywords
    return doc


# --- reviews -------------------------------------------------------------------------------------

def citation_node(statement: StatementRef, events: Iterable[EventRef] = ()) -> dict[str, Any]:
    """A statement as a cited CreativeWork: the words, who said them, where, with which stance."""
    article = statement.article
    kinds = list(dict.fromkeys(e.kind for e in events))
    relay = f" (via {', '.join(statement.via)})" if statement.via else ""
    node: dict[str, Any] = {
        "@type": "CreativeWork",
        "@id": f"urn:claimwatch:statement:{article.id}:{statement.statement_id}",
        "identifier": statement.key,
        "name": f"{statement.source}{relay} {statement.cue}",
        "text": statement.content,
        "description": f"{statement.source}{relay} {statement.stance} the claim ({statement.certainty})"
                       + (f"; timeline: {', '.join(k.replace('_', ' ') for k in kinds)}" if kinds else ""),
        "keywords": [f"stance:{statement.stance}", f"certainty:{statement.certainty}"]
                    + [f"timeline:{k}" for k in kinds] + [f"via:{v}" for v in statement.via],
        "isPartOf": article_node(article),
    }
    author = agent_node(statement.source, statement.source_kind)
    if author is not None:
        node["author"] = author
    if article.url:
        node["url"] = article.url
    if article.published:
        node["datePublished"] = article.published
    return node


def _event_line(event: EventRef, record: ClaimRecord) -> str:
    change = f" {event.from_status} -> {event.to_status}" if event.kind == "status_change" else ""
    where = record.statement(event.statement_key).article.outlet if event.statement_key and \
        record.statement(event.statement_key) else None
    return f"{(event.date or '?')[:10]} {event.kind.replace('_', ' ')}{change}: {event.note}" + \
        (f" [{where}]" if where else "")


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}{'' if n == 1 else 's'}"


def claim_review(record: ClaimRecord, reviewer: Optional[str] = None, base_url: Optional[str] = None,
                 scale: Optional[RatingScale] = None) -> dict[str, Any]:
    """A ClaimReview draft for a resolved claim, its citations the statements behind its timeline."""
    if not record.resolved:
        raise ValueError(f"claim {record.id} is {record.status}; only {', '.join(RESOLVED)} claims are reviewed")
    scale = scale or load_ratings()
    rating = scale.ratings[record.status]
    by_statement: dict[str, list[EventRef]] = {}
    for event in record.events:
        if event.statement_key and record.statement(event.statement_key) is not None:
            by_statement.setdefault(event.statement_key, []).append(event)
    citations = [citation_node(record.statement(key), events) for key, events in by_statement.items()]
    timeline = "; ".join(_event_line(e, record) for e in record.events)
    independent = len({s.article.id for s in record.statements if s.article.independent})
    return {
        "@context": CONTEXT,
        "@type": "ClaimReview",
        "@id": claim_iri(record.id, base_url) + ("/review" if base_url else ":review"),
        "creativeWorkStatus": "Draft",
        "claimReviewed": record.text,
        "itemReviewed": claim_document(record, base_url, context=False),
        "author": {"@type": "Organization", "name": reviewer or REVIEWER_PLACEHOLDER},
        "reviewRating": {"@type": "Rating", "ratingValue": rating.value, "bestRating": scale.best,
                         "worstRating": scale.worst, "alternateName": rating.name,
                         "ratingExplanation": rating.explanation},
        "reviewBody": (f"Draft generated by claimwatch from {_count(len(record.statements), 'statement')} in "
                       f"{_count(independent, 'independent article')}; ledger status: {record.status}. "
                       f"Timeline: {timeline}."),
        "citation": citations,
    }


def documents(records: Iterable[ClaimRecord], kind: str, reviewer: Optional[str] = None,
              base_url: Optional[str] = None) -> list[dict[str, Any]]:
    """``kind`` "jsonld": a Claim per record; "claimreview": a draft per resolved record."""
    if kind == "jsonld":
        return [claim_document(r, base_url) for r in records]
    if kind == "claimreview":
        scale = load_ratings()
        return [claim_review(r, reviewer, base_url, scale) for r in records if r.resolved]
    raise ValueError(f"unknown JSON-LD kind {kind!r}")
