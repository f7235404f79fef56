"""The pieces a noisy document is built from, and the document with its gold.

A document is composed as blocks of lines of tokens. Every token knows the word
the clean article (or the boilerplate template) has (``clean``), the form it
takes in the noisy text (``noisy``) and what it is (``kind``: ``body`` or a
boilerplate kind). Rendering keeps that knowledge as character spans over the
noisy text, so the gold never has to be recovered by guessing.
"""

from __future__ import annotations

from dataclasses import dataclass, field

BODY = "body"


@dataclass(slots=True)
class Token:
    """One word. ``noisy`` is empty when OCR damage merged it into the token before."""

    clean: str
    kind: str
    noisy: str = ""
    damage: str | None = None

    def __post_init__(self) -> None:
        if not self.noisy and self.damage is None:
            self.noisy = self.clean


@dataclass(slots=True)
class Line:
    """A line of a block; ``prefix`` is a bullet or indentation that carries no word."""

    tokens: list[Token]
    prefix: str = ""


@dataclass(slots=True)
class Block:
    """Consecutive lines of one role.

    ``flows`` marks prose that a PDF hard-wraps at its column width; other
    blocks keep their lines as they are. ``line_gap`` separates the lines of a
    block that does not flow (a profile uses single newlines, a repeated
    headline often blank lines). ``paragraph`` numbers the article paragraph a
    body block belongs to, so layout repairs can be checked against it.
    """

    lines: list[Line]
    kind: str
    flows: bool = True
    line_gap: str = "\n"
    paragraph: int | None = None

    @property
    def tokens(self) -> list[Token]:
        return [token for line in self.lines for token in line.tokens]


def words_block(text: str, kind: str, **options) -> Block:
    """A one-line block from plain text, every word of one kind."""
    return Block([Line(tokens_of(text, kind))], kind, **options)


def tokens_of(text: str, kind: str) -> list[Token]:
    return [Token(word, kind) for word in text.split()]


@dataclass(frozen=True, slots=True)
class Span:
    """``text[start:end]`` is the noisy form of the words in ``clean`` (of one ``kind``)."""

    start: int
    end: int
    kind: str
    clean: str


@dataclass(frozen=True, slots=True)
class Damage:
    """OCR damage done to ``length`` body words from ``reference[index]``; ``noisy`` is what the text shows."""

    kind: str
    index: int
    clean: str
    noisy: str
    length: int = 1


@dataclass(frozen=True)
class NoisyDocument:
    """A generated document and everything an ideal cleaner would know about it.

    ``reference`` is the article's words in order (title, headings, paragraphs):
    the text a perfect cleaner keeps. ``paragraph_of`` gives, for each of them,
    the article paragraph it belongs to. ``spans`` cover every word of ``text``
    and label it; text outside them is whitespace, bullets or punctuation.
    """

    doc_id: str
    article: str
    language: str
    style: str
    text: str
    spans: tuple[Span, ...]
    reference: tuple[str, ...]
    paragraph_of: tuple[int, ...]
    damages: tuple[Damage, ...] = ()
    title: str = ""
    author: str | None = None
    kinds: frozenset[str] = field(default_factory=frozenset)
