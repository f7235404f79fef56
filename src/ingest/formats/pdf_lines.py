"""The printed lines of a PDF page, with the geometry and type that layout decisions need.

pdfminer groups a page's characters into text lines; this keeps each line's
text with what its characters say about it: where it starts and ends, its
baseline, its font size, whether it is set in bold or in a monospace font, and
how wide its first word is (whether that word would have fitted at the end of
the line above tells a wrapped line from a paragraph's last one).
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, replace
from statistics import median

from pdfminer.layout import LTChar, LTPage, LTTextContainer, LTTextLine

# Font names of bold and monospace faces, as PDF writers spell them ("Helvetica-Bold",
# "ABCDEF+DejaVuSansMono", "CourierNewPS-BoldMT").
BOLD_FONT = re.compile(r"bold|black|heavy|semibold|demi", re.IGNORECASE)
MONOSPACE_FONT = re.compile(r"courier|mono|consol|menlo|typewriter|fixed|inconsolata|cousine|code", re.IGNORECASE)
# A line is monospace when its letters all advance by the same width (within this share),
# even in a font whose name does not say so; fewer letters than this prove nothing, and
# digits alone never do (most proportional faces print figures at one width), nor do wide
# characters (Han, kana, Hangul, full-width forms), which every face sets in square cells.
EVEN_ADVANCE_TOLERANCE = 0.01
MIN_EVEN_ADVANCE_GLYPHS = 8
# A subset of a font embedded in a PDF is named with six capitals and a plus: "ABCDEF+DejaVuSerif".
SUBSET_TAG = re.compile(r"^[A-Z]{6}\+")
# A face that covers this share of a line's glyphs is the line's face.
MAJORITY = 0.5
# A writer that justifies a line by widening the gaps between its words can leave
# gaps that pdfminer takes for the end of a line: the words after such a gap come
# as a line of their own, opening with the space drawn before them. That piece
# belongs to the piece before it on its baseline when the gap is under this many
# ems; a gutter or a gap between a table's cells opens no piece with a drawn space,
# and is wider (two columns 8 mm apart leave 2.6 ems at 11 pt).
MAX_JUSTIFIED_GAP_EMS = 2.5
# Pieces whose baselines differ by less than this share of their size are on one baseline.
SAME_BASELINE_SHARE = 0.3


@dataclass(frozen=True, slots=True)
class PrintedLine:
    """One printed line of a page, in PDF coordinates (points, y grows upwards)."""

    text: str
    x0: float
    x1: float
    baseline: float
    top: float
    size: float
    bold: bool
    monospace: bool
    face: str  # the font most of its glyphs are printed in, without a subset's tag ("ABCDEF+")
    first_word_width: float  # from the line's left edge to the end of its first word
    space_width: float
    glyph_width: float  # the median advance of the line's glyphs (a monospace cell)

    @property
    def width(self) -> float:
        return self.x1 - self.x0


def printed_lines(page: LTPage) -> list[PrintedLine]:
    """The page's non-blank text lines, in pdfminer's order (reading order is decided later)."""
    lines = []
    for box in page:
        if not isinstance(box, LTTextContainer):
            continue
        for element in box if not isinstance(box, LTTextLine) else [box]:
            if isinstance(element, LTTextLine):
                line = _printed_line(element)
                if line is not None:
                    lines.append(line)
    return _justified_lines_joined(lines)


def _justified_lines_joined(lines: list[PrintedLine]) -> list[PrintedLine]:
    """The lines with the pieces of each justified line pdfminer cut at a widened gap joined again, in order."""
    ordered = sorted(range(len(lines)), key=lambda index: (-round(lines[index].baseline, 1), lines[index].x0))
    rest_of = {before: after for before, after in zip(ordered, ordered[1:]) if _continues(lines[before], lines[after])}
    pieces_after_the_first = set(rest_of.values())
    joined = []
    for index, line in enumerate(lines):
        if index in pieces_after_the_first:
            continue
        while index in rest_of:
            index = rest_of[index]
            line = _with_piece(line, lines[index])
        joined.append(line)
    return joined


def _with_piece(line: PrintedLine, piece: PrintedLine) -> PrintedLine:
    return replace(
        line, text=line.text + piece.text, x1=piece.x1, top=max(line.top, piece.top),
        bold=line.bold and piece.bold, monospace=line.monospace and piece.monospace,
    )


def _continues(line: PrintedLine, piece: PrintedLine) -> bool:
    """Whether ``piece`` is the rest of ``line``: on its baseline, just after it, opening with a drawn space."""
    size = max(line.size, piece.size)
    return (
        abs(line.baseline - piece.baseline) < SAME_BASELINE_SHARE * size
        and 0 <= piece.x0 - line.x1 <= MAX_JUSTIFIED_GAP_EMS * size
        and piece.text[:1].isspace()
    )


def _printed_line(line: LTTextLine) -> PrintedLine | None:
    text = line.get_text().rstrip()
    glyphs = [char for char in line if isinstance(char, LTChar) and not char.get_text().isspace()]
    if not text.strip() or not glyphs:
        return None
    spaces = [char for char in line if isinstance(char, LTChar) and char.get_text() == " "]
    size = median(char.size for char in glyphs)
    advances = [char.adv for char in glyphs]
    letter_advances = [char.adv for char in glyphs if _narrow_letter(char.get_text())]
    return PrintedLine(
        text=text,
        x0=line.x0,
        x1=line.x1,
        baseline=median(char.y0 for char in glyphs),
        top=line.y1,
        size=size,
        bold=_share(glyphs, BOLD_FONT) > MAJORITY,
        monospace=_share(glyphs, MONOSPACE_FONT) > MAJORITY or _even_advances(letter_advances),
        face=_face(glyphs),
        first_word_width=_first_word_end(line) - line.x0,
        space_width=spaces[0].width if spaces else size / 4,
        glyph_width=median(advances),
    )


def _share(glyphs: list[LTChar], face: re.Pattern[str]) -> float:
    return sum(bool(face.search(char.fontname)) for char in glyphs) / len(glyphs)


def _face(glyphs: list[LTChar]) -> str:
    return Counter(SUBSET_TAG.sub("", char.fontname) for char in glyphs).most_common(1)[0][0]


def _narrow_letter(text: str) -> bool:
    """A letter whose width is its face's choice: not a wide character, printed in a square cell by every face."""
    return text.isalpha() and not any(unicodedata.east_asian_width(character) in "WF" for character in text)


def _even_advances(advances: list[float]) -> bool:
    if len(advances) < MIN_EVEN_ADVANCE_GLYPHS:
        return False
    low, high = min(advances), max(advances)
    return high - low <= EVEN_ADVANCE_TOLERANCE * high


def _first_word_end(line: LTTextLine) -> float:
    """Where the line's first word ends: the right edge of the last glyph before the first space."""
    end = line.x0
    started = False
    for char in line:
        is_space = char.get_text().isspace()
        if started and is_space:
            break
        if isinstance(char, LTChar) and not is_space:
            started = True
            end = char.x1
    return end
