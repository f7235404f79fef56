"""Bounded decompression of PDF streams: a stream may expand to no more than a file may hold.

The file size limit (``decode.MAX_FILE_BYTES``) says nothing of what a file
expands to: a 1 MB stream of compressed zeros inflates to 1 GB, and pdfminer
inflates every Flate stream whole (``zlib.decompress``) before parsing it. Each
stream is therefore inflated through a ``zlib.decompressobj`` with
``max_length``, and one that would exceed the bound rejects the file, whose
reason says so. pdfminer reads ``zlib`` from its ``pdftypes`` module for both
its ordinary and its corrupted-stream decoding, so that one name is pointed at
the bounded inflater; the document guard's memory limit still covers the
other filters (LZW, run length) and whatever a bounded stream makes the
parser build.
"""

from __future__ import annotations

import zlib

import pdfminer.pdftypes

from ingest.decode import MAX_FILE_BYTES, RejectedInput

MAX_STREAM_BYTES = MAX_FILE_BYTES


class StreamTooLarge(RejectedInput):
    """A compressed stream of the PDF expands past ``MAX_STREAM_BYTES``."""

    def __init__(self, limit: int) -> None:
        super().__init__(
            f"the PDF holds a compressed stream that expands past {limit // 2**20} MiB"
            " (a compression bomb, or far more than a document's text)"
        )
        self.limit = limit

    def __reduce__(self) -> tuple:
        return (StreamTooLarge, (self.limit,))


class BoundedInflater:
    """A ``zlib.decompressobj`` that refuses to give out more than ``MAX_STREAM_BYTES`` in all."""

    def __init__(self) -> None:
        self._inflater = zlib.decompressobj()
        self._given = 0

    def decompress(self, data: bytes) -> bytes:
        out = self._inflater.decompress(data, MAX_STREAM_BYTES - self._given + 1)
        self._given += len(out)
        if self._given > MAX_STREAM_BYTES or self._inflater.unconsumed_tail:
            raise StreamTooLarge(MAX_STREAM_BYTES)
        return out

    @property
    def eof(self) -> bool:
        return self._inflater.eof


class BoundedZlib:
    """The part of the ``zlib`` module pdfminer uses, bounded; errors are zlib's, as pdfminer expects."""

    error = zlib.error

    @staticmethod
    def decompress(data: bytes) -> bytes:
        """All of one stream, or ``zlib.error`` for a truncated one, as ``zlib.decompress`` would."""
        inflater = BoundedInflater()
        out = inflater.decompress(data)
        if not inflater.eof:
            raise zlib.error("Error -5 while decompressing data: incomplete or truncated stream")
        return out

    @staticmethod
    def decompressobj() -> BoundedInflater:
        return BoundedInflater()


pdfminer.pdftypes.zlib = BoundedZlib
