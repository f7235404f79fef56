"""Exact duplicates: identical raw files, and identical clean text up to case and whitespace."""

from __future__ import annotations

from typing import NamedTuple

from ingest.document import normalized_text_hash

EXACT_FILE = "exact_file"
EXACT_TEXT = "exact_text"


class ExactKeys(NamedTuple):
    content_sha256: str
    text_hash: str


def exact_keys(content_sha256: str, text: str) -> ExactKeys:
    return ExactKeys(content_sha256, normalized_text_hash(text))


class ExactIndex:
    """One representative document number per raw-content hash and per normalized-text hash.

    One representative is enough: every later copy joins the representative's
    cluster, so it reaches all the others through it.
    """

    def __init__(self) -> None:
        self._by_content: dict[str, int] = {}
        self._by_text: dict[str, int] = {}
        self._empty_text_hash = normalized_text_hash("")

    def match(self, keys: ExactKeys) -> tuple[str, int] | None:
        """The method and representative of an exact match, raw bytes first."""
        found = self._by_content.get(keys.content_sha256)
        if found is not None:
            return EXACT_FILE, found
        # Texts left empty by cleaning are all "equal" but say nothing about each other.
        if keys.text_hash != self._empty_text_hash:
            found = self._by_text.get(keys.text_hash)
            if found is not None:
                return EXACT_TEXT, found
        return None

    def add(self, number: int, keys: ExactKeys) -> None:
        self._by_content.setdefault(keys.content_sha256, number)
        self._by_text.setdefault(keys.text_hash, number)

    def remove(self, number: int, keys: ExactKeys) -> None:
        """Forget a document that represents its hashes (its copies stay in its cluster)."""
        if self._by_content.get(keys.content_sha256) == number:
            del self._by_content[keys.content_sha256]
        if self._by_text.get(keys.text_hash) == number:
            del self._by_text[keys.text_hash]
