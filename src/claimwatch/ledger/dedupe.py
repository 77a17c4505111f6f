"""Exact and near-duplicate detection: content hashes, word 5-shingles, MinHash signatures and LSH.

Wire copies and light rewrites of one story must count as one source. An exact copy has the same
hash of its normalised text; a near copy (changed headline, a sentence edited) is found by MinHash
LSH over word 5-shingles and confirmed by the exact shingle Jaccard similarity.
"""
from __future__ import annotations

import re
import unicodedata
from typing import Iterable, Optional

from claimwatch.model import content_hash, normalise  # noqa: F401 - re-exported: the ledger's copy test

SHINGLE_WORDS = 5
NUM_PERM = 128
SEED = 1  # fixed so signatures stored in the ledger stay comparable across runs
SCHEME = "affine32"  # datasketch permutation scheme; stored signatures are 32-bit values
NEAR_DUPLICATE_THRESHOLD = 0.8  # exact shingle Jaccard at or above which two texts are copies
LSH_THRESHOLD = 0.6  # looser, so candidates near the confirmation threshold are not missed
MIN_SHINGLES = 8  # texts shorter than this are only deduplicated exactly

_WORD = re.compile(r"\w+", re.UNICODE)


def shingles(text: str, size: int = SHINGLE_WORDS) -> set[str]:
    """The set of lower-cased word ``size``-grams of ``text`` (the whole text when it is shorter)."""
    words = _WORD.findall(unicodedata.normalize("NFKC", text).casefold())
    if len(words) < size:
        return {" ".join(words)} if words else set()
    return {" ".join(words[i:i + size]) for i in range(len(words) - size + 1)}


def jaccard(a: set[str], b: set[str]) -> float:
    return len(a & b) / len(a | b) if a or b else 0.0


def signature(shingle_set: Iterable[str]):
    """MinHash signature of a shingle set."""
    from datasketch import MinHash

    minhash = MinHash(num_perm=NUM_PERM, seed=SEED, scheme=SCHEME)
    minhash.update_batch([s.encode("utf-8") for s in shingle_set])
    return minhash


def signature_to_bytes(minhash) -> bytes:
    """The signature as little-endian 32-bit values, for the ``articles.minhash`` BLOB."""
    return minhash.hashvalues.astype("<u4").tobytes()


def signature_from_bytes(blob: bytes):
    """A MinHash from a stored BLOB; LedgerError if it was made with other parameters."""
    import numpy as np
    from datasketch import MinHash

    if len(blob) != NUM_PERM * 4:
        from claimwatch.ledger.errors import LedgerError

        raise LedgerError(f"stored MinHash signature has {len(blob)} bytes, expected {NUM_PERM * 4}")
    values = np.frombuffer(blob, dtype="<u4").astype(np.uint32)
    return MinHash(num_perm=NUM_PERM, seed=SEED, scheme=SCHEME, hashvalues=values)


class NearDuplicateIndex:
    """An in-memory LSH index over article signatures, rebuilt from the ledger when it is opened."""

    def __init__(self) -> None:
        from datasketch import MinHashLSH

        self._lsh = MinHashLSH(threshold=LSH_THRESHOLD, num_perm=NUM_PERM)
        self._keys: set[str] = set()

    def __contains__(self, key: str) -> bool:
        return key in self._keys

    def __len__(self) -> int:
        return len(self._keys)

    def add(self, key: str, minhash) -> None:
        if key not in self._keys:
            self._lsh.insert(key, minhash)
            self._keys.add(key)

    def candidates(self, minhash) -> list[str]:
        return sorted(self._lsh.query(minhash))


def best_match(shingle_set: set[str], others: dict[str, set[str]]) -> Optional[tuple[str, float]]:
    """The most similar of ``others`` at or above the threshold, as (key, Jaccard); None when none is."""
    if len(shingle_set) < MIN_SHINGLES:
        return None
    scored = [(jaccard(shingle_set, other), key) for key, other in others.items() if len(other) >= MIN_SHINGLES]
    scored = [(score, key) for score, key in scored if score >= NEAR_DUPLICATE_THRESHOLD]
    if not scored:
        return None
    score, key = min(scored, key=lambda pair: (-pair[0], pair[1]))
    return key, score
