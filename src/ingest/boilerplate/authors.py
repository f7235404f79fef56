"""The real author: a bio paragraph ("X is a professor of ... and a fellow with ...") or a byline.

Unlike fake profiles, these are true and useful, so they move into metadata
(``documents.author``, ``documents.author_bio``) instead of being dropped.

A bio is a short paragraph (or a line of its own) among the last few of the
text, or its very first paragraph, that opens with a personal name, a copula
("is", "ist", "est", ...) and names a role from the multilingual list
(professor, fellow, journalist, ...). A short label before the name ("About the
author:") and a parenthesis after it (an e-mail address) are allowed. Among the
last few, because what a page prints after the bio (a share bar, a footer, a
list of links) may have survived the boilerplate rules; but never one with a
paragraph of prose after it, which is the article introducing a person. To
tell an author's bio from a sentence about a person the article discusses
("Vladimir Putin is a former intelligence officer ..."), the name's last word
must not occur anywhere else in the text, bylines of the same name aside: an
article does not talk about its author.

A byline is a short line among the first few that reads "By NAME" in one of
several languages, or a name and nothing else but a role ("Anna Petrova,
Professor") or a date ("Anna Petrova — 12.05.2024"); a byline without its "By"
needs the same evidence as a bio, a surname the article never uses.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from ingest.boilerplate.labels import label_set
from ingest.boilerplate.line_shapes import ends_sentence, is_prose
from ingest.boilerplate.text_lines import Line, paragraphs, split_lines

# A bio is a sentence or two; a longer closing paragraph is article text.
MAX_BIO_WORDS = 90
MIN_BIO_WORDS = 6
MIN_NAME_TOKENS = 2
MAX_NAME_TOKENS = 4
# A paragraph with at least this share of its cased letters in capitals is written in
# capitals, where a capital starts every word and so tells no name.
MIN_CAPITALS_SHARE = 0.8
# Bios and bylines are looked for in windows this long at each end of the text.
EDGE_CHARS = 5_000
# A bio is one of the last paragraphs: the ones after it are page leftovers.
MAX_PARAGRAPHS_AFTER_BIO = 6
# "About the author:" before the name: a label of a few words closed by a colon.
MAX_LABEL_WORDS = 4
# "(name@example.org)" or "(@handle)" between the name and the copula.
MAX_PARENTHESIS_WORDS = 3
# A role after a bare name in a byline: "Professor", "Senior Fellow".
MAX_BYLINE_ROLE_WORDS = 3
# Bylines sit among the first lines and are short.
MAX_BYLINE_LINE = 5
MAX_BYLINE_WORDS = 16
# A date as bylines print it: 12.05.2024, 2024-05-12, May 12, 2024, 12 May 2024.
DATE = r"(?:\d{1,2}[./]\d{1,2}[./]\d{2,4}|\d{4}-\d{2}-\d{2}|[^\W\d_]+\.? \d{1,2},? \d{4}|\d{1,2}\.? [^\W\d_]+\.? \d{4})"
# "NAME, Role" or "NAME — date" (also "|", "·", "-" or a bare space before a date).
BARE_BYLINE = re.compile(
    rf"(?P<name>[^\W\d_][\w.'’-]*(?: [\w.'’-]+){{1,3}}?)(?:\s*,\s*(?P<role>[^\W\d_][\w -]*)|\s*(?:[|·—–-]\s*)?{DATE})"
)
NAME_JOINERS = re.compile(r"\s*(?:,|&|\band\b|\bund\b|\bet\b|\by\b|\be\b|\bи\b)\s*", re.IGNORECASE)


@dataclass(frozen=True)
class AuthorBlock:
    """An author's byline or bio found in the body: its span, the name, and the bio text."""

    start: int
    end: int
    name: str
    bio: str | None
    rule: str
    # Bylines of the same author elsewhere in the text, removed with the bio.
    bylines: tuple[tuple[int, int], ...] = ()


def find_author(text: str) -> AuthorBlock | None:
    """The author's bio paragraph (preferred: it also gives the bio) or byline, or None.

    The span covers the paragraph or line and the blank lines that separate it
    from the rest, so removing it leaves no gap. ``bylines`` are further spans
    of the same author's byline, when a bio was found.
    """
    head, tail = _edge_paragraphs(text)
    for paragraph, closing in [*((p, True) for p in reversed(tail)), (head, False)]:
        for unit in _bio_candidates(paragraph):
            found = _bio(text, unit)
            if found is not None and not (closing and _prose_after(text, found.end)):
                return found
    return _byline(text, head_blocks(text))


def _prose_after(text: str, end: int) -> bool:
    """Whether a paragraph of prose follows: a bio closes the article, what follows it is page leftovers."""
    return any(is_prose(line.text) for line in split_lines(text[end : end + EDGE_CHARS]))


def head_blocks(text: str) -> list[list[Line]]:
    """The paragraphs of the text's opening window (bylines sit there)."""
    return paragraphs(split_lines(text[:EDGE_CHARS]))


def _edge_paragraphs(text: str) -> tuple[list[Line], list[list[Line]]]:
    """The first paragraph and the last few, each read from a window at its end of the text.

    Only windows are split, so a huge text costs no more than a small one. A
    paragraph cut by the window's edge is longer than any bio and is dropped.
    """
    head = head_blocks(text)
    first = head[0] if head and head[0][-1].end < min(len(text), EDGE_CHARS) else []
    offset = max(0, len(text) - EDGE_CHARS)
    tail = paragraphs(split_lines(text[offset:]))
    if offset and tail and tail[0][0].start == 0:
        tail = tail[1:]
    last = [
        [Line(line.start + offset, line.end + offset, line.text) for line in paragraph]
        for paragraph in tail[-1 - MAX_PARAGRAPHS_AFTER_BIO :]
    ]
    if first and any(paragraph[0].start == first[0].start for paragraph in last):
        return [], last
    return first, last


def _bio_candidates(paragraph: list[Line]) -> list[list[Line]]:
    """The paragraph, then each of its lines: scraped text may hold the bio as one line among others."""
    if not paragraph:
        return []
    return [paragraph] + ([[line] for line in paragraph] if len(paragraph) > 1 else [])


def _bio(text: str, paragraph: list[Line]) -> AuthorBlock | None:
    bio = " ".join(" ".join(line.stripped for line in paragraph).split())
    words = bio.split()
    if not MIN_BIO_WORDS <= len(words) <= MAX_BIO_WORDS:
        return None
    if _written_in_capitals(bio):
        return None  # capitals tell no name there: "THE SOFTWARE IS PROVIDED ... THE AUTHOR" is a licence's disclaimer
    name = _name_before_copula(_without_label(words))
    # a name broken over two lines ("A" above "Anna Petrova is ...") is a line and a bio, not one name
    if name is None or name not in paragraph[0].stripped or not _names_a_role(words):
        return None
    start, end = paragraph[0].start, paragraph[-1].end
    surname = name.split()[-1]
    bylines = _bylines_of(text, name, start, end)
    rest = "".join(text[a:b] for a, b in _outside(len(text), [(start, end), *bylines]))
    if re.search(rf"\b{re.escape(surname)}\b", rest):
        return None
    removals = tuple(_with_separating_space(text, *span) for span in bylines)
    return AuthorBlock(*_with_separating_space(text, start, end), name, bio, "author_bio", removals)


def _written_in_capitals(text: str) -> bool:
    """Whether most of the text's cased letters are capitals, as in a licence's disclaimer or a shouted notice."""
    cased = [char for char in text if char.isupper() or char.islower()]
    return bool(cased) and sum(char.isupper() for char in cased) >= MIN_CAPITALS_SHARE * len(cased)


def _without_label(words: list[str]) -> list[str]:
    """The words after a short label closed by a colon ("About the author:", "Zum Autor :")."""
    for position, word in enumerate(words[: MAX_LABEL_WORDS + 1]):
        if word.endswith(":") or (word == ":" and position):
            return words[position + 1 :]
    return words


def _bylines_of(text: str, name: str, start: int, end: int) -> list[tuple[int, int]]:
    """Lines of the opening window, outside the bio, that are this name's byline."""
    return [
        (line.start, line.end)
        for line in split_lines(text[:EDGE_CHARS])
        if (line.end <= start or line.start >= end) and _is_byline_of(line.stripped, name)
    ]


def _is_byline_of(line: str, name: str) -> bool:
    """"By NAME", "NAME, Role", "NAME | date": the name opens the line (after a byline word) and no sentence follows."""
    if len(line.split()) > MAX_BYLINE_WORDS or ends_sentence(line):
        return False
    folded = line.casefold()
    prefix = next((p for p in _byline_prefixes() if folded.startswith(p + " ") or folded.startswith(p + ":")), "")
    return line[len(prefix) :].lstrip(" :").startswith(name)


@cache
def _byline_prefixes() -> list[str]:
    return sorted(label_set("byline_prefixes"), key=len, reverse=True)


def _outside(length: int, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The stretches of ``range(length)`` that no span covers."""
    pieces, cursor = [], 0
    for start, end in sorted(spans):
        pieces.append((cursor, max(cursor, start)))
        cursor = max(cursor, end)
    return [*pieces, (cursor, length)]


def _name_before_copula(words: list[str]) -> str | None:
    copulas = [c.split() for c in label_set("author_copulas")]
    for size in range(MIN_NAME_TOKENS, MAX_NAME_TOKENS + 1):
        if len(words) <= size:
            break
        candidate = words[:size]
        rest = [w.casefold() for w in _without_parenthesis(words[size:])[:2]]
        if _is_personal_name(candidate) and any(rest[: len(c)] == c for c in copulas):
            return " ".join(candidate)
    return None


def _without_parenthesis(words: list[str]) -> list[str]:
    """The words after a short parenthesis that opens them ("(anna@example.org) is ...")."""
    if not words or not words[0].startswith("("):
        return words
    for position, word in enumerate(words[:MAX_PARENTHESIS_WORDS]):
        if word.endswith(")"):
            return words[position + 1 :]
    return words


def _is_personal_name(tokens: list[str]) -> bool:
    """Capitalised words (particles such as "van" or "al" allowed inside), no digits, no punctuation but hyphens, apostrophes and initials."""
    if not tokens or not tokens[0][:1].isupper() or not tokens[-1][:1].isupper():
        return False
    for token in tokens:
        core = token.replace("-", "").replace("'", "").replace("’", "").rstrip(".")
        if not core.isalpha():
            return False
        if not token[:1].isupper() and token.casefold() not in label_set("name_particles"):
            return False
    return True


def _names_a_role(words: list[str]) -> bool:
    roles = label_set("author_roles")
    return any(w.strip(".,;:()").casefold() in roles for w in words)


def _byline(text: str, blocks: list[list[Line]]) -> AuthorBlock | None:
    prefixes = _byline_prefixes()
    first_lines = [line for paragraph in blocks for line in paragraph][:MAX_BYLINE_LINE]
    for line in first_lines:
        stripped = line.stripped
        if len(stripped.split()) > MAX_BYLINE_WORDS:
            continue
        folded = stripped.casefold()
        prefix = next((p for p in prefixes if folded.startswith(p + " ") or folded.startswith(p + ":")), None)
        if prefix is None:
            name = _bare_byline_name(text, line)
            if name is not None:
                return AuthorBlock(*_with_separating_space(text, line.start, line.end), name, None, "bare_byline")
            continue
        names = _byline_names(stripped[len(prefix) :].lstrip(" :"))
        if names:
            return AuthorBlock(*_with_separating_space(text, line.start, line.end), ", ".join(names), None, "byline")
    return None


def _bare_byline_name(text: str, line: Line) -> str | None:
    """The name of a byline without "By": a name, then only a role or a date, and a surname the text never uses."""
    match = BARE_BYLINE.fullmatch(line.stripped)
    if match is None:
        return None
    name = _leading_name(match.group("name").split())
    if name is None or name != match.group("name"):
        return None
    role = match.group("role")
    if role is not None and not (len(role.split()) <= MAX_BYLINE_ROLE_WORDS and _names_a_role(role.split())):
        return None
    surname = name.split()[-1]
    if re.search(rf"\b{re.escape(surname)}\b", text[: line.start] + text[line.end :]):
        return None
    return name


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
        if _is_personal_name(tokens[:size]):
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
