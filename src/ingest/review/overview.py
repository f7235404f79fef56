"""What a run page shows: the run's counts, its removals, repairs, languages, duplicates and rejects.

Everything is aggregated in DuckDB over the documents in scope, so a run of any
size costs a handful of queries; long lists (duplicates, rejects, flagged
documents) are cut at ``LIST_LIMIT`` rows with their full count beside them.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import duckdb

from ingest.review.scope import Scope

LIST_LIMIT = 500
# Removed share per document is drawn as a histogram of this many equal bins from 0 to 100 %.
SHARE_BINS = 10


@dataclass(frozen=True)
class Table:
    """Rows to show under a heading, and how many there are in all (more than shown when cut)."""

    columns: list[str]
    rows: list[tuple]
    total: int


@dataclass
class Overview:
    run: dict | None
    documents: int
    counts: list[tuple[str, int]]
    removals_by_kind: Table
    removals_by_rule: Table
    repairs_by_kind: Table
    languages: Table
    duplicates: Table
    rejects: Table
    flagged: Table | None
    share_histogram: list[int] = field(default_factory=list)


def overview(con: duckdb.DuckDBPyConnection, scope: Scope) -> Overview:
    """Gather the run page's figures for ``scope``."""
    docs = f"doc_id IN ({scope.documents_sql})"
    p = scope.parameters

    def table(sql: str, parameters: list | None = None, limit: int | None = None) -> Table:
        cursor = con.execute(sql + (f" LIMIT {limit}" if limit else ""), p if parameters is None else parameters)
        columns = [column[0] for column in cursor.description]
        rows = cursor.fetchall()
        total = len(rows)
        if limit is not None and total == limit:
            total = con.execute(f"SELECT count(*) FROM ({sql})", p if parameters is None else parameters).fetchone()[0]
        return Table(columns, rows, total)

    documents = con.execute(f"SELECT count(*) FROM documents WHERE {docs}", p).fetchone()[0]
    removed = con.execute(
        f"SELECT count(*), coalesce(sum(end_offset - start_offset), 0) FROM removed_spans WHERE {docs}", p
    ).fetchone()
    repairs = con.execute(f"SELECT count(*) FROM edits WHERE {docs}", p).fetchone()[0]
    raw, clean = con.execute(
        f"SELECT coalesce(sum(raw_chars), 0), coalesce(sum(clean_chars), 0) FROM documents WHERE {docs}", p
    ).fetchone()
    duplicates = con.execute(f"SELECT count(*) FROM documents WHERE {docs} AND duplicate_of IS NOT NULL", p).fetchone()[0]
    rejects_where, rejects_parameters = ("TRUE", []) if scope.run_id is None else ("run_id = ?", [scope.run_id])
    counts = [
        ("documents", documents),
        ("duplicates", duplicates),
        ("rejects", con.execute(f"SELECT count(*) FROM rejects WHERE {rejects_where}", rejects_parameters).fetchone()[0]),
        ("spans removed", removed[0]),
        ("characters removed", removed[1]),
        ("repairs", repairs),
        ("raw characters", raw),
        ("clean characters", clean),
    ]
    return Overview(
        run=_run_row(con, scope.run_id),
        documents=documents,
        counts=counts,
        removals_by_kind=table(
            f"SELECT kind, count(*) AS spans, sum(end_offset - start_offset) AS chars, count(DISTINCT doc_id) AS documents"
            f" FROM removed_spans WHERE {docs} GROUP BY kind ORDER BY chars DESC, kind"
        ),
        removals_by_rule=table(
            f"SELECT rule, kind, count(*) AS spans, sum(end_offset - start_offset) AS chars,"
            f" count(DISTINCT doc_id) AS documents FROM removed_spans WHERE {docs}"
            f" GROUP BY rule, kind ORDER BY chars DESC, rule, kind"
        ),
        repairs_by_kind=table(
            f"SELECT kind, rule, count(*) AS repairs, count(DISTINCT doc_id) AS documents FROM edits WHERE {docs}"
            f" GROUP BY kind, rule ORDER BY repairs DESC, kind, rule"
        ),
        languages=table(
            f"SELECT language, count(*) AS documents FROM documents WHERE {docs} GROUP BY language"
            f" ORDER BY documents DESC, language"
        ),
        duplicates=table(
            f"SELECT doc_id, canonical_id, method, similarity, jaccard, containment FROM duplicates WHERE {docs}"
            f" ORDER BY method, canonical_id, doc_id",
            limit=LIST_LIMIT,
        ),
        rejects=table(
            f"SELECT source_uri, reason, rejected_at FROM rejects WHERE {rejects_where} ORDER BY source_uri, rejected_at",
            rejects_parameters, limit=LIST_LIMIT,
        ),
        flagged=_flagged(con, docs, p),
        share_histogram=_share_histogram(con, docs, p),
    )


def _run_row(con: duckdb.DuckDBPyConnection, run_id: str | None) -> dict | None:
    if run_id is None:
        return None
    cursor = con.execute(
        "SELECT run_id, status, started_at, finished_at, source, pipeline_version, files_seen, files_unchanged,"
        " documents_loaded, documents_deleted, error FROM runs WHERE run_id = ?",
        [run_id],
    )
    return dict(zip([column[0] for column in cursor.description], cursor.fetchone()))


def _flagged(con: duckdb.DuckDBPyConnection, docs: str, parameters: list) -> Table | None:
    """Documents a rule flagged for a person to look at, when the warehouse records them (``review_reason``)."""
    has_column = con.execute(
        "SELECT count(*) FROM information_schema.columns WHERE table_name = 'documents' AND column_name = 'review_reason'"
    ).fetchone()[0]
    if not has_column:
        return None
    sql = (f"SELECT doc_id, source_uri, review_reason FROM documents WHERE {docs} AND review_reason IS NOT NULL"
           f" ORDER BY source_uri")
    rows = con.execute(sql + f" LIMIT {LIST_LIMIT}", parameters).fetchall()
    total = con.execute(f"SELECT count(*) FROM ({sql})", parameters).fetchone()[0]
    return Table(["doc_id", "source_uri", "review_reason"], rows, total)


def _share_histogram(con: duckdb.DuckDBPyConnection, docs: str, parameters: list) -> list[int]:
    """Documents per bin of removed share (removed characters over raw characters), the last bin closed at 100 %."""
    rows = con.execute(
        f"""
        SELECT least(floor(coalesce(r.chars, 0) / greatest(d.raw_chars, 1) * {SHARE_BINS}), {SHARE_BINS - 1}) AS bin,
               count(*)
        FROM documents AS d
        LEFT JOIN (SELECT doc_id, sum(end_offset - start_offset) AS chars FROM removed_spans GROUP BY doc_id) AS r
            USING (doc_id)
        WHERE d.{docs}
        GROUP BY bin
        """,
        parameters,
    ).fetchall()
    bins = [0] * SHARE_BINS
    for index, count in rows:
        bins[int(index)] = count
    return bins
