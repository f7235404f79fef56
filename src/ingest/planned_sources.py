"""The sources a run will process, held as Arrow columns, and on disk in the flow process.

A plan lists every file, and every record of a record file, to process. As
Python objects (``SourceFile``, ``SourceRecord``) a planned record took about
0.6 KB of the flow process for the whole run; as Arrow record batches it takes
the bytes of its columns (its name, id, position and hash: about 0.15 KB), and
it pickles as those when planning runs in another process. The flow process then
``spill``s the batches to an anonymous temporary Arrow IPC file and reads them
back one record batch at a time while it hands out batches of sources, so the
plan's memory stays flat however many records a run processes.
"""

from __future__ import annotations

import tempfile
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import IO, Any

import pyarrow as pa

from ingest.discover import SourceFile
from ingest.formats.records import RecordFields
from ingest.source_records import SourceRecord

# Sources gathered as objects before they become one Arrow record batch: bounds
# the objects a plan holds at once, and what reading one batch back costs.
CHUNK = 4096

_SCHEMA = pa.schema(
    [
        ("path", pa.string()),
        ("source_uri", pa.string()),
        ("root", pa.string()),
        ("is_record", pa.bool_()),
        ("record_id", pa.string()),
        ("ordinal", pa.int64()),
        ("offset", pa.int64()),
        ("sha256", pa.string()),
        ("text_field", pa.string()),
        ("id_field", pa.string()),
    ]
)


class PlannedSources:
    """An append-only sequence of sources to process: iterated in the order they were appended, never indexed."""

    def __init__(self, sources: Iterable[SourceFile] = ()) -> None:
        self._batches: list[pa.RecordBatch] = []
        self._pending: list[SourceFile] = []
        self._spilled: IO[bytes] | None = None
        self._length = 0
        for source in sources:
            self.append(source)

    def append(self, source: SourceFile) -> None:
        if self._spilled is not None:
            raise ValueError("a spilled plan takes no more sources")
        self._pending.append(source)
        self._length += 1
        if len(self._pending) >= CHUNK:
            self._seal()

    def spill(self) -> None:
        """Move the sources to a temporary file (deleted when it is closed or collected) and read them from there."""
        self._seal()
        if self._spilled is not None or not self._batches:
            return
        spilled = tempfile.TemporaryFile()
        with pa.ipc.new_file(spilled, _SCHEMA) as writer:
            for batch in self._batches:
                writer.write_batch(batch)
        self._spilled, self._batches = spilled, []

    def close(self) -> None:
        """Delete the spilled file, if any; the plan is empty after this."""
        if self._spilled is not None:
            self._spilled.close()
        self._spilled, self._batches, self._pending, self._length = None, [], [], 0

    def __len__(self) -> int:
        return self._length

    def __bool__(self) -> bool:
        return self._length > 0

    def __iter__(self) -> Iterator[SourceFile]:
        for batch in self._record_batches():
            yield from _sources(batch)
        yield from list(self._pending)

    def paths(self) -> set[str]:
        """The files the sources are in, each once (a record file holds many sources)."""
        found = {str(source.path) for source in self._pending}
        for batch in self._record_batches():
            found.update(batch.column("path").to_pylist())
        return found

    def __repr__(self) -> str:
        return f"PlannedSources({self._length} sources{', spilled' if self._spilled else ''})"

    def __getstate__(self) -> dict[str, Any]:
        if self._spilled is not None:
            raise TypeError("a spilled plan stays in the process that spilled it")
        self._seal()
        return {"batches": self._batches, "length": self._length}

    def __setstate__(self, state: dict[str, Any]) -> None:
        self._batches, self._length = state["batches"], state["length"]
        self._pending, self._spilled = [], None

    def _record_batches(self) -> Iterator[pa.RecordBatch]:
        if self._spilled is None:
            yield from list(self._batches)
            return
        # Read batch by batch, not memory-mapped: mapped pages would count in the process's resident memory.
        self._spilled.seek(0)
        reader = pa.ipc.open_file(pa.PythonFile(self._spilled, mode="r"))
        for i in range(reader.num_record_batches):
            yield reader.get_batch(i)

    def _seal(self) -> None:
        if self._pending:
            self._batches.append(_record_batch(self._pending))
            self._pending = []


def in_batches(sources: Iterable[SourceFile], size: int) -> Iterator[list[SourceFile]]:
    """Consecutive lists of ``size`` sources (the last one shorter), read as they are needed."""
    batch: list[SourceFile] = []
    for source in sources:
        batch.append(source)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


def _record_batch(sources: list[SourceFile]) -> pa.RecordBatch:
    records = [s if isinstance(s, SourceRecord) else None for s in sources]
    return pa.record_batch(
        [
            [str(s.path) for s in sources],
            [s.source_uri for s in sources],
            [None if s.root is None else str(s.root) for s in sources],
            [r is not None for r in records],
            [r and r.record_id for r in records],
            [r and r.ordinal for r in records],
            [r and r.offset for r in records],
            [r and r.sha256 for r in records],
            [r and r.fields.text for r in records],
            [r and r.fields.id for r in records],
        ],
        schema=_SCHEMA,
    )


def _sources(batch: pa.RecordBatch) -> Iterator[SourceFile]:
    columns = batch.to_pydict()
    for i, path in enumerate(columns["path"]):
        root = columns["root"][i]
        common = (Path(path), columns["source_uri"][i], None if root is None else Path(root))
        if not columns["is_record"][i]:
            yield SourceFile(*common)
            continue
        fields = RecordFields(columns["text_field"][i], columns["id_field"][i])
        yield SourceRecord(
            *common, columns["record_id"][i], columns["ordinal"][i], columns["offset"][i], columns["sha256"][i], fields
        )
