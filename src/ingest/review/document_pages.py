"""What a document's page shows: its raw text with every change in place, its clean text with its
entity mentions, its duplicate group, and for a near duplicate the paragraphs that differ from its
canonical copy.

Documents are read in chunks of ``CHUNK`` ids, a few queries a chunk, so a page for
every document of a large run costs no query per document.
"""

from __future__ import annotations

import difflib
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from itertools import zip_longest

import duckdb

from ingest.explain import Segment, segments

CHUNK = 500
# A page shows this many characters of raw text at most, so that any page opens in
# a browser at once; ``ingest explain`` shows a longer document whole.
SHOWN_CHARS = 200_000
METADATA = ("doc_id", "source_uri", "title", "author", "published", "language", "language_score", "media_type",
            "encoding", "raw_chars", "clean_chars", "word_count", "duplicate_of", "run_id", "ingested_at")


@dataclass(frozen=True)
class MentionPiece:
    """A run of the clean text, and the entity it mentions (None for plain text)."""

    text: str
    entity: str | None = None
    label: str | None = None


@dataclass(frozen=True)
class DiffRow:
    """Paragraphs side by side: ``tag`` is ``equal``, ``replace``, ``delete`` (left only) or ``insert`` (right only)."""

    tag: str
    left: str
    right: str


@dataclass
class DocumentPage:
    metadata: dict
    segments: list[Segment]
    cut_at: int | None
    clean: list[MentionPiece]
    duplicate: dict | None = None
    group: list[dict] = field(default_factory=list)
    diff: list[DiffRow] = field(default_factory=list)
    review_reason: str | None = None


def document_pages(con: duckdb.DuckDBPyConnection, doc_ids: list[str]) -> Iterator[DocumentPage]:
    """Each document of ``doc_ids`` as a page's data, in order."""
    flagged = con.execute(
        "SELECT count(*) FROM information_schema.columns WHERE table_name = 'documents' AND column_name = 'review_reason'"
    ).fetchone()[0]
    for start in range(0, len(doc_ids), CHUNK):
        yield from _chunk(con, doc_ids[start : start + CHUNK], bool(flagged))


def _chunk(con: duckdb.DuckDBPyConnection, ids: list[str], flagged: bool) -> Iterator[DocumentPage]:
    con.execute("CREATE OR REPLACE TEMP TABLE review_chunk (doc_id VARCHAR)")
    con.executemany("INSERT INTO review_chunk VALUES (?)", [[doc_id] for doc_id in ids])
    columns = ", ".join(f"d.{name}" for name in METADATA) + (", d.review_reason" if flagged else "")
    cursor = con.execute(
        f"SELECT {columns}, r.raw_text, d.text FROM documents AS d LEFT JOIN raw_texts AS r USING (doc_id)"
        " WHERE d.doc_id IN (SELECT doc_id FROM review_chunk)"
    )
    names = [column[0] for column in cursor.description]
    rows = {row[0]: dict(zip(names, row)) for row in cursor.fetchall()}
    changes = _grouped(con.execute(
        "SELECT doc_id, change, kind, rule, start_offset, end_offset, after FROM document_changes"
        " WHERE doc_id IN (SELECT doc_id FROM review_chunk) ORDER BY doc_id, start_offset, end_offset"
    ).fetchall())
    mentions = _grouped(con.execute(
        "SELECT m.doc_id, m.start_offset, m.end_offset, coalesce(e.name, m.text), m.label FROM mentions AS m"
        " LEFT JOIN entities AS e USING (entity_id) WHERE m.doc_id IN (SELECT doc_id FROM review_chunk)"
        " ORDER BY m.doc_id, m.start_offset, m.end_offset"
    ).fetchall())
    evidence = {row[0]: row for row in con.execute(
        "SELECT doc_id, canonical_id, method, matched_id, similarity, jaccard, containment, contained_id"
        " FROM duplicates WHERE doc_id IN (SELECT doc_id FROM review_chunk)"
    ).fetchall()}
    groups = _grouped(con.execute(
        """
        SELECT coalesce(d.duplicate_of, d.doc_id) AS canonical, d.doc_id, d.source_uri, x.method, x.similarity
        FROM documents AS d LEFT JOIN duplicates AS x USING (doc_id)
        WHERE coalesce(d.duplicate_of, d.doc_id) IN (
            SELECT coalesce(duplicate_of, doc_id) FROM documents WHERE doc_id IN (SELECT doc_id FROM review_chunk))
          AND d.deleted_at IS NULL
        ORDER BY canonical, d.duplicate_of NULLS FIRST, d.doc_id
        """
    ).fetchall())
    canonical_texts = dict(con.execute(
        "SELECT doc_id, text FROM documents WHERE doc_id IN ("
        " SELECT canonical_id FROM duplicates WHERE method = 'near' AND doc_id IN (SELECT doc_id FROM review_chunk))"
    ).fetchall())
    for doc_id in ids:
        row = rows.get(doc_id)
        if row is None:
            continue
        yield _page(row, changes.get(doc_id, []), mentions.get(doc_id, []), evidence.get(doc_id),
                    groups.get(row["duplicate_of"] or doc_id, []), canonical_texts)


def _page(row: dict, changes: list[tuple], mentions: list[tuple], evidence: tuple | None,
          group: list[tuple], canonical_texts: dict[str, str]) -> DocumentPage:
    raw = row["raw_text"] or ""
    cut_at = SHOWN_CHARS if len(raw) > SHOWN_CHARS else None
    shown = [change for change in changes if cut_at is None or change[3] <= cut_at]
    page = DocumentPage(
        metadata={name: row[name] for name in METADATA},
        segments=segments(raw if cut_at is None else raw[: max([cut_at] + [c[4] for c in shown])], shown),
        cut_at=cut_at,
        clean=mention_pieces(row["text"], mentions),
        review_reason=row.get("review_reason"),
    )
    if len(group) > 1:
        page.group = [dict(zip(("doc_id", "source_uri", "method", "similarity"), member)) for member in group]
    if evidence is not None:
        page.duplicate = dict(zip(("doc_id", "canonical_id", "method", "matched_id", "similarity", "jaccard",
                                   "containment", "contained_id"), evidence))
        if evidence[2] == "near" and evidence[1] in canonical_texts:
            page.diff = paragraph_diff(row["text"], canonical_texts[evidence[1]])
    return page


def mention_pieces(text: str, mentions: list[tuple[int, int, str, str]]) -> list[MentionPiece]:
    """The clean text cut at its mentions (sorted by offset; one overlapping an earlier mention is skipped)."""
    pieces = []
    cursor = 0
    for start, end, entity, label in mentions:
        if start < cursor or end > len(text):
            continue
        if start > cursor:
            pieces.append(MentionPiece(text[cursor:start]))
        pieces.append(MentionPiece(text[start:end], entity, label))
        cursor = end
    if cursor < len(text):
        pieces.append(MentionPiece(text[cursor:]))
    return pieces


def paragraph_diff(text: str, canonical: str) -> list[DiffRow]:
    """This document's paragraphs beside its canonical copy's, aligned by ``difflib``; changed ones paired in order."""
    left, right = _paragraphs(text), _paragraphs(canonical)
    rows = []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, left, right, autojunk=False).get_opcodes():
        if tag == "equal":
            rows += [DiffRow("equal", a, b) for a, b in zip(left[i1:i2], right[j1:j2])]
            continue
        for a, b in zip_longest(left[i1:i2], right[j1:j2]):
            rows.append(DiffRow("replace" if a is not None and b is not None else "delete" if b is None else "insert",
                                a or "", b or ""))
    return rows


def _paragraphs(text: str) -> list[str]:
    return [paragraph.strip() for paragraph in text.split("\n\n") if paragraph.strip()]


def _grouped(rows: list[tuple]) -> dict[str, list[tuple]]:
    """Rows keyed by their first column, the rest of each row kept in order."""
    grouped: dict[str, list[tuple]] = defaultdict(list)
    for row in rows:
        grouped[row[0]].append(tuple(row[1:]))
    return grouped
