"""Every lexicon file, the function that validates it, and the one loader (``lexicons.load``).

A lexicon is named by its file's stem ("cues" for ``cues.yaml``). Its entry says which function turns
the parsed YAML into what the code uses: a typed record (``parse_cues`` -> ``CueLexicon``) or, for the
files still read as plain mappings, the top-level check ``document`` with the sections the code needs.
Parsers are named as ``module:function`` and imported on first use, so this table imports no pipeline
stage (the lexicon package stays below ``nlp``, ``ledger`` and ``assess`` in the import graph).
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from importlib import import_module
from typing import Any, Callable

from claimwatch.errors import LexiconError
from claimwatch.lexicons.checks import document
from claimwatch.lexicons.files import load_yaml


@dataclass(frozen=True)
class Lexicon:
    """One lexicon file and its schema: ``parse`` ("module:function") or the required top-level ``sections``."""

    file: str
    parse: str | None = None
    sections: tuple[str, ...] = ()


LEXICONS: dict[str, Lexicon] = {
    # extraction (nlp/)
    "cues": Lexicon("cues.yaml", "claimwatch.lexicons.schema:parse_cues"),
    "hedges": Lexicon("hedges.yaml", "claimwatch.lexicons.schema:parse_hedges"),
    "titles": Lexicon("titles.yaml", "claimwatch.lexicons.schema:parse_titles"),
    "actors": Lexicon("actors.yaml", "claimwatch.lexicons.gazetteer:parse_gazetteer"),
    "stopwords": Lexicon("stopwords.yaml", sections=("common", "news")),
    "relays": Lexicon("relays.yaml", "claimwatch.nlp.provenance:parse_relays"),
    "outlets": Lexicon("outlets.yaml", sections=("words",)),
    "speech_objects": Lexicon("speech_objects.yaml", "claimwatch.nlp.speech:parse_speech_objects"),
    "stance_rules": Lexicon("stance_rules.yaml", "claimwatch.nlp.stance:parse_stance_rules"),
    "authored": Lexicon("authored.yaml", "claimwatch.nlp.attribution:parse_authored"),
    "descriptions": Lexicon("descriptions.yaml", sections=("synonyms",)),
    "non_speakers": Lexicon("non_speakers.yaml", sections=("heads", "abstract_suffixes", "actor_nouns", "event_heads", "documents")),
    "evidence": Lexicon("evidence.yaml", "claimwatch.nlp.evidence:parse_lexicon"),
    "source_evidence": Lexicon("source_evidence.yaml", sections=("rules",)),
    "quantities": Lexicon("quantities.yaml", "claimwatch.nlp.quantity_lexicon:parse_lexicon"),
    "prepass": Lexicon("prepass.yaml", "claimwatch.nlp.prepass:parse_rules"),
    "event_types": Lexicon("event_types.yaml", sections=("types",)),
    "claim_words": Lexicon("claim_words.yaml", "claimwatch.lexicons.schema:parse_claim_words"),
    "span_bounds": Lexicon("span_bounds.yaml", "claimwatch.nlp.spans:parse_span_bounds"),
    "writer_verdicts": Lexicon("writer_verdicts.yaml", "claimwatch.nlp.writer_verdicts:parse_lexicon"),
    # ledger and stories
    "wires": Lexicon("wires.yaml", "claimwatch.ledger.wires:compile_rules"),
    "claim_matching": Lexicon("claim_matching.yaml", "claimwatch.ledger.matching:parse_config"),
    "status_rules": Lexicon("status_rules.yaml", "claimwatch.ledger.status:parse_rules"),
    "records": Lexicon("records.yaml", "claimwatch.ledger.records.config:parse_config"),
    "references": Lexicon("references.yaml", "claimwatch.ledger.references:parse_lexicon"),
    "stories": Lexicon("stories.yaml", "claimwatch.ledger.stories.config:parse_config"),
    # assessment, export, evaluation
    "implications": Lexicon("implications.yaml", sections=("sections", "types")),
    "claimreview": Lexicon("claimreview.yaml", "claimwatch.export.jsonld:parse_ratings"),
    "eval_stance": Lexicon("eval_stance.yaml", "claimwatch.evaluate.config:parse_config"),
    "eval_propositions": Lexicon("eval_propositions.yaml", "claimwatch.evaluate.propositions:parse_rules"),
}


def parser(name: str) -> Callable[[Any], Any]:
    """The function that validates lexicon ``name``'s parsed YAML (imported on first use)."""
    entry = entry_of(name)
    if entry.parse is None:
        return lambda data: document(data, entry.file, entry.sections)
    module, _, function = entry.parse.partition(":")
    return getattr(import_module(module), function)


def entry_of(name: str) -> Lexicon:
    name = name.removesuffix(".yaml")
    if name not in LEXICONS:
        raise LexiconError(f"no lexicon named {name!r}; the lexicons are: {', '.join(sorted(LEXICONS))}")
    return LEXICONS[name]


def load(name: str) -> Any:
    """Lexicon ``name`` ("cues" or "cues.yaml"), read and validated once per process."""
    return _load(name.removesuffix(".yaml"))


@lru_cache(maxsize=None)
def _load(name: str) -> Any:
    return parser(name)(load_yaml(entry_of(name).file))
