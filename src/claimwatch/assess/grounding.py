"""The grounding check: a sentence is printed only if its cited statements carry it.

A finding passes when (1) it cites at least one statement and every cited id exists; (2) every
cited statement has one of the stances the finding declares; (3) every stance word in the text
("deny", "could not confirm", "assert" ...) is matched by a cited statement of that stance class,
so a sentence cannot call someone a denier on the strength of an assertion; (4) every cited
statement is about one of the finding's claims, when it names claims; (5) every actor the text
names is linked to the citations (a cited source, its affiliation or alias, or named in a cited
statement). Failing findings are dropped and logged, never printed.
"""
from __future__ import annotations

import logging
import re
from functools import lru_cache
from typing import Iterable, Optional, Sequence

from claimwatch.assess.knowledge import Knowledge
from claimwatch.assess.model import Finding
from claimwatch.assess.topics import STANCE_CLASS, StatementIndex

log = logging.getLogger("claimwatch.assess")


@lru_cache(maxsize=None)
def _phrase_pattern(phrase: str) -> re.Pattern:
    return re.compile(r"(?<![\w-])" + re.escape(phrase).replace(r"\ ", r"\s+") + r"(?![\w-])", re.IGNORECASE)


def _contains(text: str, phrase: str, ignore_case: bool = True) -> bool:
    if ignore_case:
        return bool(_phrase_pattern(phrase).search(text))
    return bool(re.search(r"(?<![\w-])" + re.escape(phrase) + r"(?![\w-])", text))


def stance_classes_in(text: str, kb: Knowledge) -> set[str]:
    """The stance classes (positive, cautious, negative) the text's wording attributes to someone."""
    return {cls for cls, words in kb.stance_words.items() if any(_contains(text, w) for w in words)}


def _without_quotes(text: str, quoted: Iterable[str]) -> str:
    """The text with verbatim statement contents removed: words inside a quoted call are not stances."""
    for q in sorted({" ".join(q.split()) for q in quoted if q.strip()}, key=len, reverse=True):
        text = text.replace(q, " ")
    return text


def linked_text(finding: Finding, index: StatementIndex) -> str:
    """Everything a name in the sentence may legitimately come from: sources, affiliations, contents."""
    parts = []
    for cite in finding.cites:
        item = index[cite]
        parts += [item.statement.source, item.statement.content, item.analysis.article.title or ""]
        actor = item.actor
        if actor is not None:
            parts += [actor.affiliation or "", actor.role or "", *actor.aliases]
        for claim_id in item.claims:
            if claim_id in index.claims:
                claim = index.claims[claim_id][0]
                parts += [claim.subject or "", claim.object or "", claim.text]
        parts.append(index.camp(cite))
    return " \n ".join(" ".join(p.split()) for p in parts if p)


def check(finding: Finding, index: StatementIndex, kb: Knowledge) -> Optional[str]:
    """Why the finding is not grounded, or None when it is."""
    if not finding.cites:
        return "cites no statement"
    missing = [c for c in finding.cites if c not in index]
    if missing:
        return f"cites unknown statement(s) {', '.join(missing)}"
    items = [index[c] for c in finding.cites]
    if finding.stances:
        wrong = [i.cite for i in items if i.statement.stance not in finding.stances]
        if wrong:
            return (f"says the cited statements {'/'.join(finding.stances)} but "
                    + ", ".join(f"{index[c].cite} {index[c].statement.stance}" for c in wrong))
    cited_classes = {STANCE_CLASS[i.statement.stance] for i in items}
    text = _without_quotes(finding.text, [i.statement.content for i in items])
    unsupported = stance_classes_in(text, kb) - cited_classes
    if unsupported:
        return f"its wording is {'/'.join(sorted(unsupported))} but no cited statement has that stance"
    if finding.about:
        about = set(finding.about)
        off = [i.cite for i in items if not about & set(i.claims)]
        if off:
            return f"cited statement(s) {', '.join(off)} are not about its claims"
    linked = linked_text(finding, index)
    for name in index.names:
        if _contains(finding.text, name, ignore_case=False) and not any(
                _contains(linked, form, ignore_case=False) for form in index.forms.get(name, {name})):
            return f"names {name!r}, who is not linked to its citations"
    return None


def ground(findings: Sequence[Finding], index: StatementIndex, kb: Knowledge) -> tuple[list[Finding], int]:
    """The findings that pass :func:`check`; the rest are logged and counted, never returned."""
    kept = []
    dropped = 0
    for finding in findings:
        reason = check(finding, index, kb)
        if reason is None:
            kept.append(finding)
        else:
            dropped += 1
            log.info("dropped %s finding (%s): %s", finding.kind, reason, finding.text)
    return kept, dropped
