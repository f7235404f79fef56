"""What every input format gives and promises: the record of a file read in its format."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Protocol

from ingest.traced_text import Edit


@dataclass(frozen=True)
class Extracted:
    """A file read in its format, before cleaning.

    ``text`` is the document's raw text: every change cleaning records, including
    ``markup_removals``, is an offset into it. Paged formats separate their pages
    with a form feed, so page-furniture rules can see where a page ends.
    """

    text: str
    encoding: str  # the charset the bytes were decoded with, or the container's ("pdf")
    media_type: str  # "text/plain", "text/markdown", "text/html", "application/pdf"
    markup_removals: list[Edit] = field(default_factory=list)  # spans of ``text`` that are not the article
    metadata: Mapping[str, str] = field(default_factory=dict)  # title, author, published (ISO date), ...
    # Every field the file states about itself (a Markdown file's front matter), kept in ``documents.metadata``.
    fields: Mapping[str, str] = field(default_factory=dict)
    # The format already told the article from the page around it (an HTML page's
    # main-content extractor answered): rules that look for the article's region in a
    # saved page's text would only second-guess a judgement made with the markup.
    article_chosen: bool = False


class InputFormat(Protocol):
    name: str

    def sniff(self, data: bytes, name: str) -> bool:
        """Whether the file, by its bytes or its name, is in this format."""
        ...

    def extract(self, data: bytes, name: str) -> Extracted:
        """The file's text; raises ``ingest.decode.RejectedInput`` with a readable reason."""
        ...
