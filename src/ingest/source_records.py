"""Records of a record file as sources: planned one by one, read back one by one.

Planning lists a record file's records (``list_records``) with each one's hash, so
that only new and changed records are processed, and records gone from the file
are deleted. Each record to process is a ``SourceRecord``: where its file is and
where the record lies in it, never its content, so a plan of millions of records
holds no text. A batch reads its records back in the worker (``read_record``),
each checked against the hash it was planned with, and hands each to the
document guard like a file's bytes: one record is one document under the limits.

A worker reads the records of a batch in file order through one open cursor per
thread, so a compressed file is decompressed once a batch, not once a record.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import BinaryIO

from ingest.decode import RawFile, RejectedInput
from ingest.discover import FileStamp, NotReadable, SourceFile, open_source_file, trusted_stamp
from ingest.formats import record_format_for
from ingest.formats.records import BadRecord, Record, RecordFields, RecordFormat, record_uri

# A record further than this many records ahead of the cursor is reached by
# starting again at its offset, when the file allows it at no cost; nearer, by reading on.
MAX_RECORDS_READ_ON = 256
CHANGED = "file changed while being read; the next run reads it again"


@dataclass(frozen=True)
class SourceRecord(SourceFile):
    """One record of a record file: its file's path, its own ``source_uri``, and where it lies."""

    record_id: str = ""
    ordinal: int = 0
    offset: int = 0
    sha256: str = ""  # the record's hash when planned: what is read back must match it
    fields: RecordFields = field(default_factory=RecordFields)


@dataclass(frozen=True)
class RawRecord(RawFile):
    """A record read back: its document's bytes, their media type, and the record's other fields."""

    media_type: str = "text/plain"
    metadata: Mapping[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class RefusedRecord:
    """A record that cannot be a document, found while planning."""

    source_uri: str
    reason: str
    sha256: str | None
    size: int | None = None


def is_record_file(source: SourceFile) -> bool:
    return not isinstance(source, SourceRecord) and record_format_for(source.path.name) is not None


def list_records(source: SourceFile, fields: RecordFields) -> Iterator[SourceRecord | RefusedRecord]:
    """Every record of a record file, as a source to plan; raises ``RejectedInput`` or ``NotReadable`` for the file.

    A record id seen before in the same file is refused: two documents cannot share a name.
    """
    record_format = record_format_for(source.path.name)
    seen: set[str] = set()
    with open_source_file(source.path, source.root) as handle:
        for record in record_format.records(handle, source.path.name, fields):
            uri = record_uri(source.source_uri, record.record_id)
            if isinstance(record, BadRecord):
                yield RefusedRecord(uri, record.reason, record.sha256)
            elif record.record_id in seen:
                yield RefusedRecord(uri, f"record {record.ordinal} repeats the id {record.record_id!r} of an earlier record", record.sha256)
            else:
                seen.add(record.record_id)
                yield SourceRecord(
                    source.path, uri, source.root, record.record_id, record.ordinal, record.offset, record.sha256, fields
                )


def read_record(source: SourceRecord) -> RawRecord:
    """Read a planned record back; raises ``RejectedInput`` when it is not what was planned (its file changed)."""
    cursor = _cursor_for(source)
    record = cursor.read(source)
    if record.record_id != source.record_id or record.sha256 != source.sha256:
        raise RejectedInput(CHANGED)
    if isinstance(record, BadRecord):
        raise RejectedInput(record.reason)
    return RawRecord(record.data, record.sha256, cursor.stamp, record.media_type, record.metadata)


@contextmanager
def record_cursors() -> Iterator[None]:
    """Close the record file this thread kept open, when the batch that read it ends."""
    try:
        yield
    finally:
        _close_cursor()


class _Cursor:
    """A record file open in this thread, its records read on in order."""

    def __init__(self, source: SourceRecord, record_format: RecordFormat) -> None:
        self.key = (source.path, source.root, source.fields)
        self.format = record_format
        try:
            self.handle: BinaryIO = open_source_file(source.path, source.root)
        except NotReadable as error:
            raise RejectedInput(str(error)) from error
        except OSError as error:
            raise RejectedInput(f"file could not be read: {error.strerror or error}") from error
        self.stamp: FileStamp | None = trusted_stamp(os.fstat(self.handle.fileno()))
        self.records: Iterator[Record | BadRecord] | None = None
        self.ordinal = 0

    def read(self, source: SourceRecord) -> Record | BadRecord:
        if self.records is None or source.ordinal <= self.ordinal or (
            self.format.seekable(source.path.name) and source.ordinal - self.ordinal > MAX_RECORDS_READ_ON
        ):
            self.records = self.format.records(
                self.handle, source.path.name, source.fields, source.offset, source.ordinal - 1
            )
        for record in self.records:
            self.ordinal = record.ordinal
            if record.ordinal == source.ordinal:
                return record
            if record.ordinal > source.ordinal:
                break
        self.records = None
        raise RejectedInput(CHANGED)

    def close(self) -> None:
        self.records = None
        self.handle.close()


_open = threading.local()


def _cursor_for(source: SourceRecord) -> _Cursor:
    cursor: _Cursor | None = getattr(_open, "cursor", None)
    if cursor is not None and cursor.key == (source.path, source.root, source.fields):
        return cursor
    _close_cursor()
    _open.cursor = _Cursor(source, record_format_for(source.path.name))
    return _open.cursor


def _close_cursor() -> None:
    cursor = getattr(_open, "cursor", None)
    if cursor is not None:
        _open.cursor = None
        cursor.close()
