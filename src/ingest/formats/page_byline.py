"""A page's byline found as trafilatura's author search finds it, in one walk of the tree.

trafilatura's ``extract_author`` copies the page, prunes from the copy what cannot
hold the byline (comments, sidebars, dates, figures: ``AUTHOR_DISCARD_XPATHS``),
then runs three XPath searches over the whole copy (``AUTHOR_XPATHS``), most
specific first, and takes the first match whose text is of a name's length. On
the HTML dev sets that costs 6 to 7 ms a page, a fifth of the format's time, for
pages whose head names no author. Every predicate of those XPaths reads only an
element's tag and attributes, so one walk of the original tree can mark what the
pruning would remove and collect the three searches' matches at once; only a
match that holds a pruned element is copied and pruned, to read its text as the
pruned copy has it. The answer is trafilatura's own, element for element; a test
holds the XPaths this module mirrors, so a trafilatura release that changes them
fails it (trafilatura is pinned to 2.3.x).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from copy import deepcopy

import lxml.html
from trafilatura.htmlprocessing import prune_unwanted_nodes
from trafilatura.metadata import normalize_authors
from trafilatura.utils import trim
from trafilatura.xpaths import AUTHOR_DISCARD_XPATHS

# The pruned elements (AUTHOR_DISCARD_XPATHS): the first expression's tags and patterns, and the second's tags.
DISCARDED_BLOCK_TAGS = frozenset({"a", "div", "section", "span"})
DISCARDED_CLASSES = frozenset({"comments", "title", "date"})
DISCARDED_ID = re.compile("^comments|comment-?list|ProductReviews")
DISCARDED_CLASS = re.compile(
    "^[Cc]omments|commentlist|comments-list|sidebar|is-hidden|quote|embedly-instagram|article-(?:share|support)"
    "|print|category|meta-date|meta-reviewer"
)
DISCARDED_TAGS = frozenset({"time", "figure"})

# The three searches of AUTHOR_XPATHS, in their order: specific, almost generic, any element.
SPECIFIC_TAGS = frozenset({"a", "address", "div", "link", "p", "span", "strong"})
SPECIFIC_TEST_IDS = frozenset({"AuthorCard", "AuthorURL"})
SPECIFIC_CLASS = re.compile("author-?name|AuthorName|authorName")
GENERIC_TAGS = frozenset({"a", "div", "h3", "h4", "p", "span"})
GENERIC_CLASSES = frozenset({"byline", "username", "byl", "BBL"})
GENERIC_ID = re.compile("author|zuozhe|bianji|xiaobian")
GENERIC_CLASS = re.compile("author|channel-name|zuozhe|bianji|xiaobian|submitted-by|posted-by|journalist-name")
ANY_ID = re.compile("[Aa]uthor")
ANY_CLASS = re.compile("[Aa]uthor|screenname|writer|[Bb]yline")

# extract_metainfo's bounds on a byline's length, as extract_author calls it.
MIN_BYLINE_CHARS = 2
MAX_BYLINE_CHARS = 120


def page_byline(tree: lxml.html.HtmlElement) -> str | None:
    """The page's author as trafilatura's ``extract_author`` reads it; the tree is only read."""
    discarded: set[lxml.html.HtmlElement] = set()
    found_by_search: tuple[list, list, list] = ([], [], [])
    named_me = _parents_of_rel_me(tree)
    for element in _elements(tree):
        parent = element.getparent()
        if (parent is not None and parent in discarded) or _is_discarded(element, tree):
            discarded.add(element)
            continue
        for found, selected in zip(found_by_search, _selected_by_searches(element, named_me), strict=True):
            if selected:
                found.append(element)
    for found in found_by_search:
        for element in found:
            content = trim(" ".join(_pruned(element, discarded).itertext()))
            if content and MIN_BYLINE_CHARS < len(content) < MAX_BYLINE_CHARS:
                return normalize_authors(None, content)
    return None


def _elements(tree: lxml.html.HtmlElement) -> Iterator[lxml.html.HtmlElement]:
    """The tree's elements in document order, without comments and processing instructions."""
    return (element for element in tree.iter() if isinstance(element.tag, str))


def _parents_of_rel_me(tree: lxml.html.HtmlElement) -> set[lxml.html.HtmlElement]:
    """Elements with a ``rel`` child element reading "me": the first search's ``rel='me'`` tests a child, not an attribute."""
    return {rel.getparent() for rel in tree.iter("rel") if "".join(rel.itertext()) == "me"}


def _is_discarded(element: lxml.html.HtmlElement, root: lxml.html.HtmlElement) -> bool:
    """Whether AUTHOR_DISCARD_XPATHS select the element itself (its first expression reads below the root only)."""
    if element.tag in DISCARDED_TAGS:
        return True
    if element is root or element.tag not in DISCARDED_BLOCK_TAGS:
        return False
    element_id, element_class = element.get("id"), element.get("class")
    return (
        element_id == "comments"
        or element_class in DISCARDED_CLASSES
        or (element_id is not None and DISCARDED_ID.search(element_id) is not None)
        or (element_class is not None and DISCARDED_CLASS.search(element_class) is not None)
        or "Figure" in element.get("data-component", "")
    )


def _selected_by_searches(element: lxml.html.HtmlElement, named_me: set[lxml.html.HtmlElement]) -> tuple[bool, bool, bool]:
    """Whether each of the three searches of AUTHOR_XPATHS selects the element."""
    tag = element.tag
    if not element.attrib:
        return tag == "author" or (tag in SPECIFIC_TAGS and element in named_me), False, False
    element_id, element_class = element.get("id"), element.get("class")
    itemprop = element.get("itemprop") or ""
    specific = tag == "author" or (
        tag in SPECIFIC_TAGS
        and (
            element.get("rel") == "author"
            or element_id == "author"
            or element_class == "author"
            or itemprop == "author name"
            or element in named_me
            or element.get("data-testid") in SPECIFIC_TEST_IDS
            or (element_class is not None and SPECIFIC_CLASS.search(element_class) is not None)
        )
    )
    generic = tag in GENERIC_TAGS and (
        element_class in GENERIC_CLASSES
        or "author" in itemprop
        or (element_id is not None and GENERIC_ID.search(element_id) is not None)
        or (element_class is not None and GENERIC_CLASS.search(element_class) is not None)
    )
    anywhere = (
        "Byline" in element.get("data-component", "")
        or "author" in itemprop
        or (element_id is not None and ANY_ID.search(element_id) is not None)
        or (element_class is not None and ANY_CLASS.search(element_class) is not None)
    )
    return specific, generic, anywhere


def _pruned(element: lxml.html.HtmlElement, discarded: set[lxml.html.HtmlElement]) -> lxml.html.HtmlElement:
    """The element as the pruned copy holds it: copied and pruned only when a pruned element sits inside it."""
    if not any(descendant in discarded for descendant in element.iterdescendants()):
        return element
    return prune_unwanted_nodes(deepcopy(element), AUTHOR_DISCARD_XPATHS)
