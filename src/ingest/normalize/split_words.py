"""Words split across lines by a hyphen, made whole: ``inter-\\nnational`` → ``international``.

The line break always goes; whether the hyphen stays is the question. It stays
when it is part of the word by form (a digit on either side: ``Su-\\n35``; a
capital after it: ``North-\\nSouth``), when the document or the corpus spells
the word with a hyphen elsewhere, or when both halves are words and the joined
form is not a common word (``non-\\nresident`` → ``non-resident``, since
``nonresident`` is rarer than its halves). It goes when the joined form is a
common word about as frequent as its halves (``inter-\\nnational``), or when a
half is no word at all (a syllable break: ``ambiva-\\nlent``). Languages without
a word list keep the hyphen: nothing is decided without evidence.

Written by hand: no library hyphenates in reverse with word frequencies.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Mapping

from ingest.normalize.vocabulary import has_word_list, zipf
from ingest.input_kinds import EVERY_KIND
from ingest.rules import REPAIR, CleaningContext, Phase, rule
from ingest.traced_text import Edit

# The hyphen at a line end, found from the hyphen so the search never backtracks over a word:
# ASCII's, or Unicode's HYPHEN (U+2010), which groff prints where it breaks a word in a man page.
LINE_END_HYPHEN = re.compile(r"(?<=\w)[-\u2010][ \t]*\n\s*(?=\w)")
TOKEN = re.compile(r"\w+(?:-\w+)*")
# A joined form rarer than this (about one use in a million words) is not trusted as a word:
# ``reevaluate`` (2.9) and ``antiwar`` (2.6) keep their hyphen, ``cooperation`` (4.3) does not.
JOINED_MIN_ZIPF = 3.0
# How much rarer than the rarer half the joined form may be and still win: ``carpet`` (4.0)
# beats ``car``/``pet`` (5.2/4.5), ``nonresident`` (2.2) loses to ``non``/``resident``.
JOINED_MARGIN = 1.5
# A half at least this frequent is a word; below, the break is taken for a syllable break.
HALF_WORD_ZIPF = 3.0


@rule(phase=Phase.LANGUAGE_REPAIRS, order=10, effect=REPAIR, kinds="hyphenation", inputs=EVERY_KIND)
def join_split_words(text: str, context: CleaningContext) -> list[Edit]:
    """Edits that remove the line break after a word-final hyphen, and the hyphen where it is not part of the word."""
    matches = list(LINE_END_HYPHEN.finditer(text))
    if not matches:
        return []
    seen: Counter[str] = Counter()
    for token, count in Counter(TOKEN.findall(text)).items():  # each distinct token folded once
        seen[token.casefold()] += count
    edits = []
    for match in matches:
        left = _word_before(text, match.start())
        right = _word_after(text, match.end())
        if _keeps_hyphen(left, right, context.language, seen, context.preferred_spellings):
            edits.append(Edit(match.start(), match.end(), text[match.start()], "hyphenation", "join_split_words"))
        else:
            edits.append(Edit(match.start(), match.end(), "", "hyphenation", "join_split_words"))
    return edits


def _keeps_hyphen(left: str, right: str, language: str, seen: Counter[str], preferred: Mapping[str, str]) -> bool:
    if any(char.isdigit() for char in left + right):
        return True
    if any(char.isupper() for char in right) and not (left.isupper() and right.isupper()):
        return True
    hyphenated, joined = f"{left}-{right}", left + right
    if preferred.get(joined) == hyphenated:
        return True
    if seen[hyphenated.casefold()] != seen[joined.casefold()]:
        return seen[hyphenated.casefold()] > seen[joined.casefold()]
    if not has_word_list(language):
        return True
    joined_zipf = zipf(joined, language)
    halves = min(zipf(left, language), zipf(right, language))
    if joined_zipf >= JOINED_MIN_ZIPF and joined_zipf >= halves - JOINED_MARGIN:
        return False
    return halves >= HALF_WORD_ZIPF


def _word_before(text: str, end: int) -> str:
    start = end
    while start > 0 and (text[start - 1].isalnum() or text[start - 1] == "_"):
        start -= 1
    return text[start:end]


def _word_after(text: str, start: int) -> str:
    end = start
    while end < len(text) and (text[end].isalnum() or text[end] == "_"):
        end += 1
    return text[start:end]
