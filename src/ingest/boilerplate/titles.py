"""The document's title: its first line, when that line is shaped like a heading."""

from __future__ import annotations

from ingest.boilerplate.line_shapes import MARKDOWN_HEADING, is_heading_like, strip_bullet

# Titles are short; a longer first line is the article's opening sentence.
MAX_TITLE_WORDS = 20


def find_title(text: str) -> str | None:
    """The first non-blank line if it is heading-like (short, no closing period), else None.

    Only the first line is considered: a heading further down is a section
    heading, not the title. The title stays in the text.
    """
    stripped = text.lstrip()
    if not stripped:
        return None
    end = stripped.find("\n")
    line = stripped[: end if end != -1 else len(stripped)]
    candidate = strip_bullet(line) if MARKDOWN_HEADING.match(line) else line.strip()
    if is_heading_like(candidate) and len(candidate.split()) <= MAX_TITLE_WORDS:
        return candidate
    return None
