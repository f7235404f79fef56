"""The guard against cleaning away a document's body: when removals take too much, they are doubted.

Every rule was measured on the kinds of document it declares, but a user's file
can still look, to a rule, like the pattern it removes: a report's table like a
menu, a two-page memo like a saved page. Losing a body is worse than keeping
boilerplate, so after cleaning the words kept are counted, and a document whose
removals took more than its kind's share (or all of its prose) is cleaned again
with the doubtful removals reconsidered (see ``ingest.clean``), and loaded with
the reason in ``documents.review_reason`` so that a person can look.

Words are counted across scripts: a run of Chinese, Japanese or Thai, written
without spaces, counts a word per character, so a Chinese page is not "one word".
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from ingest.boilerplate.line_shapes import MIN_PROSE_WORDS, MIN_SENTENCE_PROSE_WORDS, ends_sentence
from ingest.input_kinds import InputKind
from ingest.text_shapes import UNSPACED
from ingest.traced_text import Edit, TracedText

UNSPACED_CHAR = re.compile(f"[{UNSPACED}]")
UNSPACED_RUN = re.compile(f"[{UNSPACED}]+")

# The largest share of a document's words that cleaning may remove before its
# removals are doubted, per kind. Measured with the guard off by
# ``bench/removed_share.py`` (``bench/results/removed_share.md``): a saved page
# or an HTML page rightly loses up to 90-99.8 % of its words to navigation and
# comments, so only an emptied one is doubted; the generator's scraped articles
# lose up to 39 % (prose) and 15 % (OCR) to planted furniture, the dev sets'
# clean gold bodies up to 16 % (prose) and 44 % (hard-wrapped, OCR) to rules that
# misjudge them: half is above all of it. Markdown and born-digital PDFs lose only
# running heads and page numbers, a few per cent (``bench/content_loss.py``); reStructuredText
# is written as Markdown is, and a text of fields (a Debian copyright file) has no boilerplate rule.
MAX_REMOVED_SHARE: dict[InputKind, float | None] = {
    InputKind.HTML: None,
    InputKind.PAGE_TEXT: None,
    InputKind.PROSE: 0.5,
    InputKind.TYPED: 0.5,
    InputKind.OCR: 0.5,
    InputKind.MARKDOWN: 0.2,
    InputKind.RST: 0.2,
    InputKind.PDF: 0.2,
    InputKind.FIELDS: 0.2,
}


# Removals whose text is the document's metadata, not its body: a Markdown file's front matter
# (``ingest.formats.front_matter``). Shares of words are measured on the body without them.
FRONT_MATTER_KIND = "front_matter"


@dataclass(frozen=True)
class Doubt:
    """Why a document's removals are doubted: the sentence a reviewer reads."""

    reason: str


def word_count(text: str) -> int:
    """Words across scripts: whitespace-separated tokens, and a word per character of an unspaced script."""
    spaced = UNSPACED_RUN.sub(" ", text).split()
    return len(spaced) + len(UNSPACED_CHAR.findall(text))


def is_blank(text: str) -> bool:
    """Whether ``word_count`` finds no word: every character of a text that is not blank is in a word."""
    return not text or text.isspace()


def body_of(raw_text: str, format_removals: Iterable[Edit]) -> str:
    """The raw text without its front matter, whose words went to the metadata, not away."""
    metadata = [edit for edit in format_removals if edit.kind == FRONT_MATTER_KIND]
    if not metadata:
        return raw_text
    body = TracedText(raw_text)
    body.apply(metadata)
    return body.text


def holds_prose(text: str) -> bool:
    """Whether a text has a line of running text: a sentence of several words, or a long line."""
    return any(is_prose_line(line) for line in text.splitlines())


def is_prose_line(line: str) -> bool:
    words = word_count(line)
    return words >= MIN_PROSE_WORDS or (words >= MIN_SENTENCE_PROSE_WORDS and ends_sentence(line))


def doubt_removals(raw_text: str, clean_text: str, kind: InputKind) -> Doubt | None:
    """A doubt when cleaning emptied a text that holds prose, or removed more than its kind's share."""
    limit = MAX_REMOVED_SHARE[kind]
    if limit is None and not is_blank(clean_text):
        return None  # no share to exceed: a page that kept a word needs no counting
    kept_words = word_count(clean_text)
    raw_words = word_count(raw_text)
    if raw_words == 0:
        return None
    if kept_words == 0:
        if holds_prose(raw_text):
            return Doubt(f"cleaning would have removed every word of a {kind.value} document that holds prose")
        return None
    removed = 1 - kept_words / raw_words
    if limit is not None and removed > limit:
        return Doubt(
            f"cleaning would have removed {removed:.0%} of the words of a {kind.value} document"
            f" (more than the {limit:.0%} that cleaning removes from such documents)"
        )
    return None
