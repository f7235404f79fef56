"""Blocks of tokens to text, keeping a span for every token.

Two layouts: ``web`` keeps a paragraph on one line; ``pdf`` hard-wraps prose at
a column width, splits some words across line ends, breaks pages (often in the
middle of a paragraph) and prints page furniture at each break. Both add
whitespace damage, which any language may have.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

from bench.noisy import ocr_damage
from bench.noisy.model import Block, Line, Span, Token
from bench.noisy.page_furniture import Publication

WIDTH_RANGE = (45, 70)
PAGE_LINES_RANGE = (28, 48)
DOUBLED_SPACE_RATE = 0.03  # of the gaps between words on a PDF line
LEADING_SPACE_RATE = 0.05  # of PDF lines


@dataclass(frozen=True)
class Rendered:
    text: str
    spans: tuple[Span, ...]
    token_spans: dict[int, tuple[int, int]]  # id(token) -> its span, to find damaged forms


class _Writer:
    """Appends text and remembers where each token went."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.length = 0
        self.spans: list[Span] = []
        self.token_spans: dict[int, tuple[int, int]] = {}
        self._open: dict[int, int] = {}

    def write(self, text: str) -> None:
        self.parts.append(text)
        self.length += len(text)

    def token(self, token: Token, fragment: str | None = None, last: bool = True) -> None:
        """Write a token, or one fragment of it; its span closes with its last fragment."""
        start = self._open.pop(id(token), self.length)
        self.write(token.noisy if fragment is None else fragment)
        if not last:
            self._open[id(token)] = start
            return
        self.spans.append(Span(start, self.length, token.kind, token.clean))
        self.token_spans[id(token)] = (start, self.length)

    def rendered(self) -> Rendered:
        return Rendered("".join(self.parts), tuple(self.spans), self.token_spans)


def _write_line(writer: _Writer, line: Line) -> None:
    writer.write(line.prefix)
    first = True
    for token in line.tokens:
        if token.noisy and not first:
            writer.write(" ")
        writer.token(token)
        first = first and not token.noisy


def render_web(blocks: list[Block], rng: random.Random) -> Rendered:
    """One line per paragraph; blocks separated the way this page separates them."""
    separator = rng.choices(["\n\n", "\n", "\n\n\n"], weights=[6, 3, 1])[0]
    writer = _Writer()
    for index, block in enumerate(blocks):
        if index:
            writer.write(separator)
        for number, line in enumerate(block.lines):
            if number:
                writer.write(block.line_gap)
            _write_line(writer, line)
    return writer.rendered()


# A physical line of a PDF page: fragments, each a piece of text and the token it belongs to.
_Fragment = tuple[str, Token | None, bool]  # text, token, whether it is the token's last fragment


def render_pdf(blocks: list[Block], rng: random.Random, language: str, pages: Publication | None) -> Rendered:
    """Hard-wrapped text in pages; at each page break the publication's furniture, or just a break."""
    width = rng.randint(*WIDTH_RANGE)
    lines: list[list[_Fragment]] = []
    for index, block in enumerate(blocks):
        if index:
            lines.append([])
        if block.flows:
            lines.extend(_wrap(block, width, rng, language))
        else:
            lines.extend(_as_fragments(line) for line in block.lines)
    writer = _Writer()
    page_length = rng.randint(*PAGE_LINES_RANGE)
    page, on_page = 1, 0
    if pages is not None:
        _write_furniture(writer, pages.head_lines(page, rng))
    for number, line in enumerate(lines):
        if number:
            writer.write("\n")
        _write_fragments(writer, line, rng)
        on_page += 1
        splits_here = bool(line) and not line[-1][2]
        if on_page >= page_length and not splits_here and number + 1 < len(lines):
            page, on_page = page + 1, 0
            _page_break(writer, pages, page, rng)
    if pages is not None:
        writer.write("\n")
        _write_furniture(writer, pages.foot_lines(page, rng))
    return writer.rendered()


def _wrap(block: Block, width: int, rng: random.Random, language: str) -> list[list[_Fragment]]:
    """Greedy wrapping; a word that does not fit may be split with a hyphen (see ``ocr_damage``)."""
    lines: list[list[_Fragment]] = []
    current: list[_Fragment] = []
    used = 0
    for token in block.tokens:
        if not token.noisy:  # merged into the token before it
            current.append(("", token, True))
            continue
        need = len(token.noisy) + (1 if current else 0)
        if used + need <= width or not current:
            current.append((token.noisy, token, True))
            used += need
            continue
        split = ocr_damage.line_end_split(token, width - used - 1, rng, language)
        if split is not None:
            head, tail = split
            current.append((head, token, False))
            lines.append(current)
            current, used = [(tail, token, True)], len(tail)
        else:
            lines.append(current)
            current, used = [(token.noisy, token, True)], len(token.noisy)
    if current:
        lines.append(current)
    return lines


def _as_fragments(line: Line) -> list[_Fragment]:
    fragments: list[_Fragment] = [(line.prefix, None, True)] if line.prefix else []
    return fragments + [(token.noisy, token, True) for token in line.tokens]


def _write_fragments(writer: _Writer, line: list[_Fragment], rng: random.Random) -> None:
    if line and rng.random() < LEADING_SPACE_RATE:
        writer.write(rng.choice([" ", " ", "  "]))
    previous_text = False
    for text, token, last in line:
        if text and previous_text:
            writer.write("  " if rng.random() < DOUBLED_SPACE_RATE else " ")
        if token is None:  # a bullet, which carries its own trailing space
            writer.write(text)
            previous_text = False
        else:
            writer.token(token, text, last)
            previous_text = previous_text or bool(text)


def _page_break(writer: _Writer, pages: Publication | None, page: int, rng: random.Random) -> None:
    if pages is None:
        writer.write(rng.choice(["\n\n\n", "\n\f", "\n\n\f\n", "\n\n\n\n"]))
        return
    writer.write("\n\n")
    _write_furniture(writer, pages.foot_lines(page - 1, rng))
    writer.write(rng.choice(["\n\n\n", "\n\f", "\n\n\f\n"]))
    _write_furniture(writer, pages.head_lines(page, rng))
    writer.write("\n")


def _write_furniture(writer: _Writer, lines: list[Line]) -> None:
    for number, line in enumerate(lines):
        if number:
            writer.write(_furniture_gap(number))
        _write_line(writer, line)
    if lines:
        writer.write("\n")


def _furniture_gap(number: int) -> str:
    """Furniture lines alternate single and blank-line gaps, as extracted PDF pages do."""
    return "\n\n" if number % 2 else "\n"
