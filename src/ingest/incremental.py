"""Deciding what a run must do: which files are new or changed, which are unchanged, which are gone.

A file is unchanged when its content hash and the pipeline version that processed
it both match the warehouse: it is skipped without decoding, cleaning or tagging.
Bumping ``PIPELINE_VERSION`` therefore reprocesses everything it affects.
"""

from __future__ import annotations

import hashlib
import itertools
from collections.abc import Iterable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field

import duckdb

from ingest.discover import NotReadable, SkippedPath, SourceFile, open_source_file
from ingest.document import doc_id_for


# Threads hashing files while planning, and files handed to them at a time.
HASH_THREADS = 4
HASH_CHUNK = 1024


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
    for item, digest in _hashed(found):
        if isinstance(item, SkippedPath):
            plan.rejects.append((item.source_uri, item.reason))
            continue
        doc_id = doc_id_for(item.source_uri)
        present.add(doc_id)
        if isinstance(digest, NotReadable):
            plan.rejects.append((item.source_uri, str(digest)))
        elif isinstance(digest, OSError):
            plan.rejects.append((item.source_uri, f"file could not be read: {digest.strerror or digest}"))
        elif known.get(doc_id) == (digest, pipeline_version):
            plan.unchanged.append(doc_id)
        else:
            plan.to_process.append(item)
    plan.disappeared = sorted(set(known) - present)
    return plan


def _hashed(found: Iterable[SourceFile | SkippedPath]) -> Iterator[tuple[SourceFile | SkippedPath, str | Exception | None]]:
    """Each discovered item with its file's hash (or why it could not be read), in order.

    File reads and hashlib release the GIL, so a few threads overlap one file's
    I/O with another's hashing; chunks bound the futures waiting in memory.
    """
    with ThreadPoolExecutor(HASH_THREADS) as pool:
        for chunk in _chunks(found):
            yield from zip(chunk, pool.map(_digest_or_error, chunk))


def _chunks(items: Iterable) -> Iterator[tuple]:
    iterator = iter(items)
    while chunk := tuple(itertools.islice(iterator, HASH_CHUNK)):
        yield chunk


def _digest_or_error(item: SourceFile | SkippedPath) -> str | Exception | None:
    if isinstance(item, SkippedPath):
        return None
    try:
        return file_sha256(item)
    except (NotReadable, OSError) as error:
        return error


def file_sha256(source: SourceFile) -> str:
    """Hash of the file's bytes, streamed: planning never holds a whole file."""
    with open_source_file(source.path) as handle:
        return hashlib.file_digest(handle, "sha256").hexdigest()
