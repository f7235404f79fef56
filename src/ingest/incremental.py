"""Deciding what a run must do: which files are new or changed, which are unchanged, which are gone.

A file is unchanged when its content hash and the pipeline version that processed
it both match the warehouse: it is skipped without decoding, cleaning or tagging.
Bumping ``PIPELINE_VERSION`` therefore reprocesses everything it affects.

Hashing every file is what a run over an unchanged corpus would spend its time
on, so a file whose size, modification and change times are still the ones
stored when it was read (its ``FileStamp``) counts as unchanged without being
read, as ``make``, ``rsync`` and git decide. Any write moves the change time, so
only a file rewritten within the same clock tick as its read could hide, and
such stamps are never stored (``discover.trusted_stamp``).
"""

from __future__ import annotations

import hashlib
import itertools
import os
from collections.abc import Iterable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import NamedTuple

import duckdb

from ingest.discover import FileStamp, NotReadable, SkippedPath, SourceFile, open_source_file, trusted_stamp
from ingest.document import doc_id_for


# Threads hashing files while planning, and files handed to them at a time.
HASH_THREADS = 4
HASH_CHUNK = 1024


class KnownFile(NamedTuple):
    """What the warehouse holds about a live document's source file."""

    content_sha256: str
    pipeline_version: str
    stamp: FileStamp | None = None


@dataclass
class RunPlan:
    to_process: list[SourceFile] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    disappeared: list[str] = field(default_factory=list)
    rejects: list[tuple[str, str]] = field(default_factory=list)
    # Unchanged files whose stamp moved (touched, copied, restored): storing the new
    # stamp lets the next run skip them unread. Written only by a run that writes anyway.
    restamped: dict[str, FileStamp] = field(default_factory=dict)
    # Live documents the warehouse held when planned: what deletions are measured against.
    known_documents: int = 0

    @property
    def files_seen(self) -> int:
        return len(self.to_process) + len(self.unchanged) + len(self.rejects)

    @property
    def changes_warehouse(self) -> bool:
        """Whether the run has anything to write: files to process, files gone, or refusals."""
        return bool(self.to_process or self.disappeared or self.rejects)


def known_versions(con: duckdb.DuckDBPyConnection) -> dict[str, KnownFile]:
    """Current documents of the warehouse: doc_id → content hash, pipeline version and stamp."""
    stamped = con.execute(
        "SELECT count(*) FROM duckdb_columns() WHERE table_name = 'documents' AND column_name = 'source_ctime_ns'"
    ).fetchone()[0]
    # A warehouse not yet migrated to stamps is read as if no file had one.
    stamp_columns = "source_bytes, source_mtime_ns, source_ctime_ns" if stamped else "NULL, NULL, NULL"
    rows = con.execute(
        f"SELECT doc_id, content_sha256, pipeline_version, {stamp_columns} FROM documents WHERE deleted_at IS NULL"
    ).fetchall()
    return {
        doc_id: KnownFile(sha, version, FileStamp(size, mtime, ctime) if mtime is not None and ctime is not None else None)
        for doc_id, sha, version, size, mtime, ctime in rows
    }


def plan_run(found: Iterable[SourceFile | SkippedPath], known: dict[str, KnownFile], pipeline_version: str) -> RunPlan:
    """Sort discovered paths into work to do, work already done, and refusals."""
    plan = RunPlan(known_documents=len(known))
    present: set[str] = set()
    for item, doc_id, (stamp, digest) in _examined(found, known):
        if isinstance(item, SkippedPath):
            plan.rejects.append((item.source_uri, item.reason))
            continue
        present.add(doc_id)
        previous = known.get(doc_id)
        if isinstance(digest, NotReadable):
            plan.rejects.append((item.source_uri, str(digest)))
        elif isinstance(digest, OSError):
            plan.rejects.append((item.source_uri, f"file could not be read: {digest.strerror or digest}"))
        elif previous is None or previous.pipeline_version != pipeline_version:
            plan.to_process.append(item)
        elif digest is None or digest == previous.content_sha256:
            plan.unchanged.append(doc_id)
            if stamp is not None and stamp != previous.stamp:
                plan.restamped[doc_id] = stamp
        else:
            plan.to_process.append(item)
    plan.disappeared = sorted(set(known) - present)
    return plan


Examined = tuple[FileStamp | None, str | Exception | None]


def _examined(
    found: Iterable[SourceFile | SkippedPath], known: dict[str, KnownFile]
) -> Iterator[tuple[SourceFile | SkippedPath, str, Examined]]:
    """Each discovered item with its doc_id, its file's stamp and hash (or why it could not be read), in order.

    The hash is None when the stamp already matches the warehouse's. Stamps are
    read in this thread (one ``lstat``, cheaper than handing it to a thread); only
    files that must be hashed go to the pool, where file reads and hashlib release
    the GIL, so a few threads overlap one file's I/O with another's hashing. Chunks
    bound the futures waiting in memory.
    """
    with ThreadPoolExecutor(HASH_THREADS) as pool:
        for chunk in _chunks(found):
            doc_ids = [doc_id_for(item.source_uri) for item in chunk]
            stamped = [_stamp(item, known.get(doc_id)) for item, doc_id in zip(chunk, doc_ids)]
            to_hash = [item for item, (_, verdict) in zip(chunk, stamped) if verdict is _MUST_HASH]
            digests = pool.map(_digest, to_hash)
            for item, doc_id, (stamp, verdict) in zip(chunk, doc_ids, stamped):
                yield item, doc_id, (stamp, next(digests) if verdict is _MUST_HASH else verdict)


def _chunks(items: Iterable) -> Iterator[tuple]:
    iterator = iter(items)
    while chunk := tuple(itertools.islice(iterator, HASH_CHUNK)):
        yield chunk


# The verdict of a stamp that does not settle whether the file changed.
_MUST_HASH = object()


def _stamp(item: SourceFile | SkippedPath, previous: KnownFile | None) -> tuple[FileStamp | None, object]:
    """The file's stamp, and None when it matches the warehouse's, an error, or ``_MUST_HASH``."""
    if isinstance(item, SkippedPath):
        return None, None
    try:
        stamp = trusted_stamp(os.lstat(item.path))
    except OSError as error:
        return None, error
    if stamp is not None and previous is not None and stamp == previous.stamp:
        return stamp, None
    return stamp, _MUST_HASH


def _digest(source: SourceFile) -> str | Exception:
    try:
        return file_sha256(source)
    except (NotReadable, OSError) as error:
        return error


def file_sha256(source: SourceFile) -> str:
    """Hash of the file's bytes, streamed: planning never holds a whole file."""
    with open_source_file(source.path) as handle:
        return hashlib.file_digest(handle, "sha256").hexdigest()
