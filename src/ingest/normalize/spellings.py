"""The corpus's own spelling of a name, preferred over its broken variants.

A PDF that loses a hyphen writes ``Su35`` where every other document writes
``Su-35``. ``preferred_spellings`` learns such pairs from a batch of documents:
each hyphenated token seen is the preferred form of the variants that lose one
of its hyphens, provided a variant is not itself a word (``email`` is not a
broken ``e-mail``) and the batch does not use the variant more often than the
hyphenated form; for a variant of letters only, less often (a text that writes
``GSYNC`` and ``G-SYNC`` once each means both, while ``Mi28`` beside ``Mi-28``
is a code that lost its hyphen at a line end). ``apply_preferred_spellings`` rewrites the variants, using
what the batch taught (``CleaningContext.preferred_spellings``) and what the
document itself shows.

Code is no evidence and is never rewritten (:mod:`ingest.normalize.code_words`): a URL,
a path, an option or an identifier is spelled by its program. What another document of
the batch teaches repairs a variant only where it can be damage: a document that writes
the variant again and again, and never the hyphenated form, spells the word its own way
(``fonttools``), whatever its batch mates write.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Collection, Iterable, Mapping
from functools import lru_cache

from ingest.normalize.code_words import MAX_REMEMBERED_TEXT_CHARS, REMEMBERED_TEXTS, prose_only
from ingest.normalize.edits import edits_from_matches
from ingest.normalize.vocabulary import has_word_list, zipf
from ingest.input_kinds import NOT_TYPESET
from ingest.rules import REPAIR, CleaningContext, Phase, rule
from ingest.traced_text import Edit

TOKEN = re.compile(r"\w+(?:-\w+)*")
# A hyphen that may join two words: where a hyphenated token is looked for.
JOINING_HYPHEN = re.compile(r"-(?=\w)")
# Compounds with more hyphens than this are phrases (``state-of-the-art-ish``), not names.
MAX_HYPHENS = 3
# Shorter variants (``A1``, ``F16``) are too often tokens in their own right.
MIN_VARIANT_CHARS = 4
# A variant at least this frequent is a word of its own (``nonresident`` 2.2,
# ``multipolar`` 2.0), not a broken spelling; ``highlevel`` (1.1) is below.
VARIANT_WORD_ZIPF = 2.0
# Following variant → preferred → preferred stops here; real chains are one step.
MAX_CHAIN = 4
# A closed form a text writes this often, and never hyphenated, is its writer's spelling: damage
# in extraction is not that regular (a PDF that drops a hyphen keeps it elsewhere, ``Su35``
# beside ``Su-35``).
CONSISTENT_USES = 2


def preferred_spellings(texts: Iterable[str], language: str = "en") -> dict[str, str]:
    """Map each broken variant seen in (or implied by) ``texts`` to the hyphenated form the batch uses.

    ``language`` is the batch's language: it decides whether an all-letter
    variant is a word of its own. Variants with a digit (``Su35``) need no word list.
    A variant the texts do not show is mapped as well: a document of the batch
    may come to show it once repaired (a soft hyphen removed).
    """
    counts: Counter[str] = Counter()
    for text in texts:
        counts.update(_token_counts(text))
    return _preferred(counts, language, lambda variant: True)


def shown_spellings(text: str, language: str, shown: Collection[str] | None = None) -> dict[str, str]:
    """``preferred_spellings([text])`` for the variants in ``shown`` only (in either case form); by default, the text's tokens.

    What a document teaches about itself only matters for the variants it shows:
    the others would cost a word-list look-up each and rewrite nothing. Following
    a variant's preferred form to that form's own (``_follow``) gives the same
    spelling as without the restriction: each preferred form is a token of the
    text or its case twin, so it is kept as a variant when it is one.
    """
    return _shown_spellings(_token_counts(text), language, shown)


def writes_a_variant(text: str) -> bool:
    """Whether the text writes one of its own hyphenated tokens with a hyphen dropped (``Su35`` beside ``Su-35``).

    Without one, ``shown_spellings`` maps none of the text's tokens, whatever the
    word lists say, so the answer spares most texts the reading of their prose
    (code told from prose, every token counted). It is read from the whole text,
    code included, whose tokens hold every prose token: code is blanked a whole
    run at a time, so no prose token is cut. A variant found nowhere in the text,
    as a substring, needs no tokenising at all.
    """
    variants = {
        variant
        for token in _hyphenated_tokens(text)
        if token.count("-") <= MAX_HYPHENS
        for form in _case_forms(token)
        for variant in _variants(form)
    }
    if not any(variant in text for variant in variants):
        return False
    return not variants.isdisjoint(TOKEN.findall(text))


def _hyphenated_tokens(text: str) -> set[str]:
    """The text's tokens that hold a hyphen, found from its hyphens.

    A pattern for them tries every word of the text; a page has far fewer hyphens
    than words, and each is widened to its run of word characters and hyphens,
    whose tokens are the text's own (``\\w`` is a letter, a digit or ``_``).
    """
    found: set[str] = set()
    run_end = 0
    for hyphen in JOINING_HYPHEN.finditer(text):
        position = hyphen.start()
        if position < run_end or not position or not _in_token(text[position - 1]):
            continue
        run_start = position
        while run_start and _in_token(text[run_start - 1]):
            run_start -= 1
        run_end = position + 1
        while run_end < len(text) and _in_token(text[run_end]):
            run_end += 1
        found.update(token for token in TOKEN.findall(text, run_start, run_end) if "-" in token)
    return found


def _in_token(char: str) -> bool:
    return char.isalnum() or char in "_-"


def written_consistently(token: str, counts: Mapping[str, int], hyphenated: str | None = None) -> bool:
    """Whether ``counts`` (a whole text's, code included) show ``token`` as the text's own spelling.

    It is written ``CONSISTENT_USES`` times or more, in either case form, and ``hyphenated``
    (the form a repair would give) never.
    """
    if hyphenated is not None and _pooled(counts, hyphenated):
        return False
    return _pooled(counts, token) >= CONSISTENT_USES


def _token_counts(text: str) -> Counter[str]:
    """The text's prose tokens counted; a batch's raw texts are tokenised once for what the batch and each text teach.

    The counts are shared: callers must not change them.
    """
    return _remembered_token_counts(text) if len(text) <= MAX_REMEMBERED_TEXT_CHARS else _prose_token_counts(text)


@lru_cache(maxsize=REMEMBERED_TEXTS)
def _remembered_token_counts(text: str) -> Counter[str]:
    return _prose_token_counts(text)


def _prose_token_counts(text: str) -> Counter[str]:
    return Counter(TOKEN.findall(prose_only(text)))


def _shown_spellings(counts: Counter[str], language: str, shown: Collection[str] | None) -> dict[str, str]:
    seen = counts if shown is None else shown
    return _preferred(counts, language, lambda variant: any(form in seen for form in _case_forms(variant)))


@rule(phase=Phase.LANGUAGE_REPAIRS, order=70, effect=REPAIR, kinds="spelling", inputs=NOT_TYPESET)
def apply_preferred_spellings(text: str, context: CleaningContext) -> list[Edit]:
    """Edits replacing broken variants by the spelling the document or the corpus prefers."""
    if not writes_a_variant(text) and not _learned_variant_written(context.preferred_spellings, text):
        return []  # most documents hold no broken variant: skip reading their prose
    prose = prose_only(text)
    counts = Counter(TOKEN.findall(prose))  # the prose tokenised once, for what it teaches and what it shows
    own = _shown_spellings(counts, context.language, None)
    if own.keys().isdisjoint(counts) and context.preferred_spellings.keys().isdisjoint(counts):
        return []  # most documents hold no broken variant: skip the edit-by-edit pass
    mapping = {**own, **_damage_here(context.preferred_spellings, counts, text)}
    return edits_from_matches(TOKEN, prose, lambda m: mapping.get(m.group()), "spelling", "apply_preferred_spellings")


def _learned_variant_written(learned: Mapping[str, str], text: str) -> bool:
    """Whether the text, code included, writes a variant the batch learned to mend."""
    return bool(learned) and not learned.keys().isdisjoint(TOKEN.findall(text))


def _damage_here(learned: Mapping[str, str], counts: Counter[str], text: str) -> dict[str, str]:
    """The batch's rewrites of the variants this text shows, less those it writes as its own spelling."""
    shown = {variant: preferred for variant, preferred in learned.items() if variant in counts}
    if not shown:
        return shown
    everywhere = Counter(TOKEN.findall(text))  # code included: a name in a URL is written by the text's writer too
    return {variant: preferred for variant, preferred in shown.items() if not written_consistently(variant, everywhere, preferred)}


def _preferred(counts: Counter[str], language: str, wanted: Callable[[str], bool]) -> dict[str, str]:
    """The preferred form of every ``wanted`` variant of the counted tokens, each followed to its end."""
    candidates: dict[str, tuple[int, str]] = {}
    for token in list(counts):
        if not 0 < token.count("-") <= MAX_HYPHENS:
            continue
        for form in _case_forms(token):
            support = _pooled(counts, form)
            for variant in _variants(form):
                if not wanted(variant) or not _outnumbered(_pooled(counts, variant), support, variant):
                    continue
                if not _is_broken(variant, form, language):
                    continue
                if variant not in candidates or candidates[variant][0] < support:
                    candidates[variant] = (support, form)
    mapping = {variant: form for variant, (_, form) in candidates.items()}
    return {variant: _follow(mapping, variant) for variant in mapping}


def _case_forms(token: str) -> list[str]:
    """The token, and its sentence-start twin (``High-level`` / ``high-level``) when the rest is lowercase."""
    rest = token[1:]
    if rest != rest.lower():
        return [token]
    if token[0].isupper():
        return [token, token[0].lower() + rest]
    if token[0].islower():
        return [token, token[0].upper() + rest]
    return [token]


def _pooled(counts: Counter[str], token: str) -> int:
    """Occurrences of a token and of its sentence-start twin, which spell the same word."""
    return sum(counts.get(form, 0) for form in _case_forms(token))


def _variants(token: str) -> list[str]:
    """The token with one of its hyphens dropped, and with all of them dropped."""
    positions = [i for i, char in enumerate(token) if char == "-"]
    variants = [token[:i] + token[i + 1 :] for i in positions]
    if len(positions) > 1:
        variants.append(token.replace("-", ""))
    return [v for v in variants if len(v) >= MIN_VARIANT_CHARS and any(c.isalpha() for c in v)]


def _outnumbered(variant_count: int, preferred_count: int, variant: str) -> bool:
    """Whether the hyphenated form wins: ties go to it only for codes with a digit."""
    if any(char.isdigit() for char in variant):
        return variant_count <= preferred_count
    return variant_count < preferred_count


def _is_broken(variant: str, preferred: str, language: str) -> bool:
    """Whether the glued part of ``variant`` is not a word in its own right."""
    glued = [part for part in variant.split("-") if part not in preferred.split("-")]
    for part in glued:
        if any(char.isdigit() for char in part):
            continue
        if not has_word_list(language) or zipf(part, language) >= VARIANT_WORD_ZIPF:
            return False
    return bool(glued)


def _follow(mapping: Mapping[str, str], variant: str) -> str:
    preferred = mapping[variant]
    for _ in range(MAX_CHAIN):
        if preferred not in mapping or mapping[preferred] == variant:
            break
        preferred = mapping[preferred]
    return preferred
