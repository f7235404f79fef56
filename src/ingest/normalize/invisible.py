"""Invisible characters removed: they change nothing a reader sees but break search and matching.

Removed: zero-width space, word joiner, a byte-order mark inside the text, soft
hyphens, and control characters other than tab and the line-end characters
(which ``whitespace`` turns into ``\\n``). A soft hyphen at the end of a line marks a
word the typesetter hyphenated, so the line break after it goes too and the
word is whole again.

Kept on purpose: zero-width joiner and non-joiner (they shape Persian, Arabic and
Indic script and emoji) and the bidirectional marks (they order right-to-left text).
"""

from __future__ import annotations

import re

from ingest.normalize.edits import edits_from_matches
from ingest.rules import CleaningContext
from ingest.traced_text import Edit

INVISIBLE = re.compile(
    r"\u00ad[ \t]*\n[ \t]*"  # soft hyphen that ends a line: the word continues on the next
    r"|[\u200b\u2060\ufeff\u00ad\x00-\x08\x0e-\x1f\x7f-\x84\x86-\x9f]+"
)


def remove_invisible_characters(text: str, context: CleaningContext) -> list[Edit]:
    """Edits deleting invisible characters (and the line break a soft hyphen stood at)."""
    return edits_from_matches(INVISIBLE, text, lambda m: "", "unicode", "invisible_characters")
