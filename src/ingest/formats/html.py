"""HTML: the page's full visible text, with what is not the article marked for removal.

The raw text of an HTML document is every visible block of the page, one
paragraph each, so the audit can show all that the page carried. Main-content
extractors decide which paragraphs are the article; their output is aligned back
onto that text and every paragraph they dropped becomes a recorded removal. When
no extractor can say, the page's navigation, header, footer and aside elements are
marked instead: a page is never lost to its extractor.
"""

from __future__ import annotations

import codecs
from pathlib import Path

from ingest.body_loss import holds_prose
from ingest.decode import RejectedInput, decode_text
from ingest.formats.alignment import kept_paragraphs, paragraph_spans
from ingest.formats.interface import Extracted
from ingest.formats.main_content import readability_article, trafilatura_article
from ingest.html_text import render_html
from ingest.traced_text import Edit

SUFFIXES = frozenset({".html", ".htm", ".xhtml"})
# How far into the file the markup's opening is looked for.
SNIFF_BYTES = 1024
_BOMS = (codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE, codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)
# When trafilatura keeps less than this share of the text readability-lxml keeps,
# it has most likely missed part of the article (a body split across containers),
# and every paragraph either of them kept is taken. Fitted on the tuning half of the
# development set: from 0.3 to 0.5 recall rises (pages where trafilatura kept a
# third of the article) at little cost in precision; from 0.6 up the union takes in
# readability's extra blocks on pages trafilatura read right, and F1 falls.
MIN_SHARE_OF_SECOND_OPINION = 0.5

EXTRACTOR_KIND = "extractor"


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
        """The page's visible text; the extractors' drops and, failing them, the page furniture as removals."""
        decoded = decode_text(data)
        rendered = render_html(decoded.text)
        if not rendered.text:
            raise RejectedInput("the page has no visible text (only markup, scripts or styles)")
        paragraphs = paragraph_spans(rendered.text)
        first = trafilatura_article(decoded.text)
        kept, extractor = _article_paragraphs(rendered.text, paragraphs, decoded.text, first.text if first else "")
        furniture = {removal.start: removal for removal in rendered.removals}
        removals = _removals(rendered.text, paragraphs, kept, extractor, furniture)
        return Extracted(
            rendered.text, decoded.encoding, "text/html", removals, first.metadata if first else {},
            article_chosen=kept is not None,
        )


def _article_paragraphs(
    raw: str, paragraphs: list[tuple[int, int]], markup: str, first_text: str
) -> tuple[list[bool] | None, str]:
    """Which paragraphs are the article, and the name of the extractor(s) that said so."""
    first = kept_paragraphs(raw, paragraphs, first_text)
    second_article = readability_article(markup)
    second = kept_paragraphs(raw, paragraphs, second_article.text) if second_article else None
    if first is None:
        return second, "readability"
    if second is not None and _kept_chars(paragraphs, first) < MIN_SHARE_OF_SECOND_OPINION * _kept_chars(paragraphs, second):
        return [a or b for a, b in zip(first, second)], "trafilatura+readability"
    return first, "trafilatura"


def _kept_chars(paragraphs: list[tuple[int, int]], kept: list[bool]) -> int:
    return sum(end - start for (start, end), keep in zip(paragraphs, kept) if keep)


def _removals(
    raw: str, paragraphs: list[tuple[int, int]], kept: list[bool] | None, extractor: str, furniture: dict[int, Edit]
) -> list[Edit]:
    """Paragraphs the extractor dropped, and furniture it kept, as removals; neighbours with one reason merge.

    Navigation, header, footer and aside paragraphs go even when an extractor kept
    them (on the tuning half, removing them as well raised precision by a point and
    cost no recall), but never a paragraph of prose the extractor kept: some sites
    set their whole article inside a ``<header>``, an ``<aside>`` or a ``<form>``.
    """
    removals: list[Edit] = []
    for index, (start, end) in enumerate(paragraphs):
        if kept is not None and not kept[index]:
            kind, rule = EXTRACTOR_KIND, extractor
        elif start in furniture and (kept is None or not holds_prose(raw[start:end])):
            kind, rule = furniture[start].kind, furniture[start].rule
        else:
            continue
        previous = removals[-1] if removals else None
        if previous and previous.end == start and (previous.kind, previous.rule) == (kind, rule):
            removals[-1] = Edit(previous.start, end, "", kind, rule)
        else:
            removals.append(Edit(start, end, "", kind, rule))
    return removals


FORMAT = HtmlFormat()
