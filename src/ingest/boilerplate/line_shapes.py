"""What a line looks like: heading, prose, bullet, or a key for comparing lines.

Boilerplate is recognised by shape far more than by wording: a heading is short
and has no sentence punctuation at its end, prose is long and ends a sentence.
These predicates are the shared vocabulary of the boilerplate rules; the
shapes they build on (list markers, leading numbers) are :mod:`ingest.text_shapes`.
"""

from __future__ import annotations

import re

from ingest.boilerplate.text_lines import per_line_cache
from ingest.text_shapes import LEADING_NUMBER, LIST_MARKER

# A heading longer than this is more likely a sentence that lost its period.
MAX_HEADING_WORDS = 20
MAX_HEADING_CHARS = 200
# A paragraph this long is prose whatever its punctuation; shorter ones must end a sentence.
MIN_PROSE_WORDS = 25
MIN_SENTENCE_PROSE_WORDS = 8

MARKDOWN_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+")
CLOSING_MARKS = "\"'”’»)]"
SENTENCE_END = ".!?。！？"
ELLIPSES = ("...", "…", "[...]", "[…]")


def word_count(text: str) -> int:
    return len(text.split())


def strip_bullet(text: str) -> str:
    """The line without a leading bullet, list number or Markdown heading marker."""
    return MARKDOWN_HEADING.sub("", LIST_MARKER.sub("", text, count=1), count=1).strip()


def ends_sentence(text: str) -> bool:
    """True when the text ends with sentence punctuation (closing quotes ignored), not an ellipsis."""
    core = text.rstrip().rstrip(CLOSING_MARKS)
    return bool(core) and core[-1] in SENTENCE_END and not ends_with_ellipsis(core)


def ends_with_ellipsis(text: str) -> bool:
    return text.rstrip().endswith(ELLIPSES)


def is_heading_like(text: str) -> bool:
    """A short line with letters that does not end like a sentence or a clause.

    A trailing ``?`` or ``!`` is allowed (headlines ask and exclaim); a period,
    comma, semicolon or colon is not. A line opening with a number ("5 things to
    know about ...") is judged by its shape alone: the word after a number is
    lower case in headlines too.
    """
    line = strip_bullet(text) if MARKDOWN_HEADING.match(text) else text.strip()
    if not line or len(line) > MAX_HEADING_CHARS or word_count(line) > MAX_HEADING_WORDS:
        return False
    if not any(ch.isalpha() for ch in line):
        return False
    last = line.rstrip(CLOSING_MARKS)[-1:] or line[-1]
    if last in ".,;:" and not ends_with_ellipsis(line):
        return False
    if LEADING_NUMBER.match(line):
        return True
    first_letter = next(ch for ch in line if ch.isalpha())
    return not first_letter.islower()


def is_prose(text: str) -> bool:
    """A paragraph of running text: long, or a few words ending a sentence."""
    words = word_count(text)
    return words >= MIN_PROSE_WORDS or (words >= MIN_SENTENCE_PROSE_WORDS and ends_sentence(text))


@per_line_cache
def line_key(text: str) -> str:
    """A line folded for comparison: case, bullets, edge punctuation and spacing ignored.

    The corpus-level ``CleaningContext.common_lines`` must hold keys made by
    this function, so that a line is recognised whatever its bullet or case.
    """
    core = strip_bullet(text).casefold()
    core = core.strip(" \t.,;:!?\"'”’“‘«»()[]|-–—…")
    return " ".join(core.split())
