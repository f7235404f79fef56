"""Word shingles of a clean text, as sorted arrays of 64-bit hashes, and their Jaccard similarity.

A document is compared with another as the set of its overlapping runs of
``SHINGLE_WORDS`` words (case folded, punctuation dropped). The set is kept as a
sorted ``uint64`` array of shingle hashes: about 8 bytes a word, and set
operations become numpy merges. Two different shingles share a 64-bit hash with
probability ~2^-64 per pair, so the Jaccard computed on hashes is the Jaccard of
the shingle sets themselves for any practical corpus.

Hand-written because no library hashes words and shingles vectorised, and a
Python call per word was most of the cost of deduplication. The text becomes one
byte string in which every non-word character is a space (its words in UTF-8);
each word's hash is a polynomial over its bytes, read off prefix sums in one
numpy pass and then avalanched, so it is stable across processes (unlike
Python's ``hash``) and depends on the word alone. A shingle hash combines its
words' hashes with numpy in one pass.
"""

from __future__ import annotations

import re
import string
from collections.abc import Sequence

import numpy as np

# Five-word shingles: long enough that unrelated texts share almost none (even
# frequent phrases rarely span five words), short enough that one changed word
# disturbs only five shingles, so a lightly edited copy keeps a high Jaccard.
SHINGLE_WORDS = 5
# Names how words and shingles are hashed: stored signatures made another way are
# incomparable and are recomputed (it is part of the index's scheme).
SHINGLE_HASH = "poly64"

_WORD = re.compile(r"\w+")
_SPACE = ord(" ")
_NEWLINE = ord("\n")
# Byte table: ASCII letters, digits and underscore (the ASCII word characters)
# lower-cased, every other ASCII byte a space; bytes of multi-byte UTF-8
# sequences pass unchanged.
_ASCII_WORD_CHARACTERS = set(string.ascii_letters + string.digits + "_")
_FOLD_ASCII = bytes(
    ord(chr(c).lower()) if chr(c) in _ASCII_WORD_CHARACTERS else _SPACE for c in range(128)
) + bytes(range(128, 256))
# Whether a non-ASCII character is a word character (``\w``), by character: texts
# draw on few of them, so the regular expression runs once per character seen.
_is_word_character: dict[str, bool] = {}

# Word hash: sum of (byte x _BASE^i) modulo 2^64 over the word's bytes, plus its
# length, then the 64-bit finalizer. _BASE is odd (so invertible modulo 2^64) and
# _BASE - 1 is not divisible by 4, so swapping two bytes always changes the sum.
_BASE = 0x100000001B3 | 0x3
_INVERSE_BASE = pow(_BASE, -1, 2**64)
# Distinct odd multipliers make the combination depend on word order: "a b" and
# "b a" give different shingles.
_POSITION_MULTIPLIERS = np.array(
    [0x9E3779B97F4A7C15, 0xC2B2AE3D27D4EB4F, 0x165667B19E3779F9, 0xD6E8FEB86659FD93, 0xFF51AFD7ED558CCD],
    dtype=np.uint64,
)[:SHINGLE_WORDS]


def words(text: str) -> list[str]:
    """The case-folded word tokens of a text (letters, digits and underscores)."""
    return _WORD.findall(text.casefold())


def shingle_hashes(text: str) -> np.ndarray:
    """The sorted, unique 64-bit hashes of the text's word shingles.

    A text shorter than one shingle is a single shingle of all its words; a text
    without words has no shingles (an empty array).
    """
    hashed = word_hashes(text)
    if len(hashed) == 0:
        return hashed
    width = min(SHINGLE_WORDS, len(hashed))
    combined = np.zeros(len(hashed) - width + 1, dtype=np.uint64)
    for position in range(width):
        combined += hashed[position : position + len(combined)] * _POSITION_MULTIPLIERS[position]
    return _sorted_unique(fmix(combined))


def line_shingle_hashes(text: str) -> np.ndarray:
    """The sorted, unique hashes of the shingles that lie within one line of the text.

    No shingle spans a line break, so the set does not depend on the order of
    the lines: two copies with paragraphs swapped have equal sets. A line of
    fewer than ``SHINGLE_WORDS`` words gives no shingle.
    """
    folded = _folded_bytes(text)
    hashed, starts = _hashes_and_starts(folded.translate(_FOLD_ASCII))
    count = len(hashed) - SHINGLE_WORDS + 1
    if count <= 0:
        return np.empty(0, dtype=np.uint64)
    line_breaks = np.flatnonzero(np.frombuffer(folded, dtype=np.uint8) == _NEWLINE)
    line_of_word = np.searchsorted(line_breaks, starts)
    within_line = line_of_word[SHINGLE_WORDS - 1 :] == line_of_word[:count]
    if not within_line.any():
        return np.empty(0, dtype=np.uint64)
    combined = np.zeros(count, dtype=np.uint64)
    for position in range(SHINGLE_WORDS):
        combined += hashed[position : position + count] * _POSITION_MULTIPLIERS[position]
    return _sorted_unique(fmix(combined[within_line]))


def word_hashes(text: str) -> np.ndarray:
    """The 64-bit hash of every word of ``words(text)``, in order."""
    return _hashes_and_starts(_word_bytes(text))[0]


def _hashes_and_starts(word_bytes: bytes) -> tuple[np.ndarray, np.ndarray]:
    """Every word's hash, and the byte offset where it starts, in a text made ``_word_bytes``."""
    folded = np.frombuffer(word_bytes, dtype=np.uint8)
    in_word = np.zeros(len(folded) + 2, dtype=bool)
    np.not_equal(folded, _SPACE, out=in_word[1:-1])
    edges = np.flatnonzero(in_word[1:] != in_word[:-1])
    starts, ends = edges[0::2], edges[1::2]
    if len(starts) == 0:
        return np.empty(0, dtype=np.uint64), starts
    powers, inverse_powers = _powers(len(folded))
    prefix = np.zeros(len(folded) + 1, dtype=np.uint64)
    np.cumsum(folded * powers, out=prefix[1:])
    # Bytes before a word's start are cancelled by the difference of prefix sums;
    # the inverse power shifts the sum so it no longer depends on where the word stands.
    polynomial = (prefix[ends] - prefix[starts]) * inverse_powers[starts]
    return fmix(polynomial + (ends - starts).astype(np.uint64)), starts


def jaccard(left: np.ndarray, right: np.ndarray) -> float:
    """Jaccard similarity of two sorted unique hash arrays; 0.0 when both are empty."""
    if len(left) == 0 and len(right) == 0:
        return 0.0
    shared = shared_count(left, right)
    return shared / (len(left) + len(right) - shared)


def shared_count(left: np.ndarray, right: np.ndarray) -> int:
    """How many hashes two sorted unique arrays share.

    Both arrays are already sorted, so their concatenation is two sorted runs, which
    a stable sort (timsort, for 64-bit integers) merges in one linear pass; a hash
    both hold then stands twice in a row. Candidate verification does this thousands
    of times a batch in the run's process: a binary search of the smaller array in
    the larger took two to four times as long on arrays of 300 to 2,000 hashes, and
    ``np.intersect1d`` sorts the concatenation from scratch.
    """
    if len(left) == 0 or len(right) == 0:
        return 0
    merged = np.concatenate((left, right))
    merged.sort(kind="stable")
    return int(np.count_nonzero(merged[1:] == merged[:-1]))


# Below this many candidates, building the table costs more than it saves: each pair is merged.
_FEW_CANDIDATES = 8
# A query's hash table has 16 to 32 slots a hash: few slots are crowded (two hashes or more).
_TABLE_SPARSITY_BITS = 4
# A larger query (a book) is merged with each candidate: its table would pass 2**21 slots (16 MB),
# and merging long sorted arrays costs little beside the per-pair overhead the table saves.
_LARGEST_TABLED_QUERY = 1 << 16
# What a slot holds when no hash, or more than one, lands in it: the slot's number with a low
# bit flipped, which no hash that lands there can equal (its low bits are the slot's number).
_EMPTY_MARK = np.uint64(1)
_CROWDED_MARK = np.uint64(2)


def shared_counts(query: np.ndarray, others: Sequence[np.ndarray]) -> np.ndarray:
    """How many hashes ``query`` shares with each of ``others``; all sorted unique uint64 arrays.

    Verification compares a document with each of its candidates, tens of them a
    document in a large corpus, and ``shared_count`` pays numpy's call overhead and
    a merge for each. Here the query's hashes go into a hash table once and every
    candidate's hashes probe it in one vectorised pass: a slot is a hash's low bits
    (the hashes are avalanched, so these are uniform). numpy has no hash set (its
    ``isin`` sorts), hence this one. Exact: a hash whose slot another query hash
    shares is looked up among those crowded hashes, sorted.
    """
    if len(others) < _FEW_CANDIDATES or len(query) > _LARGEST_TABLED_QUERY:
        return np.array([shared_count(query, other) for other in others], dtype=np.int64)
    counts = np.zeros(len(others), dtype=np.int64)
    if len(query) == 0 or not any(len(other) for other in others):
        return counts
    mask = np.uint64((1 << (len(query).bit_length() + _TABLE_SPARSITY_BITS)) - 1)
    table = np.arange(int(mask) + 1, dtype=np.uint64) ^ _EMPTY_MARK
    keys = query & mask
    table[keys.view(np.intp)] = query
    crowded_keys = keys[table[keys.view(np.intp)] != query]  # a later hash took the slot
    table[crowded_keys.view(np.intp)] = crowded_keys ^ _CROWDED_MARK
    crowded = query[table[keys.view(np.intp)] == (keys ^ _CROWDED_MARK)]
    probes = np.concatenate(others)
    probe_keys = probes & mask
    held = table[probe_keys.view(np.intp)]
    found = held == probes
    if len(crowded):
        doubtful = np.flatnonzero(held == (probe_keys ^ _CROWDED_MARK))
        at = np.minimum(np.searchsorted(crowded, probes[doubtful]), len(crowded) - 1)
        found[doubtful] = crowded[at] == probes[doubtful]
    end = 0
    for position, other in enumerate(others):
        start, end = end, end + len(other)
        counts[position] = np.count_nonzero(found[start:end])
    return counts


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


def _word_bytes(text: str) -> bytes:
    """The case-folded text in UTF-8 with every non-word character a space: its words are the runs of other bytes."""
    # Case folding is lower-casing for ASCII, and the table does both jobs.
    return _folded_bytes(text).translate(_FOLD_ASCII)


def _folded_bytes(text: str) -> bytes:
    """The text in UTF-8, case folded and with non-ASCII non-word characters made spaces.

    Byte for byte as long as ``_word_bytes(text)``, with the line breaks still in
    place: the offsets of one are the offsets of the other.
    """
    if text.isascii():
        return text.encode("ascii")
    folded = text.casefold()
    for character in {c for c in set(folded) if c > "\x7f"}:
        if not _classified_word_character(character):
            folded = folded.replace(character, " ")
    return folded.encode("utf-8")


def _classified_word_character(character: str) -> bool:
    known = _is_word_character.get(character)
    if known is None:
        known = _is_word_character[character] = _WORD.fullmatch(character) is not None
    return known


_power_tables: list[np.ndarray] = [np.ones(1, dtype=np.uint64), np.ones(1, dtype=np.uint64)]


def _powers(length: int) -> tuple[np.ndarray, np.ndarray]:
    """_BASE^i and _BASE^-i modulo 2^64 for i < length; the tables grow by doubling and are kept."""
    powers, inverse_powers = _power_tables
    if len(powers) < length:
        size = max(length, 2 * len(powers))
        powers, inverse_powers = np.empty(size, dtype=np.uint64), np.empty(size, dtype=np.uint64)
        powers[0] = inverse_powers[0] = 1
        powers[1:], inverse_powers[1:] = _BASE, _INVERSE_BASE
        np.cumprod(powers, out=powers)
        np.cumprod(inverse_powers, out=inverse_powers)
        _power_tables[:] = [powers, inverse_powers]
    return powers[:length], inverse_powers[:length]


def _sorted_unique(values: np.ndarray) -> np.ndarray:
    # np.unique hashes before sorting and is several times slower on these sizes.
    values.sort()
    keep = np.empty(len(values), dtype=bool)
    keep[0] = True
    np.not_equal(values[1:], values[:-1], out=keep[1:])
    return values[keep]
