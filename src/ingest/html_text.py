"""HTML to plain text from lxml's tree of the page, keeping page furniture visible as spans.

The rendering keeps the text of navigation, header, footer, aside and form
elements, and returns their spans as removals: cleaning then drops them with a
record, so a person can still see what the page carried. Script, style and
template contents are code, not text, and never enter the rendering.

lxml's parser repairs markup the way browsers do (a body opened inside ``<head>``
moves to the body), where Python's ``html.parser`` would keep it in the head and
lose it. The HTML format parses a page once and renders the tree the extractors
read (``render_tree``). A bare lxml tree stops at 256 open elements, so a page
nested deeper is rendered by ``render_html`` with beautifulsoup4, which builds its
tree from lxml's parse events and has no depth limit. A page in which lxml finds
no visible text at all (an unclosed ``<title>`` swallows the rest of the page, as
it would in a browser) is read again with ``html.parser``, which keeps that text.
"""

from __future__ import annotations

import re
import warnings
from collections.abc import Iterator
from dataclasses import dataclass, field

import lxml.etree
import lxml.html
from bs4 import (
    BeautifulSoup,
    Comment,
    Doctype,
    MarkupResemblesLocatorWarning,
    NavigableString,
    PageElement,
    ProcessingInstruction,
    Tag,
    XMLParsedAsHTMLWarning,
)

from ingest.normalize.blocks import is_fence
from ingest.traced_text import Edit

FURNITURE_TAGS = frozenset({"nav", "header", "footer", "aside", "form"})
# The elements HTML5 gives an article's own text; a block inside one says so in its shape.
ARTICLE_TAGS = frozenset({"article", "main"})
# The elements HTML5 gives a figure and its caption; a block inside one says so in its shape.
FIGURE_TAGS = frozenset({"figure", "figcaption"})
CODE_TAGS = frozenset({"script", "style", "noscript", "template", "head"})
# Table cells are not blocks: a row of cells is one paragraph, as it reads, and a
# column of numbers does not turn into lines that look like page numbers. A block
# inside a cell (a layout table's paragraphs) still makes its own paragraph.
BLOCK_TAGS = frozenset(
    {
        "address", "article", "aside", "blockquote", "body", "dd", "div", "dl", "dt", "fieldset",
        "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header",
        "hr", "html", "li", "main", "nav", "ol", "p", "pre", "section", "table", "tr", "ul",
    }
)
# Inline elements that separate words where they stand (line breaks, table cells,
# images, form controls). Other inline elements join the text around them as it
# is: a drop cap "<span>T</span>he" reads "The".
SPACING_TAGS = frozenset({"br", "td", "th", "img", "input", "button", "label", "select", "option", "textarea"})
_SPACE = NavigableString(" ")

# The file was named or sniffed as HTML and is read as HTML, whatever beautifulsoup4
# guesses from its first bytes (an XML declaration, a page that is one URL): its
# warnings would only fill the run's log.
warnings.filterwarnings("ignore", category=XMLParsedAsHTMLWarning)
warnings.filterwarnings("ignore", category=MarkupResemblesLocatorWarning)
_SPACES = re.compile(r"\s+")
_PAGE_END_TAGS = re.compile(r"</(?:body|html)\s*>", re.IGNORECASE)
# A form holding more than this share of the page's text is the page itself (ASP.NET
# wraps every page in one), not a search box or a comment form: it is not furniture.
MAX_FORM_SHARE = 0.5


@dataclass(frozen=True)
class BlockShape:
    """What the markup says about one paragraph of the rendering: evidence for choosing the article's.

    ``tag`` is the paragraph's innermost block element, ``link_share`` the share of
    its characters inside links, ``in_article`` whether it sits in an ``article`` or
    ``main`` element, ``in_figure`` whether in a ``figure`` or its ``figcaption``.
    """

    tag: str
    link_share: float
    in_article: bool
    in_figure: bool


@dataclass
class RenderedHtml:
    """The page's visible text, its furniture as removals, and one ``BlockShape`` per paragraph of the text.

    ``paragraphs`` are the paragraphs' spans, each with the blank line after it:
    what ``ingest.formats.alignment.paragraph_spans`` finds in the text, known
    here as the text is joined (no paragraph holds a blank line of its own).
    """

    text: str
    removals: list[Edit] = field(default_factory=list)
    shapes: list[BlockShape] = field(default_factory=list)
    paragraphs: list[tuple[int, int]] = field(default_factory=list)


# A visible string, its innermost block and furniture elements, and whether it sits in a link, an article and a figure.
_Node = tuple[str, object, object, bool, bool, bool]


def render_html(markup: str) -> RenderedHtml:
    """Blocks become paragraphs separated by a blank line; inline whitespace collapses as a browser would.

    Time is linear in the size of the markup whatever its nesting depth, and no
    recursion is involved, so hostile or broken pages cannot exhaust the stack.
    """
    rendered = _render(_text_nodes(BeautifulSoup(markup, "lxml")))
    if not rendered.text:
        rendered = _render(_text_nodes(BeautifulSoup(markup, "html.parser")))
    return rendered


# Every element an lxml.html element, chosen in C. lxml.html's own lookup asks a Python
# method for each element the tree hands to Python (1.7 million calls on 300 pages, as
# trafilatura and readability walk it), to give forms and inputs classes of their own
# that neither extractor uses; this one gives the same extractions (all 826 dev-set
# pages and 295 HTML manuals, byte for byte) for 4 to 6 % less of the format's CPU.
_HTML_ELEMENTS = lxml.etree.ElementDefaultClassLookup(
    element=lxml.html.HtmlElement,
    comment=lxml.html.HtmlComment,
    pi=lxml.html.HtmlProcessingInstruction,
    entity=lxml.html.HtmlEntity,
)


def parse_page(markup: str) -> lxml.html.HtmlElement | None:
    """lxml's tree of the page, or None when lxml cannot build one.

    Given as UTF-8 bytes: lxml refuses a string that still carries an XML
    encoding declaration. Without its ``</body>`` and ``</html>`` tags: libxml2's
    tree ends at them and drops what follows (a footer written after them), where
    browsers, and the parse events beautifulsoup4 reads, carry on in the body.
    ``huge_tree`` lifts libxml2's depth limit far above what
    ``ingest.formats.nesting`` lets through; comments and processing instructions
    are dropped, as trafilatura's own parse drops them, since it reads this tree.
    """
    parser = lxml.html.HTMLParser(encoding="utf-8", huge_tree=True, remove_comments=True, remove_pis=True, collect_ids=False)
    parser.set_element_class_lookup(_HTML_ELEMENTS)
    try:
        return lxml.html.document_fromstring(_PAGE_END_TAGS.sub("", markup).encode("utf-8", "surrogatepass"), parser=parser)
    except (lxml.etree.ParserError, ValueError):
        return None


def render_tree(root: lxml.html.HtmlElement, markup: str) -> RenderedHtml:
    """``render_html`` of a page lxml already parsed, whose ``markup`` is read again only when the tree shows no text."""
    rendered = _render(_lxml_text_nodes(root))
    if not rendered.text:
        rendered = _render(_text_nodes(BeautifulSoup(markup, "html.parser")))
    return rendered


def _lxml_text_nodes(root: lxml.html.HtmlElement) -> Iterator[_Node]:
    """``_text_nodes`` over an lxml tree, where an element's text and each child's tail are its strings."""
    # Text after ``</html>`` is the root's tail; browsers show it at the end of the body.
    stack: list[tuple[object, object, object, bool, bool, bool]] = (
        [(root.tail, None, None, False, False, False)] if root.tail else []
    )
    stack.append((root, None, None, False, False, False))
    while stack:
        node, block, furniture, in_link, in_article, in_figure = stack.pop()
        if isinstance(node, str):
            yield node, block, furniture, in_link, in_article, in_figure
            continue
        tag = node.tag
        if not isinstance(tag, str) or tag in CODE_TAGS:  # comments and processing instructions have no visible text
            continue
        if tag in BLOCK_TAGS:
            block = node
        if tag in FURNITURE_TAGS:
            furniture = node
        inner = (in_link or tag == "a", in_article or tag in ARTICLE_TAGS, in_figure or tag in FIGURE_TAGS)
        for child in reversed(node):
            if child.tail:
                stack.append((child.tail, block, furniture, in_link, in_article, in_figure))
            stack.append((child, block, furniture, *inner))
        if node.text:
            stack.append((node.text, block, furniture, *inner))
        if tag in SPACING_TAGS:
            stack.append((" ", block, furniture, *inner))


def _render(nodes: Iterator[_Node]) -> RenderedHtml:
    paragraphs: list[_Paragraph] = []
    current_block: object = None
    pieces: list[tuple[str, bool]] = []
    furniture: object = None
    in_article = in_figure = False
    for node, block, node_furniture, in_link, node_in_article, node_in_figure in nodes:
        if block is not current_block:
            _add_paragraph(paragraphs, pieces, furniture, current_block, in_article, in_figure)
            pieces = []
        current_block = block
        furniture = node_furniture
        in_article, in_figure = node_in_article, node_in_figure
        pieces.append((node, in_link))
    _add_paragraph(paragraphs, pieces, furniture, current_block, in_article, in_figure)
    return _join(_without_page_wrapping_forms(paragraphs))


@dataclass
class _Paragraph:
    text: str
    furniture: object
    shape: BlockShape


def _add_paragraph(
    paragraphs: list[_Paragraph],
    pieces: list[tuple[str, bool]],
    furniture: object,
    block: object,
    in_article: bool,
    in_figure: bool,
) -> None:
    """One block's text, its whitespace collapsed as a browser would, unless it has none."""
    joined = "".join([piece for piece, _ in pieces])
    if not joined or joined.isspace():
        return  # most blocks hold only the whitespace between their children
    tag = _tag_name(block) if block is not None else ""
    text = _preformatted(joined) if tag == "pre" else " ".join(_SPACES.split(joined.strip()))
    if text:
        visible = sum(len(piece.strip()) for piece, _ in pieces)
        linked = sum(len(piece.strip()) for piece, in_link in pieces if in_link)
        paragraphs.append(_Paragraph(text, furniture, BlockShape(tag, linked / visible if visible else 0.0, in_article, in_figure)))


def _preformatted(text: str) -> str:
    """A ``pre`` block's lines as a fenced code block: cleaning keeps a fence's lines and indentation as written.

    Its blank lines go, so that the block stays one paragraph of the rendering;
    a block that holds a fence line of its own keeps its lines without a fence.
    """
    lines = [line.rstrip() for line in text.splitlines() if line.strip()]
    if not lines:
        return ""
    body = "\n".join(lines)
    return body if any(is_fence(line) for line in lines) else f"```\n{body}\n```"


def _text_nodes(soup: BeautifulSoup) -> Iterator[_Node]:
    """Visible text nodes in document order, each with its innermost block and furniture element.

    Hand-written rather than ``soup.descendants`` plus ``node.parents``: looking up
    the ancestors of every text node costs depth × nodes, which a deeply nested page
    turns into minutes; carrying them down an explicit stack costs one step per node.
    """
    stack: list[tuple[PageElement, Tag | None, Tag | None, bool, bool, bool]] = [(soup, None, None, False, False, False)]
    while stack:
        node, block, furniture, in_link, in_article, in_figure = stack.pop()
        if isinstance(node, Tag):
            if node.name in CODE_TAGS:
                continue
            if node.name in BLOCK_TAGS:
                block = node
            if node.name in FURNITURE_TAGS:
                furniture = node
            in_link = in_link or node.name == "a"
            in_article = in_article or node.name in ARTICLE_TAGS
            in_figure = in_figure or node.name in FIGURE_TAGS
            stack.extend((child, block, furniture, in_link, in_article, in_figure) for child in reversed(node.contents))
            if node.name in SPACING_TAGS:
                stack.append((_SPACE, block, furniture, in_link, in_article, in_figure))
        elif isinstance(node, NavigableString) and not isinstance(node, (Comment, Doctype, ProcessingInstruction)):
            yield node, block, furniture, in_link, in_article, in_figure


def _without_page_wrapping_forms(paragraphs: list[_Paragraph]) -> list[_Paragraph]:
    """The paragraphs, with a form that holds most of the page's text no longer counted as furniture."""
    total = sum(len(paragraph.text) for paragraph in paragraphs)
    in_form: dict[int, int] = {}
    for paragraph in paragraphs:
        if paragraph.furniture is not None and _tag_name(paragraph.furniture) == "form":
            in_form[id(paragraph.furniture)] = in_form.get(id(paragraph.furniture), 0) + len(paragraph.text)
    wrappers = {form for form, chars in in_form.items() if chars > MAX_FORM_SHARE * total}
    for paragraph in paragraphs:
        if paragraph.furniture is not None and id(paragraph.furniture) in wrappers:
            paragraph.furniture = None
    return paragraphs


def _tag_name(element: object) -> str:
    """The element's tag name, from a beautifulsoup4 ``Tag`` or an lxml element."""
    return element.name if isinstance(element, Tag) else element.tag


def _join(paragraphs: list[_Paragraph]) -> RenderedHtml:
    parts: list[str] = []
    removals: list[Edit] = []
    spans: list[tuple[int, int]] = []
    cursor = 0
    for index, paragraph in enumerate(paragraphs):
        chunk = paragraph.text + ("\n\n" if index < len(paragraphs) - 1 else "\n")
        if paragraph.furniture is not None:
            removals.append(Edit(cursor, cursor + len(chunk), "", "page_furniture", f"html_{_tag_name(paragraph.furniture)}"))
        parts.append(chunk)
        spans.append((cursor, cursor + len(chunk)))
        cursor += len(chunk)
    return RenderedHtml("".join(parts), removals, [paragraph.shape for paragraph in paragraphs], spans)
