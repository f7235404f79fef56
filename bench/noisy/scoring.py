"""Scoring a cleaner's output against a noisy document's gold.

Three questions, each answered per document so a report can add them up:

* Which gold words survived? Repairs re-flow lines, join split words and fix
  glyphs, so words cannot be compared as strings. Each word is reduced to its
  letters and digits, case-folded, and the gold and output are aligned
  character by character (``rapidfuzz.distance.Indel``, an LCS alignment). A
  word is kept when most of its characters are matched: ``inter-\\nnational``
  and ``international`` are the same word, so is an unrepaired ``16™`` of
  ``16th``; a removed block matches nothing because the text around it is
  matched first.
* How far are the body words from the article (word error rate)? Word
  sequences are aligned with ``rapidfuzz.distance.Levenshtein``, on tokens with
  case and typographic quotes and dashes folded, so that a deliberate quote
  style is not counted as an error.
* Which damages were repaired, and which correct words did cleaning break? The
  same word alignment tells, for each gold word, whether the text shows it
  exactly, before and after cleaning.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from rapidfuzz.distance import Indel, Levenshtein

from bench.noisy.model import BODY, Damage, NoisyDocument

# Share of a gold word's characters the output must contain, in order, for the
# word to count as kept. Lower credits stray letters of a removed word matched
# elsewhere; higher calls an unrepaired "16™" (half of "16th") lost.
KEPT_CHAR_SHARE = 0.5

_FOLD = str.maketrans({"“": '"', "”": '"', "„": '"', "«": '"', "»": '"', "‘": "'", "’": "'", "‚": "'", "—": "-", "–": "-"})
_TOKEN = re.compile(r"\S+")


@dataclass(frozen=True, slots=True)
class GoldWord:
    """A word of the gold in document order: what it is, and whether the output kept it."""

    word: str
    kind: str
    kept: bool


def word_key(word: str) -> str:
    """Letters and digits only, case-folded: what survives every legitimate repair."""
    return "".join(ch for ch in word.casefold() if ch.isalnum())


def gold_words(document: NoisyDocument, output: str) -> list[GoldWord]:
    """Every gold word that has a letter or digit, marked kept or not by the output."""
    words = [(word, span.kind) for span in document.spans for word in span.clean.split() if word_key(word)]
    keys = [word_key(word) for word, _ in words]
    owner = [index for index, key in enumerate(keys) for _ in key]
    matched = [0] * len(words)
    for op in Indel.opcodes("".join(keys), word_key(output)):
        if op.tag == "equal":
            for position in range(op.src_start, op.src_end):
                matched[owner[position]] += 1
    return [
        GoldWord(word, kind, matched[index] >= KEPT_CHAR_SHARE * len(keys[index]))
        for index, (word, kind) in enumerate(words)
    ]


def wer_tokens(text: str) -> list[str]:
    return [token.translate(_FOLD).casefold() for token in text.split()]


def word_error_rate_counts(reference: list[str], text: str) -> tuple[int, int]:
    """Edit distance between the reference words and the text's words, and the reference length."""
    return Levenshtein.distance(reference, wer_tokens(text)), len(reference)


def exact_words(reference: list[str], text: str) -> list[bool]:
    """For each reference word, whether the alignment finds it unchanged in the text."""
    exact = [False] * len(reference)
    for op in Levenshtein.opcodes(reference, wer_tokens(text)):
        if op.tag == "equal":
            for index in range(op.src_start, op.src_end):
                exact[index] = True
    return exact


def aligned_output(reference: list[str], text: str) -> list[tuple[int, int] | None]:
    """For each reference word, the character span of the output word it is aligned with, if any.

    Equal and one-for-one replaced words are paired; a word deleted or part of
    an uneven replacement has no partner.
    """
    tokens = list(_TOKEN.finditer(text))
    folded = [match.group().translate(_FOLD).casefold() for match in tokens]
    partner: list[tuple[int, int] | None] = [None] * len(reference)
    for op in Levenshtein.opcodes(reference, folded):
        same_size = op.src_end - op.src_start == op.dest_end - op.dest_start
        if op.tag == "equal" or (op.tag == "replace" and same_size):
            for offset in range(op.src_end - op.src_start):
                partner[op.src_start + offset] = tokens[op.dest_start + offset].span()
    return partner


@dataclass(frozen=True)
class LayoutCounts:
    """Gaps between consecutive body words, by what separates them in the output."""

    inner_gaps: int = 0  # both words in one paragraph
    inner_line_breaks: int = 0  # ... yet a line break between them: a hard wrap left
    paragraph_gaps: int = 0  # the words end and start two paragraphs
    paragraph_breaks: int = 0  # ... with a blank line between them, as the final layout promises


def layout_counts(document: NoisyDocument, text: str) -> LayoutCounts:
    partner = aligned_output(folded_reference(document), text)
    inner = inner_breaks = outer = outer_breaks = 0
    for index in range(len(partner) - 1):
        left, right = partner[index], partner[index + 1]
        if left is None or right is None or right[0] < left[1]:
            continue
        gap = text[left[1] : right[0]]
        if gap.strip():
            continue  # something stands between them: not a question of layout
        if document.paragraph_of[index] == document.paragraph_of[index + 1]:
            inner += 1
            inner_breaks += "\n" in gap
        else:
            outer += 1
            outer_breaks += gap.count("\n") >= 2
    return LayoutCounts(inner, inner_breaks, outer, outer_breaks)


def folded_reference(document: NoisyDocument) -> list[str]:
    return wer_tokens(" ".join(document.reference))


@dataclass(frozen=True)
class Repair:
    """One damage and what the output shows where it was."""

    damage: Damage
    repaired: bool
    shown: str


@dataclass(frozen=True)
class Breakage:
    """A body word the noisy text had right and the output has wrong."""

    doc_id: str
    word: str
    shown: str


@dataclass(frozen=True)
class DocumentScore:
    """Everything measured on one document; ``error`` is set, and the rest empty, when cleaning raised."""

    document: NoisyDocument
    words: list[GoldWord] = field(default_factory=list)
    wer_before: tuple[int, int] = (0, 0)
    wer_after: tuple[int, int] = (0, 0)
    repairs: list[Repair] = field(default_factory=list)
    breakages: list[Breakage] = field(default_factory=list)
    layout: LayoutCounts = LayoutCounts()
    author_found: bool | None = None
    error: str | None = None


def score_document(document: NoisyDocument, output: str, author: str | None = None) -> DocumentScore:
    """Score one cleaned output (and the author the cleaner reported) against the document's gold."""
    reference = folded_reference(document)
    before = exact_words(reference, document.text)
    after = exact_words(reference, output)
    partner = aligned_output(reference, output)
    shown = [output[p[0] : p[1]] if p else "(missing)" for p in partner]
    repairs = [
        Repair(d, all(after[d.index : d.index + d.length]), " ".join(shown[d.index : d.index + d.length]))
        for d in document.damages
    ]
    breakages = [
        Breakage(document.doc_id, document.reference[i], shown[i])
        for i in range(len(reference))
        if before[i] and not after[i]
    ]
    return DocumentScore(
        document=document,
        words=gold_words(document, output),
        wer_before=word_error_rate_counts(reference, _body_text(document)),
        wer_after=word_error_rate_counts(reference, output),
        repairs=repairs,
        breakages=breakages,
        layout=layout_counts(document, output),
        author_found=None if document.author is None else (author or "").strip() == document.author,
    )


def _body_text(document: NoisyDocument) -> str:
    """The noisy document with only its body spans: the damage alone, before any cleaning."""
    return " ".join(document.text[span.start : span.end] for span in document.spans if span.kind == BODY)
