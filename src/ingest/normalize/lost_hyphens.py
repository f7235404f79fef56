"""Hyphens lost in extraction put back: ``postAmerican`` → ``post-American``, ``highlevel`` → ``high-level``.

Only a text that shows the loss itself is repaired (``CleaningContext.hyphens_lost``):
it writes one of its own hyphenated names without the hyphen too (``Su35`` beside
``Su-35``, :mod:`ingest.normalize.spellings`, which runs after this rule and mends
those). What the batch's other documents write is no such evidence: it mends its own
variants, but whether this text lost hyphens elsewhere is for this text to show,
or its output would change with the documents that share its batch. Code is never
split (:mod:`ingest.normalize.code_words`: ``--autosquash``, ``git-rebase(1)``,
``maxsize=128``), and nor is a token the text writes again and again and never with
a hyphen (``fonttools``, ``subsetting``): damage is not that regular; nor is an
identifier's camel case (``drawPoints`` in a text that writes ``points`` too).
Being OCR is not evidence enough: Tesseract keeps hyphens and loses spaces
(``annualChinese``, ``onsale`` in its output are lost spaces; on 80 pages it read, a
hyphen put there was wrong each of the 4 times, as ``bench/ocr_real.py`` lists), and
column-wrapped text glues words the same way. A web page's closed forms are
otherwise its writer's (``ecobee``, ``smallsat``). A token is split only when it is not a word
but both of its parts are common words, and only at a boundary the form itself
points to:

* a lowercase prefix glued to a capitalised word (``postAmerican``, ``antiWestern``);
* a Title Case combining form in ``-o`` glued to a capitalised word
  (``RussoIranian``, ``SinoRussian``); other Title Case pairs are left alone, since
  brand names (``HubSpot``, ``MacBook``) are written that way on purpose, and so
  are many the word list has never seen (``AppleSkin``, ``WoodSpring``,
  ``SunExpress``): ``WrightPhillips`` is not told from them;
* an all-lowercase token with exactly one split into two common words
  (``highlevel``, ``besigned`` inside ``soon-to-besigned``), when it is no word or
  one far rarer than both its parts (``wellknown``). Names and real words
  (``nonetheless``, ``network``, ``whatsoever``) are known to the word list and
  are never touched; Title Case tokens are never split this way.

Written by hand: word segmenters split into words, but none says whether the
joint was a hyphen; the frequency thresholds below make that call.
"""

from __future__ import annotations

import functools
import re
from collections import Counter

from ingest.normalize.code_words import prose_only
from ingest.normalize.spellings import TOKEN as WORD
from ingest.normalize.spellings import shown_spellings, writes_a_variant, written_consistently
from ingest.normalize.vocabulary import has_word_list, zipf
from ingest.input_kinds import NOT_TYPESET
from ingest.rules import REPAIR, CleaningContext, Phase, rule
from ingest.traced_text import Edit

# A token inside a web address, an e-mail or a hashtag (``www.autoracing.com``, ``name@mailbox.org``,
# ``#healthyhydration``) is not prose.
TOKEN = re.compile(r"(?<![\w@/.#])\w+(?:-\w+)*(?![\w@/]|\.\w)")
# A whole token at least this frequent is a word, whatever it looks like; ``highlevel`` (1.1)
# and ``crossborder`` (1.5) are split; words rarer than this are mostly typos and extraction
# damage in wordfreq's lists.
WHOLE_WORD_ZIPF = 1.5
# A closed form still this rare is damage when both its parts are far commoner: ``wellknown``
# (1.6 against ``well`` 6.0 and ``known`` 5.4), ``worldclass``, ``socalled``, ``selfmade``. Closed
# compounds in use are commoner, or their parts rarer (``waterborne`` 2.5: gap 1.2,
# ``goldsmith`` 3.2, ``weeklong`` 2.4); the gap is in Zipf units (powers of ten).
RARE_CLOSED_FORM_ZIPF = 2.0
RARE_BESIDE_PARTS_GAP = 3.0
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
# A combining form is at least this long (``Afro``, ``Sino``, ``Russo``); ``GoBank`` is a brand.
MIN_COMBINING_FORM = 4
# Particles that join a word with a hyphen: after it (``dial-up``, ``walk-in``, ``built-in``) or
# before it (``on-field``, ``off-road``). ``out``, ``over`` and ``under`` make closed words
# (``outfox``, ``overdue``), and so does a leading ``in`` (``inborn``, ``inroad``).
TRAILING_PARTICLES = {"en": frozenset({"up", "down", "off", "in", "on"})}
LEADING_PARTICLES = {"en": frozenset({"on", "off"})}
# The word beside the particle is a content word (``house`` 5.5, ``dial`` 3.9): the commonest
# words form closed adverbs with particles (``hereon``: ``here`` 6.0; ``thereupon``).
PARTICLE_PARTNER_MAX_ZIPF = 5.8
# A closed particle compound below this is rare enough to be a lost hyphen (``inhouse`` 2.2);
# the closed forms in use are commoner (``online`` 5.2, ``setup`` 4.6, ``ongoing`` 4.4).
PARTICLE_CLOSED_ZIPF = 2.5
# Languages whose writers hyphenate compounds of two free words. German, Dutch or the
# Scandinavian languages close them (``Bundesregierung``), Malay and Indonesian glue clitics
# (``sekadarnya``): a split there breaks a correct word.
HYPHENATING_LANGUAGES = frozenset({"en"})
# English affixes that are also words: what they join is written closed (``multilink``,
# ``megabanks``, ``brokeness``, ``confliction``), so a split at them is no lost hyphen. A class
# of bound morphemes, not a list of damaged words.
CLOSED_PREFIXES = {
    "en": frozenset({"multi", "mega", "hyper", "super", "micro", "macro", "electro", "bio"})
    | frozenset({"over", "under", "counter", "inter", "ultra"})
}
# Modal verbs end no two-word compound (``adscan`` is a name, not ``ads-can``): a closed
# class of the grammar.
MODAL_VERBS = {"en": frozenset({"can", "could", "may", "might", "must", "shall", "should", "will", "would"})}
CLOSED_SUFFIXES = {
    "en": frozenset({"ness", "ion", "ions", "ment", "ments", "able", "less", "dom"})
    | frozenset({"ship", "hood", "ward", "wards", "like", "wise"})
}


@rule(phase=Phase.LANGUAGE_REPAIRS, order=65, effect=REPAIR, kinds="hyphenation", inputs=NOT_TYPESET)
def restore_lost_hyphens(text: str, context: CleaningContext) -> list[Edit]:
    """Edits inserting a hyphen where a token is two words glued together."""
    language = context.language
    if not has_word_list(language) or language not in HYPHENATING_LANGUAGES:
        return []
    if not context.hyphens_lost:
        return []  # a web page's closed forms are its writer's (``ecobee``, ``smallsat``, ``teardown``)
    prose = prose_only(text)
    # Each distinct token is judged once; the text is walked again only when one needs a hyphen.
    damaged = {token for token in set(TOKEN.findall(prose)) if len(token) <= MAX_TOKEN and _token_splits(token, language)}
    edits: list[Edit] = []
    if not damaged:
        return edits
    everywhere = Counter(WORD.findall(text))  # code included: a name in a URL is written by the text's writer too
    damaged = {token for token in damaged if not written_consistently(token, everywhere, _hyphenated(token, language))}
    damaged = {token for token in damaged if not _camel_case_identifier(token, language, everywhere)}
    for match in TOKEN.finditer(prose):
        token = match.group()
        if token not in damaged:
            continue
        for split in _token_splits(token, language):
            position = match.start() + split
            edits.append(Edit(position, position, "-", "hyphenation", "restore_lost_hyphens"))
    return edits


def _hyphenated(token: str, language: str) -> str:
    """The token with the hyphens this rule would put in."""
    for split in reversed(_token_splits(token, language)):
        token = f"{token[:split]}-{token[split:]}"
    return token


def _camel_case_identifier(token: str, language: str, counts: Counter[str]) -> bool:
    """Whether a capital the split would stand before is an identifier's camel case, not a name's capital.

    ``American`` in ``postAmerican`` is capitalised because it is a name; a text that
    writes ``tools`` in lowercase too capitalises it in ``fontTools`` only to join
    the words of an identifier.
    """
    for split in _token_splits(token, language):
        if token[split].isupper():
            word = token[split:].split("-", 1)[0]
            if counts.get(word.lower(), 0):
                return True
    return False


class LostHyphenEvidence:
    """Whether a document's raw text shows lost hyphens (``shows_lost_hyphens``), decided when a rule first asks.

    Its truth is the answer, so it stands in ``CleaningContext.hyphens_lost`` for
    the bool. Reading a whole document's spellings for the evidence costs a web
    page more than any other step of cleaning but the language's detection, and
    only the repair needs it: a text in a language it does not repair, or of a
    kind it does not act on (Markdown, a PDF), never does. Asked before the
    text's tokens are split, not after: on generated English prose, splitting
    every text's tokens first cost more than the evidence it spared; and the
    evidence itself is first looked for in one pass over the text
    (``writes_a_variant``), which settles it for most texts: few write a
    hyphenated token of theirs without its hyphen too.
    """

    __slots__ = ("_text", "_context", "_shown")

    def __init__(self, text: str, context: CleaningContext) -> None:
        self._text = text
        self._context = context
        self._shown: bool | None = None

    def __bool__(self) -> bool:
        if self._shown is None:
            self._shown = shows_lost_hyphens(self._text, self._context)
        return self._shown


def shows_lost_hyphens(text: str, context: CleaningContext) -> bool:
    """Whether the text's prose writes one of its own hyphenated names without its hyphen.

    Decided once on a whole document (``CleaningContext.hyphens_lost``): a section of
    a long one may hold the damage without the evidence. The batch's spellings are
    left out: a document's repairs must not depend on the documents beside it.
    """
    if not writes_a_variant(text):
        return False
    tokens = set(TOKEN.findall(prose_only(text)))
    return not shown_spellings(text, context.language, tokens).keys().isdisjoint(tokens)


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
    particle = _particle_split(segment, language) if not in_compound and camel is None else None
    if particle is not None:
        return particle
    if _is_word(segment, language, RARE_CLOSED_FORM_ZIPF if camel is None else WHOLE_WORD_ZIPF):
        return None
    if camel is not None:
        left = segment[:camel]
        combining_form = left[0].isupper() and left[1:].islower() and left.endswith("o")
        min_left = MIN_COMBINING_FORM if combining_form else MIN_PART_IN_COMPOUND
        if not (left.islower() or combining_form) or len(left) < min_left:
            return None
        left_bar = COMBINING_FORM_ZIPF if combining_form else PART_WORD_ZIPF
        right = segment[camel:]
        known = zipf(left, language) >= left_bar and zipf(right, language) >= PART_WORD_ZIPF
        return camel if known else None
    splits = [
        i for i in range(min_part, len(segment) - min_part + 1) if _both_words(segment[:i], segment[i:], language)
    ]
    if len(splits) != 1:
        return None
    if _is_word(segment, language, WHOLE_WORD_ZIPF) and not _rare_beside_parts(segment, splits[0], language):
        return None
    return splits[0]


def _particle_split(segment: str, language: str) -> int | None:
    """Where a particle joins a word in a compound written with a hyphen (``dial-up``, ``on-field``).

    Such compounds are usual with the hyphen; closed, they are rare in print
    (``dialup`` 2.0, ``onfield`` 1.5, ``inhouse`` 2.2), while the closed ones
    writers use are common (``setup``, ``online``, ``takeout``).
    """
    if zipf(segment, language) >= PARTICLE_CLOSED_ZIPF:
        return None
    splits = {
        len(particle) for particle in LEADING_PARTICLES.get(language, ()) if segment.startswith(particle)
        and _particle_partner(segment[len(particle) :], language)
    } | {
        len(segment) - len(particle) for particle in TRAILING_PARTICLES.get(language, ()) if segment.endswith(particle)
        and _particle_partner(segment[: -len(particle)], language)
    }
    return splits.pop() if len(splits) == 1 else None


def _particle_partner(word: str, language: str) -> bool:
    """A content word: common, but not one of the commonest (``here`` in ``hereon``, ``there``)."""
    return (
        len(word) >= MIN_PART
        and PART_WORD_ZIPF <= zipf(word, language) < PARTICLE_PARTNER_MAX_ZIPF
        and word not in CLOSED_SUFFIXES.get(language, ())
    )


def _is_word(segment: str, language: str, bar: float) -> bool:
    """Whether ``segment``, or its stem without an inflectional ending, is at least ``bar`` common."""
    stems = [segment] + [segment[: -len(end)] for end in INFLECTIONS.get(language, ()) if segment.endswith(end)]
    return any(zipf(stem, language) >= bar for stem in stems if stem)


def _rare_beside_parts(segment: str, split: int, language: str) -> bool:
    """Whether the closed form is far rarer than both of its parts: a hyphen lost, not a word."""
    parts = min(zipf(segment[:split], language), zipf(segment[split:], language))
    return parts - zipf(segment, language) >= RARE_BESIDE_PARTS_GAP


def _camel_boundary(segment: str) -> int | None:
    """The one place a lowercase letter is followed by a capitalised word, if there is exactly one."""
    boundaries = [i for i in range(1, len(segment)) if segment[i - 1].islower() and segment[i].isupper()]
    if len(boundaries) != 1:
        return None
    right = segment[boundaries[0] :]
    return boundaries[0] if len(right) >= MIN_PART and right[1:].islower() else None


def _both_words(left: str, right: str, language: str) -> bool:
    if left in CLOSED_PREFIXES.get(language, ()) or right in CLOSED_SUFFIXES.get(language, ()):
        return False
    if right in MODAL_VERBS.get(language, ()):
        return False
    return zipf(left, language) >= PART_WORD_ZIPF and zipf(right, language) >= PART_WORD_ZIPF
