"""The real author: a bio paragraph ("X is a professor of ... and a fellow with ...") or a byline.

Unlike fake profiles, these are true and useful, so they move into metadata
(``documents.author``, ``documents.author_bio``) instead of being dropped.

A bio is a short paragraph at the very end (or very start) of the text that
opens with a personal name, a copula ("is", "ist", "est", ...) and names a role
from the multilingual list (professor, fellow, journalist, ...). To tell an
author's bio from a closing sentence about a person the article discusses
("Vladimir Putin is a former intelligence officer ..."), the name's last word
must not occur anywhere else in the text: an article does not talk about its
author. A byline is a short line among the first few that reads "By NAME" in
one of several languages.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ingest.boilerplate.labels import label_set
from ingest.boilerplate.text_lines import Line, paragraphs, split_lines

# A bio is a sentence or two; a longer closing paragraph is article text.
MAX_BIO_WORDS = 90
MIN_BIO_WORDS = 6
MIN_NAME_TOKENS = 2
MAX_NAME_TOKENS = 4
# Bios and bylines are looked for in windows this long at each end of the text.
EDGE_CHARS = 5_000
# Bylines sit among the first lines and are short.
MAX_BYLINE_LINE = 5
MAX_BYLINE_WORDS = 16
NAME_PARTICLES = frozenset({"de", "da", "del", "della", "der", "den", "van", "von", "al", "el", "bin", "ibn", "la", "le", "du", "dos", "di"})
NAME_JOINERS = re.compile(r"\s*(?:,|&|\band\b|\bund\b|\bet\b|\by\b|\be\b|\bи\b)\s*", re.IGNORECASE)


@dataclass(frozen=True)
class AuthorBlock:
    """An author's byline or bio found in the body: its span, the name, and the bio text."""

    start: int
    end: int
    name: str
    bio: str | None
    rule: str


def find_author(text: str) -> AuthorBlock | None:
    """The author's bio paragraph (preferred: it also gives the bio) or byline, or None.

    The span covers the paragraph or line and the blank lines that separate it
    from the rest, so removing it leaves no gap.
    """
    head, tail = _edge_paragraphs(text)
    for paragraph in (tail, head):
        found = _bio(text, paragraph) if paragraph else None
        if found is not None:
            return found
    return _byline(text, head_blocks(text))


def head_blocks(text: str) -> list[list[Line]]:
    """The paragraphs of the text's opening window (bylines sit there)."""
    return paragraphs(split_lines(text[:EDGE_CHARS]))


def _edge_paragraphs(text: str) -> tuple[list[Line], list[Line]]:
    """The first and the last paragraph, each read from a window at its end of the text.

    Only windows are split, so a huge text costs no more than a small one. A
    paragraph cut by the window's edge is longer than any bio and is dropped.
    """
    head = head_blocks(text)
    first = head[0] if head and head[0][-1].end < min(len(text), EDGE_CHARS) else []
    offset = max(0, len(text) - EDGE_CHARS)
    tail = paragraphs(split_lines(text[offset:]))
    last = tail[-1] if tail and (offset == 0 or tail[-1][0].start > 0) else []
    last = [Line(line.start + offset, line.end + offset, line.text) for line in last]
    if first and last and first[0].start == last[0].start:
        return [], last
    return first, last


def _bio(text: str, paragraph: list[Line]) -> AuthorBlock | None:
    bio = " ".join(" ".join(line.stripped for line in paragraph).split())
    words = bio.split()
    if not MIN_BIO_WORDS <= len(words) <= MAX_BIO_WORDS:
        return None
    name = _name_before_copula(words)
    # a name broken over two lines ("A" above "Anna Petrova is ...") is a line and a bio, not one name
    if name is None or name not in paragraph[0].stripped or not _names_a_role(words):
        return None
    start, end = paragraph[0].start, paragraph[-1].end
    surname = name.split()[-1]
    if re.search(rf"\b{re.escape(surname)}\b", text[:start] + text[end:]):
        return None
    return AuthorBlock(*_with_separating_space(text, start, end), name, bio, "author_bio")


def _name_before_copula(words: list[str]) -> str | None:
    copulas = [c.split() for c in label_set("author_copulas")]
    for size in range(MIN_NAME_TOKENS, MAX_NAME_TOKENS + 1):
        if len(words) <= size:
            break
        candidate = words[:size]
        rest = [w.casefold() for w in words[size : size + 2]]
        if _is_name(candidate) and any(rest[: len(c)] == c for c in copulas):
            return " ".join(candidate)
    return None


def _is_name(tokens: list[str]) -> bool:
    """Capitalised words (particles such as "van" or "al" allowed inside), no digits, no punctuation but hyphens, apostrophes and initials."""
    if not tokens or not tokens[0][:1].isupper() or not tokens[-1][:1].isupper():
        return False
    for token in tokens:
        core = token.replace("-", "").replace("'", "").replace("’", "").rstrip(".")
        if not core.isalpha():
            return False
        if not token[:1].isupper() and token.casefold() not in NAME_PARTICLES:
            return False
    return True


def _names_a_role(words: list[str]) -> bool:
    roles = label_set("author_roles")
    return any(w.strip(".,;:()").casefold() in roles for w in words)


def _byline(text: str, blocks: list[list[Line]]) -> AuthorBlock | None:
    prefixes = sorted(label_set("byline_prefixes"), key=len, reverse=True)
    first_lines = [line for paragraph in blocks for line in paragraph][:MAX_BYLINE_LINE]
    for line in first_lines:
        stripped = line.stripped
        if len(stripped.split()) > MAX_BYLINE_WORDS:
            continue
        folded = stripped.casefold()
        prefix = next((p for p in prefixes if folded.startswith(p + " ") or folded.startswith(p + ":")), None)
        if prefix is None:
            continue
        names = _byline_names(stripped[len(prefix) :].lstrip(" :"))
        if names:
            return AuthorBlock(*_with_separating_space(text, line.start, line.end), ", ".join(names), None, "byline")
    return None


def _byline_names(rest: str) -> list[str]:
    """The names at the start of "NAME[, NAME and NAME][ | date ...]"; stops at the first part that is not one."""
    names = []
    for part in NAME_JOINERS.split(_before_tail(rest)):
        name = _leading_name(part.split())
        if name is None:
            break
        names.append(name)
    return names


def _leading_name(tokens: list[str]) -> str | None:
    """The longest name that opens the tokens ("Emil Avdaliani on Monday" gives "Emil Avdaliani")."""
    for size in range(min(MAX_NAME_TOKENS, len(tokens)), MIN_NAME_TOKENS - 1, -1):
        if _is_name(tokens[:size]):
            return " ".join(tokens[:size])
    return None


def _before_tail(rest: str) -> str:
    """Cut a byline's trailing date or outlet after the names ("A and B | 3 May 2024")."""
    return re.split(r"\s*(?:[|–—•·/]|\s-\s|\d)", rest, maxsplit=1)[0]


def _with_separating_space(text: str, start: int, end: int) -> tuple[int, int]:
    """Extend a span over the blank lines after it, or before it when it ends the text."""
    following = end
    while following < len(text) and text[following].isspace():
        following += 1
    if following == len(text):
        while start > 0 and text[start - 1].isspace():
            start -= 1
        return start, following
    return start, following if start == 0 or text[start - 1] == "\n" else end
