"""Consistent whitespace: ``\\n`` line ends, single spaces, no spaces at line edges.

Line ends: ``\\r\\n``, ``\\r``, vertical tab, NEL and LINE SEPARATOR become ``\\n``;
form feed (a PDF page break) and PARAGRAPH SEPARATOR become a blank line, so the
re-flow sees a page break where there was one.

Spaces: inside a line, any run of horizontal whitespace (tabs, no-break, thin,
ideographic and other Unicode spaces) becomes one ASCII space; at the start and
end of a line it is dropped. Leading spaces in scraped and PDF text are noise
(the seeds indent mid-sentence lines as often as new paragraphs), so they carry
no layout worth keeping; column alignment with spaces is lost, words are not.
Fenced code blocks are the exception, and typed text's indented code: their
spacing is the code's; so is a text of fields, whose indented lines continue the
field above them.
"""

from __future__ import annotations

import re

from ingest.normalize.edits import edits_from_matches
from ingest.input_kinds import EVERY_KIND, FLOWING_TEXT
from ingest.normalize.blocks import in_spans, verbatim_spans
from ingest.rules import REPAIR, CleaningContext, Phase, rule
from ingest.traced_text import Edit

LINE_BREAK = re.compile(r"\r\n|[\r\x0b\x85\u2028]")
PAGE_BREAK = re.compile(r"[\x0c\u2029]")
# Tab and every Unicode space separator (category Zs), written out so the class stays one lookup.
SPACE = "\t \u00a0\u1680\u2000-\u200a\u202f\u205f\u3000"
OTHER_SPACE = "\t\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000"
# Only whitespace that needs a change: runs, non-ASCII spaces, and single spaces at line edges
# (matching every ordinary space would cost a call per word). Every match opens with a space:
# the lookahead lets the scan reject any other position at one test (a third of the CPU).
UNTIDY_SPACE = re.compile(rf"(?=[{SPACE}])(?:[{SPACE}]{{2,}}|[{OTHER_SPACE}]|^ | $)", re.MULTILINE)
# The characters LINE_BREAK and PAGE_BREAK match: most texts hold none, found faster by ``in`` than by a scan.
LINE_AND_PAGE_BREAKS = ("\r", "\x0b", "\x0c", "\x85", "\u2028", "\u2029")


@rule(phase=Phase.NEUTRAL_REPAIRS, order=10, effect=REPAIR, kinds="whitespace", inputs=EVERY_KIND)
def normalize_line_endings(text: str, context: CleaningContext) -> list[Edit]:
    """Every line ends in ``\\n``; page and paragraph separators become a blank line."""
    if not any(mark in text for mark in LINE_AND_PAGE_BREAKS):
        return []
    edits = edits_from_matches(LINE_BREAK, text, lambda m: "\n", "whitespace", "normalize_line_endings")
    edits += edits_from_matches(PAGE_BREAK, text, lambda m: "\n\n", "whitespace", "normalize_line_endings")
    return sorted(edits, key=lambda edit: edit.start)


@rule(phase=Phase.NEUTRAL_REPAIRS, order=90, effect=REPAIR, kinds="whitespace", inputs=FLOWING_TEXT)
def tidy_spaces(text: str, context: CleaningContext) -> list[Edit]:
    """Runs of spaces inside a line become one space; spaces at either end of a line go."""

    code = verbatim_spans(text, context.input_kind if context is not None else None)

    def replace(match: re.Match[str]) -> str | None:
        if in_spans(match.start(), code):
            return None
        at_line_start = match.start() == 0 or text[match.start() - 1] == "\n"
        at_line_end = match.end() == len(text) or text[match.end()] == "\n"
        return "" if at_line_start or at_line_end else " "

    return edits_from_matches(UNTIDY_SPACE, text, replace, "whitespace", "tidy_spaces")
