"""Plain text's kind from its shape: print read back, a saved web page, or prose.

Print shows first (lines wrapped at a column, a masthead with an issue number,
page breaks); a saved page shows its furniture, runs of short lines that end no
sentence (menus, share bars, footers); anything else is prose. The kind decides
which rules may act on the text (:mod:`ingest.input_kinds`).
"""

from __future__ import annotations

from ingest.boilerplate.data_tables import table_lines
from ingest.boilerplate.line_shapes import ends_sentence, word_count
from ingest.boilerplate.page_text import is_print
from ingest.boilerplate.text_lines import Line, split_lines
from ingest.input_kinds import InputKind

MEDIA_TYPE_KINDS = {
    "text/html": InputKind.HTML,
    "text/markdown": InputKind.MARKDOWN,
    "application/pdf": InputKind.PDF,
}

PAGE_BREAK = "\f"
# A menu, a share bar or a footer: this many consecutive short lines that end no
# sentence. Prose keeps a paragraph a line; a heading stands alone between paragraphs.
MIN_FURNITURE_RUN = 3
MAX_FURNITURE_LINE_WORDS = 6


def kind_of(media_type: str, text: str) -> InputKind:
    """The kind of a document from its format, or for plain text from the text itself."""
    return MEDIA_TYPE_KINDS.get(media_type) or kind_of_text(text)


def kind_of_text(text: str) -> InputKind:
    """Plain text's kind: print read back, a saved web page, or prose."""
    if PAGE_BREAK in text or is_print(text):
        return InputKind.OCR
    return InputKind.PAGE_TEXT if shows_page_furniture(split_lines(text)) else InputKind.PROSE


def shows_page_furniture(lines: list[Line]) -> bool:
    """Whether the text has a run of short lines that end no sentence and are no table's rows."""
    tables = table_lines(lines)
    run = 0
    for index, line in enumerate(lines):
        if line.is_blank:
            continue
        short = index not in tables and word_count(line.text) <= MAX_FURNITURE_LINE_WORDS and not ends_sentence(line.text)
        run = run + 1 if short else 0
        if run >= MIN_FURNITURE_RUN:
            return True
    return False
