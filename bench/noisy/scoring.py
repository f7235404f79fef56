"""Scoring a cleaner's output against a noisy document's gold.

Three questions, each answered per document so a report can add them up:

* Which gold words survived? The cleaner's own record answers first: every
  change it made, in raw-text offsets. A character of the noisy text survives
  when no change touches it, or when a change that rewrote it (a repair, not a
  removal) still has it in its result; within one change the two sides are
  aligned character by character on letters and digits
  (``rapidfuzz.distance.Indel``, an LCS alignment). A word is kept when most of
  its characters survive: ``inter-\\nnational`` re-joined is kept, so is an
  unrepaired ``16™``. The record also settles which copy of a duplicated line
  was kept. When the record does not rebuild the output, gold and output are
  aligned the same way instead (body first), and the report says so.
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
from ingest.traced_text import Change, render

# Share of a gold word's characters the output must contain, in order, for the
# word to count as kept. Lower credits stray letters of a removed word matched
# elsewhere; higher calls an unrepaired "16™" (half of "16th") lost.
KEPT_CHAR_SHARE = 0.5

_FOLD = str.maketrans({"“": '"', "”": '"', "„": '"', "«": '"', "»": '"', "‘": "'", "’": "'", "‚": "'", "—": "-", "–": "-"})
_TOKEN = re.compile(r"\S+")
_DOUBLED_SPACE = re.compile(r"(?<=\S)[ \t]{2,}(?=\S)")
_LEADING_SPACE = re.compile(r"^[ \t]+(?=\S)", re.MULTILINE)


@dataclass(frozen=True, slots=True)
class GoldWord:
    """A word of the gold in document order: what it is, and whether the output kept it."""

    word: str
    kind: str
    kept: bool


def word_key(word: str) -> str:
    """Letters and digits only, case-folded: what survives every legitimate repair."""
    return "".join(ch for ch in word.casefold() if ch.isalnum())


def gold_words(document: NoisyDocument, output: str, changes: list[Change] | None = None) -> list[GoldWord]:
    """Every gold word that has a letter or digit, marked kept or not.

    From the change record when it rebuilds ``output`` from the document's
    text, otherwise from aligning the gold with the output.
    """
    if changes is not None and trail_rebuilds(document.text, changes, output):
        return _words_from_trail(document, changes)
    return _words_from_alignment(document, output)


def trail_rebuilds(raw: str, changes: list[Change], output: str) -> bool:
    """Whether the changes are sorted, disjoint and turn ``raw`` into ``output``."""
    ordered = all(a.end <= b.start for a, b in zip(changes, changes[1:]))
    return ordered and all(raw[c.start : c.end] == c.before for c in changes) and render(raw, changes) == output


def _words_from_trail(document: NoisyDocument, changes: list[Change]) -> list[GoldWord]:
    alive = _surviving_characters(document.text, changes)
    words: list[GoldWord] = []
    verdict = True
    for span in document.spans:
        positions = [i for i in range(span.start, span.end) if document.text[i].isalnum()]
        if positions:  # a span merged into the one before it has no characters and shares its fate
            verdict = sum(alive[i] for i in positions) >= KEPT_CHAR_SHARE * len(positions)
        words += [GoldWord(word, span.kind, verdict) for word in span.clean.split() if word_key(word)]
    return words


def _surviving_characters(raw: str, changes: list[Change]) -> bytearray:
    """1 for each raw character still in the output, 0 for each one a change removed."""
    alive = bytearray(b"\x01") * len(raw)
    for change in changes:
        alive[change.start : change.end] = bytes(change.end - change.start)
        if not change.after.strip():
            continue
        kept = [i for i, ch in enumerate(change.before) if ch.isalnum()]
        before = [change.before[i].casefold() for i in kept]
        after = [ch.casefold() for ch in change.after if ch.isalnum()]
        for op in Indel.opcodes(before, after):
            if op.tag == "equal":
                for position in range(op.src_start, op.src_end):
                    alive[change.start + kept[position]] = 1
    return alive


def _words_from_alignment(document: NoisyDocument, output: str) -> list[GoldWord]:
    """Kept words found by alignment alone: body first, then boilerplate in what is left.

    One alignment of all gold against the output breaks ties arbitrarily, and a
    long removed block holds enough letters to steal a short body phrase.
    Aligning the body first settles every tie in the body's favour (the text
    alone cannot say which of two identical copies survived; the record can).
    """
    words = [(word, span.kind) for span in document.spans for word in span.clean.split() if word_key(word)]
    keys = [word_key(word) for word, _ in words]
    matched = [0] * len(words)
    rest = _match(keys, [i for i, (_, kind) in enumerate(words) if kind == BODY], word_key(output), matched)
    _match(keys, [i for i, (_, kind) in enumerate(words) if kind != BODY], rest, matched)
    return [
        GoldWord(word, kind, matched[index] >= KEPT_CHAR_SHARE * len(keys[index]))
        for index, (word, kind) in enumerate(words)
    ]


def _match(keys: list[str], chosen: list[int], output: str, matched: list[int]) -> str:
    """Count the characters of the chosen words found in ``output``; return the output characters left over."""
    owner = [index for index in chosen for _ in keys[index]]
    used = bytearray(len(output))
    for op in Indel.opcodes("".join(keys[index] for index in chosen), output):
        if op.tag == "equal":
            for offset in range(op.src_end - op.src_start):
                matched[owner[op.src_start + offset]] += 1
                used[op.dest_start + offset] = 1
    return "".join(ch for ch, taken in zip(output, used) if not taken)


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
    trail_used: bool = False
    whitespace_before: tuple[int, int] = (0, 0)
    whitespace_after: tuple[int, int] = (0, 0)
    error: str | None = None


def score_document(
    document: NoisyDocument, output: str, author: str | None = None, changes: list[Change] | None = None
) -> DocumentScore:
    """Score one cleaned output, the author and the change record the cleaner reported."""
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
        words=gold_words(document, output, changes),
        wer_before=word_error_rate_counts(reference, _body_text(document)),
        wer_after=word_error_rate_counts(reference, output),
        repairs=repairs,
        breakages=breakages,
        layout=layout_counts(document, output),
        author_found=None if document.author is None else " ".join((author or "").split()) == document.author,
        trail_used=changes is not None and trail_rebuilds(document.text, changes, output),
        whitespace_before=whitespace_defects(document.text),
        whitespace_after=whitespace_defects(output),
    )


def whitespace_defects(text: str) -> tuple[int, int]:
    """Doubled spaces between words and lines that start with spaces: damage words do not show."""
    return len(_DOUBLED_SPACE.findall(text)), len(_LEADING_SPACE.findall(text))


def _body_text(document: NoisyDocument) -> str:
    """The noisy document with only its body spans: the damage alone, before any cleaning."""
    return " ".join(document.text[span.start : span.end] for span in document.spans if span.kind == BODY)
