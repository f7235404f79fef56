"""One document's raw text with every removal and repair marked, so a person can see why.

For a duplicate, also the match that made it one, with the measures that decided.
"""

from __future__ import annotations

from dataclasses import dataclass

import duckdb


@dataclass(frozen=True)
class Segment:
    """A run of the raw text: kept as is, removed, or repaired into ``after``."""

    text: str
    change: str | None = None  # None, "removed" or "edited"
    after: str = ""
    reason: str = ""  # "kind/rule"
    kind: str = ""
    rule: str = ""


@dataclass(frozen=True)
class DuplicateEvidence:
    """A ``duplicates`` row: why the document is not the canonical copy.

    ``jaccard``, ``containment`` and ``contained_id`` are None on rows written
    before they were recorded.
    """

    canonical_id: str
    method: str
    matched_id: str
    similarity: float
    jaccard: float | None
    containment: float | None
    contained_id: str | None


@dataclass(frozen=True)
class Explanation:
    doc_id: str
    source_uri: str
    segments: list[Segment]
    duplicate: DuplicateEvidence | None = None
    input_kind: str | None = None
    review_reason: str | None = None


class DocumentNotFound(LookupError):
    pass


def explain(con: duckdb.DuckDBPyConnection, doc: str) -> Explanation:
    """Find a document by doc_id or source_uri and split its raw text at every change."""
    row = con.execute(
        "SELECT d.doc_id, d.source_uri, r.raw_text, d.input_kind, d.review_reason"
        " FROM documents d JOIN raw_texts r USING (doc_id)"
        " WHERE d.doc_id = ? OR d.source_uri = ? ORDER BY d.ingested_at DESC LIMIT 1",
        [doc, doc],
    ).fetchone()
    if row is None:
        raise DocumentNotFound(f"no document with doc_id or source_uri {doc!r}")
    doc_id, source_uri, raw, input_kind, review_reason = row
    changes = con.execute(
        "SELECT change, kind, rule, start_offset, end_offset, after FROM document_changes"
        " WHERE doc_id = ? ORDER BY start_offset, end_offset",
        [doc_id],
    ).fetchall()
    evidence = con.execute(
        "SELECT canonical_id, method, matched_id, similarity, jaccard, containment, contained_id FROM duplicates WHERE doc_id = ?",
        [doc_id],
    ).fetchone()
    return Explanation(
        doc_id, source_uri, segments(raw, changes), DuplicateEvidence(*evidence) if evidence else None,
        input_kind, review_reason,
    )


def describe_review(explanation: Explanation) -> str | None:
    """One line saying why the document's cleaning should be reviewed; None when it was not doubted."""
    if explanation.review_reason is None:
        return None
    return f"flagged for review: {explanation.review_reason}"


def describe_duplicate(explanation: Explanation) -> str | None:
    """One line saying which copy the document duplicates and on what evidence; None for a canonical document."""
    found = explanation.duplicate
    if found is None:
        return None
    line = f"duplicate of {found.canonical_id} ({found.method}, matched {found.matched_id}"
    if found.method == "near" and found.jaccard is not None:
        line += f": containment {found.containment:.3f}, Jaccard {found.jaccard:.3f}, {found.contained_id} is the contained copy"
    elif found.method == "near":
        line += f": Jaccard {found.similarity:.3f}"
    return line + ")"


def segments(raw: str, changes: list[tuple[str, str, str, int, int, str]]) -> list[Segment]:
    """Interleave kept text with the changes, which are sorted and never overlap."""
    parts = []
    cursor = 0
    for change, kind, rule, start, end, after in changes:
        if start > cursor:
            parts.append(Segment(raw[cursor:start]))
        parts.append(Segment(raw[start:end], change, after, f"{kind}/{rule}", kind, rule))
        cursor = end
    if cursor < len(raw):
        parts.append(Segment(raw[cursor:]))
    return parts


def render_plain(explanation: Explanation) -> str:
    """Markers for a pipe or a file: ``[-removed-]{kind/rule}`` and ``{before→after}{kind/rule}``."""
    out = []
    for segment in explanation.segments:
        if segment.change == "removed":
            out.append(f"[-{segment.text}-]{{{segment.reason}}}")
        elif segment.change == "edited":
            out.append(f"{{{segment.text!r}→{segment.after!r}}}{{{segment.reason}}}")
        else:
            out.append(segment.text)
    return "".join(out)
