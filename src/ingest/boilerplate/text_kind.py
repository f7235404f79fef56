"""Plain text's kind from its shape: a text of fields, print read back, a saved web page, typed text, or prose.

Print shows first (a masthead with an issue number, or pages or lines wrapped
at a column that carry print's marks: words hyphenated at line ends, OCR's
misreads, pages ending mid-sentence on their furniture;
:mod:`ingest.boilerplate.read_back`). Text whose writer set every line at a
typewriter's column, its sentences running on from line to line, without
print's marks, was typed so and is ``typed`` (a README, a NEWS file, a
program's help; GNU's READMEs separate their pages with form feeds): its lists
show the runs of short lines a saved page's menus do, but a saved page carries
each paragraph on one line. A table typed in columns (cells set at one column
by runs of spaces) was typed too, however wide its rows. A saved page shows its
furniture, runs of short lines that end no sentence (menus, share bars,
footers): two such runs, or one long one, since an article's own list or a
heading over a short paragraph makes one short run at most. Anything else is
prose. The kind decides which rules may act on the text
(:mod:`ingest.input_kinds`).
"""

from __future__ import annotations

import re
from collections import Counter

from wcwidth import wcwidth

from ingest.body_loss import word_count as words_across_scripts
from ingest.boilerplate.data_tables import table_lines
from ingest.boilerplate.line_shapes import ends_sentence, word_count
from ingest.boilerplate.page_furniture import issue_mastheads
from ingest.boilerplate.page_text import is_hard_wrapped
from ingest.boilerplate.read_back import PAGE_BREAK, shows_print_read_back
from ingest.boilerplate.text_lines import Line, split_lines
from ingest.input_kinds import InputKind

MEDIA_TYPE_KINDS = {
    "text/html": InputKind.HTML,
    "text/markdown": InputKind.MARKDOWN,
    "text/x-rst": InputKind.RST,
    "application/pdf": InputKind.PDF,
}

# A menu, a share bar or a footer: consecutive short lines that end no sentence.
# A saved page shows two runs of at least MIN_FURNITURE_RUN lines, or one of at
# least MIN_LONG_FURNITURE_RUN. Chosen on the tuning half of both dev sets
# (``bench/removed_share.py`` reports the kinds decided): 95.0 % of its saved pages
# show it and 5.9 % of its gold article bodies (one run of three: 97.4 % and 17.5 %);
# on the reporting half 93.9 % and 5.1 %.
MIN_FURNITURE_RUN = 3
MIN_LONG_FURNITURE_RUN = 5
MIN_FURNITURE_RUNS = 2
MAX_FURNITURE_LINE_WORDS = 6
# A text of fields: from its first line, lines of a name, a colon and a value, or
# indented lines that continue one, at least MIN_FIELD_TEXT_SHARE of its lines and
# MIN_FIELD_LINES fields. 594 of the 835 copyright files in a Debian system's
# /usr/share/doc are (the others are written as prose); none of the dev sets' 826
# gold bodies and 826 saved pages, the generator's documents, the seeds, the
# content-loss benchmark's Markdown, reStructuredText and typed texts, or 267
# READMEs and NEWS files of the same system (a script run once; none shares at 0.8).
# A text set at a typewriter's column: at most MAX_WIDE_WORD_SHARE of its words
# (a word per character of an unspaced script) on lines wider than TYPED_COLUMNS
# columns, a Chinese or Japanese character taking two as on a terminal. A saved
# page carries its article's paragraphs as whole lines: on the tuning half of both
# dev sets, of the 398 page texts read as pages, one has less than 0.05 of its words
# on wider lines (0.048; the next 0.084), none of the reporting half's 382 (lowest
# 0.085); three gold bodies read as pages are set at the column. A package's NEWS,
# README and help texts (Debian's /usr/share/doc) are typed at 72 to 80 columns:
# most have no word on a wider line, their lists of changes reading as menus.
TYPED_COLUMNS = 100
MAX_WIDE_WORD_SHARE = 0.05
# A text set in columns: on at least MIN_ALIGNED_SHARE of its lines (and
# MIN_ALIGNED_LINES), a cell starts at the same column after a run of spaces, as a
# typed table's do, however wide its rows (a font's glyph status table, a
# fixed-width report of 132 columns). A browser or a scraper saving a page's text
# puts one space or a tab between cells: no line of the dev sets' 826 page texts
# has such a run, and no gold body aligns more than one line in three.
COLUMN_GAP = re.compile(r"(?<=\S) {2,}(?=\S)")
MIN_ALIGNED_SHARE = 0.5
MIN_ALIGNED_LINES = 5
FIELD_LINE = re.compile(r"[A-Za-z][A-Za-z0-9._-]*:(?:[ \t]|$)")
MIN_FIELD_LINES = 3
MIN_FIELD_TEXT_SHARE = 0.9


def kind_of(media_type: str, text: str) -> InputKind:
    """The kind of a document from its format, or for plain text from the text itself."""
    return MEDIA_TYPE_KINDS.get(media_type) or kind_of_text(text)


def kind_of_text(text: str) -> InputKind:
    """Plain text's kind: a text of fields, print read back, a saved web page, typed text, or prose."""
    lines = split_lines(text)
    if is_field_text(lines):
        return InputKind.FIELDS
    if issue_mastheads(lines):
        return InputKind.OCR
    wrapped = PAGE_BREAK in text or is_hard_wrapped(lines)
    if wrapped and shows_print_read_back(text, lines):
        return InputKind.OCR
    if is_set_at_column(lines) or is_set_in_columns(lines):
        return InputKind.TYPED if runs_on_between_lines(lines) else InputKind.PROSE
    return InputKind.PAGE_TEXT if not wrapped and shows_page_furniture(lines) else InputKind.PROSE


def is_field_text(lines: list[Line]) -> bool:
    """Whether the text is ``Name: value`` fields, each run on by indented lines, from its first line.

    Debian's control and copyright files, mail and HTTP headers and package
    metadata are written so (RFC 822's fields): every line a field or a field's
    continuation. Their short lines are no menu and their contact lines no
    profile: every line is the author's.
    """
    content = [line.text for line in lines if not line.is_blank]
    if not content or not FIELD_LINE.match(content[0]):
        return False
    fields = sum(1 for text in content if FIELD_LINE.match(text))
    continued = sum(1 for text in content if text[0] in " \t")
    return fields >= MIN_FIELD_LINES and fields + continued >= MIN_FIELD_TEXT_SHARE * len(content)


def is_set_at_column(lines: list[Line]) -> bool:
    """Whether nearly every word of the text sits on a line no wider than a typewriter's column.

    A browser or a scraper saving a page's text writes each paragraph on one
    line, so most of a page's words sit on wide lines. A writer typing plain text
    wraps every paragraph and list item at 72 to 80 columns, even where no line
    breaks mid-sentence (a list of changes), which ``is_hard_wrapped`` asks for.
    """
    words = wide = 0
    for line in lines:
        if line.is_blank:
            continue
        count = words_across_scripts(line.stripped)
        words += count
        if _columns(line.stripped) > TYPED_COLUMNS:
            wide += count
    return words > 0 and wide <= MAX_WIDE_WORD_SHARE * words


def is_set_in_columns(lines: list[Line]) -> bool:
    """Whether most of the text's lines start a cell at one column, after a run of spaces: a typed table.

    Only spaces set cells at a column; a saved page's text, whose cells a tab or
    one space separates, never lines them up. A table's rows may be wider than
    any typewriter's column and still be typed.
    """
    content = [line.text for line in lines if not line.is_blank]
    starts = Counter(column for text in content for column in {gap.end() for gap in COLUMN_GAP.finditer(text)})
    aligned = max(starts.values(), default=0)
    return aligned >= MIN_ALIGNED_LINES and aligned >= MIN_ALIGNED_SHARE * len(content)


def runs_on_between_lines(lines: list[Line]) -> bool:
    """Whether a sentence runs on from one line to the next.

    A line that ends no sentence is followed by one opening on a letter that is
    no capital: a lowercase one, or one of a script without case. A text of short
    lines each holding a whole paragraph (a note, a list of titles) fits any
    column without having been typed at one.
    """
    for line, below in zip(lines, lines[1:]):
        if line.is_blank or below.is_blank:
            continue
        opening = below.stripped[:1]
        if opening.isalpha() and not opening.isupper() and not ends_sentence(line.stripped):
            return True
    return False


def _columns(text: str) -> int:
    """The text's width on a terminal: a wide (East Asian) character takes two columns, a control character none."""
    if len(text) > TYPED_COLUMNS or len(text) * 2 <= TYPED_COLUMNS or text.isascii():
        return len(text)  # the width decides nothing here, or is the length
    return sum(max(wcwidth(character), 0) for character in text)


def shows_page_furniture(lines: list[Line]) -> bool:
    """Whether the text has two runs of short lines that end no sentence and are no table's rows, or a long one.

    Leaving a table's rows out only shortens or splits runs: a text whose runs
    show no furniture with its rows counted shows none without them, and most
    texts are settled so before their tables are looked for.
    """
    return _furniture_runs(_short_line_runs(lines, set())) and _furniture_runs(_short_line_runs(lines, table_lines(lines)))


def _furniture_runs(runs: list[int]) -> bool:
    """Two runs of ``MIN_FURNITURE_RUN`` short lines or more, or one of ``MIN_LONG_FURNITURE_RUN``."""
    long_enough = [run for run in runs if run >= MIN_FURNITURE_RUN]
    return len(long_enough) >= MIN_FURNITURE_RUNS or any(run >= MIN_LONG_FURNITURE_RUN for run in long_enough)


def _short_line_runs(lines: list[Line], tables: set[int]) -> list[int]:
    """The lengths of the runs of consecutive short content lines but ``tables``' rows (blank lines do not break a run)."""
    runs = [0]
    for index, line in enumerate(lines):
        if line.is_blank:
            continue
        short = index not in tables and word_count(line.text) <= MAX_FURNITURE_LINE_WORDS and not ends_sentence(line.text)
        if short:
            runs[-1] += 1
        elif runs[-1]:
            runs.append(0)
    return [run for run in runs if run]
