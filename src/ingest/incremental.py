"""Deciding what a run must do: which files are new or changed, which are unchanged, which are gone.

A file is unchanged when its content hash and the pipeline version that processed
it both match the warehouse: it is skipped without decoding, cleaning or tagging.
Bumping ``PIPELINE_VERSION`` therefore reprocesses everything it affects.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass, field

import duckdb

from ingest.discover import NotReadable, SkippedPath, SourceFile, open_source_file
from ingest.document import doc_id_for


@dataclass
class RunPlan:
    to_process: list[SourceFile] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    disappeared: list[str] = field(default_factory=list)
    rejects: list[tuple[str, str]] = field(default_factory=list)

    @property
    def files_seen(self) -> int:
        return len(self.to_process) + len(self.unchanged) + len(self.rejects)

    @property
    def changes_warehouse(self) -> bool:
        """Whether the run has anything to write: files to process, files gone, or refusals."""
        return bool(self.to_process or self.disappeared or self.rejects)


def known_versions(con: duckdb.DuckDBPyConnection) -> dict[str, tuple[str, str]]:
    """Current documents of the warehouse: doc_id → (content hash, pipeline version)."""
    rows = con.execute(
        "SELECT doc_id, content_sha256, pipeline_version FROM documents WHERE deleted_at IS NULL"
    ).fetchall()
    return {doc_id: (sha, version) for doc_id, sha, version in rows}


def plan_run(
    found: Iterable[SourceFile | SkippedPath], known: dict[str, tuple[str, str]], pipeline_version: str
) -> RunPlan:
    """Sort discovered paths into work to do, work already done, and refusals."""
    plan = RunPlan()
    present: set[str] = set()
    for item in found:
        if isinstance(item, SkippedPath):
            plan.rejects.append((item.source_uri, item.reason))
            continue
        doc_id = doc_id_for(item.source_uri)
        present.add(doc_id)
        try:
            digest = file_sha256(item)
        except NotReadable as reason:
            plan.rejects.append((item.source_uri, str(reason)))
            continue
        except OSError as error:
            plan.rejects.append((item.source_uri, f"file could not be read: {error.strerror or error}"))
            continue
        if known.get(doc_id) == (digest, pipeline_version):
            plan.unchanged.append(doc_id)
        else:
            plan.to_process.append(item)
    plan.disappeared = sorted(set(known) - present)
    return plan


def file_sha256(source: SourceFile) -> str:
    """Hash of the file's bytes, streamed: planning never holds a whole file."""
    with open_source_file(source.path) as handle:
        return hashlib.file_digest(handle, "sha256").hexdigest()
