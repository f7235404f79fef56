"""HTML to plain text with beautifulsoup4, keeping page furniture visible as spans.

The rendering keeps the text of navigation, header, footer, aside and form
elements, and returns their spans as removals: cleaning then drops them with a
record, so a person can still see what the page carried. Script, style and
template contents are code, not text, and never enter the rendering.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from bs4 import BeautifulSoup, Comment, Doctype, NavigableString, ProcessingInstruction, Tag

from ingest.traced_text import Edit

FURNITURE_TAGS = frozenset({"nav", "header", "footer", "aside", "form"})
CODE_TAGS = frozenset({"script", "style", "noscript", "template", "head"})
BLOCK_TAGS = frozenset(
    {
        "address", "article", "aside", "blockquote", "body", "dd", "div", "dl", "dt", "fieldset",
        "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header",
        "hr", "html", "li", "main", "nav", "ol", "p", "pre", "section", "table", "td", "th", "tr", "ul",
    }
)
_SPACES = re.compile(r"\s+")


@dataclass
class RenderedHtml:
    text: str
    removals: list[Edit] = field(default_factory=list)


def render_html(markup: str) -> RenderedHtml:
    """Blocks become paragraphs separated by a blank line; inline whitespace collapses as a browser would."""
    soup = BeautifulSoup(markup, "html.parser")
    paragraphs: list[tuple[str, str | None]] = []
    current_block: Tag | None = None
    words: list[str] = []
    furniture: str | None = None
    for node in soup.descendants:
        if not isinstance(node, NavigableString) or isinstance(node, (Comment, Doctype, ProcessingInstruction)):
            continue
        ancestors = list(node.parents)
        if any(parent.name in CODE_TAGS for parent in ancestors):
            continue
        block = next((parent for parent in ancestors if parent.name in BLOCK_TAGS), None)
        if block is not current_block and words:
            paragraphs.append((" ".join(words), furniture))
            words = []
        current_block = block
        furniture = next((parent.name for parent in ancestors if parent.name in FURNITURE_TAGS), None)
        words.extend(_SPACES.split(str(node).strip()) if str(node).strip() else [])
    if words:
        paragraphs.append((" ".join(words), furniture))
    return _join(paragraphs)


def _join(paragraphs: list[tuple[str, str | None]]) -> RenderedHtml:
    parts: list[str] = []
    removals: list[Edit] = []
    cursor = 0
    for index, (text, furniture) in enumerate(paragraphs):
        chunk = text + ("\n\n" if index < len(paragraphs) - 1 else "\n")
        if furniture is not None:
            removals.append(Edit(cursor, cursor + len(chunk), "", "markup", f"html_{furniture}"))
        parts.append(chunk)
        cursor += len(chunk)
    return RenderedHtml("".join(parts), removals)
