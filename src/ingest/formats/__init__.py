"""Input formats: how the bytes of one file become a document's raw text.

Each format is a module with a ``sniff`` (is this file mine?) and an ``extract``
(its text, the charset or container it came in, the spans of that text the format
knows are not the article, and the metadata it found). The registry tries them
most specific first, so plain text, which accepts anything, comes last; a new
format is one module and one line in ``FORMAT_MODULES``.

A record file (JSONL, a JSON array, WARC, Parquet, CSV: ``RECORD_FORMATS``) holds many
documents; each of its records is read in the format its media type names
(``extract_as``), so a WARC response goes through the HTML path and a JSONL text
field is judged like plain text.

The document formats are imported when a file is first read, not with this
package: planning a run (which asks only ``record_format_for``) and the run's
own process, whose files are read in the document guard's worker, never load
trafilatura, pdfminer and the rest. The PDF and HTML formats claim a file
without being imported (``ingest.formats.sniffing``), so a worker reading text
files never loads them either.
"""

from __future__ import annotations

import importlib
from functools import cache

from ingest.decode import RejectedInput
from ingest.formats import csv_rows, json_array, jsonl, parquet_rows, sniffing, warc
from ingest.formats.interface import Extracted, InputFormat
from ingest.formats.records import RecordFormat

__all__ = [
    "FORMAT_MODULES", "RECORD_FORMATS", "Extracted", "InputFormat", "document_formats", "extract", "extract_as", "format_of",
    "record_format_for",
]

# The document formats' modules, most specific first.
FORMAT_MODULES = ("pdf", "html", "markdown", "restructured_text", "plain_text")
RECORD_FORMATS: list[RecordFormat] = [jsonl.FORMAT, json_array.FORMAT, warc.FORMAT, parquet_rows.FORMAT, csv_rows.FORMAT]
# Formats that claim a file without their module being imported: theirs load pdfminer, lxml and trafilatura.
CLAIMED_UNIMPORTED = {"pdf": sniffing.looks_like_pdf, "html": sniffing.looks_like_html}
# The format a record's document is read in, by the media type its record format gives it.
MEDIA_TYPE_MODULES: dict[str, str] = {"text/html": "html", "text/plain": "plain_text"}


def _format(module: str) -> InputFormat:
    return importlib.import_module(f"{__name__}.{module}").FORMAT


@cache
def document_formats() -> list[InputFormat]:
    """The document formats, in the order they are tried, imported on first use."""
    return [_format(module) for module in FORMAT_MODULES]


def record_format_for(name: str) -> RecordFormat | None:
    """The record format a file's name says it is in; None for a file that is one document."""
    lowered = name.lower()
    return next((f for f in RECORD_FORMATS if lowered.endswith(f.suffixes)), None)


def extract_as(data: bytes, media_type: str, name: str) -> Extracted:
    """Read a record's document in the format of its media type."""
    module = MEDIA_TYPE_MODULES.get(media_type)
    if module is None:
        raise RejectedInput(f"records of media type {media_type} are not read")
    return _format(module).extract(data, name)


def format_of(data: bytes, name: str) -> str:
    """The module of the first registered format that claims the file; plain text claims anything.

    Only the formats asked are imported, and the costly ones not even then.
    """
    for module in FORMAT_MODULES:
        claims = CLAIMED_UNIMPORTED.get(module) or _format(module).sniff
        if claims(data, name):
            return module
    raise AssertionError("plain text accepts every file; the registry must end with it")


def extract(data: bytes, name: str) -> Extracted:
    """Read a file in the first registered format that claims it."""
    return _format(format_of(data, name)).extract(data, name)
