"""How a tagged span becomes a name, and a name becomes a key.

The model's spans carry furniture that is not part of the name: a leading
"the", quotes, a possessive "'s", and for people the titles in front
("Russian President Vladimir Putin"). ``trim_span`` moves the span's ends past
that furniture, so that the stored mention is the name as written and its offsets
still index the document exactly. ``name_key`` folds what does not distinguish
two names (case, accents, punctuation, spacing: "U.S." and "US", "Su35" and
"Su-35") so that lookups and entity ids agree on spelling variants.

Hand-written because spaCy has no component that trims titles or keys names, and
the rules are short enough to read in one sitting.
"""

from __future__ import annotations

import json
import re
import unicodedata
from importlib import resources

# Words that introduce a person without being part of their name, and the words that join
# them inside a title ("Secretary of State"): data, in ``ingest/data/person_titles.json``.
# A title word is only dropped at the front of a PERSON span, and never when it would leave
# nothing ("John Major" keeps "Major").
_TITLES = json.loads(resources.files("ingest").joinpath("data", "person_titles.json").read_text(encoding="utf-8"))
TITLE_WORDS = frozenset(_TITLES["title_words"])
TITLE_LINKS = frozenset(_TITLES["title_links"])
DETERMINERS = frozenset({"the", "The"})
OPENING_MARKS = "\"'“”‘’«»([{"
CLOSING_MARKS = "\"'“”‘’«»)]},;:"
POSSESSIVES = ("'s", "’s", "'S", "’S")
# A lone apostrophe after a final "s" is a plural possessive ("the Houthis'").
APOSTROPHES = ("'", "’")

_WORD = re.compile(r"\S+")


def trim_span(text: str, start: int, end: int, label: str) -> tuple[int, int]:
    """The span ``text[start:end]`` without its furniture; ``start == end`` if nothing is left.

    Guaranteed: ``start <= new_start <= new_end <= end``, so the result always
    indexes a substring of the original span.
    """
    start, end = _strip_marks(text, start, end)
    start = _skip_determiner(text, start, end)
    end = _drop_possessive(text, start, end)
    start, end = _strip_marks(text, start, end)
    if label == "PERSON":
        start = _skip_titles(text, start, end)
    return start, end


def clean_name(surface: str) -> str:
    """The surface with runs of whitespace (line breaks from the source) made one space."""
    return " ".join(surface.split())


def name_key(name: str) -> str:
    """Case, accents, punctuation and spacing folded: equal keys mean the same spelling."""
    decomposed = unicodedata.normalize("NFKD", name)
    return "".join(ch for ch in decomposed.casefold() if ch.isalnum())


def name_words(name: str) -> list[str]:
    """The keys of a name's words, for comparing a partial name with a full one."""
    return [key for key in (name_key(word) for word in name.split()) if key]


def _strip_marks(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and (text[start] in OPENING_MARKS or text[start].isspace()):
        start += 1
    while end > start and (text[end - 1] in CLOSING_MARKS or text[end - 1].isspace()):
        end -= 1
    return start, end


def _skip_determiner(text: str, start: int, end: int) -> int:
    first = _WORD.match(text, start, end)
    if first and first.group() in DETERMINERS and first.end() < end:
        return _next_word_start(text, first.end(), end)
    return start


def _drop_possessive(text: str, start: int, end: int) -> int:
    span = text[start:end]
    for suffix in POSSESSIVES:
        if span.endswith(suffix) and len(span) > len(suffix):
            return end - len(suffix)
    if span.endswith(APOSTROPHES) and span[:-1].endswith(("s", "S")):
        return end - 1
    return end


def _skip_titles(text: str, start: int, end: int) -> int:
    """Start of the name after the last title word of a leading run of capitalised words.

    "Russian President Vladimir Putin" -> "Vladimir Putin"; "Prime Minister John
    Major" -> "John Major" (the last title word that still leaves a name wins).
    """
    words = list(_WORD.finditer(text, start, end))
    cut = None
    for index, word in enumerate(words[:-1]):
        folded = word.group().rstrip(".").casefold()
        if folded in TITLE_WORDS:
            cut = index + 1
        elif not (word.group()[:1].isupper() or folded in TITLE_LINKS):
            break
    return words[cut].start() if cut is not None else start


def _next_word_start(text: str, position: int, end: int) -> int:
    while position < end and text[position].isspace():
        position += 1
    return position
