"""Markup nested deeper than lxml builds trees, flattened so the extractors see all of the page's text.

libxml2 (lxml's parser, and so trafilatura's and readability-lxml's) stops building
the tree at 256 open elements and drops everything below: a forum whose posts never
close their ``<div>`` lost 347 of its 600 posts, and a 300-level menu before an
article lost the article, so the page was rejected as only boilerplate. The page's
own rendering (``ingest.html_text``) is built from parse events and keeps that
text; the extractors need a tree, and the extractors' time grows with the depth
times the size of the page (readability-lxml's, for one: it measures the text of
every container, and each holds all the posts below it).

Parse events (lxml's target interface) carry no depth limit, so a page nested
deeper than ``MAX_DEPTH`` is written out again from its events, with the elements
beyond that depth unwrapped: their text stays in place, a block's edges become line
breaks so that its words do not run into the next block's, and the extractors
parse a page whose every word is in the tree. Pages within the limit are left
exactly as they are.
"""

from __future__ import annotations

import html
from dataclasses import dataclass

import lxml.etree
import lxml.html

# lxml's own limit is 256 open elements. No page of the development set (826 real
# pages) nests deeper than 63, so pages this deep are the broken or hostile ones.
MAX_DEPTH = 128
# Elements whose edges separate words where they stand, as a browser lays them out.
BLOCK_TAGS = frozenset(
    {
        "address", "article", "aside", "blockquote", "dd", "div", "dl", "dt", "fieldset", "figcaption",
        "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "li", "main",
        "nav", "ol", "p", "pre", "section", "table", "td", "th", "tr", "ul",
    }
)
VOID_TAGS = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"})
RAW_TEXT_TAGS = frozenset({"script", "style", "noscript", "template", "textarea", "title"})
# A line break for renderers, and whitespace for those that only read text (``text_content``).
LINE_BREAK = "<br>\n"


@dataclass(frozen=True)
class Flattened:
    """The markup the extractors are given, and how many elements were unwrapped to make it."""

    markup: str
    unwrapped: int = 0


def flatten_deep_nesting(markup: str, tree: lxml.html.HtmlElement | None = None) -> Flattened:
    """The page as it is when no element is nested deeper than ``MAX_DEPTH``; otherwise rewritten with the excess unwrapped.

    ``tree`` is the page already parsed with ``huge_tree`` (whose depth limit is far
    above ``MAX_DEPTH``), so that a page is parsed once for the check and the extractors.
    """
    deep = _deeper_than(markup, MAX_DEPTH) if tree is None else _tree_deeper_than(tree, MAX_DEPTH)
    if not deep:
        return Flattened(markup)
    writer = _FlatWriter()
    parser = lxml.etree.HTMLParser(target=writer, remove_comments=True, remove_pis=True)
    return lxml.etree.fromstring(markup, parser)


def _deeper_than(markup: str, depth: int) -> bool:
    """Whether an element of the page has more than ``depth`` open elements around it (itself included).

    One parse in C and one XPath step per level: the elements at each depth are
    visited once, so the check costs a parse, whatever the page.
    """
    parser = lxml.html.HTMLParser(huge_tree=True)
    try:
        root = lxml.html.document_fromstring(markup, parser=parser)
    except (lxml.etree.ParserError, ValueError):
        return False
    if any(error.type_name == "ERR_RESOURCE_LIMIT" and "depth" in error.message for error in parser.error_log):
        return True
    return _tree_deeper_than(root, depth)


def _tree_deeper_than(root: lxml.html.HtmlElement, depth: int) -> bool:
    return bool(root.getroottree().xpath("boolean(/" + "/".join(["*"] * (depth + 1)) + ")"))


class _FlatWriter:
    """An lxml parser target that writes the events back as markup, unwrapping elements below ``MAX_DEPTH``."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.kept: list[bool] = []  # per open element: written out, or unwrapped
        self.depth = 0  # open elements written out
        self.unwrapped = 0
        self.raw_text = 0

    def start(self, tag: str, attrib: dict[str, str]) -> None:
        # Code stays code, and an element that holds nothing adds no depth that lasts.
        keep = self.depth < MAX_DEPTH or tag in RAW_TEXT_TAGS or tag in VOID_TAGS
        self.kept.append(keep)
        if keep:
            self.depth += 1
            attributes = "".join(f' {name}="{html.escape(value)}"' for name, value in attrib.items())
            self.parts.append(f"<{tag}{attributes}>")
        else:
            self.unwrapped += 1
            if tag in BLOCK_TAGS:
                self.parts.append(LINE_BREAK)
        if tag in RAW_TEXT_TAGS:
            self.raw_text += 1

    def end(self, tag: str) -> None:
        if tag in RAW_TEXT_TAGS:
            self.raw_text -= 1
        if self.kept.pop():
            self.depth -= 1
            if tag not in VOID_TAGS:
                self.parts.append(f"</{tag}>")
        elif tag in BLOCK_TAGS:
            self.parts.append(LINE_BREAK)

    def data(self, text: str) -> None:
        self.parts.append(text if self.raw_text else html.escape(text, quote=False))

    def close(self) -> Flattened:
        return Flattened("<!DOCTYPE html>" + "".join(self.parts), self.unwrapped)
