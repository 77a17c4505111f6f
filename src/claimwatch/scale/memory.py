"""A spaCy memory zone around one batch of analyses, so a long-running worker's vocabulary stays flat.

Every new word, name or number a parse meets is added to the shared vocabulary (a string and a lexeme)
and never removed: over 100k articles a worker keeps growing. Inside ``nlp.memory_zone()`` those
additions are transient and freed when the zone ends. Only plain Python data may leave the zone (an
Analysis qualifies; a Doc, Token or Span does not), and zones must not nest. It costs CPU (lexemes
made again in every batch, lemmas looked up again): on the scaling corpus 5-10 % more per article, so
the Dask engine uses it only when asked (``DaskEngine(memory_zone=True)``).

Matchers the extractor builds lazily on first use (cue phrases, the pre-pass spotter, the array
pipes) hold strings for the life of the process: built inside a zone, their strings would be freed with
it (``KeyError: [E018] Can't retrieve string for hash``). So before its first zone a process analyses
one short text in both modes, outside any zone, to build them.

The array lemmatiser (``claimwatch.nlp.array_pipes``) caches lemma hashes across batches; a lemma
first stored inside a zone is gone after it, so those cache entries are dropped when the zone ends
(entries whose lemma the model's own vocabulary holds stay).
"""
from __future__ import annotations

import threading
from contextlib import contextmanager
from typing import Iterator

from spacy.language import Language


# Analysed once per process outside any zone, full and ``--fast``: builds every lazily made matcher.
WARM_UP_TEXT = "The minister said on Monday that the talks had failed, according to a statement."
_warmed: set[int] = set()  # id() of the pipelines already warmed up in this process


_one_zone_at_a_time = threading.Lock()  # a zone is process-wide: two tasks' zones must not overlap


@contextmanager
def vocabulary_zone(nlp: Language) -> Iterator[None]:
    """Run the block inside ``nlp.memory_zone()``, then forget cached hashes of strings it freed.

    Blocks run one at a time (a worker with several threads runs its tasks' analyses in turn)."""
    with _one_zone_at_a_time:
        if id(nlp) not in _warmed:
            _build_lazy_matchers(nlp)
            _warmed.add(id(nlp))
        try:
            with nlp.memory_zone():
                yield
        finally:
            _prune_lemma_cache(nlp)


def _build_lazy_matchers(nlp: Language) -> None:
    from claimwatch.model import Article
    from claimwatch.nlp.pipeline import analyze_many

    for fast in (False, True):
        list(analyze_many([Article(text=WARM_UP_TEXT)], nlp=nlp, fast=fast))


def _prune_lemma_cache(nlp: Language) -> None:
    from claimwatch.nlp import array_pipes

    pipes = array_pipes.array_pipes(nlp)
    if pipes is None:
        return
    lemmatizer = pipes[1]
    strings = nlp.vocab.strings
    lemmatizer.cache = {key: lemma for key, lemma in lemmatizer.cache.items() if lemma in strings}
