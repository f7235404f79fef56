"""Hard-wrapped lines re-flowed into paragraphs, also across a page break.

PDF and e-mail text breaks lines at a fixed width; the breaks say nothing about
the text. A document is taken as hard-wrapped when its lines cluster under a
plausible width and many of them stop mid-sentence; a born-digital PDF's text
always is, however short (its reader set the paragraphs apart and kept each
one's printed lines). Then each line break is judged from the two lines around it:

* a line that stops mid-sentence continues on the next line, unless it is short
  and the next starts with a capital (a heading, a signature line, a name) that
  would have fitted after it: a line left short because the next word did not
  fit (a long name in a narrow column) was wrapped;
* a line that ends a sentence continues the paragraph only when it is full
  (reaches the wrap width): a short line ending in a full stop ends a paragraph;
* across blank lines (a page break, or furniture removed from one) a line that
  stops mid-sentence continues when the next starts lowercase, or when it is a
  full line of prose (not a Title Case heading) and the next is not a heading.

Lines are joined with a space, or with nothing between characters of scripts
written without spaces (Chinese, Japanese, Thai). Bullets and numbered items are
never glued to the line before them (an em or en dash after a full line that
stops mid-sentence is the sentence's own, not a bullet), and a table's rows
(cells between ``|``) and the lines of a fenced code block are never joined at
all: their breaks are meant. The rule needs no word list, so it runs for every
language.

Written by hand: text-wrapping libraries wrap; none un-wraps with these guards.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ingest.input_kinds import FLOWING_TEXT, PRINT, InputKind
from ingest.normalize.blocks import in_spans, indented_code_spans, is_fence, is_rule_line, is_table_row
from ingest.rules import REPAIR, CleaningContext, Phase, rule
from ingest.text_shapes import LIST_MARKER
from ingest.traced_text import Edit

# Fewer lines than this say too little about a wrap width.
MIN_LINES = 6
# The wrap width is this percentile of line lengths: robust to a few overlong lines.
WIDTH_PERCENTILE = 0.9
# Wrap widths outside this range are not hard wraps: narrower is a list or verse,
# wider is a paragraph per line (web text), where every break is meant. In columns.
MIN_WRAP_WIDTH = 30
MAX_WRAP_WIDTH = 110
# Print (a PDF's pages) sets wider lines than a terminal: an A4 page with narrow margins
# holds about 115 characters of 11-point type, a landscape page or 9-point type 150.
MAX_PRINTED_WRAP_WIDTH = 160
# A document is hard-wrapped when at least this many breaks inside blocks, and this
# share of them, fall mid-sentence; prose written one paragraph per line has none.
MIN_MID_SENTENCE_BREAKS = 5
MIN_MID_SENTENCE_SHARE = 0.5
# A line is full when it reaches this share of the wrap width; proportional PDF fonts
# make character counts vary by a word or so between full lines.
FULL_LINE_SHARE = 0.75
# A line with at least this share of capitalised words is Title Case: a heading.
TITLE_CASE_SHARE = 0.5
# The next line's first word did not fit after a line when the two would reach this
# share of the wrap width: character counts of proportional type vary by a word a line.
UNFITTED_SHARE = 0.9
# Bullets that are also a sentence's dashes. Not the hyphen-minus: plain-text lists are
# written with it, and an item can fill its line without ending a sentence.
DASHES = frozenset("—–")

TERMINAL = frozenset(".!?:…。！？：")
CLOSERS = "\"'”’»)]}"
DASH_END = re.compile(r"\w(?:—|–|--)$")
WORD = re.compile(r"[^\W\d_]+")
# In code point order: a character below the first range is in none (most are).
NO_SPACE_SCRIPTS = (
    (0x0E00, 0x0EFF),  # Thai, Lao
    (0x1000, 0x109F),  # Myanmar
    (0x1780, 0x17FF),  # Khmer
    (0x3040, 0x30FF),  # Hiragana, Katakana
    (0x3400, 0x4DBF),  # CJK extension A
    (0x4E00, 0x9FFF),  # CJK unified ideographs
    (0xF900, 0xFAFF),  # CJK compatibility ideographs
)


# Characters that take two columns (CJK ideographs, kana, Hangul, full-width forms): wrap
# widths are columns, so a Chinese line of 25 characters is as full as a Latin one of 50.
WIDE = re.compile(
    r"[\u1100-\u115f\u2e80-\u303e\u3040-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]"
)


@dataclass(frozen=True)
class _Line:
    start: int
    end: int
    text: str
    width: int


@rule(phase=Phase.LANGUAGE_REPAIRS, order=20, effect=REPAIR, kinds="reflow", inputs=FLOWING_TEXT)
def reflow_hard_wraps(text: str, context: CleaningContext) -> list[Edit]:
    """Edits replacing wrap line breaks (and page-break gaps inside a sentence) with a space."""
    lines = _non_blank_lines(text)
    kind = context.input_kind if context is not None else None
    if kind is InputKind.PDF:
        width = _percentile_width(lines) if lines else None
    else:
        width = _wrap_width(lines, text, MAX_PRINTED_WRAP_WIDTH if kind in PRINT else MAX_WRAP_WIDTH)
    if width is None:
        return []
    edits = []
    verbatim = _verbatim_lines(lines, indented_code_spans(text) if kind is InputKind.TYPED else [])
    for index, (before, after) in enumerate(zip(lines, lines[1:])):
        if index in verbatim or index + 1 in verbatim:
            continue
        across_blank = text.count("\n", before.end, after.start) > 1
        if _continues(before, after, width, across_blank):
            edits.append(Edit(before.end, after.start, _joiner(before, after), "reflow", "reflow_hard_wraps"))
    return edits


def _verbatim_lines(lines: list[_Line], code: list[tuple[int, int]]) -> set[int]:
    """Indexes of lines whose breaks are meant: table rows, rules (a heading's underline), code between fences
    (fences included) and the lines of the ``code`` spans."""
    verbatim = set()
    fenced = False
    for index, line in enumerate(lines):
        fence = is_fence(line.text)
        indented_code = in_spans(line.start, code)
        if fenced or fence or indented_code or is_table_row(line.text) or is_rule_line(line.text):
            verbatim.add(index)
        if fence:
            fenced = not fenced
    return verbatim


def _joiner(before: _Line, after: _Line) -> str:
    """A space, or nothing after a closed-up dash or between characters of scripts without spaces."""
    if DASH_END.search(before.text) or _no_space_between(before.text[-1], after.text[0]):
        return ""
    return " "


def _non_blank_lines(text: str) -> list[_Line]:
    lines = []
    offset = 0
    for raw in text.split("\n"):
        stripped = raw.strip()
        if stripped:
            start = offset + (len(raw) - len(raw.lstrip()))
            width = len(stripped) if stripped.isascii() else len(stripped) + len(WIDE.findall(stripped))
            lines.append(_Line(start, start + len(stripped), stripped, width))
        offset += len(raw) + 1
    return lines


def _wrap_width(lines: list[_Line], text: str, widest: int) -> int | None:
    """The document's wrap width, or ``None`` when it is not hard-wrapped."""
    if len(lines) < MIN_LINES:
        return None
    width = _percentile_width(lines)
    if not MIN_WRAP_WIDTH <= width <= widest:
        return None
    inside_blocks = [
        (before, after) for before, after in zip(lines, lines[1:]) if text.count("\n", before.end, after.start) == 1
    ]
    mid_sentence = sum(not _ends_sentence(before.text) for before, _ in inside_blocks)
    if mid_sentence < MIN_MID_SENTENCE_BREAKS or mid_sentence < MIN_MID_SENTENCE_SHARE * len(inside_blocks):
        return None
    return width


def _percentile_width(lines: list[_Line]) -> int:
    lengths = sorted(line.width for line in lines)
    return lengths[int(WIDTH_PERCENTILE * (len(lengths) - 1))]


def _continues(before: _Line, after: _Line, width: int, across_blank: bool) -> bool:
    full = before.width >= FULL_LINE_SHARE * width
    if _opens_item(before, after, full) or before.text.endswith("-") and not DASH_END.search(before.text):
        return False  # a list item starts; a word-final hyphen is the split-word rule's to judge
    capital_next = after.text[0].isupper()
    if across_blank:
        if _ends_sentence(before.text):
            return False
        if after.text[0].islower():
            return True
        return full and not _title_case(before.text) and not _heading_like(after, width)
    if _ends_sentence(before.text):
        return full
    return full or not capital_next or _next_word_did_not_fit(before, after, width)


def _opens_item(before: _Line, after: _Line, full: bool) -> bool:
    """Whether the next line opens a list item; a dash after a full line that stops mid-sentence does not."""
    marker = LIST_MARKER.match(after.text)
    if marker is None:
        return False
    return marker.group("bullet") not in DASHES or not full or _ends_sentence(before.text)


def _next_word_did_not_fit(before: _Line, after: _Line, width: int) -> bool:
    first_word = after.text.split(maxsplit=1)[0]
    return before.width + 1 + len(first_word) >= UNFITTED_SHARE * width


def _ends_sentence(line: str) -> bool:
    stripped = line.rstrip(CLOSERS)
    return bool(stripped) and stripped[-1] in TERMINAL


def _title_case(line: str) -> bool:
    words = WORD.findall(line)
    return bool(words) and sum(word[0].isupper() for word in words) >= TITLE_CASE_SHARE * len(words)


def _heading_like(line: _Line, width: int) -> bool:
    return line.width < FULL_LINE_SHARE * width and not _ends_sentence(line.text)


def _no_space_between(left: str, right: str) -> bool:
    return _no_space_script(left) and _no_space_script(right)


def _no_space_script(char: str) -> bool:
    code = ord(char)
    return code >= NO_SPACE_SCRIPTS[0][0] and any(low <= code <= high for low, high in NO_SPACE_SCRIPTS)
