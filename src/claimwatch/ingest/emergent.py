"""Reader for the Emergent headline set (Ferreira & Vlachos 2016, MIT): rumoured claims, each with the
headlines many outlets wrote about it, labelled for / against / observing.

Two files share the first columns (``claimHeadline,articleHeadline,articleHeadlineStance,articleId,
claimId``); the ``-full`` file adds ``url,source,claimTruth``. Rows become :class:`EmergentRecord`;
:func:`claim_articles` turns one claim's headlines into :class:`Article` objects so the set can be fed
to the ledger as a multi-outlet corpus. The data is not shipped with claimwatch: pass its path.
"""
from __future__ import annotations

import csv
from collections import OrderedDict
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Optional, Union

from claimwatch.errors import InputError
from claimwatch.model import Article

REQUIRED = ("claimHeadline", "articleHeadline", "articleHeadlineStance", "articleId", "claimId")
STANCES = ("for", "against", "observing")


@dataclass(frozen=True)
class EmergentRecord:
    """One article headline about one Emergent claim."""

    claim_id: str
    claim_headline: str
    article_id: str
    article_headline: str
    stance: str  # for | against | observing
    url: Optional[str] = None
    outlet: Optional[str] = None  # the ``source`` column: the outlet's host name
    claim_truth: Optional[str] = None  # true | false | unknown


def _cell(row: dict, name: str) -> Optional[str]:
    value = (row.get(name) or "").strip()
    return value or None


def read_emergent(path: Union[str, Path]) -> list[EmergentRecord]:
    """All rows of an Emergent CSV, in file order; a missing file or column is an :class:`InputError`."""
    path = Path(path)
    try:
        with path.open(newline="", encoding="utf-8") as fh:
            reader = csv.DictReader(fh)
            missing = [c for c in REQUIRED if c not in (reader.fieldnames or ())]
            if missing:
                raise InputError(f"{path}: not an Emergent CSV (missing columns: {', '.join(missing)})")
            records = []
            for line, row in enumerate(reader, start=2):
                stance = (row.get("articleHeadlineStance") or "").strip().lower()
                if stance not in STANCES:
                    raise InputError(f"{path}:{line}: stance {stance!r} is not one of {', '.join(STANCES)}")
                records.append(EmergentRecord(
                    claim_id=row["claimId"].strip(), claim_headline=row["claimHeadline"].strip(),
                    article_id=row["articleId"].strip(), article_headline=row["articleHeadline"].strip(),
                    stance=stance, url=_cell(row, "url"), outlet=_cell(row, "source"),
                    claim_truth=(_cell(row, "claimTruth") or "").lower() or None))
            return records
    except FileNotFoundError as exc:
        raise InputError(f"{path}: no such file") from exc
    except (UnicodeDecodeError, csv.Error) as exc:
        raise InputError(f"{path}: cannot read as a UTF-8 CSV: {exc}") from exc


def by_claim(records: Iterable[EmergentRecord]) -> "OrderedDict[str, list[EmergentRecord]]":
    """Records grouped by claim id, claims in order of first appearance."""
    groups: "OrderedDict[str, list[EmergentRecord]]" = OrderedDict()
    for record in records:
        groups.setdefault(record.claim_id, []).append(record)
    return groups


def claim_articles(records: Iterable[EmergentRecord]) -> list[Article]:
    """One claim's headlines as articles (headline as text and title, url, outlet), one per article id."""
    seen: set[str] = set()
    articles = []
    for record in records:
        if record.article_id in seen or not record.article_headline:
            continue
        seen.add(record.article_id)
        articles.append(Article(text=record.article_headline, id=f"emergent-{record.article_id}",
                                title=record.article_headline, url=record.url, outlet=record.outlet))
    return articles
