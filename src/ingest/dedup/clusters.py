"""Clusters of duplicate documents: a union-find whose root is always the canonical copy.

Documents are small integers. Each cluster's root is its best-ranked member (see
``Rank``), whatever order the matches were found in, so the canonical copy of a
connected group of duplicates does not depend on processing order.

Every member points straight at its root (a "quick-find" union-find): a union
relabels the members of the demoted cluster. Duplicate clusters are small, so
this costs little, and it buys an O(1) ``canonical`` and the ability to take one
member out of its cluster when its text changes, which path-compressed trees
cannot do.
"""

from __future__ import annotations

from typing import NamedTuple


class Rank(NamedTuple):
    """Which copy wins: the earliest indexed batch, then the longest clean text, then the doc_id.

    Frozen when the document is first indexed, so re-processing it never changes
    its standing.
    """

    batch: int
    negative_chars: int
    doc_id: str


class Clusters:
    """Union-find over document numbers; ``root_of[i]`` is document i's canonical copy."""

    def __init__(self) -> None:
        self.root_of: list[int] = []
        self.ranks: list[Rank] = []
        self._members: dict[int, list[int]] = {}

    def add(self, rank: Rank) -> int:
        """A new singleton cluster; returns the document's number."""
        number = len(self.root_of)
        self.root_of.append(number)
        self.ranks.append(rank)
        return number

    def canonical(self, number: int) -> int:
        return self.root_of[number]

    def members(self, root: int) -> list[int]:
        """The non-root members of a cluster."""
        return list(self._members.get(root, ()))

    def union(self, left: int, right: int) -> tuple[int, list[int]]:
        """Merge two clusters; returns the surviving root and the documents whose root changed."""
        left_root, right_root = self.root_of[left], self.root_of[right]
        if left_root == right_root:
            return left_root, []
        if self.ranks[right_root] < self.ranks[left_root]:
            left_root, right_root = right_root, left_root
        moved = [right_root, *self._members.pop(right_root, [])]
        for number in moved:
            self.root_of[number] = left_root
        self._members.setdefault(left_root, []).extend(moved)
        return left_root, moved

    def detach(self, number: int) -> list[int]:
        """Take a document out of its cluster; returns the documents whose root changed.

        A member simply leaves. A root hands its cluster to its best-ranked member.
        Either way the document ends as a singleton.
        """
        root = self.root_of[number]
        if root != number:
            self._members[root].remove(number)
            if not self._members[root]:
                del self._members[root]
            self.root_of[number] = number
            return [number]
        members = self._members.pop(number, [])
        if not members:
            return []
        heir = min(members, key=self.ranks.__getitem__)
        rest = [m for m in members if m != heir]
        for member in members:
            self.root_of[member] = heir
        if rest:
            self._members[heir] = rest
        return members
