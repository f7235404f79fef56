"""A web page's title, byline and publication date, read from the tree the HTML format parsed.

trafilatura's metadata pass (``with_metadata=True``) also reads the site's name,
categories, tags and licence, which ``ingest`` does not keep, and searches the
page's text for a date. The fields kept here are read with trafilatura's own
functions, in its order and with its trimming, so a page gets the same title and
author as from its full pass, and the date its pass finds without the text search
(checked on all 826 dev-set pages when this reading replaced the pass). The tree is only
read: trafilatura's author search prunes a copy, and ``ingest.formats.page_byline``
finds the same byline without one.
"""

from __future__ import annotations

import logging

import lxml.html
from htmldate import find_date
from trafilatura import metadata as trafilatura_metadata
from trafilatura.settings import set_date_params

from ingest.formats.page_byline import page_byline

logger = logging.getLogger(__name__)
# htmldate reads a date from the page's markup, structured data and URL; its
# extensive search also reads the visible text, sending what looks like a date to
# dateparser. On the HTML dev sets (bench/results/html_stages.md) that search
# costs 6 to 11 ms a page, half of trafilatura's extraction, and finds a date on
# 206 more of 826 pages (68 of them the 1st of January of a year: a copyright
# line). The page's date is kept where its markup gives it.
EXTENSIVE_DATE_SEARCH = False


def page_metadata(tree: lxml.html.HtmlElement) -> dict[str, str]:
    """The page's ``title``, ``author`` and ``published`` (an ISO date), each only when the page gives one."""
    found = trafilatura_metadata.examine_meta(tree)
    if found.author and " " not in found.author:
        found.author = None  # a single word in an author meta tag is a handle or a site, trafilatura's pass drops it
    try:
        found = trafilatura_metadata.extract_meta_json(tree, found)
    except Exception as error:  # noqa: BLE001 - trafilatura's pass guards its JSON-LD reader the same way
        logger.debug("trafilatura could not read the page's JSON-LD metadata: %s", error)
    if not found.title:
        found.title = trafilatura_metadata.extract_title(tree)
    if not found.author:
        found.author = page_byline(tree)
    if not found.url:
        found.url = trafilatura_metadata.extract_url(tree)
    date_search = set_date_params(EXTENSIVE_DATE_SEARCH)
    found.date = find_date(tree, **date_search, url=found.url)
    found.clean_and_trim()
    fields = (("title", found.title), ("author", found.author), ("published", found.date))
    return {key: value.strip() for key, value in fields if value and value.strip()}
