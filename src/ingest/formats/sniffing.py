"""Whether a file is a PDF or an HTML page, told from its name and first bytes without importing either format.

The PDF and HTML formats import pdfminer, lxml and trafilatura (about a third
of a second of CPU together): a worker reading text files, and the document
guards' fork server preparing workers for a run of them, never load them.
"""

from __future__ import annotations

import codecs
from collections.abc import Iterable
from pathlib import Path

PDF_SUFFIX = ".pdf"
# The header of a PDF may follow a byte order mark or whitespace that some writers prepend.
PDF_HEADER = b"%PDF-"
PDF_LEADING_JUNK = b"\xef\xbb\xbf \t\r\n"
HTML_SUFFIXES = frozenset({".html", ".htm", ".xhtml"})
# How far into the file the markup's opening is looked for.
HTML_SNIFF_BYTES = 1024
_BOMS = (codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE, codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)
# Record files whose records are web pages, read through the HTML format.
HTML_RECORD_SUFFIXES = (".warc", ".warc.gz")


def looks_like_pdf(data: bytes, name: str) -> bool:
    """A ``.pdf`` name, or bytes that open with the PDF header (a text that mentions it does not)."""
    return name.lower().endswith(PDF_SUFFIX) or data.lstrip(PDF_LEADING_JUNK).startswith(PDF_HEADER)


def looks_like_html(data: bytes, name: str) -> bool:
    """An HTML suffix, or a file that opens with a doctype or an ``<html>`` tag.

    The opening is read from the bytes without decoding the file: markup is ASCII,
    which UTF-16 and UTF-32 only interleave with zero bytes.
    """
    if Path(name).suffix.lower() in HTML_SUFFIXES:
        return True
    head = data[:HTML_SNIFF_BYTES]
    for bom in _BOMS:
        if head.startswith(bom):
            head = head[len(bom) :]
            break
    head = head.replace(b"\x00", b"").lstrip().lower()
    return head.startswith((b"<!doctype html", b"<html"))


def formats_named(names: Iterable[str]) -> set[str]:
    """The costly formats (``"pdf"``, ``"html"``) that files of these names call for, by name alone.

    For preparing workers before any file is read: a file whose bytes claim a
    format its name does not (a page saved as ``.txt``) is still read in it, and
    its worker imports the format then.
    """
    found: set[str] = set()
    for name in names:
        lowered = name.lower()
        if lowered.endswith(PDF_SUFFIX):
            found.add("pdf")
        elif Path(lowered).suffix in HTML_SUFFIXES or lowered.endswith(HTML_RECORD_SUFFIXES):
            found.add("html")
    return found
