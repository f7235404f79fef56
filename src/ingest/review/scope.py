"""Which documents a review covers: a run's or the whole warehouse's, and which of them get a page.

A run's documents are those it loaded (``documents.run_id``); the whole warehouse
is every current document. A large run cannot be read page by page, so pages go
to a choice of documents: the ones cleaning cut most, a seeded random sample, or
every document; a kind or rule of change narrows the choice to the documents it
touched.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

import duckdb

from ingest.warehouse_queries import LATEST, resolve_run

WHOLE_WAREHOUSE = "all"
# Pages written by default: enough to judge a run by, few enough to write in seconds.
DEFAULT_TOP = 25
DEFAULT_SAMPLE = 25


class NothingToReview(LookupError):
    """The warehouse has no run of that id (or no run at all)."""


@dataclass(frozen=True)
class Selection:
    """What to review and which documents get a page of their own.

    ``run`` is a run id, ``latest`` or ``all`` (the whole warehouse). ``top`` pages go
    to the documents with the largest removed share, ``sample`` to a random sample
    drawn with ``seed``, and ``every_document`` gives every one a page; ``kind`` and
    ``rule`` keep only documents with a change of that kind or rule.
    """

    run: str = LATEST
    top: int = DEFAULT_TOP
    sample: int = DEFAULT_SAMPLE
    seed: int = 0
    kind: str | None = None
    rule: str | None = None
    every_document: bool = False


@dataclass(frozen=True)
class Scope:
    """The resolved run (None for the whole warehouse) and the SQL that lists its documents."""

    run_id: str | None

    @property
    def documents_sql(self) -> str:
        """A SELECT of the doc_ids in scope, with its parameters in ``parameters``."""
        if self.run_id is None:
            return "SELECT doc_id FROM documents WHERE deleted_at IS NULL"
        return "SELECT doc_id FROM documents WHERE run_id = ?"

    @property
    def parameters(self) -> list:
        return [] if self.run_id is None else [self.run_id]


def resolve_scope(con: duckdb.DuckDBPyConnection, run: str) -> Scope:
    """The scope of ``run``: ``all`` is the whole warehouse; ``latest`` or an id must name a recorded run."""
    if run == WHOLE_WAREHOUSE:
        return Scope(None)
    run_id = resolve_run(con, run)
    if run_id is None or con.execute("SELECT 1 FROM runs WHERE run_id = ?", [run_id]).fetchone() is None:
        raise NothingToReview("the warehouse has no runs yet" if run_id is None else f"no run with id {run!r}")
    return Scope(run_id)


def chosen_documents(con: duckdb.DuckDBPyConnection, scope: Scope, selection: Selection) -> list[str]:
    """The doc_ids that get a page, largest removed share first, then the sample in doc_id order.

    The sample is drawn from the documents that the filters keep and ``top`` did not
    take, so the same seed over the same warehouse picks the same documents.
    """
    ranked = [doc_id for (doc_id,) in con.execute(
        f"""
        SELECT d.doc_id
        FROM documents AS d
        LEFT JOIN (SELECT doc_id, sum(end_offset - start_offset) AS chars FROM removed_spans GROUP BY doc_id) AS r
            USING (doc_id)
        WHERE d.doc_id IN ({scope.documents_sql}) {_filters(selection)}
        ORDER BY coalesce(r.chars, 0) / greatest(d.raw_chars, 1) DESC, d.doc_id
        """,
        scope.parameters + [value for value in (selection.kind, selection.rule) if value is not None],
    ).fetchall()]
    if selection.every_document:
        return ranked
    top = ranked[: selection.top]
    rest = sorted(ranked[selection.top:])
    sample = sorted(random.Random(selection.seed).sample(rest, min(selection.sample, len(rest))))
    return top + sample


def _filters(selection: Selection) -> str:
    conditions = []
    if selection.kind is not None:
        conditions.append("AND d.doc_id IN (SELECT doc_id FROM document_changes WHERE kind = ?)")
    if selection.rule is not None:
        conditions.append("AND d.doc_id IN (SELECT doc_id FROM document_changes WHERE rule = ?)")
    return " ".join(conditions)
