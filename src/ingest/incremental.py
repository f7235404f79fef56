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

A record file (JSONL, WARC, Parquet, CSV) is planned record by record: while its
stamp is the one stored with every one of its documents, all are unchanged
unread; otherwise it is read through, and only records whose hash changed are
processed, records gone from it are deleted, and a bad record is refused alone.
"""

from __future__ import annotations

import hashlib
import itertools
import os
from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, NamedTuple

from ingest.discover import (
    FileStamp,
    NotReadable,
    SkippedPath,
    SourceFile,
    UnlistedFolder,
    open_source_file,
    trusted_stamp,
)
from ingest.decode import RejectedInput
from ingest.document import doc_id_for
from ingest.document_limits import DocumentLimits
from ingest.formats import record_format_for
from ingest.formats.records import RecordFields, file_uri_of
from ingest.planned_sources import PlannedSources
from ingest.reject_keys import RejectKey
from ingest.source_records import RefusedRecord, SourceRecord, is_record_file, list_records

if TYPE_CHECKING:
    import duckdb


# Threads hashing files while planning, and files handed to them at a time.
HASH_THREADS = 4
HASH_CHUNK = 1024


class KnownFile(NamedTuple):
    """What the warehouse holds about a live document's source file."""

    content_sha256: str
    pipeline_version: str
    stamp: FileStamp | None = None
    # Where the file was: a document under a folder that could not be listed is kept.
    source_uri: str | None = None


class KnownReject(NamedTuple):
    """The latest refusal of a path: why, and what the file was then (when it was read at all)."""

    reason: str
    pipeline_version: str | None
    content_sha256: str | None = None
    stamp: FileStamp | None = None
    # The limit of one document the file exceeded, and its value then (``document_limits``).
    limit: str | None = None
    limit_value: float | None = None


@dataclass
class RunPlan:
    # Held as Arrow columns, not objects: a record file may plan millions of records.
    to_process: PlannedSources = field(default_factory=PlannedSources)
    unchanged: list[str] = field(default_factory=list)
    disappeared: list[str] = field(default_factory=list)
    rejects: list[tuple[str, str]] = field(default_factory=list)
    # What each refused file was, by source_uri, stored with its reject row.
    reject_keys: dict[str, RejectKey] = field(default_factory=dict)
    # Files refused before and unchanged since: neither read nor recorded again.
    still_refused: list[str] = field(default_factory=list)
    # Unchanged files whose stamp moved (touched, copied, restored): storing the new
    # stamp lets the next run skip them unread. Written only by a run that writes anyway.
    restamped: dict[str, FileStamp] = field(default_factory=dict)
    # Live documents the warehouse held when planned: what deletions are measured against.
    known_documents: int = 0
    # Live documents under a folder that could not be listed: neither found nor gone, kept as they were.
    unlisted: list[str] = field(default_factory=list)

    @property
    def files_seen(self) -> int:
        return len(self.to_process) + len(self.unchanged) + len(self.rejects) + len(self.still_refused)

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
        f"SELECT doc_id, content_sha256, pipeline_version, {stamp_columns}, source_uri FROM documents WHERE deleted_at IS NULL"
    ).fetchall()
    return {
        doc_id: KnownFile(
            sha, version, FileStamp(size, mtime, ctime) if mtime is not None and ctime is not None else None, uri
        )
        for doc_id, sha, version, size, mtime, ctime, uri in rows
    }


def known_rejects(con: duckdb.DuckDBPyConnection) -> dict[str, KnownReject]:
    """The latest refusal of every path the warehouse refused: source_uri → reason and file state."""
    keyed = con.execute(
        "SELECT count(*) FROM duckdb_columns() WHERE table_name = 'rejects' AND column_name = 'content_sha256'"
    ).fetchone()[0]
    if not keyed:  # refusals recorded before they were keyed are all tried again, once
        return {}
    limited = con.execute(
        "SELECT count(*) FROM duckdb_columns() WHERE table_name = 'rejects' AND column_name = 'limit_name'"
    ).fetchone()[0]
    limit_columns = "limit_name, limit_value" if limited else "NULL, NULL"
    rows = con.execute(
        "SELECT source_uri, reason, pipeline_version, content_sha256, source_bytes, source_mtime_ns, source_ctime_ns,"
        f" {limit_columns}"
        " FROM rejects QUALIFY row_number() OVER (PARTITION BY source_uri ORDER BY rejected_at DESC) = 1"
    ).fetchall()
    return {
        uri: KnownReject(
            reason, version, sha, FileStamp(size, mtime, ctime) if mtime is not None and ctime is not None else None,
            limit, limit_value,
        )
        for uri, reason, version, sha, size, mtime, ctime, limit, limit_value in rows
    }


def plan_run(
    found: Iterable[SourceFile | SkippedPath],
    known: dict[str, KnownFile],
    pipeline_version: str,
    refused: Mapping[str, KnownReject] | None = None,
    limits: DocumentLimits | None = None,
    fields: RecordFields | None = None,
) -> RunPlan:
    """Sort discovered paths into work to do, work already done, and refusals.

    A path refused before (``refused``, from ``known_rejects``) and unchanged
    since is neither read nor recorded again, so a folder holding a bad file
    still has runs that change nothing: a discovery refusal is unchanged while its
    reason is; a file that was read, while its content hash is and the pipeline
    version too (a new version may accept it), and, for a file refused at a limit
    of one document, while ``limits`` gives that limit no higher value; a file
    that could not be read, while its stamp is.

    A document is gone only when its folder was listed: the documents under a
    folder that could not be (an ``UnlistedFolder``) are kept as they were, and
    the folder is refused with the reason.
    """
    refused = refused or {}
    plan = RunPlan(known_documents=len(known))
    present: set[str] = set()
    unlisted: list[UnlistedFolder] = []
    records_of = _records_by_file(known)
    for item, doc_id, (stamp, digest) in _examined(found, known, refused):
        if isinstance(item, UnlistedFolder):
            unlisted.append(item)
        if isinstance(item, SkippedPath):
            _refuse(plan, item.source_uri, item.reason, RejectKey(None, None), refused)
            continue
        if isinstance(digest, (NotReadable, OSError)):
            present.add(doc_id)
            _refuse(plan, item.source_uri, _unreadable_reason(digest), RejectKey(None, stamp), refused)
        elif is_record_file(item):
            context = _RecordPlanning(plan, known, refused, pipeline_version, limits, present)
            context.plan_file(item, stamp, records_of.get(item.source_uri, []), fields or RecordFields())
        else:
            present.add(doc_id)
            _plan_document(plan, item, doc_id, stamp, digest, known, refused, pipeline_version, limits)
    missing = set(known) - present
    plan.unlisted = sorted(
        doc_id for doc_id in missing
        if known[doc_id].source_uri is not None and any(folder.holds(known[doc_id].source_uri) for folder in unlisted)
    )
    plan.disappeared = sorted(missing - set(plan.unlisted))
    return plan


def _plan_document(
    plan: RunPlan, item: SourceFile, doc_id: str, stamp: FileStamp | None, digest: object, known: dict[str, KnownFile],
    refused: Mapping[str, KnownReject], pipeline_version: str, limits: DocumentLimits | None,
) -> None:
    """Sort one document, a file or a record, into new or changed, unchanged, or still refused."""
    previous = known.get(doc_id)
    if previous is None and _still_refused(refused.get(item.source_uri), stamp, digest, pipeline_version, limits):
        plan.still_refused.append(item.source_uri)
    elif previous is None or previous.pipeline_version != pipeline_version:
        plan.to_process.append(item)
    elif digest is None or digest == previous.content_sha256:
        plan.unchanged.append(doc_id)
        if stamp is not None and stamp != previous.stamp:
            plan.restamped[doc_id] = stamp
    else:
        plan.to_process.append(item)


def _records_by_file(known: dict[str, KnownFile]) -> dict[str, list[str]]:
    """The doc_ids of the records the warehouse holds, by the ``source_uri`` of their record file."""
    found: dict[str, list[str]] = defaultdict(list)
    for doc_id, version in known.items():
        uri = version.source_uri
        if uri is not None and "#" in uri and record_format_for(file_uri_of(uri)) is not None:
            found[file_uri_of(uri)].append(doc_id)
    return found


@dataclass
class _RecordPlanning:
    """Planning the records of one record file into the run's plan."""

    plan: RunPlan
    known: dict[str, KnownFile]
    refused: Mapping[str, KnownReject]
    pipeline_version: str
    limits: DocumentLimits | None
    present: set[str]

    def plan_file(self, item: SourceFile, stamp: FileStamp | None, known_records: list[str], fields: RecordFields) -> None:
        """Skip an unchanged file unread; else plan each of its records.

        A file that cannot be read through (damaged, missing its text column) is
        refused, and its documents not yet seen are kept as they were, not deleted.
        """
        if stamp is not None and known_records and all(
            self.known[doc_id].stamp == stamp and self.known[doc_id].pipeline_version == self.pipeline_version
            for doc_id in known_records
        ):
            self.plan.unchanged.extend(known_records)
            self.present.update(known_records)
            return
        try:
            for record in list_records(item, fields):
                self._plan_record(record, stamp)
        except (RejectedInput, NotReadable, OSError) as error:
            reason = str(error) if isinstance(error, (RejectedInput, NotReadable)) else _unreadable_reason(error)
            _refuse(self.plan, item.source_uri, reason, RejectKey(None, stamp), self.refused)
            self.present.update(known_records)

    def _plan_record(self, record: SourceRecord | RefusedRecord, stamp: FileStamp | None) -> None:
        self.present.add(doc_id_for(record.source_uri))
        if isinstance(record, RefusedRecord):
            _refuse(self.plan, record.source_uri, record.reason, RejectKey(record.sha256, stamp, record.size), self.refused)
            return
        _plan_document(
            self.plan, record, doc_id_for(record.source_uri), stamp, record.sha256, self.known, self.refused,
            self.pipeline_version, self.limits,
        )


def _unreadable_reason(error: Exception) -> str:
    if isinstance(error, NotReadable):
        return str(error)
    return f"file could not be read: {getattr(error, 'strerror', None) or error}"


def _refuse(plan: RunPlan, uri: str, reason: str, key: RejectKey, refused: Mapping[str, KnownReject]) -> None:
    """Record a refusal found while planning, unless the same refusal of an unchanged path is on record."""
    before = refused.get(uri)
    same_record = key.content_sha256 is not None and key.content_sha256 == before.content_sha256 if before else False
    if before is not None and before.reason == reason and (key.stamp is None or key.stamp == before.stamp or same_record):
        plan.still_refused.append(uri)
        return
    plan.rejects.append((uri, reason))
    plan.reject_keys[uri] = key


def _still_refused(
    before: KnownReject | None, stamp: FileStamp | None, digest: object, pipeline_version: str,
    limits: DocumentLimits | None,
) -> bool:
    """Whether a file that is no document was refused before in the state it is in now.

    ``digest`` is None when the stamp matched the refusal's, else the file's hash.
    A refusal without a hash (the file could not be read) holds only while the
    stamp is the same: what failed may succeed once the file changed.
    """
    if before is None or before.pipeline_version != pipeline_version:
        return False
    if before.limit is not None and _raised(before, limits):
        return False
    if before.content_sha256 is None:
        return stamp is not None and stamp == before.stamp
    return digest is None or digest == before.content_sha256


def _raised(before: KnownReject, limits: DocumentLimits | None) -> bool:
    """Whether the limit a file exceeded is higher now; a run with no limits lifts them all."""
    if limits is None:
        return True
    return before.limit_value is None or limits.value_of(before.limit) > before.limit_value


Examined = tuple[FileStamp | None, str | Exception | None]


def _examined(
    found: Iterable[SourceFile | SkippedPath], known: dict[str, KnownFile], refused: Mapping[str, KnownReject]
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
            stamped = [_stamp(item, known.get(doc_id) or _as_known(refused, item)) for item, doc_id in zip(chunk, doc_ids)]
            to_hash = [item for item, (_, verdict) in zip(chunk, stamped) if verdict is _MUST_HASH]
            digests = pool.map(_digest, to_hash)
            for item, doc_id, (stamp, verdict) in zip(chunk, doc_ids, stamped):
                yield item, doc_id, (stamp, next(digests) if verdict is _MUST_HASH else verdict)


def _chunks(items: Iterable) -> Iterator[tuple]:
    iterator = iter(items)
    while chunk := tuple(itertools.islice(iterator, HASH_CHUNK)):
        yield chunk


def _as_known(refused: Mapping[str, KnownReject], item: SourceFile | SkippedPath) -> KnownFile | None:
    """A refused file's hash and stamp, compared as a document's are: a matching stamp spares the read."""
    before = refused.get(item.source_uri)
    if before is None or (before.content_sha256 is None and before.stamp is None):
        return None
    return KnownFile(before.content_sha256 or "", before.pipeline_version or "", before.stamp)


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
    if is_record_file(item):  # hashed record by record when planned
        return stamp, None
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
    with open_source_file(source.path, source.root) as handle:
        return hashlib.file_digest(handle, "sha256").hexdigest()
