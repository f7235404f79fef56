"""MinHash signatures of shingle sets, and the LSH index that turns them into candidate pairs.

Signatures are datasketch's ``affine32`` MinHash, computed with numpy for a whole
shingle array at once: the result is bit-for-bit what
``MinHash(num_perm=NUM_PERM, seed=SEED, hashfunc=int).update_batch(values)``
gives (a test holds it to that), about two orders of magnitude faster than
feeding shingles one by one. The LSH index bands signatures as datasketch's
``MinHashLSH`` does (``CandidateIndex``), keyed by small integers, in a
database on disk.
"""

from __future__ import annotations

from functools import cache

import numpy as np

from ingest.dedup.scratch import scratch_database
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
# same-story pairs. The number of bands sets the size of the index (an entry on
# disk a band a document, and a look-up a band a query), so it stays at 20.
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
    each band reduced to one 64-bit hash with numpy. The entries (band hash,
    band, key) live in a private SQLite database on disk (``scratch``), a
    B-tree on the hash, so a look-up reads a few pages and memory does not grow
    with the keys indexed: in memory, these entries were the largest share of
    a run's memory that grew with the corpus (about 0.5 KB a document, and
    twice that while the sorted entries were rebuilt). Each key's band hashes
    are stored with it too, so removing or re-adding a key deletes exactly its
    entries. A signature of a document without words is never indexed: it
    would collide with every other empty one.
    """

    def __init__(self) -> None:
        self._db = scratch_database(
            """
            CREATE TABLE band_entries (hash INTEGER NOT NULL, band INTEGER NOT NULL, key INTEGER NOT NULL,
                                       PRIMARY KEY (hash, band, key)) WITHOUT ROWID;
            CREATE TABLE key_bands (key INTEGER PRIMARY KEY, hashes BLOB NOT NULL);
            """
        )

    def add(self, key: int, signature_values: np.ndarray) -> None:
        self.remove(key)
        if _is_empty(signature_values):
            return
        bands = band_array(signature_values).view(np.int64)
        with self._db:
            self._db.execute("BEGIN")
            self._db.execute("INSERT INTO key_bands VALUES (?, ?)", (key, bands.tobytes()))
            self._db.executemany(
                "INSERT OR IGNORE INTO band_entries VALUES (?, ?, ?)",
                ((band_hash, band, key) for band, band_hash in enumerate(bands.tolist())),
            )

    def remove(self, key: int) -> None:
        row = self._db.execute("SELECT hashes FROM key_bands WHERE key = ?", (key,)).fetchone()
        if row is None:
            return
        bands = np.frombuffer(row[0], dtype=np.int64)
        with self._db:
            self._db.execute("BEGIN")
            self._db.execute("DELETE FROM key_bands WHERE key = ?", (key,))
            self._db.executemany(
                "DELETE FROM band_entries WHERE hash = ? AND band = ? AND key = ?",
                ((band_hash, band, key) for band, band_hash in enumerate(bands.tolist())),
            )

    def candidates(self, signature_values: np.ndarray) -> set[int]:
        if _is_empty(signature_values):
            return set()
        query = band_array(signature_values).view(np.int64).tolist()
        rows = self._db.execute(_CANDIDATES, query).fetchall()
        return {key for band_hash, band, key in rows if query[band] == band_hash}

    def __contains__(self, key: int) -> bool:
        return self._db.execute("SELECT 1 FROM key_bands WHERE key = ?", (key,)).fetchone() is not None

    def close(self) -> None:
        """Delete the entries' database; the index answers nothing after this."""
        self._db.close()


_CANDIDATES = f"SELECT hash, band, key FROM band_entries WHERE hash IN ({', '.join('?' * LSH_BANDS)})"


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
