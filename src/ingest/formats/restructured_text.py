"""reStructuredText: an author's document in a markup language, read as its text.

Python's documentation and most package descriptions are written in it. Its
badges, directives and option lines (``.. image::``, ``:target: ...``) are runs of
short lines that end no sentence, which read as a saved page's menus when the
file is judged by its shape; the file's name says what it is, as a Markdown
file's does, so its sections, lists and code are kept as content.
"""

from __future__ import annotations

from ingest.formats.plain_text import TextFormat

FORMAT = TextFormat("reStructuredText", "text/x-rst", frozenset({".rst", ".rest"}))
