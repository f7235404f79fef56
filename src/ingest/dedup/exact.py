"""Exact duplicates: identical raw files, and identical clean text up to case and whitespace."""

from __future__ import annotations

from typing import NamedTuple

from ingest.document import normalized_text_hash

EXACT_FILE = "exact_file"
EXACT_TEXT = "exact_text"


class ExactKeys(NamedTuple):
    """The full hashes of a document, as the warehouse stores them (hex SHA-256)."""

    content_sha256: str
    text_hash: str


class CompactKeys(NamedTuple):
    """The first 64 bits of each of a document's hashes: what the index keeps in memory.

    Two Python integers instead of two 64-character strings save about 150 bytes
    a document; two different documents share a 64-bit prefix with probability
    2^-64 a pair, never for any corpus this indexes.
    """

    content: int
    text: int


def exact_keys(content_sha256: str, text: str) -> ExactKeys:
    return ExactKeys(content_sha256, normalized_text_hash(text))


def compact(keys: ExactKeys) -> CompactKeys:
    return CompactKeys(_first_64_bits(keys.content_sha256), _first_64_bits(keys.text_hash))


def _first_64_bits(hex_digest: str) -> int:
    return int(hex_digest[:16], 16)


class ExactIndex:
    """One representative document number per raw-content hash and per normalized-text hash.

    One representative is enough: every later copy joins the representative's
    cluster, so it reaches all the others through it.
    """

    def __init__(self) -> None:
        self._by_content: dict[int, int] = {}
        self._by_text: dict[int, int] = {}
        self._empty_text_hash = _first_64_bits(normalized_text_hash(""))

    def match(self, keys: CompactKeys) -> tuple[str, int] | None:
        """The method and representative of an exact match, raw bytes first."""
        found = self._by_content.get(keys.content)
        if found is not None:
            return EXACT_FILE, found
        # Texts left empty by cleaning are all "equal" but say nothing about each other.
        if keys.text != self._empty_text_hash:
            found = self._by_text.get(keys.text)
            if found is not None:
                return EXACT_TEXT, found
        return None

    def add(self, number: int, keys: CompactKeys) -> None:
        self._by_content.setdefault(keys.content, number)
        self._by_text.setdefault(keys.text, number)

    def remove(self, number: int, keys: CompactKeys) -> None:
        """Forget a document that represents its hashes (its copies stay in its cluster)."""
        if self._by_content.get(keys.content) == number:
            del self._by_content[keys.content]
        if self._by_text.get(keys.text) == number:
            del self._by_text[keys.text]
