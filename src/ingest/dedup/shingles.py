"""Word shingles of a clean text, as sorted arrays of 64-bit hashes, and their Jaccard similarity.

A document is compared with another as the set of its overlapping runs of
``SHINGLE_WORDS`` words (case folded, punctuation dropped). The set is kept as a
sorted ``uint64`` array of shingle hashes: about 8 bytes a word, and set
operations become numpy merges. Two different shingles share a 64-bit hash with
probability ~2^-64 per pair, so the Jaccard computed on hashes is the Jaccard of
the shingle sets themselves for any practical corpus.

Hand-written because no library hashes shingles vectorised: each distinct word is
hashed once (blake2b, stable across processes, unlike Python's ``hash``), and the
shingle hash combines its words' hashes with numpy in one pass.
"""

from __future__ import annotations

import hashlib
import re

import numpy as np

# Five-word shingles: long enough that unrelated texts share almost none (even
# frequent phrases rarely span five words), short enough that one changed word
# disturbs only five shingles, so a lightly edited copy keeps a high Jaccard.
SHINGLE_WORDS = 5

# The word-hash cache is cleared when it grows past this many words: a corpus's
# vocabulary is mostly reused (Zipf), so the cache stays small and warm, while a
# stream of one-off tokens (typos, numbers, OCR noise) cannot grow it without bound.
WORD_CACHE_LIMIT = 1_000_000

_WORD = re.compile(r"\w+")
# Distinct odd multipliers make the combination depend on word order: "a b" and
# "b a" give different shingles.
_POSITION_MULTIPLIERS = np.array(
    [0x9E3779B97F4A7C15, 0xC2B2AE3D27D4EB4F, 0x165667B19E3779F9, 0xD6E8FEB86659FD93, 0xFF51AFD7ED558CCD],
    dtype=np.uint64,
)[:SHINGLE_WORDS]
_word_hashes: dict[str, int] = {}


def words(text: str) -> list[str]:
    """The case-folded word tokens of a text (letters, digits and underscores)."""
    return _WORD.findall(text.casefold())


def shingle_hashes(text: str) -> np.ndarray:
    """The sorted, unique 64-bit hashes of the text's word shingles.

    A text shorter than one shingle is a single shingle of all its words; a text
    without words has no shingles (an empty array).
    """
    tokens = words(text)
    if not tokens:
        return np.empty(0, dtype=np.uint64)
    hashed = np.array(_word_hash_values(tokens), dtype=np.uint64)
    width = min(SHINGLE_WORDS, len(hashed))
    combined = np.zeros(len(hashed) - width + 1, dtype=np.uint64)
    for position in range(width):
        combined += hashed[position : position + len(combined)] * _POSITION_MULTIPLIERS[position]
    return _sorted_unique(fmix(combined))


def jaccard(left: np.ndarray, right: np.ndarray) -> float:
    """Jaccard similarity of two sorted unique hash arrays; 0.0 when both are empty."""
    if len(left) == 0 and len(right) == 0:
        return 0.0
    shared = len(np.intersect1d(left, right, assume_unique=True))
    return shared / (len(left) + len(right) - shared)


# MurmurHash3 finalizer constants per width: (shift, multiplier, shift, multiplier, shift).
_FMIX = {
    np.dtype(np.uint64): (33, 0xFF51AFD7ED558CCD, 33, 0xC4CEB9FE1A85EC53, 33),
    np.dtype(np.uint32): (16, 0x85EBCA6B, 13, 0xC2B2AE35, 16),
}


def fmix(values: np.ndarray) -> np.ndarray:
    """MurmurHash3's finalizer for uint32 or uint64 arrays: an avalanching bijection, every output bit depends on every input bit."""
    kind = values.dtype.type
    s1, m1, s2, m2, s3 = (kind(c) for c in _FMIX[values.dtype])
    values = values ^ (values >> s1)
    values = values * m1
    values = values ^ (values >> s2)
    values = values * m2
    return values ^ (values >> s3)


def _sorted_unique(values: np.ndarray) -> np.ndarray:
    # np.unique hashes before sorting and is several times slower on these sizes.
    values.sort()
    keep = np.empty(len(values), dtype=bool)
    keep[0] = True
    np.not_equal(values[1:], values[:-1], out=keep[1:])
    return values[keep]


def _word_hash_values(tokens: list[str]) -> list[int]:
    unseen = set(tokens).difference(_word_hashes)
    if unseen:
        if len(_word_hashes) + len(unseen) > WORD_CACHE_LIMIT:
            _word_hashes.clear()
            unseen = set(tokens)
        _word_hashes.update((word, _blake2b64(word)) for word in unseen)
    return list(map(_word_hashes.__getitem__, tokens))


def _blake2b64(word: str) -> int:
    return int.from_bytes(hashlib.blake2b(word.encode("utf-8"), digest_size=8).digest(), "little")
