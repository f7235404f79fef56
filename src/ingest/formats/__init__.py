"""Input formats: how the bytes of one file become a document's raw text.

Each format is a module with a ``sniff`` (is this file mine?) and an ``extract``
(its text, the charset or container it came in, the spans of that text the format
knows are not the article, and the metadata it found). The registry tries them
most specific first, so plain text, which accepts anything, comes last; a new
format is one module and one line in ``FORMATS``.

A record file (JSONL, WARC, Parquet, CSV: ``RECORD_FORMATS``) holds many
documents; each of its records is read in the format its media type names
(``extract_as``), so a WARC response goes through the HTML path and a JSONL text
field is judged like plain text.
"""

from __future__ import annotations

from ingest.decode import RejectedInput
from ingest.formats import csv_rows, html, jsonl, markdown, parquet_rows, pdf, plain_text, warc
from ingest.formats.interface import Extracted, InputFormat
from ingest.formats.records import RecordFormat

__all__ = ["FORMATS", "RECORD_FORMATS", "Extracted", "InputFormat", "extract", "extract_as", "record_format_for"]

FORMATS: list[InputFormat] = [pdf.FORMAT, html.FORMAT, markdown.FORMAT, plain_text.FORMAT]
RECORD_FORMATS: list[RecordFormat] = [jsonl.FORMAT, warc.FORMAT, parquet_rows.FORMAT, csv_rows.FORMAT]
# The format a record's document is read in, by the media type its record format gives it.
BY_MEDIA_TYPE: dict[str, InputFormat] = {"text/html": html.FORMAT, "text/plain": plain_text.FORMAT}


def record_format_for(name: str) -> RecordFormat | None:
    """The record format a file's name says it is in; None for a file that is one document."""
    lowered = name.lower()
    return next((f for f in RECORD_FORMATS if lowered.endswith(f.suffixes)), None)


def extract_as(data: bytes, media_type: str, name: str) -> Extracted:
    """Read a record's document in the format of its media type."""
    input_format = BY_MEDIA_TYPE.get(media_type)
    if input_format is None:
        raise RejectedInput(f"records of media type {media_type} are not read")
    return input_format.extract(data, name)


def extract(data: bytes, name: str) -> Extracted:
    """Read a file in the first registered format that claims it; plain text claims anything."""
    for input_format in FORMATS:
        if input_format.sniff(data, name):
            return input_format.extract(data, name)
    raise AssertionError("plain text accepts every file; the registry must end with it")
