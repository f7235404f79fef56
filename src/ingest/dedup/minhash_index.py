"""MinHash signatures of shingle sets, and the LSH index that turns them into candidate pairs.

Signatures are datasketch's ``affine32`` MinHash, computed with numpy for a whole
shingle array at once: the result is bit-for-bit what
``MinHash(num_perm=NUM_PERM, seed=SEED, hashfunc=int).update_batch(values)``
gives (a test holds it to that), about two orders of magnitude faster than
feeding shingles one by one. The LSH index is datasketch's ``MinHashLSH`` with
explicit bands, keyed by small integers.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable

import numpy as np
from datasketch import MinHash, MinHashLSH

from ingest.dedup.shingles import fmix

# LSH banding: a pair with MinHash-estimated Jaccard s becomes a candidate with
# probability 1 - (1 - s^ROWS)^BANDS. With 20 bands of 6 rows that is 0.998 at
# s = 0.8 (the verification threshold), 0.92 at 0.7, 0.27 at 0.5 and 0.015 at
# 0.3: near duplicates are almost never missed, and the few loosely related
# pairs that slip through are removed by the exact Jaccard check. More rows per
# band would verify fewer pairs but lose recall at the threshold.
LSH_BANDS = 20
LSH_ROWS = 6
NUM_PERM = LSH_BANDS * LSH_ROWS
SEED = 1
SCHEME = "affine32"
# Shingles hashed against all permutations at once, in blocks of this many rows,
# so a book-length document needs a bounded (rows x NUM_PERM) scratch matrix.
_BLOCK_ROWS = 8192

_PERMUTATIONS = MinHash(num_perm=NUM_PERM, seed=SEED, scheme=SCHEME).permutations
_EMPTY = np.full(NUM_PERM, np.iinfo(np.uint32).max, dtype=np.uint32)


def signature(shingles: np.ndarray) -> np.ndarray:
    """The MinHash signature (``NUM_PERM`` uint32 values) of a ``uint64`` shingle-hash array."""
    if len(shingles) == 0:
        return _EMPTY.copy()
    folded = ((shingles >> np.uint64(32)) ^ shingles).astype(np.uint32)
    # datasketch pre-mixes every input hash with the 32-bit finalizer before its
    # affine permutations; doing the same keeps signatures identical.
    mixed = fmix(folded).reshape(-1, 1)
    a, b = _PERMUTATIONS
    result = _EMPTY.copy()
    for start in range(0, len(mixed), _BLOCK_ROWS):
        block = mixed[start : start + _BLOCK_ROWS] * a + b
        np.minimum(result, block.min(axis=0), out=result)
    return result


class _Sketch:
    """What ``MinHashLSH`` reads from a MinHash (its length, ``hashvalues`` and ``scheme``).

    Building a full ``MinHash`` around a stored signature re-validates its
    permutations each time, which cost more than the LSH look-up itself.
    """

    __slots__ = ("hashvalues",)
    scheme = SCHEME

    def __init__(self, hashvalues: np.ndarray) -> None:
        self.hashvalues = hashvalues

    def __len__(self) -> int:
        return len(self.hashvalues)


class CandidateIndex:
    """Signatures by integer key; ``candidates`` returns keys likely to be near duplicates.

    Memory is about ``LSH_BANDS`` small byte strings per indexed document. A
    signature of a document without words is never indexed: it would collide
    with every other empty one.
    """

    def __init__(self) -> None:
        self._lsh = MinHashLSH(num_perm=NUM_PERM, params=(LSH_BANDS, LSH_ROWS))

    def add(self, key: int, signature_values: np.ndarray) -> None:
        if _is_empty(signature_values):
            return
        self._lsh.insert(key, _Sketch(signature_values), check_duplication=False)

    def add_many(self, items: Iterable[tuple[int, np.ndarray]]) -> None:
        with self._lsh.insertion_session() as session:
            for key, signature_values in items:
                if not _is_empty(signature_values):
                    session.insert(key, _Sketch(signature_values), check_duplication=False)

    def remove(self, key: int) -> None:
        if key in self._lsh:
            self._lsh.remove(key)

    def candidates(self, signature_values: np.ndarray) -> list[Hashable]:
        if _is_empty(signature_values):
            return []
        return self._lsh.query(_Sketch(signature_values))


def _is_empty(signature_values: np.ndarray) -> bool:
    return bool(np.array_equal(signature_values, _EMPTY))
