"""Exact duplicates: identical raw files, and identical clean text up to case and whitespace."""

from __future__ import annotations

from typing import NamedTuple

from ingest.dedup.scratch import scratch_database, signed_64
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
    """One representative document number per raw-content hash and per normalized-text hash, and each document's keys.

    One representative is enough: every later copy joins the representative's
    cluster, so it reaches all the others through it. Both look-ups and every
    indexed document's keys live in a private SQLite database on disk
    (``scratch``): in memory they were about 0.3 KB a document.
    """

    def __init__(self) -> None:
        self._db = scratch_database(
            """
            CREATE TABLE by_content (hash INTEGER PRIMARY KEY, number INTEGER NOT NULL);
            CREATE TABLE by_text (hash INTEGER PRIMARY KEY, number INTEGER NOT NULL);
            CREATE TABLE document_keys (number INTEGER PRIMARY KEY, content INTEGER NOT NULL, text INTEGER NOT NULL);
            """
        )
        self._empty_text_hash = _first_64_bits(normalized_text_hash(""))

    def match(self, keys: CompactKeys) -> tuple[str, int] | None:
        """The method and representative of an exact match, raw bytes first."""
        found = self._representative("by_content", keys.content)
        if found is not None:
            return EXACT_FILE, found
        # Texts left empty by cleaning are all "equal" but say nothing about each other.
        if keys.text != self._empty_text_hash:
            found = self._representative("by_text", keys.text)
            if found is not None:
                return EXACT_TEXT, found
        return None

    def add(self, number: int, keys: CompactKeys) -> None:
        """Let the document represent its hashes where no other does yet."""
        with self._db:
            self._db.execute("BEGIN")
            self._db.execute("INSERT OR IGNORE INTO by_content VALUES (?, ?)", (signed_64(keys.content), number))
            self._db.execute("INSERT OR IGNORE INTO by_text VALUES (?, ?)", (signed_64(keys.text), number))

    def remove(self, number: int, keys: CompactKeys) -> None:
        """Forget a document that represents its hashes (its copies stay in its cluster)."""
        with self._db:
            self._db.execute("BEGIN")
            self._db.execute("DELETE FROM by_content WHERE hash = ? AND number = ?", (signed_64(keys.content), number))
            self._db.execute("DELETE FROM by_text WHERE hash = ? AND number = ?", (signed_64(keys.text), number))

    def keys_of(self, number: int) -> CompactKeys:
        """The keys a document was indexed with (``set_keys``)."""
        content, text = self._db.execute("SELECT content, text FROM document_keys WHERE number = ?", (number,)).fetchone()
        return CompactKeys(content % (1 << 64), text % (1 << 64))

    def set_keys(self, number: int, keys: CompactKeys) -> None:
        self._db.execute(
            "INSERT OR REPLACE INTO document_keys VALUES (?, ?, ?)", (number, signed_64(keys.content), signed_64(keys.text))
        )

    def close(self) -> None:
        """Delete the database; the index answers nothing after this."""
        self._db.close()

    def _representative(self, table: str, value: int) -> int | None:
        row = self._db.execute(f"SELECT number FROM {table} WHERE hash = ?", (signed_64(value),)).fetchone()
        return None if row is None else row[0]
