"""A JSON file holding an array of records: ``[{"id": ..., "text": ...}, ...]``, read as JSON Lines are.

APIs and export tools write a corpus as one JSON array as often as one object a
line. Read as plain text, the whole array was one document of braces and
quotes. Each element is a record here (its text, id and other fields as a JSON
Lines record's), named ``item-N`` when it has no id.

The array is streamed: the standard library's decoder reads one element at a
time from a bounded window of the file (``raw_decode``), and a record's offset is
the byte where its element starts, so reading resumes there with a seek. The
stdlib has no streaming JSON reader and ijson gives no byte offsets, hence this
small reader. A ``.json`` file whose first line is a whole JSON object is JSON
Lines under another name, and read as such; one whose top level is otherwise
not an array (a configuration file) holds no records: it is refused with the reason.
"""

from __future__ import annotations

import codecs
import json
from collections.abc import Iterator
from typing import BinaryIO

from ingest.decode import RejectedInput
from ingest.formats import jsonl
from ingest.formats.jsonl import record_of
from ingest.formats.records import MAX_RECORD_BYTES, BadRecord, Record, RecordFields

SUFFIXES = (".json",)
CHUNK_BYTES = 1 << 18
_DECODER = json.JSONDecoder()
_WHITESPACE = " \t\n\r"


class JsonArray:
    name = "json"
    suffixes = SUFFIXES

    def seekable(self, name: str) -> bool:
        return True

    def records(
        self, handle: BinaryIO, name: str, fields: RecordFields, offset: int = 0, ordinal: int = 0
    ) -> Iterator[Record | BadRecord]:
        if _holds_json_lines(handle):
            yield from jsonl.FORMAT.records(handle, name, fields, offset, ordinal)
            return
        window = _Window(handle, offset)
        if offset == 0:
            window.open_array()
        while window.next_element():
            start = window.position
            value, raw = window.element(ordinal + 1)
            ordinal += 1
            yield record_of(value, raw, ordinal, start, fields, "item")


def _holds_json_lines(handle: BinaryIO) -> bool:
    """Whether a ``.json`` file is JSON Lines under another name: its first line is a whole JSON object.

    Datasets often name their JSON Lines ``.json``. A configuration file opens with
    an object too, but spread over lines, and is refused as no array.
    """
    handle.seek(0)
    try:
        if not handle.read(64).lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"{"):
            return False  # an array, or no JSON: its first line is not read whole
        handle.seek(0)
        return isinstance(json.loads(handle.readline(MAX_RECORD_BYTES)), dict)
    except (ValueError, UnicodeDecodeError):
        return False
    finally:
        handle.seek(0)


class _Window:
    """The part of the file being read, as text, with the byte position of its reading point."""

    def __init__(self, handle: BinaryIO, offset: int) -> None:
        handle.seek(offset)
        self._handle = handle
        self._decoder = codecs.getincrementaldecoder("utf-8")()
        self._text = ""
        self._index = 0
        self._ended = False
        self.position = offset

    def open_array(self) -> None:
        self._fill()
        if self._text.startswith("\ufeff"):
            self._index = 1
            self.position += len("\ufeff".encode())
        self._skip(_WHITESPACE)
        if self._peek() != "[":
            found = "empty" if self._peek() == "" else f"not an array (it opens with {self._peek()!r})"
            raise RejectedInput(f"a JSON file holds records only as an array of objects, and this one's top level is {found}")
        self._advance(1)

    def next_element(self) -> bool:
        """Move to the next element; False at the end of the array."""
        self._skip(_WHITESPACE + ",")
        mark = self._peek()
        if mark == "]":
            return False
        if mark == "":
            raise RejectedInput(f"the file ends inside its array, at byte {self.position}: it is cut short")
        return True

    def element(self, ordinal: int) -> tuple[object, bytes]:
        """The element at the reading point and its bytes, read on until it is whole."""
        while True:
            try:
                value, end = _DECODER.raw_decode(self._text, self._index)
            except json.JSONDecodeError as error:
                if self._ended or len(self._text) - self._index > MAX_RECORD_BYTES:
                    raise RejectedInput(
                        f"item {ordinal} is not valid JSON, or is above the {MAX_RECORD_BYTES // 2**20} MiB limit"
                        f" for one document ({error.msg}): the items after it cannot be found"
                    ) from None
                self._fill(len(self._text) - self._index)  # doubling: a large element is parsed a few times, not once a chunk
                continue
            if end == len(self._text) and not self._ended:
                self._fill()  # a number cut by the window's edge parses whole: ``12`` of ``123``
                continue
            raw = self._text[self._index : end].encode("utf-8", "surrogatepass")
            self._advance(end - self._index, len(raw))
            return value, raw

    def _peek(self) -> str:
        if self._index >= len(self._text):
            self._fill()
        return self._text[self._index : self._index + 1]

    def _skip(self, characters: str) -> None:
        while (found := self._peek()) and found in characters:
            self._advance(1)

    def _advance(self, characters: int, size: int | None = None) -> None:
        passed = self._text[self._index : self._index + characters]
        self.position += size if size is not None else len(passed.encode("utf-8", "surrogatepass"))
        self._index += characters

    def _fill(self, at_least: int = 0) -> None:
        """Read the next chunk (``CHUNK_BYTES``, or ``at_least``), dropping what was already read."""
        if self._ended:
            return
        chunk = self._handle.read(max(CHUNK_BYTES, at_least))
        try:
            more = self._decoder.decode(chunk, final=not chunk)
        except UnicodeDecodeError as error:
            raise RejectedInput(f"the file is not UTF-8 near byte {self.position}: {error.reason}") from None
        self._text = self._text[self._index :] + more
        self._index = 0
        self._ended = not chunk


FORMAT = JsonArray()
