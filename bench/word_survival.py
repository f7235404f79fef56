"""How much of a source document survives cleaning, and which changes took the rest.

Words kept is a multiset count: the source's word tokens and the clean text's
word tokens are compared as bags (``Counter`` intersection), so a word the
source has three times counts as kept only as often as the clean text has it,
and the order of the words does not matter. Before tokenizing, both texts are
put in Unicode NFKC form and casefolded, so that a ligature, a full-width digit
or a capital turned lower by a repair is not counted as a loss.

A word token is a maximal run of letters, marks, digits and underscores
(``\\w`` plus combining marks), except in scripts written without spaces
between words (Han, Hiragana, Katakana, Hangul, Thai, Lao, Khmer, Myanmar),
where every character is a token of its own: there, a whitespace token would be
a whole clause, and one lost character would count as the whole clause lost.
Punctuation and markup (``#``, ``|``, ``*``) are not tokens, so a Markdown
heading whose ``##`` is removed keeps all its words.

Paragraphs recovered: a paragraph of the source (a block between blank lines)
is recovered when the clean text has a paragraph with exactly the same
sequence of word tokens, i.e. it was neither cut, nor split, nor glued to a
neighbour.

Which changes took the lost words: every change recorded against the raw text
(``ingest.traced_text.Change``), widened to the whole words it touches in the
raw text, deletes the tokens of its ``before`` that its ``after`` lacks (so a
space inserted into ``thetalks`` deletes ``thetalks``); walking the changes in
text order, each is credited with the
lost source tokens it deleted that are not yet credited to an earlier change.
What no change deleted was never in the raw text: the input format lost it
(an HTML page's extractor, a PDF's text layer).
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

import regex

from ingest.traced_text import Change

# Scripts written without spaces between words: counted a character at a time.
CHARACTER_SCRIPTS = ("Han", "Hiragana", "Katakana", "Hangul", "Thai", "Lao", "Khmer", "Myanmar")
_CHARACTER_CLASS = "".join(rf"\p{{{script}}}" for script in CHARACTER_SCRIPTS)
TOKEN = regex.compile(rf"[{_CHARACTER_CLASS}]|[[\w\p{{M}}]--[{_CHARACTER_CLASS}]]+", regex.V1)
BLANK_LINE = re.compile(r"\n[ \t\r\f\v]*\n")
# Credited to the input format: the source tokens no recorded change deleted.
NOT_IN_RAW_TEXT = ("not in the raw text", "format")


def word_tokens(text: str) -> list[str]:
    """The word tokens of ``text`` after NFKC and casefolding (see the module's docstring)."""
    return TOKEN.findall(unicodedata.normalize("NFKC", text).casefold())


def paragraphs(text: str) -> list[tuple[str, ...]]:
    """The token sequences of the blocks between blank lines that hold any word."""
    blocks = (tuple(word_tokens(block)) for block in BLANK_LINE.split(text.replace("\f", "\n\n")))
    return [block for block in blocks if block]


@dataclass
class Survival:
    """What one document kept of its source, and what took the rest."""

    words_in: int
    words_kept: int
    paragraphs_in: int
    paragraphs_recovered: int
    # (rule, kind) -> source tokens that change deleted.
    lost_by: Counter[tuple[str, str]] = field(default_factory=Counter)

    @property
    def kept_share(self) -> float:
        return self.words_kept / self.words_in if self.words_in else 1.0


def survival(source: str, clean: str, changes: Iterable[Change] = (), raw: str = "") -> Survival:
    """Score ``clean`` against ``source``; ``changes`` (against ``raw``, the decoded text) name the losses."""
    source_tokens = Counter(word_tokens(source))
    clean_tokens = Counter(word_tokens(clean))
    missing = source_tokens - clean_tokens
    source_paragraphs = paragraphs(source)
    clean_paragraphs = set(paragraphs(clean))
    return Survival(
        words_in=source_tokens.total(),
        words_kept=(source_tokens & clean_tokens).total(),
        paragraphs_in=len(source_paragraphs),
        paragraphs_recovered=sum(1 for block in source_paragraphs if block in clean_paragraphs),
        lost_by=_credit_losses(missing, changes, raw),
    )


def _credit_losses(missing: Counter[str], changes: Iterable[Change], raw: str) -> Counter[tuple[str, str]]:
    remaining = Counter(missing)
    lost_by: Counter[tuple[str, str]] = Counter()
    for change in sorted(changes, key=lambda c: c.start):
        if not remaining:
            break
        before, after = _within_words(change, raw)
        deleted = Counter(word_tokens(before)) - Counter(word_tokens(after))
        taken = deleted & remaining
        if taken:
            lost_by[(change.rule, change.kind)] += taken.total()
            remaining -= taken
    if remaining:
        lost_by[NOT_IN_RAW_TEXT] += remaining.total()
    return lost_by


def _within_words(change: Change, raw: str) -> tuple[str, str]:
    """The change widened to whole words of ``raw``, before and after it.

    Edits are minimal: ``thetalks`` split into ``the talks`` is recorded as one
    inserted space, which deletes no token of its own; widened to the word it sits
    in, it deletes ``thetalks``. Without ``raw`` the change is taken as it is.
    """
    if raw[change.start : change.end] != change.before:
        return change.before, change.after
    start, end = change.start, change.end
    while start > 0 and _in_word(raw[start - 1]):
        start -= 1
    while end < len(raw) and _in_word(raw[end]):
        end += 1
    return raw[start:end], raw[start : change.start] + change.after + raw[change.end : end]


def _in_word(character: str) -> bool:
    return character.isalnum() or character == "_" or unicodedata.category(character).startswith("M")
