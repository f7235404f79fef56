"""The article of a web page as main-content extractors find it, with the metadata they read.

trafilatura (its own rules, without the fallbacks it would compare them with)
and readability (trafilatura's port of readability-lxml) read every page: their
answers are weighed paragraph by
paragraph (``ingest.formats.article_paragraphs``). trafilatura reads the tree the
HTML format already parsed.
"""

from __future__ import annotations

import copy
import logging
from dataclasses import dataclass, field

import lxml.etree
import lxml.html
import trafilatura
from trafilatura.readability_lxml import Document as ReadabilityPort
from trafilatura.utils import load_html

from ingest.formats.page_metadata import page_metadata

logger = logging.getLogger(__name__)
# trafilatura warns about every page it finds too little on ("discarding data"): the
# format then falls back, by design, and a run over many pages would log little else.
logging.getLogger("trafilatura").setLevel(logging.ERROR)


@dataclass(frozen=True)
class Article:
    """An extractor's text of the article (its own rendering) and what the page says about it."""

    text: str
    metadata: dict[str, str] = field(default_factory=dict)


def trafilatura_article(page: lxml.html.HtmlElement | str) -> Article | None:
    """trafilatura's article, or None when it finds no page to read.

    ``page`` is the parsed tree (trafilatura copies it before cleaning, so the
    caller's tree is left as it was) or the markup. Its fallbacks (its readability
    and jusText ports, compared with its first pass) are off (``fast``): they
    double its time, and the port's answer, which the format weighs on every page,
    is the second reading they would give. The title, byline and date
    are read apart (``ingest.formats.page_metadata``), without the fields of
    trafilatura's metadata pass that nothing keeps.
    """
    tree = page if isinstance(page, lxml.html.HtmlElement) else load_html(page)
    if tree is None:
        return None
    document = trafilatura.bare_extraction(tree, include_comments=False, with_metadata=False, fast=True)
    if document is None:
        return None
    return Article(document.text or "", page_metadata(tree))


def readability_article(page: lxml.html.HtmlElement | str, *, handed_over: bool = False) -> Article | None:
    """readability's article, or None when it finds none.

    This is trafilatura's port of readability-lxml (``trafilatura.readability_lxml``):
    the same scoring of containers by text and link density, about five times
    faster on the dev sets' pages (4 against 23 ms a page, ``bench/html_stages.py``
    and ``bench/real_pages.py``) since it skips readability-lxml's HTML cleaner.
    ``page`` is the parsed tree or the markup; the port edits the tree it is
    given, so it reads a copy, which costs less than parsing the page again,
    unless the caller has ``handed_over`` the tree: it reads it no more, and the
    copy (a millisecond on a news page) is spared. Any error is taken for no
    answer, as trafilatura takes it: the format then keeps trafilatura's answer.
    """
    if isinstance(page, str):
        tree = load_html(page)
    else:
        tree = page if handed_over else copy.deepcopy(page)
    if tree is None:
        return None
    try:
        summary = ReadabilityPort(tree).summary()
        text = lxml.html.fromstring(summary).text_content() if summary.strip() else ""
    except Exception as error:  # noqa: BLE001 - a port's failure on one page is that page's missing answer
        logger.debug("readability could not read the page: %s", error)
        return None
    return Article(text) if text.strip() else None
