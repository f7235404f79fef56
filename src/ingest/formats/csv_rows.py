"""CSV: a table of documents with a header row, one document a row, its text in one column.

Read row by row (a quoted field may span lines); each row's byte offset is
tracked so that reading can start again at it. The file is UTF-8 (a byte order
mark is allowed); a row whose text column is missing is a bad record.
"""

from __future__ import annotations

import codecs
import csv
import io
import sys
from collections.abc import Iterator
from typing import BinaryIO

from ingest.decode import RejectedInput
from ingest.formats.parquet_rows import row_record
from ingest.formats.records import MAX_RECORD_BYTES, BadRecord, Record, RecordFields

SUFFIXES = (".csv",)

csv.field_size_limit(min(sys.maxsize, MAX_RECORD_BYTES))


class CsvRows:
    name = "csv"
    suffixes = SUFFIXES

    def seekable(self, name: str) -> bool:
        return True

    def records(
        self, handle: BinaryIO, name: str, fields: RecordFields, offset: int = 0, ordinal: int = 0
    ) -> Iterator[Record | BadRecord]:
        handle.seek(0)
        header_lines = _Lines(handle, 0)
        try:
            header = next(csv.reader(header_lines))
        except StopIteration:
            return
        except (csv.Error, UnicodeDecodeError) as error:
            raise RejectedInput(f"the CSV header cannot be read: {error}") from error
        header[0] = header[0].removeprefix("\ufeff")
        if fields.text not in header:
            raise RejectedInput(f"the CSV file has no text column {fields.text!r}")
        start = max(offset, header_lines.consumed)
        handle.seek(start)
        lines = _Lines(handle, start)
        reader = csv.reader(lines)
        while True:
            row_start = lines.consumed
            try:
                row = next(reader)
            except StopIteration:
                return
            except (csv.Error, UnicodeDecodeError) as error:
                raise RejectedInput(f"the CSV file cannot be read after row {ordinal}: {error}") from error
            ordinal += 1
            if not row:
                continue
            if len(row) != len(header):
                yield BadRecord(f"row-{ordinal}", ordinal, row_start, f"row {ordinal} has {len(row)} fields, the header {len(header)}")
                continue
            yield row_record(dict(zip(header, row)), ordinal, row_start, fields, "row")


class _Lines:
    """The file's lines decoded, counting the bytes handed to the CSV reader (which never reads ahead)."""

    def __init__(self, handle: BinaryIO, start: int) -> None:
        self._handle = handle
        self._decoder = codecs.getincrementaldecoder("utf-8")()
        self.consumed = start

    def __iter__(self) -> _Lines:
        return self

    def __next__(self) -> str:
        line = self._handle.readline(MAX_RECORD_BYTES + 1)
        if not line:
            raise StopIteration
        self.consumed += len(line)
        return self._decoder.decode(line)


FORMAT = CsvRows()
