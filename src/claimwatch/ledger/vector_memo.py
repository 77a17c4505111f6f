"""Sentence vectors computed where the NLP runs, served to the ledger writer as if it had embedded them.

With ``claimwatch ingest --engine dask`` one writer stores every article. Left to itself it would run
the embedding model over each article's claims and lead (~0.2 s of CPU per article here), which caps a
whole cluster at a few articles per second. So the workers embed exactly the texts the writer would
(:func:`texts_to_embed`) and send the vectors back with the analysis; the writer's embedder is a
:class:`VectorMemo` that answers from them and runs the model itself only for a text it was not sent.
The model gives the same bytes for a text alone or in any batch, with any thread count
(tests/ledger/test_vector_memo.py checks it), so the ledger is the same either way.
"""
from __future__ import annotations

from collections import OrderedDict
from functools import lru_cache
from typing import Callable, Optional, Sequence

import numpy as np

from claimwatch.ledger import embeddings as emb
from claimwatch.ledger.errors import LedgerError
from claimwatch.ledger.stories.features import story_lead
from claimwatch.model import Analysis

# Texts kept for the writer: a Dask batch is 32 articles of ~10 claims each, and the writer stores a
# batch before the next one is collected, so this holds many batches; the oldest go first.
MAX_ENTRIES = 16_384


@lru_cache(maxsize=1)
def worker_embedder() -> Optional[emb.Embedder]:
    """The model on a Dask worker: one inference thread, since a worker runs one task per core (the
    vectors are the same bytes as with the writer's two threads)."""
    files = emb.model_files()
    if files is None:
        return None
    try:
        return emb.Embedder(*files, threads=1)
    except Exception:  # noqa: BLE001 - the writer then embeds itself, or matches lexically
        return None


def texts_to_embed(analysis: Analysis) -> list[str]:
    """What ``Ledger.add_analysis`` embeds for this article: each claim's text, then the story lead."""
    article = analysis.article
    return [c.text for c in analysis.claims] + [story_lead(article.title, article.text)]


def vectors_record(analysis: Analysis, embedder: emb.Embedder) -> dict:
    """Worker side: the writer's texts and their vectors as plain data (float32 bytes, row-major)."""
    texts = texts_to_embed(analysis)
    vectors = embedder.embed(texts)
    return {"texts": texts, "vectors": emb.to_bytes(vectors)}


class VectorMemo:
    """An embedder for the ledger writer that first looks texts up among vectors sent by the workers.

    Call the memo itself as the ledger's embedder factory: it answers None (match lexically) only when
    no vectors came and no model is installed here, as ``embeddings.get_embedder`` would.
    """

    def __init__(self, fallback: Callable[[], Optional[emb.Embedder]] = emb.get_embedder,
                 max_entries: int = MAX_ENTRIES) -> None:
        self._fallback = fallback
        self._max = max_entries
        self._vectors: OrderedDict[str, np.ndarray] = OrderedDict()
        self._received = False
        self.served = 0  # texts answered from the workers' vectors
        self.embedded = 0  # texts the model had to embed here

    def __call__(self) -> Optional["VectorMemo"]:
        return self if self._received or self._fallback() is not None else None

    def remember(self, record: dict) -> None:
        """Keep the vectors of one :func:`vectors_record`; a malformed record is ignored (the writer then
        embeds those texts itself)."""
        texts = record.get("texts") or []
        blob = record.get("vectors") or b""
        if len(blob) != len(texts) * emb.DIMENSIONS * 4:
            return
        matrix = np.frombuffer(blob, dtype="<f4").reshape(len(texts), emb.DIMENSIONS).astype(np.float32)
        for text, vector in zip(texts, matrix):
            self._vectors[text] = vector
            self._vectors.move_to_end(text)
        while len(self._vectors) > self._max:
            self._vectors.popitem(last=False)
        self._received = self._received or bool(texts)

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        """Vectors for ``texts`` in order: the workers' where sent, the model's for the rest."""
        out = np.zeros((len(texts), emb.DIMENSIONS), dtype=np.float32)
        missing = [i for i, t in enumerate(texts) if t not in self._vectors]
        for i, text in enumerate(texts):
            if text in self._vectors:
                out[i] = self._vectors[text]
        self.served += len(texts) - len(missing)
        if missing:
            model = self._fallback()
            if model is None:
                raise LedgerError("a text to embed came without its vector and the embedding model is not "
                                  "installed here: install it, or ingest with --lexical")
            out[missing] = model.embed([texts[i] for i in missing])
            self.embedded += len(missing)
        return out
