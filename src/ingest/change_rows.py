"""A document's changes as the columns of its ``removed_spans`` and ``edits`` rows.

Splitting tens of thousands of changes into removals and repairs is per-document
work, so it is done where the document was cleaned (a guard's worker, beside its
deduplication evidence) and the run's one process, which also deduplicates and
loads, only joins the columns of a batch. With two workers on two cores, every
millisecond a document costs that process is taken from cleaning.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from ingest.document import Document
from ingest.rules import is_removal

REMOVED_COLUMNS = ("doc_id", "kind", "rule", "start_offset", "end_offset", "text")
EDITED_COLUMNS = ("doc_id", "kind", "rule", "offset", "before", "after")


@dataclass
class ChangeRows:
    """Columns of ``removed_spans`` and ``edits`` rows, without the run's id."""

    removed: dict[str, list] = field(default_factory=lambda: {name: [] for name in REMOVED_COLUMNS})
    edited: dict[str, list] = field(default_factory=lambda: {name: [] for name in EDITED_COLUMNS})

    def extend(self, other: ChangeRows) -> None:
        for name, values in other.removed.items():
            self.removed[name].extend(values)
        for name, values in other.edited.items():
            self.edited[name].extend(values)


def change_rows(document: Document) -> ChangeRows:
    """The rows of one document's changes: removals (boilerplate) apart from repairs (``rules.is_removal``)."""
    rows = ChangeRows()
    removed, edited = rows.removed, rows.edited
    for change in document.changes:
        if is_removal(change):
            values, columns = (document.doc_id, change.kind, change.rule, change.start, change.end, change.before), removed
        else:
            values, columns = (document.doc_id, change.kind, change.rule, change.start, change.before, change.after), edited
        for name, value in zip(columns, values):
            columns[name].append(value)
    return rows


def joined(parts: Iterable[ChangeRows]) -> ChangeRows:
    """The rows of several documents, in their order."""
    rows = ChangeRows()
    for part in parts:
        rows.extend(part)
    return rows
