"""HTML: the page's visible text, with what is not the article marked for removal."""

from __future__ import annotations

import codecs
from pathlib import Path

from ingest.decode import decode_text
from ingest.formats.interface import Extracted
from ingest.html_text import render_html

SUFFIXES = frozenset({".html", ".htm", ".xhtml"})
# How far into the file the markup's opening is looked for.
SNIFF_BYTES = 1024
_BOMS = (codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE, codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)


class HtmlFormat:
    name = "html"

    def sniff(self, data: bytes, name: str) -> bool:
        """An HTML suffix, or a file that opens with a doctype or an ``<html>`` tag.

        The opening is read from the bytes without decoding the file: markup is ASCII,
        which UTF-16 and UTF-32 only interleave with zero bytes.
        """
        if Path(name).suffix.lower() in SUFFIXES:
            return True
        head = data[:SNIFF_BYTES]
        for bom in _BOMS:
            if head.startswith(bom):
                head = head[len(bom) :]
                break
        head = head.replace(b"\x00", b"").lstrip().lower()
        return head.startswith((b"<!doctype html", b"<html"))

    def extract(self, data: bytes, name: str) -> Extracted:
        decoded = decode_text(data)
        rendered = render_html(decoded.text)
        return Extracted(rendered.text, decoded.encoding, "text/html", list(rendered.removals))


FORMAT = HtmlFormat()
