"""Record files: one file that holds many documents (JSONL, a JSON array, WARC, Parquet, CSV).

A corpus often arrives as a few large files of records rather than a folder of
documents. Each record becomes a document of its own, named ``file#record-id``
(``record_uri``), so that it is new, changed, unchanged or deleted on its own
from one run to the next, and a bad record is a reject while the file's other
records load. A record format reads its file as a stream, one record at a time,
and can start again from where a record lies (``Record.offset``): memory follows
the record, never the file.

A record carries the bytes of its document and their media type (``text/plain``
for a JSONL text field, ``text/html`` for a WARC response), which decide the
input format it is read in (``ingest.formats.extract_as``), and the record's other
fields as metadata.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import BinaryIO, Protocol
from urllib.parse import quote

from ingest.decode import MAX_FILE_BYTES

# One record may be as large as one file may be (``decode.MAX_FILE_BYTES``); the
# file that holds it has no limit, since it is never held whole.
MAX_RECORD_BYTES = MAX_FILE_BYTES


@dataclass(frozen=True)
class RecordFields:
    """Which field of a record is its document's text, and which names it (JSONL, Parquet, CSV).

    A record without the id field is named by its position (``line-7``, ``row-7``):
    stable while no record is inserted before it.
    """

    text: str = "text"
    id: str = "id"


@dataclass(frozen=True)
class Record:
    """One document read from a record file."""

    record_id: str
    ordinal: int  # the record's position in its file, from 1 (a line, a row, a WARC record)
    offset: int  # where reading starts again to reach it: a byte offset, or a Parquet row group
    data: bytes  # the document's bytes, in ``media_type``
    media_type: str
    metadata: Mapping[str, str] = field(default_factory=dict)

    @property
    def sha256(self) -> str:
        """The hash of what the document is made of: its bytes and its metadata, so either changing re-processes it."""
        return record_sha256(self.data, self.metadata)


@dataclass(frozen=True)
class BadRecord:
    """A record that cannot become a document; ``reason`` is its reject reason."""

    record_id: str
    ordinal: int
    offset: int
    reason: str
    sha256: str | None = None  # of the record's bytes, when they could be read


class RecordFormat(Protocol):
    name: str
    suffixes: tuple[str, ...]

    def records(
        self, handle: BinaryIO, name: str, fields: RecordFields, offset: int = 0, ordinal: int = 0
    ) -> Iterator[Record | BadRecord]:
        """The file's records in order, starting at ``offset`` where the record after ``ordinal`` lies.

        Raises ``ingest.decode.RejectedInput`` when the file as a whole cannot be read
        (a damaged archive, a missing text column): records already yielded stand.
        """
        ...

    def seekable(self, name: str) -> bool:
        """Whether starting at an offset costs nothing (an uncompressed stream, a Parquet row group)."""
        ...


def record_sha256(data: bytes, metadata: Mapping[str, str]) -> str:
    digest = hashlib.sha256(data)
    digest.update(b"\0" + json.dumps(dict(metadata), sort_keys=True, ensure_ascii=False).encode("utf-8"))
    return digest.hexdigest()


def record_uri(file_uri: str, record_id: str) -> str:
    """``file#record-id``, the id percent-encoded so that the last ``#`` always starts it."""
    return f"{file_uri}#{quote(record_id, safe='')}"


def file_uri_of(source_uri: str) -> str:
    """The ``source_uri`` of the file a record's ``source_uri`` names."""
    return source_uri.rsplit("#", 1)[0]


def metadata_value(value: object) -> str | None:
    """A field kept as metadata, as text: strings as they are, other JSON values as JSON; None for null."""
    if value is None:
        return None
    if isinstance(value, str):
        return value
    return json.dumps(value, ensure_ascii=False, sort_keys=True, default=str)


def id_text(value: object) -> str | None:
    """A record id from a field: a string or an integer; anything else is not an id."""
    if isinstance(value, bool):
        return None
    if isinstance(value, str) and value:
        return value
    if isinstance(value, int):
        return str(value)
    return None
