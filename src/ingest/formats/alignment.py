"""Which paragraphs of a page's full text an extractor kept, found by aligning its output back.

Extractors return their own rendering of the article, not offsets into the page;
the warehouse records every removal as a span of the raw text. Aligning the two
word sequences (a longest common subsequence, which rapidfuzz computes in C)
tells, for every paragraph of the raw text, how many of its words the extractor
kept. No library maps an extractor's output back onto a rendering of the page,
hence this module.
"""

from __future__ import annotations

import re
from itertools import accumulate, repeat

from rapidfuzz.distance import Indel

_WORDS = re.compile(r"\w+")
_PARAGRAPH_END = re.compile(r"\n\n+|\n?\Z")
# A paragraph is kept when the extractor kept at least this share of its words.
# Extractors keep or drop whole blocks, so nearly every paragraph is at 0 or 1; the
# middle only sees a paragraph that shares a few words with a kept one by chance.
MIN_KEPT_WORD_SHARE = 0.5
# The alignment is trusted when it finds at least this share of the extractor's
# words in the raw text; below it, the extractor read the page differently (a
# different parse, text from attributes) and its choice cannot be mapped back.
MIN_ALIGNED_SHARE = 0.8
# The alignment's time and memory grow with the product of the two word counts
# (rapidfuzz keeps one bit per pair): this many pairs take about 50 MB and a third
# of a second. A news page with its article is some 10^7; a page past the bound (a
# book-length page whose extractor kept half of it) is not aligned, and the
# format falls back to marking its furniture.
MAX_ALIGNED_PAIRS = 400_000_000


def paragraph_spans(text: str) -> list[tuple[int, int]]:
    """Spans of the paragraphs of ``text`` (blank-line separated), each with the blank line after it."""
    spans = []
    start = 0
    for separator in _PARAGRAPH_END.finditer(text):
        if separator.end() > start:
            spans.append((start, separator.end()))
        start = separator.end()
        if start >= len(text):
            break
    return spans


def kept_paragraphs(raw: str, paragraphs: list[tuple[int, int]], extracted: str) -> list[bool] | None:
    """For each paragraph of ``raw``, whether the extractor's text kept it; None when that cannot be told.

    A paragraph without a word (a lone "|" or "•") goes with the paragraph before it.
    """
    return PageWords(raw, paragraphs).kept(extracted)


class PageWords:
    """The words of a page's paragraphs, read once for every extractor's output aligned onto them.

    Words are aligned as numbers, one per distinct word of the page: rapidfuzz
    compares numbers faster than strings, and an extracted word the page lacks
    (numbered -1) matches nothing either way, so the alignment is the same.
    """

    def __init__(self, raw: str, paragraphs: list[tuple[int, int]]) -> None:
        words: list[str] = []
        self.paragraph_ends: list[int] = []
        for start, end in paragraphs:
            words.extend(_WORDS.findall(raw, start, end))
            self.paragraph_ends.append(len(words))
        folded = list(map(str.casefold, words))
        self.numbers = {word: number for number, word in enumerate(dict.fromkeys(folded))}
        self.words = list(map(self.numbers.__getitem__, folded))

    def kept(self, extracted: str) -> list[bool] | None:
        """``kept_paragraphs`` for this page's paragraphs."""
        extracted_words = list(map(self.numbers.get, map(str.casefold, _WORDS.findall(extracted)), repeat(-1)))
        if not extracted_words or len(self.words) * len(extracted_words) > MAX_ALIGNED_PAIRS:
            return None
        aligned_before = [0] * (len(self.words) + 1)  # +1 where an aligned run starts, -1 where it ends
        aligned = 0
        for block in Indel.opcodes(self.words, extracted_words):
            if block.tag == "equal":
                aligned += block.src_end - block.src_start
                aligned_before[block.src_start] += 1
                aligned_before[block.src_end] -= 1
        if aligned < MIN_ALIGNED_SHARE * len(extracted_words):
            return None
        aligned_upto = list(accumulate(accumulate(aligned_before), initial=0))
        kept: list[bool] = []
        start = 0
        for end in self.paragraph_ends:
            hits, total = aligned_upto[end] - aligned_upto[start], end - start
            kept.append(hits >= MIN_KEPT_WORD_SHARE * total if total else bool(kept) and kept[-1])
            start = end
        return kept
