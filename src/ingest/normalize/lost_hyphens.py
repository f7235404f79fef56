"""Hyphens lost in extraction put back: ``postAmerican`` → ``post-American``, ``highlevel`` → ``high-level``.

A token is split only when it is not a word but both of its parts are common
words, and only at a boundary the form itself points to:

* a lowercase prefix glued to a capitalised word (``postAmerican``, ``antiWestern``);
* a Title Case combining form in ``-o`` glued to a capitalised word
  (``RussoIranian``, ``SinoRussian``); other Title Case pairs are left alone, since
  brand names (``HubSpot``, ``MacBook``) are written that way on purpose;
* an all-lowercase token with exactly one split into two common words
  (``highlevel``, ``besigned`` inside ``soon-to-besigned``). Names and real words
  (``nonetheless``, ``network``, ``whatsoever``) are known to the word list and
  are never touched; Title Case tokens are never split this way.

Written by hand: word segmenters split into words, but none says whether the
joint was a hyphen; the frequency thresholds below make that call.
"""

from __future__ import annotations

import functools
import re

from ingest.normalize.vocabulary import has_word_list, zipf
from ingest.rules import REPAIR, CleaningContext, Phase, rule
from ingest.traced_text import Edit

TOKEN = re.compile(r"\w+(?:-\w+)*")
# A whole token at least this frequent is a word, whatever it looks like: ``wellknown``
# (1.6) stays, ``highlevel`` (1.1) and ``crossborder`` (1.5) are split; words rarer than this
# are mostly typos and extraction damage in wordfreq's lists.
WHOLE_WORD_ZIPF = 1.5
# Each part must be a common word: ``geostrategic`` is not split into ``geo`` (3.6) + ``strategic``
# only because both parts clear this bar and the whole (1.9) is a word.
PART_WORD_ZIPF = 3.5
# A Title Case combining form (``Russo`` 3.2, ``Sino`` 3.2, ``Afro`` 3.4) is rarer on its own than
# a common word; its shape (capital, final ``-o``, capitalised word after it) carries the rest.
COMBINING_FORM_ZIPF = 3.0
# Parts shorter than this are too often prefixes or initials to stand alone (``reorient``);
# inside an already hyphenated compound a two-letter word is fine (``to-be``).
MIN_PART = 3
MIN_PART_IN_COMPOUND = 2
# Inflectional endings stripped before asking whether a token is a word: wordfreq knows
# ``businessperson`` (2.1) better than ``businesspersons`` (1.4). Languages not listed are
# looked up as written.
INFLECTIONS = {"en": ("s", "es", "d", "ed", "ing", "ly", "er", "ers")}
# Longer tokens are chemical names, URLs, or garbage: no split is trustworthy.
MAX_TOKEN = 30


@rule(phase=Phase.LANGUAGE_REPAIRS, order=80, effect=REPAIR, kinds="hyphenation")
def restore_lost_hyphens(text: str, context: CleaningContext) -> list[Edit]:
    """Edits inserting a hyphen where a token is two words glued together."""
    language = context.language
    if not has_word_list(language):
        return []
    # Each distinct token is judged once; the text is walked again only when one needs a hyphen.
    damaged = {token for token in set(TOKEN.findall(text)) if len(token) <= MAX_TOKEN and _token_splits(token, language)}
    edits = []
    if not damaged:
        return edits
    for match in TOKEN.finditer(text):
        token = match.group()
        if token not in damaged:
            continue
        for split in _token_splits(token, language):
            position = match.start() + split
            edits.append(Edit(position, position, "-", "hyphenation", "restore_lost_hyphens"))
    return edits


# Words recur (Zipf): deciding each distinct token once makes a long text cost
# a cache look-up per word rather than a split search per word.
@functools.lru_cache(maxsize=1 << 16)
def _token_splits(token: str, language: str) -> tuple[int, ...]:
    """Offsets in ``token`` where a lost hyphen belongs."""
    in_compound = "-" in token
    splits = []
    offset = 0
    for segment in token.split("-"):
        split = _split_point(segment, language, in_compound)
        if split is not None:
            splits.append(offset + split)
        offset += len(segment) + 1
    return tuple(splits)


def _split_point(segment: str, language: str, in_compound: bool) -> int | None:
    """Where a hyphen belongs in ``segment``, or ``None``."""
    min_part = MIN_PART_IN_COMPOUND if in_compound else MIN_PART
    if len(segment) < 2 * min_part or not segment.isalpha():
        return None
    camel = _camel_boundary(segment)
    if camel is None and not segment.islower():
        return None
    if _is_word(segment, language):
        return None
    if camel is not None:
        left = segment[:camel]
        combining_form = left[0].isupper() and left[1:].islower() and left.endswith("o")
        if not (left.islower() or combining_form) or len(left) < MIN_PART_IN_COMPOUND:
            return None
        left_bar = COMBINING_FORM_ZIPF if combining_form else PART_WORD_ZIPF
        right = segment[camel:]
        known = zipf(left, language) >= left_bar and zipf(right, language) >= PART_WORD_ZIPF
        return camel if known else None
    splits = [
        i for i in range(min_part, len(segment) - min_part + 1) if _both_words(segment[:i], segment[i:], language)
    ]
    return splits[0] if len(splits) == 1 else None


def _is_word(segment: str, language: str) -> bool:
    """Whether ``segment``, or its stem without an inflectional ending, is a known word."""
    stems = [segment] + [segment[: -len(end)] for end in INFLECTIONS.get(language, ()) if segment.endswith(end)]
    return any(zipf(stem, language) >= WHOLE_WORD_ZIPF for stem in stems if stem)


def _camel_boundary(segment: str) -> int | None:
    """The one place a lowercase letter is followed by a capitalised word, if there is exactly one."""
    boundaries = [i for i in range(1, len(segment)) if segment[i - 1].islower() and segment[i].isupper()]
    if len(boundaries) != 1:
        return None
    right = segment[boundaries[0] :]
    return boundaries[0] if len(right) >= MIN_PART and right[1:].islower() else None


def _both_words(left: str, right: str, language: str) -> bool:
    return zipf(left, language) >= PART_WORD_ZIPF and zipf(right, language) >= PART_WORD_ZIPF
