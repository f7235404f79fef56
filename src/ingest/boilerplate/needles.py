"""A regex behind a cheap test: the literal text every one of its matches must contain.

A regex of dozens of case-insensitive alternatives (the calls to action of
``calls_to_action.json``) tries each of them at every word boundary: some 40
microseconds a line of page text, where ``in`` looks for a word in well under
one. Each alternative holds a run of plain characters that any match of it
contains ("subscribe", "cookies"): in a line that holds none of these runs, the
regex has no match. The runs are read from the pattern's own text, so that the
test follows the data when a pattern is added.

The test is exact only where ``str.lower`` agrees with ``IGNORECASE``: in ASCII
text, where both equate a letter with its other case and nothing else. Other
text goes to the regex. A pattern whose runs cannot be read (an alternative
without a mandatory literal, a construct this reader does not know) has no
test: every text goes to the regex.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache

# Characters of regex syntax; every other character outside a class matches itself.
_SYNTAX = frozenset("\\()[]{}.^$|?*+")
_REPEAT = re.compile(r"(?:[?*+]|\{(\d*)(?:,\d*)?\})\??")
_CODED_ESCAPES = frozenset("xuUN0123456789")
INLINE_FLAGS = re.compile(r"\(\?[aiLmsux-]")


@dataclass(frozen=True)
class NeedledPattern:
    """A compiled regex and the lower-case ASCII needles one of which its every match in ASCII text contains (None: no test).

    ``finder`` looks for any needle at once: an alternation of plain strings, which sre
    scans for their first characters, finds them in half the time of ``in`` tried for each.
    """

    regex: re.Pattern[str]
    needles: tuple[str, ...] | None
    finder: re.Pattern[str] | None

    def could_match(self, text: str) -> bool:
        """False only when the regex finds nothing in ``text``."""
        if self.finder is None or not text.isascii():
            return True
        return self.finder.search(text.lower()) is not None

    def search(self, text: str) -> re.Match[str] | None:
        return self.regex.search(text) if self.could_match(text) else None

    def match(self, text: str) -> re.Match[str] | None:
        return self.regex.match(text) if self.could_match(text) else None

    def sub(self, replacement: str, text: str) -> str:
        return self.regex.sub(replacement, text) if self.could_match(text) else text


def needled(patterns: list[str], regex: re.Pattern[str]) -> NeedledPattern:
    """``regex``, the case-insensitive alternation of ``patterns``, with the needles read from them."""
    if not regex.flags & re.IGNORECASE or regex.flags & re.VERBOSE:
        raise ValueError("the needles are lower-cased and read spaces as characters: a case-insensitive, non-verbose regex")
    needles = ascii_needles(patterns)
    finder = None if needles is None else re.compile("|".join(re.escape(needle) for needle in needles))
    return NeedledPattern(regex, needles, finder)


def ascii_needles(patterns: list[str]) -> tuple[str, ...] | None:
    """Lower-case ASCII strings one of which every match of any of ``patterns`` in ASCII text contains, or None."""
    needles: set[str] = set()
    for pattern in patterns:
        found = _needles(pattern)
        if found is None:
            return None
        needles |= found
    # a needle that holds another adds nothing: the shorter one is found wherever it is
    return tuple(sorted(n for n in needles if not any(other != n and other in n for other in needles)))


def _needles(pattern: str) -> set[str] | None:
    """Needles of one pattern: one for each of its top-level alternatives, or None."""
    alternatives = _split(pattern)
    if alternatives is None:
        return None
    needles: set[str] = set()
    for alternative in alternatives:
        found = _alternative_needles(alternative)
        if found is None:
            return None
        needles |= found
    return needles


def _alternative_needles(alternative: str) -> set[str] | None:
    """The longest run of plain characters every match holds; else the needles of its first mandatory group.

    An empty set: the alternative never matches ASCII text (it requires a
    character no ASCII character matches, such as ``é``).
    """
    items = _items(alternative)
    if items is None:
        return None
    runs: list[str] = []
    run = ""
    for kind, value, optional, repeated in items:
        if kind == "char" and not optional:
            run += value
        if kind != "char" or optional or repeated:
            runs.append(run)
            run = ""
    runs.append(run)
    pieces = [_ascii_pieces(run) for run in runs if run]
    if any(piece is None for piece in pieces):
        return set()
    best = max((piece for found in pieces for piece in found), key=len, default="")
    if best:
        return {best.lower()}
    group = next((value for kind, value, optional, _ in items if kind == "group" and not optional), None)
    return None if group is None else _needles(group)


def _ascii_pieces(run: str) -> list[str] | None:
    """The run cut at its non-ASCII characters; None when one of them matches no ASCII character even ignoring case.

    A cut, not an end: ``IGNORECASE`` matches ``ſ`` with ``s`` and ``K`` (Kelvin) with ``k``.
    """
    pieces = [""]
    for character in run:
        if character.isascii():
            pieces[-1] += character
        elif _matches_some_ascii(character):
            pieces.append("")
        else:
            return None
    return pieces


@cache
def _matches_some_ascii(character: str) -> bool:
    literal = re.compile(re.escape(character), re.IGNORECASE)
    return any(literal.fullmatch(chr(code)) for code in range(128))


def _items(alternative: str) -> list[tuple[str, str, bool, bool]] | None:
    """The alternative as a sequence of (kind, value, optional, repeated): kind "char", "group" (a ``(?:...)``'s content) or "other"."""
    items = []
    position = 0
    while position < len(alternative):
        character = alternative[position]
        if character == "\\":
            escaped = alternative[position + 1 : position + 2]
            if not escaped or escaped in _CODED_ESCAPES:
                return None  # a character by its code or a back-reference: not read here
            kind, value, end = ("other", "", position + 2) if escaped.isalnum() else ("char", escaped, position + 2)
        elif character == "[":
            kind, value, end = "other", "", _class_end(alternative, position)
        elif character == "(":
            close = _group_close(alternative, position)
            if close is None:
                return None
            if INLINE_FLAGS.match(alternative, position):
                return None  # verbose mode would make spaces syntax
            group = alternative.startswith("(?:", position)
            kind, value, end = ("group", alternative[position + 3 : close], close + 1) if group else ("other", "", close + 1)
        elif character in ".^$":
            kind, value, end = "other", "", position + 1
        elif character in _SYNTAX:
            return None  # a quantifier with nothing before it, a stray bracket
        else:
            kind, value, end = "char", character, position + 1
        repeat = _REPEAT.match(alternative, end)
        optional = repeat is not None and (repeat.group()[0] in "?*" or repeat.group(1) in ("", "0"))
        items.append((kind, value, optional, repeat is not None))
        position = repeat.end() if repeat else end
    return items


def _split(pattern: str) -> list[str] | None:
    """``pattern`` cut at its top-level ``|``; None when its brackets do not balance."""
    cuts = []
    for position, character, depth in _syntax(pattern, 0):
        if depth < 0:
            return None
        if character == "|" and depth == 0:
            cuts.append(position)
    if depth or position > len(pattern):  # the end's depth and where the reading stopped
        return None
    return [pattern[start + 1 : end] for start, end in zip([-1, *cuts], [*cuts, len(pattern)])]


def _syntax(pattern: str, start: int) -> Iterator[tuple[int, str, int]]:
    """The characters from ``start`` outside escapes and classes, each with the group depth after it.

    Last comes the end: ``""`` at the position where the reading stopped (past the
    pattern's end after a trailing backslash or an unclosed class).
    """
    depth = 0
    position = start
    while position < len(pattern):
        character = pattern[position]
        if character == "\\":
            position += 2
            continue
        if character == "[":
            position = _class_end(pattern, position)
            continue
        depth += (character == "(") - (character == ")")
        yield position, character, depth
        position += 1
    yield position, "", depth


def _class_end(pattern: str, start: int) -> int:
    """The index after the character class opening at ``start`` (a ``]`` first in it is a member)."""
    position = start + 1
    if pattern[position : position + 1] == "^":
        position += 1
    if pattern[position : position + 1] == "]":
        position += 1
    while position < len(pattern) and pattern[position] != "]":
        position += 2 if pattern[position] == "\\" else 1
    return position + 1


def _group_close(pattern: str, start: int) -> int | None:
    """The index of the ``)`` closing the group that opens at ``start``."""
    return next((position for position, character, depth in _syntax(pattern, start) if character and depth == 0), None)
