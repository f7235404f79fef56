"""A page's byline found as trafilatura's author search finds it, in one lean walk of the tree.

trafilatura's ``extract_author`` copies the page, prunes from the copy what cannot
hold the byline (comments, sidebars, dates, figures: ``AUTHOR_DISCARD_XPATHS``),
then runs three XPath searches over the whole copy (``AUTHOR_XPATHS``), most
specific first, and takes the first match whose text is of a name's length. On
the HTML dev sets that costs 6 to 7 ms a page, a fifth of the format's time, for
pages whose head names no author. Every predicate of those XPaths reads only an
element's tag and attributes (and the first search's ``rel='me'``, a ``rel``
child element's text), so one walk of the original tree can find what the
pruning would remove and the three searches' matches at once; only a match that
holds a pruned element is copied and pruned, to read its text as the pruned copy
has it.

The walk is lean because nearly every element matters to none of the searches:
it reads which attributes an element has, then only its ``class`` and ``id`` and,
rarely, the four other attributes the XPaths test, and answers every test of a
``class`` or ``id`` value at once, remembered by value (a page repeats its class
names, and sites their own). Pruning is not followed during the walk: a match is
passed over afterwards when it or an element holding it is pruned (pruning removes
whole subtrees). Timed by hand on the dev sets, this costs about 1 ms a page,
against 2.0 to 2.3 ms for a walk testing every element against each search in
turn. Compiled XPaths are slower still, even spelled without trafilatura's
``re:test`` (which calls back into Python for each element): libxml2 spends
0.2 to 0.35 µs on each attribute test of each element, and the searches and the
pruning make dozens.

The answer is trafilatura's own, element for element, with one exception no
parsed page meets: a root ``<time>`` or ``<figure>`` counts here as pruned with all
it holds, where trafilatura, unable to delete a root, reads inside it (the HTML
format's root is always ``<html>``). A test holds the XPaths this module mirrors,
so a trafilatura release that changes them fails it (trafilatura is pinned to 2.3.x).
"""

from __future__ import annotations

import re
from copy import deepcopy
from functools import lru_cache

import lxml.etree
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

# The attributes the XPaths test besides ``class`` and ``id``; few elements carry one.
RARE_ATTRIBUTES = frozenset({"itemprop", "data-component", "data-testid", "rel"})

# extract_metainfo's bounds on a byline's length, as extract_author calls it.
MIN_BYLINE_CHARS = 2
MAX_BYLINE_CHARS = 120

# What an element's attributes pass, as bits: the pruning's test (when the element is a block below the root),
# the specific search's (when its tag is one of SPECIFIC_TAGS), the generic one's (GENERIC_TAGS), any element's.
PRUNED = 1
SPECIFIC = 2
GENERIC = 4
ANY = 8
# Enough distinct class and id values for a few sites' pages; a value's tests never change.
REMEMBERED_VALUES = 16384


def page_byline(tree: lxml.html.HtmlElement) -> str | None:
    """The page's author as trafilatura's ``extract_author`` reads it; the tree is only read."""
    pruned, found_by_search = _walk(tree)
    for found in found_by_search:
        for element in found:
            if _is_pruned(element, pruned):
                continue
            content = trim(" ".join(_as_pruned(element, pruned).itertext()))
            if content and MIN_BYLINE_CHARS < len(content) < MAX_BYLINE_CHARS:
                return normalize_authors(None, content)
    return None


def _walk(tree: lxml.html.HtmlElement) -> tuple[set[lxml.html.HtmlElement], tuple[list, list, list]]:
    """The elements the pruning selects, and each search's matches in document order, pruned or not."""
    named_me, tagged = _selected_by_tag(tree)
    pruned: set[lxml.html.HtmlElement] = set()
    found_by_search: tuple[list, list, list] = ([], [], [])
    specific, generic, anywhere = found_by_search
    for element in tree.iter(lxml.etree.Element):
        tests = _attribute_tests(element)
        if not tests and element not in tagged:
            continue
        tag = element.tag
        if tag in DISCARDED_TAGS or (tests & PRUNED and tag in DISCARDED_BLOCK_TAGS and element is not tree):
            pruned.add(element)
        if tag == "author" or (tag in SPECIFIC_TAGS and (tests & SPECIFIC or element in named_me)):
            specific.append(element)
        if tests & GENERIC and tag in GENERIC_TAGS:
            generic.append(element)
        if tests & ANY:
            anywhere.append(element)
    return pruned, found_by_search


def _selected_by_tag(
    tree: lxml.html.HtmlElement,
) -> tuple[set[lxml.html.HtmlElement], set[lxml.html.HtmlElement]]:
    """The elements with a ``rel`` child element reading "me", and all a search or the pruning may select by tag alone.

    The first search's ``rel='me'`` tests a child element's text, not an attribute.
    """
    named_me: set[lxml.html.HtmlElement] = set()
    tagged: set[lxml.html.HtmlElement] = set()
    for element in tree.iter("rel", "author", *DISCARDED_TAGS):
        if element.tag != "rel":
            tagged.add(element)
        elif "".join(element.itertext()) == "me":
            named_me.add(element.getparent())
    return named_me, tagged | named_me


def _attribute_tests(element: lxml.html.HtmlElement) -> int:
    """The tests (PRUNED, SPECIFIC, GENERIC, ANY) the element's attributes pass, whatever its tag."""
    names = element.keys()
    if not names:
        return 0
    tests = 0
    if "class" in names and (value := element.get("class")):
        tests = _class_tests(value)
    if "id" in names and (value := element.get("id")):
        tests |= _id_tests(value)
    if not RARE_ATTRIBUTES.isdisjoint(names):
        tests |= _rare_attribute_tests(element)
    return tests


@lru_cache(maxsize=REMEMBERED_VALUES)
def _class_tests(value: str) -> int:
    """The tests a ``class`` value passes."""
    return (
        (PRUNED if value in DISCARDED_CLASSES or DISCARDED_CLASS.search(value) else 0)
        | (SPECIFIC if value == "author" or SPECIFIC_CLASS.search(value) else 0)
        | (GENERIC if value in GENERIC_CLASSES or GENERIC_CLASS.search(value) else 0)
        | (ANY if ANY_CLASS.search(value) else 0)
    )


@lru_cache(maxsize=REMEMBERED_VALUES)
def _id_tests(value: str) -> int:
    """The tests an ``id`` value passes."""
    return (
        (PRUNED if value == "comments" or DISCARDED_ID.search(value) else 0)
        | (SPECIFIC if value == "author" else 0)
        | (GENERIC if GENERIC_ID.search(value) else 0)
        | (ANY if ANY_ID.search(value) else 0)
    )


def _rare_attribute_tests(element: lxml.html.HtmlElement) -> int:
    """The tests the element's ``itemprop``, ``data-component``, ``data-testid`` and ``rel`` pass."""
    itemprop = element.get("itemprop") or ""
    component = element.get("data-component") or ""
    specific = (
        element.get("rel") == "author" or itemprop == "author name" or element.get("data-testid") in SPECIFIC_TEST_IDS
    )
    return (
        (PRUNED if "Figure" in component else 0)
        | (SPECIFIC if specific else 0)
        | (GENERIC | ANY if "author" in itemprop else 0)
        | (ANY if "Byline" in component else 0)
    )


def _is_pruned(element: lxml.html.HtmlElement, pruned: set[lxml.html.HtmlElement]) -> bool:
    """Whether pruning removes the element: it, or an element holding it, is one the pruning selects."""
    return bool(pruned) and (element in pruned or any(ancestor in pruned for ancestor in element.iterancestors()))


def _as_pruned(element: lxml.html.HtmlElement, pruned: set[lxml.html.HtmlElement]) -> lxml.html.HtmlElement:
    """The element as the pruned copy holds it: copied and pruned only when a pruned element sits inside it."""
    if not any(element in inside.iterancestors() for inside in pruned):
        return element
    return prune_unwanted_nodes(deepcopy(element), AUTHOR_DISCARD_XPATHS)
