"""Invisible characters removed: they change nothing a reader sees but break search and matching.

Removed: zero-width space, word joiner, a byte-order mark inside the text, soft
hyphens, and control characters other than tab and the line-end characters
(which ``whitespace`` turns into ``\\n``). A soft hyphen at the end of a line marks a
word the typesetter hyphenated, so the line break after it goes too and the
word is whole again.

C1 control characters (U+0080 to U+009F) are usually bytes of mojibake that ftfy maps
back to the characters they stood for (``â€\x9d`` is a closing quote), so they are
removed only after ftfy has run, by ``remove_stray_c1_controls``; the other
invisible characters go before ftfy, so that a zero-width space inside a
mojibake sequence does not hide it from ftfy.

Kept on purpose: zero-width joiner and non-joiner (they shape Persian, Arabic and
Indic script and emoji) and the bidirectional marks (they order right-to-left text).
"""

from __future__ import annotations

import re

from ingest.normalize.edits import edits_from_matches
from ingest.input_kinds import EVERY_KIND
from ingest.rules import REPAIR, CleaningContext, Phase, rule
from ingest.traced_text import Edit

_INVISIBLE_CLASS = r"[\u200b\u2060\ufeff\u00ad\x00-\x08\x0e-\x1f\x7f]"
INVISIBLE = re.compile(
    r"\u00ad[ \t]*\n[ \t]*"  # soft hyphen that ends a line: the word continues on the next
    rf"|{_INVISIBLE_CLASS}+"
)
# Every INVISIBLE match opens with one of these characters (the soft hyphen among them). A
# search for one class is a fast scan (sre skips ahead to a member); INVISIBLE, an alternation,
# is tried at every position: most non-ASCII texts hold no invisible character, told by the scan.
INVISIBLE_CHARACTER = re.compile(_INVISIBLE_CLASS)
# NEL (U+0085) is a line end, left to ``whitespace``.
_C1_CLASS = r"[\x80-\x84\x86-\x9f]"
C1_CONTROLS = re.compile(rf"{_C1_CLASS}+")
# One C1 control, what every C1_CONTROLS match opens with: a lone class gets sre's fast scan,
# a repeated one (``[...]+``) does not.
C1_CONTROL = re.compile(_C1_CLASS)
# What INVISIBLE can match in ASCII text: most texts are ASCII without a control character,
# which ``isascii`` and ``in`` tell faster than a scan.
ASCII_CONTROLS = tuple(chr(code) for code in [*range(0x00, 0x09), *range(0x0E, 0x20), 0x7F])


@rule(phase=Phase.NEUTRAL_REPAIRS, order=20, effect=REPAIR, kinds="unicode", inputs=EVERY_KIND)
def remove_invisible_characters(text: str, context: CleaningContext) -> list[Edit]:
    """Edits deleting invisible characters (and the line break a soft hyphen stood at)."""
    if (text.isascii() and not any(control in text for control in ASCII_CONTROLS)) or not INVISIBLE_CHARACTER.search(text):
        return []
    return edits_from_matches(INVISIBLE, text, lambda m: "", "unicode", "remove_invisible_characters")


@rule(phase=Phase.NEUTRAL_REPAIRS, order=50, effect=REPAIR, kinds="unicode", inputs=EVERY_KIND)
def remove_stray_c1_controls(text: str, context: CleaningContext) -> list[Edit]:
    """Edits deleting C1 control characters that ftfy could not map to a character."""
    if text.isascii() or not C1_CONTROL.search(text):
        return []
    return edits_from_matches(C1_CONTROLS, text, lambda m: "", "unicode", "remove_stray_c1_controls")
