"""The ``runs`` table: one row per run, published with the run's data.

A completed run's row lands with its data in the staging swap. A run that fails
records a ``failed`` row in the published warehouse (best effort) while its data
is rolled back; a run killed outright leaves no row, and Prefect shows it crashed.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import asdict, dataclass, field
from datetime import datetime, timezone

import duckdb


@dataclass
class RunSummary:
    """What a run did, for the person who started it and for the ``runs`` table."""

    run_id: str
    source: str
    warehouse: str
    pipeline_version: str
    status: str = "running"
    files_seen: int = 0
    files_unchanged: int = 0
    documents_loaded: int = 0
    documents_deleted: int = 0
    duplicates: int = 0
    rejects: int = 0
    removed_spans: int = 0
    edits: int = 0
    entities: int = 0
    mentions: int = 0
    languages_skipped_by_ner: int = 0
    # Documents loaded with a review_reason: the body-loss guard doubted their removals.
    documents_flagged: int = 0
    removed_by_kind: Counter = field(default_factory=Counter)
    stage_seconds: Counter = field(default_factory=Counter)
    seconds: float = 0.0
    error: str | None = None

    def as_dict(self) -> dict:
        data = asdict(self)
        data["removed_by_kind"] = dict(self.removed_by_kind)
        data["stage_seconds"] = {k: round(v, 3) for k, v in self.stage_seconds.items()}
        return data


def utc_now() -> datetime:
    """Naive UTC, the convention of every TIMESTAMP column in the warehouse."""
    return datetime.now(timezone.utc).replace(tzinfo=None)


def start_run(con: duckdb.DuckDBPyConnection, summary: RunSummary, parameters: dict, started_at: datetime) -> None:
    con.execute(
        "INSERT OR REPLACE INTO runs (run_id, started_at, status, source, pipeline_version, parameters)"
        " VALUES (?, ?, 'running', ?, ?, ?)",
        [summary.run_id, started_at, summary.source, summary.pipeline_version, json.dumps(parameters, default=str)],
    )


def finish_run(con: duckdb.DuckDBPyConnection, summary: RunSummary) -> None:
    con.execute(
        """
        UPDATE runs SET finished_at = ?, status = ?, files_seen = ?, files_unchanged = ?,
            documents_loaded = ?, documents_deleted = ?, duplicates = ?, rejects = ?,
            removed_spans = ?, edits = ?, entities = ?, mentions = ?,
            languages_skipped_by_ner = ?, documents_flagged = ?, stage_seconds = ?, error = ?
        WHERE run_id = ?
        """,
        [
            utc_now(), summary.status, summary.files_seen, summary.files_unchanged,
            summary.documents_loaded, summary.documents_deleted, summary.duplicates, summary.rejects,
            summary.removed_spans, summary.edits, summary.entities, summary.mentions,
            summary.languages_skipped_by_ner, summary.documents_flagged, json.dumps(summary.as_dict()["stage_seconds"]), summary.error,
            summary.run_id,
        ],
    )
