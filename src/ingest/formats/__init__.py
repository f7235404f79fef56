"""Input formats: how the bytes of one file become a document's raw text.

Each format is a module with a ``sniff`` (is this file mine?) and an ``extract``
(its text, the charset or container it came in, the spans of that text the format
knows are not the article, and the metadata it found). The registry tries them
most specific first, so plain text, which accepts anything, comes last; a new
format is one module and one line in ``FORMATS``.
"""

from __future__ import annotations

from ingest.formats import html, markdown, pdf, plain_text
from ingest.formats.interface import Extracted, InputFormat

__all__ = ["FORMATS", "Extracted", "InputFormat", "extract"]

FORMATS: list[InputFormat] = [pdf.FORMAT, html.FORMAT, markdown.FORMAT, plain_text.FORMAT]


def extract(data: bytes, name: str) -> Extracted:
    """Read a file in the first registered format that claims it; plain text claims anything."""
    for input_format in FORMATS:
        if input_format.sniff(data, name):
            return input_format.extract(data, name)
    raise AssertionError("plain text accepts every file; the registry must end with it")
