"""MinHash signatures of shingle sets, and the LSH index that turns them into candidate pairs.

Signatures are datasketch's ``affine32`` MinHash, computed with numpy for a whole
shingle array at once: the result is bit-for-bit what
``MinHash(num_perm=NUM_PERM, seed=SEED, hashfunc=int).update_batch(values)``
gives (a test holds it to that), about two orders of magnitude faster than
feeding shingles one by one. The LSH index bands signatures as datasketch's
``MinHashLSH`` does (``CandidateIndex``), keyed by small integers.
"""

from __future__ import annotations

import numpy as np
from datasketch import MinHash

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


class CandidateIndex:
    """Signatures by integer key; ``candidates`` returns keys likely to be near duplicates.

    The banding of datasketch's ``MinHashLSH`` (``LSH_BANDS`` bands of
    ``LSH_ROWS`` rows; two signatures are candidates when one band is equal),
    hand-written because datasketch keys every bucket by a byte string and a set
    built in Python per band, which made indexing and look-ups the costliest step
    after shingling. Here each band is reduced to one 64-bit hash with numpy and
    looked up in a plain dictionary per band. Two different bands sharing a hash
    (probability ~2^-64) only add a candidate, which verification then rejects.

    Keys are small non-negative integers (document numbers). Memory is about
    ``LSH_BANDS`` dictionary entries (~90 bytes each) per indexed document, plus
    its band hashes in a numpy table (8 bytes a band) for removal. A signature
    of a document without words is never indexed: it would collide with every
    other empty one.
    """

    def __init__(self) -> None:
        # One dictionary per band: band hash -> a key, or a list of keys once several share it.
        self._buckets: list[dict[int, int | list[int]]] = [{} for _ in range(LSH_BANDS)]
        # Row k holds key k's band hashes; indexed[k] says whether key k is in the index.
        self._bands = np.zeros((0, LSH_BANDS), dtype=np.uint64)
        self._indexed = np.zeros(0, dtype=bool)

    def add(self, key: int, signature_values: np.ndarray) -> None:
        if _is_empty(signature_values):
            return
        bands = band_hashes(signature_values)
        self._reserve(key)
        self._bands[key] = bands
        self._indexed[key] = True
        for buckets, band in zip(self._buckets, bands):
            held = buckets.get(band)
            if held is None:
                buckets[band] = key
            elif isinstance(held, int):
                buckets[band] = [held, key]
            else:
                held.append(key)

    def remove(self, key: int) -> None:
        if key not in self:
            return
        self._indexed[key] = False
        for buckets, band in zip(self._buckets, self._bands[key].tolist()):
            held = buckets[band]
            if isinstance(held, int):
                del buckets[band]
            else:
                held.remove(key)
                if len(held) == 1:
                    buckets[band] = held[0]

    def candidates(self, signature_values: np.ndarray) -> set[int]:
        if _is_empty(signature_values):
            return set()
        found: set[int] = set()
        for buckets, band in zip(self._buckets, band_hashes(signature_values)):
            held = buckets.get(band)
            if held is None:
                continue
            if isinstance(held, int):
                found.add(held)
            else:
                found.update(held)
        return found

    def __contains__(self, key: int) -> bool:
        return 0 <= key < len(self._indexed) and bool(self._indexed[key])

    def _reserve(self, key: int) -> None:
        """Grow the band table (doubling) so that row ``key`` exists."""
        if key < len(self._indexed):
            return
        size = max(key + 1, 2 * len(self._indexed), 1024)
        bands, indexed = np.zeros((size, LSH_BANDS), dtype=np.uint64), np.zeros(size, dtype=bool)
        bands[: len(self._bands)], indexed[: len(self._indexed)] = self._bands, self._indexed
        self._bands, self._indexed = bands, indexed


# Odd multipliers, one per row of a band: the band hash depends on every row and its position.
_ROW_MULTIPLIERS = fmix(np.arange(1, 2 * LSH_ROWS, 2, dtype=np.uint64) * np.uint64(0x9E3779B97F4A7C15)) | np.uint64(1)


def band_hashes(signature_values: np.ndarray) -> tuple[int, ...]:
    """One 64-bit hash per LSH band of a signature: equal bands give equal hashes."""
    rows = signature_values.astype(np.uint64).reshape(LSH_BANDS, LSH_ROWS)
    return tuple(fmix((rows * _ROW_MULTIPLIERS).sum(axis=1, dtype=np.uint64)).tolist())


def _is_empty(signature_values: np.ndarray) -> bool:
    return bool(np.array_equal(signature_values, _EMPTY))
