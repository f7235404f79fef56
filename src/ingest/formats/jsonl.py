"""JSON Lines: one JSON object a line, its text in one field, its id in another, the rest metadata.

Read line by line, through gzip or zstandard for ``.jsonl.gz`` and ``.jsonl.zst``;
a line that is not a JSON object with a text string is a bad record, and the lines
after it still load.
"""

from __future__ import annotations

import gzip
import io
import json
from collections.abc import Iterator
from typing import BinaryIO

import zstandard

from ingest.decode import RejectedInput
from ingest.formats.records import (
    MAX_RECORD_BYTES,
    BadRecord,
    Record,
    RecordFields,
    id_text,
    metadata_value,
    record_sha256,
)

SUFFIXES = (".jsonl", ".jsonl.gz", ".jsonl.zst", ".ndjson")


class JsonLines:
    name = "jsonl"
    suffixes = SUFFIXES

    def seekable(self, name: str) -> bool:
        return not name.lower().endswith((".gz", ".zst"))

    def records(
        self, handle: BinaryIO, name: str, fields: RecordFields, offset: int = 0, ordinal: int = 0
    ) -> Iterator[Record | BadRecord]:
        stream = _decompressed(handle, name)
        try:
            _skip_to(stream, offset)
            while True:
                start = offset
                try:
                    line = stream.readline(MAX_RECORD_BYTES + 1)
                except (OSError, EOFError, zstandard.ZstdError) as error:
                    raise RejectedInput(f"the file is damaged after line {ordinal}: {error}") from error
                if not line:
                    return
                ordinal += 1
                offset += len(line)
                if len(line) > MAX_RECORD_BYTES and not line.endswith(b"\n"):
                    offset += _skip_line(stream)
                    yield BadRecord(f"line-{ordinal}", ordinal, start, f"line {ordinal} is above the {MAX_RECORD_BYTES // 2**20} MiB limit for one document")
                    continue
                if line.strip():
                    yield _record(line, ordinal, start, fields)
        finally:
            if stream is not handle:
                stream.close()


def _record(line: bytes, ordinal: int, offset: int, fields: RecordFields) -> Record | BadRecord:
    try:
        value = json.loads(line)
    except (ValueError, UnicodeDecodeError) as error:
        return BadRecord(f"line-{ordinal}", ordinal, offset, f"line {ordinal} is not valid JSON: {error}", record_sha256(line, {}))
    return record_of(value, line, ordinal, offset, fields, "line")


def record_of(value: object, raw: bytes, ordinal: int, offset: int, fields: RecordFields, unit: str) -> Record | BadRecord:
    """The record a parsed JSON value makes, or why it makes none; ``unit`` names where it stood ("line", "item")."""
    fallback_id = f"{unit}-{ordinal}"
    if not isinstance(value, dict):
        return BadRecord(fallback_id, ordinal, offset, f"{unit} {ordinal} is not a JSON object", record_sha256(raw, {}))
    record_id = id_text(value.get(fields.id)) or fallback_id
    text = value.get(fields.text)
    if not isinstance(text, str):
        found = "has none" if text is None else f"holds a {type(text).__name__}"
        reason = f"{unit} {ordinal} has no text: its field {fields.text!r} {found}"
        return BadRecord(record_id, ordinal, offset, reason, record_sha256(raw, {}))
    metadata = {
        key: shown for key, item in value.items()
        if key not in (fields.text, fields.id) and (shown := metadata_value(item)) is not None
    }
    return Record(record_id, ordinal, offset, text.encode("utf-8", "surrogatepass"), "text/plain", metadata)


def _decompressed(handle: BinaryIO, name: str) -> BinaryIO:
    lowered = name.lower()
    if lowered.endswith(".gz"):
        return gzip.GzipFile(fileobj=handle, mode="rb")
    if lowered.endswith(".zst"):
        return io.BufferedReader(zstandard.ZstdDecompressor().stream_reader(handle, closefd=False))
    return handle


def _skip_to(stream: BinaryIO, offset: int) -> None:
    """Move to ``offset``: a seek in a plain file, decompressing up to it in a compressed one."""
    if not offset:
        return
    if stream.seekable():
        stream.seek(offset)
        return
    while offset:
        skipped = len(stream.read(min(offset, 1 << 20)))
        if not skipped:
            raise RejectedInput("the file ended before a record it held when the run was planned")
        offset -= skipped


def _skip_line(stream: BinaryIO) -> int:
    skipped = 0
    while chunk := stream.readline(1 << 20):
        skipped += len(chunk)
        if chunk.endswith(b"\n"):
            break
    return skipped


FORMAT = JsonLines()
