"""Whether text wrapped at a column was printed and read back, or typed at that width.

Both keep a line per printed line, but only print read back carries the marks of
its trip through paper: words the typesetter hyphenated at a line's end
(``psychologi-`` / ``cal``), words OCR misread glyph by glyph (``tlie``,
``rnodern``), and pages that end mid-sentence on a block of short lines (a
footer, a page number: ``ingest.boilerplate.page_furniture.page_breaks``).
Text typed at a column (an e-mail, a README, a licence, a program's
documentation) breaks lines at spaces and is spelled as typed, and it indents
its code, quotations and clauses, which OCR output does not keep. Read this way
(``bench/ocr_evidence.py``), 74 of 80 pages Tesseract read back show print's
marks; none of 91 typed texts (Python's help topics, Debian's licence texts)
does, and 21 of the dev sets' 247 gold bodies wrapped at a column do.

Only print read back gets the OCR repairs (``ingest.input_kinds.SCANNED``): on
typed text they would split ``requirements.txt`` at its dot and take a grammar
rule for garbage.
"""

from __future__ import annotations

import re

from ingest.boilerplate.line_shapes import ends_sentence
from ingest.boilerplate.page_furniture import page_breaks, running_key
from ingest.boilerplate.text_lines import Line
from ingest.language import detect_language
from ingest.normalize.confusions import misread_words
from ingest.normalize.vocabulary import has_word_list, zipf

# A word broken at a line's end: letters, a hyphen closing the line, lower-case letters opening the next.
LINE_END_BREAK = re.compile(r"([^\W\d_]{2,})-\r?\n[ \t]*([^\W\d_A-Z][^\W\d_]+)")
# The joined word must be one writers use, and commoner than the hyphenated compound:
# ``psychological`` is a broken word, ``well-known`` a compound wrapped at its hyphen.
JOINED_WORD_ZIPF = 2.5
# Misread words per thousand words from which a text shows OCR damage (``bench/ocr_evidence.py``:
# 41 of 80 Tesseract pages; 1 of 91 typed texts, a help topic of Python identifiers, indented).
MIN_MISREAD_PER_THOUSAND = 1.0
# Misreads are a rate: counted on this many characters from the middle of a long text, so
# a book costs what a chapter does.
MISREAD_SAMPLE_CHARS = 100_000
# Pages (cut by form feeds) whose first or last line is the same, numbers masked,
# from which the line runs at the pages' edges as print's headers and footers do.
MIN_RUNNING_PAGES = 2
PAGE_BREAK = "\f"
# Indented lines (two spaces or a tab) from this share are typed text's code, quotations or
# clauses (``bench/ocr_evidence.py``: no Tesseract page; 70 of 91 typed texts).
MIN_INDENTED_SHARE = 0.1
INDENTS = ("  ", "\t")


def shows_print_read_back(text: str, lines: list[Line]) -> bool:
    """Whether column-wrapped text carries print's marks: words broken at line ends, OCR's misreads, page breaks.

    Many indented lines say the text was typed, whatever else it shows. In a
    language without a word list (Chinese, Japanese, Korean here) only pages that
    break off mid-sentence can show print; without them the text is read as typed,
    since OCR's repairs and garbage removal on a typed text take its words.
    """
    if is_indented(lines):
        return False
    if has_running_page_edges(text):
        return True
    language = detect_language(text).language
    if page_breaks(lines, language):
        return True
    return has_word_list(language) and (has_broken_words(text, language) or shows_misreads(text, language))


def has_running_page_edges(text: str) -> bool:
    """Whether pages cut by form feeds open or close on the same line, numbers aside: a running header or footer.

    A typed text cut into pages by form feeds (GNU's READMEs, some licences)
    opens each page on a section of its own; print repeats its header, its
    footer or its page number ("Page 3", "- 4 -") at the edge of every page.
    """
    pages = [page for page in text.split(PAGE_BREAK) if page.strip()]
    if len(pages) < MIN_RUNNING_PAGES:
        return False
    edges: dict[str, int] = {}
    for page in pages:
        for key in {running_key(line) for line in _page_edges(page)} - {""}:
            edges[key] = edges.get(key, 0) + 1
    return any(count >= MIN_RUNNING_PAGES for count in edges.values())


def _page_edges(page: str) -> list[str]:
    """The page's first and last lines where they stand apart from its text, as a header and a footer do.

    Neither ends a sentence, and the first does not run on into the line below
    it (a wrapped sentence's opening line, repeated on every page of a typed
    text's copies, is no header).
    """
    content = [line.strip() for line in page.splitlines() if line.strip()]
    edges = []
    first, last = content[0], content[-1]
    runs_on = len(content) > 1 and content[1][:1].islower()
    if not ends_sentence(first) and not runs_on:
        edges.append(first)
    if len(content) > 1 and not ends_sentence(last):
        edges.append(last)
    return edges


def is_indented(lines: list[Line]) -> bool:
    """Whether ``MIN_INDENTED_SHARE`` of the text lines or more are indented: typed text's code or clauses."""
    content = [line for line in lines if not line.is_blank]
    return bool(content) and sum(line.text.startswith(INDENTS) for line in content) >= MIN_INDENTED_SHARE * len(content)


def has_broken_words(text: str, language: str) -> bool:
    """Whether a word the typesetter hyphenated at a line's end runs on below it."""
    return any(_is_broken_word(match.group(1), match.group(2), language) for match in LINE_END_BREAK.finditer(text))


def shows_misreads(text: str, language: str) -> bool:
    """Whether OCR's glyph misreads reach ``MIN_MISREAD_PER_THOUSAND`` words (of a long text's middle)."""
    start = max(0, (len(text) - MISREAD_SAMPLE_CHARS) // 2)
    sample = text[start : start + MISREAD_SAMPLE_CHARS]
    return misread_words(sample, language) * 1000 >= MIN_MISREAD_PER_THOUSAND * max(len(sample.split()), 1)


def _is_broken_word(head: str, tail: str, language: str) -> bool:
    joined = zipf(head + tail, language)
    return joined >= JOINED_WORD_ZIPF and joined > zipf(f"{head}-{tail}", language)
