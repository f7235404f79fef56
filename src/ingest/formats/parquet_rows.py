"""Parquet: a table of documents, one row each, read a row group at a time with pyarrow.

A record's offset is its row group, so memory holds one row group, never the file.
The text column must exist (else the whole file is refused); a row whose text is
null is a bad record.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import BinaryIO

from ingest.decode import RejectedInput
from ingest.formats.records import (
    MAX_RECORD_BYTES,
    BadRecord,
    Record,
    RecordFields,
    id_text,
    metadata_value,
)

SUFFIXES = (".parquet",)


class ParquetRows:
    name = "parquet"
    suffixes = SUFFIXES

    def seekable(self, name: str) -> bool:
        return True

    def records(
        self, handle: BinaryIO, name: str, fields: RecordFields, offset: int = 0, ordinal: int = 0
    ) -> Iterator[Record | BadRecord]:
        import pyarrow as pa  # on first use: planning never needs it
        import pyarrow.parquet as pq

        try:
            table = pq.ParquetFile(handle)
        except (pa.ArrowException, OSError) as error:
            raise RejectedInput(f"not a readable Parquet file: {error}") from error
        if fields.text not in table.schema_arrow.names:
            raise RejectedInput(f"the Parquet file has no text column {fields.text!r}")
        # A row group is where reading starts again; its rows are numbered on from the groups before it.
        ordinal = sum(table.metadata.row_group(group).num_rows for group in range(offset))
        for group in range(offset, table.num_row_groups):
            try:
                rows = table.read_row_group(group).to_pylist()
            except (pa.ArrowException, OSError) as error:
                raise RejectedInput(f"row group {group} of the Parquet file cannot be read: {error}") from error
            for row in rows:
                ordinal += 1
                yield row_record(row, ordinal, group, fields, "row")


def row_record(row: dict, ordinal: int, offset: int, fields: RecordFields, unit: str) -> Record | BadRecord:
    """A table row as a record: its text field, its id (or its position), its other fields as metadata."""
    record_id = id_text(row.get(fields.id)) or f"{unit}-{ordinal}"
    text = row.get(fields.text)
    if not isinstance(text, str):
        found = "is empty" if text is None else f"holds a {type(text).__name__}"
        return BadRecord(record_id, ordinal, offset, f"{unit} {ordinal} has no text: its {fields.text!r} {found}")
    data = text.encode("utf-8", "surrogatepass")
    if len(data) > MAX_RECORD_BYTES:
        return BadRecord(record_id, ordinal, offset, f"{unit} {ordinal} is above the {MAX_RECORD_BYTES // 2**20} MiB limit for one document")
    metadata = {
        key: shown for key, value in row.items()
        if key not in (fields.text, fields.id) and (shown := metadata_value(value)) is not None
    }
    return Record(record_id, ordinal, offset, data, "text/plain", metadata)


FORMAT = ParquetRows()
