"""Clusters of duplicate documents: a union-find whose root is always the canonical copy.

Documents are small integers. Each cluster's root is its best-ranked member (see
``Rank``), whatever order the matches were found in, so the canonical copy of a
connected group of duplicates does not depend on processing order.

Every member points straight at its root (a "quick-find" union-find): a union
relabels the members of the demoted cluster. Duplicate clusters are small, so
this costs little, and it buys a one-look-up ``canonical`` and the ability to
take one member out of its cluster when its text changes, which path-compressed
trees cannot do. Every document's rank and root live in a private SQLite
database on disk (``scratch``), as do the doc_id numbers of ``DocumentNumbers``:
in memory they grew by about 0.25 KB a document.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache
from typing import NamedTuple

from ingest.dedup.scratch import rows_with_keys, scratch_database

# Ranks of recently looked-up documents kept in memory (about 0.2 KB each): a
# batch's candidates are sorted and their clusters compared by rank, tens of
# look-ups a document, mostly of the same hub documents batch after batch.
# A rank never changes once given, so a kept one is never stale.
RECENT_RANKS = 8192


class Rank(NamedTuple):
    """Which copy wins: the earliest indexed batch, then the longest clean text, then the doc_id.

    Frozen when the document is first indexed, so re-processing it never changes
    its standing.
    """

    batch: int
    negative_chars: int
    doc_id: str


class Clusters:
    """Union-find over document numbers; ``canonical(i)`` is document i's canonical copy.

    Members of a cluster are listed in the order they joined it: when a root
    leaves, its members take over the exact hashes it represented in that
    order, as they always have.
    """

    def __init__(self) -> None:
        self._db = scratch_database(
            """
            CREATE TABLE documents (number INTEGER PRIMARY KEY, batch INTEGER NOT NULL, negative_chars INTEGER NOT NULL,
                                    doc_id TEXT NOT NULL, root INTEGER NOT NULL, joined INTEGER NOT NULL);
            CREATE INDEX documents_by_root ON documents (root);
            """
        )
        self._count = 0
        self._joins = 0
        self.rank = lru_cache(maxsize=RECENT_RANKS)(self._stored_rank)

    def add(self, rank: Rank) -> int:
        """A new singleton cluster; returns the document's number."""
        number = self._count
        self._db.execute("INSERT INTO documents VALUES (?, ?, ?, ?, ?, 0)", (number, *rank, number))
        self._count += 1
        return number

    def _stored_rank(self, number: int) -> Rank:
        row = self._db.execute("SELECT batch, negative_chars, doc_id FROM documents WHERE number = ?", (number,)).fetchone()
        if row is None:
            raise IndexError(number)
        return Rank(*row)

    def canonical(self, number: int) -> int:
        row = self._db.execute("SELECT root FROM documents WHERE number = ?", (number,)).fetchone()
        if row is None:
            raise IndexError(number)
        return row[0]

    def canonicals(self, numbers: Sequence[int]) -> dict[int, int]:
        """``canonical`` of each of ``numbers``, looked up a few hundred in one query: a document's candidates at once."""
        roots = dict(rows_with_keys(self._db, "SELECT number, root FROM documents", "number", numbers))
        missing = set(numbers) - roots.keys()
        if missing:
            raise IndexError(min(missing))
        return roots

    def members(self, root: int) -> list[int]:
        """The non-root members of a cluster, in the order they joined it."""
        rows = self._db.execute(
            "SELECT number FROM documents WHERE root = ? AND number != ? ORDER BY joined", (root, root)
        ).fetchall()
        return [number for (number,) in rows]

    def union(self, left: int, right: int) -> tuple[int, list[int]]:
        """Merge two clusters; returns the surviving root and the documents whose root changed."""
        left_root, right_root = self.canonical(left), self.canonical(right)
        if left_root == right_root:
            return left_root, []
        if self.rank(right_root) < self.rank(left_root):
            left_root, right_root = right_root, left_root
        moved = [right_root, *self.members(right_root)]
        joins = range(self._joins + 1, self._joins + 1 + len(moved))
        self._joins += len(moved)
        with self._db:
            self._db.execute("BEGIN")
            self._db.executemany(
                "UPDATE documents SET root = ?, joined = ? WHERE number = ?", ((left_root, j, n) for j, n in zip(joins, moved))
            )
        return left_root, moved

    def detach(self, number: int) -> list[int]:
        """Take a document out of its cluster; returns the documents whose root changed.

        A member simply leaves. A root hands its cluster to its best-ranked member.
        Either way the document ends as a singleton.
        """
        root = self.canonical(number)
        if root != number:
            self._db.execute("UPDATE documents SET root = number WHERE number = ?", (number,))
            return [number]
        members = self.members(number)
        if not members:
            return []
        heir = min(members, key=self.rank)
        self._db.execute("UPDATE documents SET root = ? WHERE root = ? AND number != ?", (heir, number, number))
        return members

    def close(self) -> None:
        self._db.close()


class DocumentNumbers:
    """The number of each indexed document, by doc_id: a dictionary kept on disk."""

    def __init__(self) -> None:
        self._db = scratch_database("CREATE TABLE numbers (doc_id TEXT PRIMARY KEY, number INTEGER NOT NULL) WITHOUT ROWID;")
        self._count = 0

    def get(self, doc_id: str, default: int | None = None) -> int | None:
        row = self._db.execute("SELECT number FROM numbers WHERE doc_id = ?", (doc_id,)).fetchone()
        return default if row is None else row[0]

    def __getitem__(self, doc_id: str) -> int:
        number = self.get(doc_id)
        if number is None:
            raise KeyError(doc_id)
        return number

    def __contains__(self, doc_id: str) -> bool:
        return self.get(doc_id) is not None

    def __setitem__(self, doc_id: str, number: int) -> None:
        if doc_id not in self:
            self._count += 1
        self._db.execute("INSERT OR REPLACE INTO numbers VALUES (?, ?)", (doc_id, number))

    def pop(self, doc_id: str, default: int | None = None) -> int | None:
        number = self.get(doc_id)
        if number is None:
            return default
        self._db.execute("DELETE FROM numbers WHERE doc_id = ?", (doc_id,))
        self._count -= 1
        return number

    def __len__(self) -> int:
        return self._count

    def close(self) -> None:
        self._db.close()
