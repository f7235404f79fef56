"""The article of a web page as main-content extractors find it, with the metadata they read.

trafilatura is the first extractor: it scores best of the maintained open-source
extractors on the public article-extraction benchmarks, and reads the title,
byline and date from the page's markup and meta tags. readability-lxml is the
second opinion, for the pages where trafilatura keeps only part of the article.
Both parse with lxml.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field

import lxml.etree
import lxml.html
import trafilatura
from readability import Document as ReadabilityDocument
from readability.readability import Unparseable

logger = logging.getLogger(__name__)
# trafilatura warns about every page it finds too little on ("discarding data"): the
# format then falls back, by design, and a run over many pages would log little else.
logging.getLogger("trafilatura").setLevel(logging.ERROR)


@dataclass(frozen=True)
class Article:
    """An extractor's text of the article (its own rendering) and what the page says about it."""

    text: str
    metadata: dict[str, str] = field(default_factory=dict)


def trafilatura_article(markup: str) -> Article | None:
    """trafilatura's article, or None when it finds no page to read.

    Its fallbacks stay on (its readability and jusText ports, compared with its
    first pass): without them it is as good on the development set's tuning half
    but now and then takes a whole portal page, menus and all, for the article.
    """
    document = trafilatura.bare_extraction(markup, include_comments=False, with_metadata=True)
    if document is None:
        return None
    metadata = {
        key: value.strip()
        for key, value in (("title", document.title), ("author", document.author), ("published", document.date))
        if value and value.strip()
    }
    return Article(document.text or "", metadata)


def readability_article(markup: str) -> Article | None:
    """readability-lxml's article, or None when it cannot read the page."""
    try:
        summary = ReadabilityDocument(markup).summary()
        return Article(lxml.html.fromstring(summary).text_content())
    except (Unparseable, ValueError, lxml.etree.ParserError) as error:
        logger.debug("readability-lxml could not read the page: %s", error)
        return None
