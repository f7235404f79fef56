"""MinHash signatures of shingle sets, and the LSH index that turns them into candidate pairs.

Signatures are datasketch's ``affine32`` MinHash, computed with numpy for a whole
shingle array at once: the result is bit-for-bit what
``MinHash(num_perm=NUM_PERM, seed=SEED, hashfunc=int).update_batch(values)``
gives (a test holds it to that), about two orders of magnitude faster than
feeding shingles one by one. The LSH index bands signatures as datasketch's
``MinHashLSH`` does (``CandidateIndex``), keyed by small integers.
"""

from __future__ import annotations

from functools import cache

import numpy as np

from ingest.dedup.shingles import fmix

# LSH banding: a pair with MinHash-estimated Jaccard s becomes a candidate with
# probability 1 - (1 - s^ROWS)^BANDS. With 20 bands of 2 rows that is 0.97 at
# s = 0.4, 0.85 at 0.3 and 0.55 at 0.2, but 0.05 at 0.05 and 0.002 at 0.01.
# Near copies are decided on containment (``comparison``): a copy cut to half
# the article, with boilerplate of its own, keeps a Jaccard near 0.4, so the
# bands must find pairs that low (3 rows would find 73 % of pairs at 0.4).
# The price is verification: unrelated articles share next to no 5-word
# shingle of their bodies, but different articles on one story (Jaccard 0.05
# to 0.15) become candidates 5 to 35 % of the time, each costing a text read and
# its shingling (about 0.4 ms). Among the dev set's articles that is 7e-5
# candidates a pair, some 7 a document in a corpus of 100,000 as dense in
# same-story pairs. The number of bands sets the memory of the index (8 bytes a
# band a document, plus 13 in the merged entries), so it stays at 20.
LSH_BANDS = 20
LSH_ROWS = 2
NUM_PERM = LSH_BANDS * LSH_ROWS
SEED = 1
SCHEME = "affine32"
# Shingles hashed against all permutations at once, in blocks of this many rows,
# so a book-length document needs a bounded (rows x NUM_PERM) scratch matrix.
_BLOCK_ROWS = 8192

_EMPTY = np.full(NUM_PERM, np.iinfo(np.uint32).max, dtype=np.uint32)


def signature(shingles: np.ndarray) -> np.ndarray:
    """The MinHash signature (``NUM_PERM`` uint32 values) of a ``uint64`` shingle-hash array."""
    if len(shingles) == 0:
        return _EMPTY.copy()
    folded = ((shingles >> np.uint64(32)) ^ shingles).astype(np.uint32)
    # datasketch pre-mixes every input hash with the 32-bit finalizer before its
    # affine permutations; doing the same keeps signatures identical.
    mixed = fmix(folded).reshape(-1, 1)
    a, b = _permutations()
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
    built in Python per band: indexing was the costliest step after shingling,
    and its buckets took about 2 KB a document, the largest share of a run's
    memory that grows with the corpus.

    Each band is reduced to one 64-bit hash with numpy. Keys added lately sit in a
    plain dictionary from band hash to keys; every ``MERGE_EVERY`` additions they
    are merged into one array of (band hash, key, band) entries sorted by hash and
    searched by bisection: 13 bytes a band instead of a dictionary entry's ~90.
    Each key's current band hashes are kept too (8 bytes a band): removing a key
    only clears its flag, and a key is a candidate only if one of its current
    bands equals the query's same band, so entries left behind by a removal or a
    re-added key never surface, and the next merge drops them. A signature of a
    document without words is never indexed: it would collide with every other
    empty one.
    """

    MERGE_EVERY = 4096

    def __init__(self) -> None:
        # Row k holds key k's band hashes; indexed[k] says whether key k is in the index.
        self._bands = np.zeros((0, LSH_BANDS), dtype=np.uint64)
        self._indexed = np.zeros(0, dtype=bool)
        # Merged entries, in ascending order of hash.
        self._hashes = np.zeros(0, dtype=np.uint64)
        self._keys = np.zeros(0, dtype=np.int32)
        self._band_numbers = np.zeros(0, dtype=np.uint8)
        # Keys added since the last merge, and the same keys by band hash.
        self._recent_keys: list[int] = []
        self._recent: dict[int, list[int]] = {}

    def add(self, key: int, signature_values: np.ndarray) -> None:
        if _is_empty(signature_values):
            return
        bands = band_array(signature_values)
        self._reserve(key)
        self._bands[key], self._indexed[key] = bands, True
        self._recent_keys.append(key)
        for band in bands.tolist():
            self._recent.setdefault(band, []).append(key)
        if len(self._recent_keys) >= self.MERGE_EVERY:
            self._merge()

    def remove(self, key: int) -> None:
        if key in self:
            self._indexed[key] = False

    def candidates(self, signature_values: np.ndarray) -> set[int]:
        if _is_empty(signature_values):
            return set()
        query = band_array(signature_values)
        recent = [key for band in query.tolist() for key in self._recent.get(band, ())]
        merged = self._merged_matches(query)
        if not recent and not merged:
            return set()
        keys = np.concatenate([np.asarray(recent, dtype=np.int64), *merged])
        live = keys[self._indexed[keys]]
        return set(live[(self._bands[live] == query).any(axis=1)].tolist())

    def __contains__(self, key: int) -> bool:
        return 0 <= key < len(self._indexed) and bool(self._indexed[key])

    def _merged_matches(self, query: np.ndarray) -> list[np.ndarray]:
        """Keys of the merged entries whose hash equals one of the query's band hashes."""
        first = np.searchsorted(self._hashes, query, side="left")
        last = np.searchsorted(self._hashes, query, side="right")
        return [self._keys[a:b] for a, b in zip(first.tolist(), last.tolist()) if b > a]

    def _merge(self) -> None:
        """Fold the recent keys into the sorted entries, dropping entries that no longer hold."""
        recent = np.unique(np.asarray(self._recent_keys, dtype=np.int64))
        new_hashes = self._bands[recent].ravel()
        new_keys = np.repeat(recent, LSH_BANDS).astype(np.int32)
        new_band_numbers = np.tile(np.arange(LSH_BANDS, dtype=np.uint8), len(recent))
        hashes = np.concatenate([self._hashes, new_hashes])
        keys = np.concatenate([self._keys, new_keys])
        band_numbers = np.concatenate([self._band_numbers, new_band_numbers])
        holds = self._indexed[keys] & (self._bands[keys, band_numbers] == hashes)
        hashes, keys, band_numbers = hashes[holds], keys[holds], band_numbers[holds]
        # Timsort: the old entries are one sorted run, so this costs little more than the new ones' sort.
        order = np.argsort(hashes, kind="stable")
        self._hashes, self._keys, self._band_numbers = hashes[order], keys[order], band_numbers[order]
        self._recent_keys, self._recent = [], {}

    def _reserve(self, key: int) -> None:
        """Grow the band table (doubling) so that row ``key`` exists."""
        if key < len(self._indexed):
            return
        size = max(key + 1, 2 * len(self._indexed), 1024)
        bands, indexed = np.zeros((size, LSH_BANDS), dtype=np.uint64), np.zeros(size, dtype=bool)
        bands[: len(self._bands)], indexed[: len(self._indexed)] = self._bands, self._indexed
        self._bands, self._indexed = bands, indexed


@cache
def _permutations() -> np.ndarray:
    """datasketch's ``affine32`` permutations for ``NUM_PERM`` and ``SEED``: ``[a, b]`` of ``h -> a * h + b``.

    Drawn here as ``datasketch.MinHash(num_perm=NUM_PERM, seed=SEED,
    scheme="affine32").permutations`` draws them (a test holds the two equal):
    importing datasketch brings scipy in, most of a second of a small run.
    """
    generator = np.random.RandomState(SEED)
    a = generator.randint(0, 1 << 31, NUM_PERM, dtype=np.uint32) * np.uint32(2) + np.uint32(1)
    b = generator.randint(0, 1 << 32, NUM_PERM, dtype=np.uint32)
    return np.array([a, b])


# Odd multipliers, one per row of a band: the band hash depends on every row and its position.
_ROW_MULTIPLIERS = fmix(np.arange(1, 2 * LSH_ROWS, 2, dtype=np.uint64) * np.uint64(0x9E3779B97F4A7C15)) | np.uint64(1)


def band_array(signature_values: np.ndarray) -> np.ndarray:
    """One 64-bit hash per LSH band of a signature: equal bands give equal hashes."""
    rows = signature_values.astype(np.uint64).reshape(LSH_BANDS, LSH_ROWS)
    return fmix((rows * _ROW_MULTIPLIERS).sum(axis=1, dtype=np.uint64))


def _is_empty(signature_values: np.ndarray) -> bool:
    return bool(np.array_equal(signature_values, _EMPTY))
