"""Cleaning: raw decoded text in, clean text plus the full record of what changed out.

The order matters and is the whole design of this module:

1. language-neutral repairs (encoding, unicode, invisible characters, line ends,
   markup) so that every later rule sees well-formed text;
2. a first language guess on the repaired text, which decides the word list
   that later rules may use (none for a language without one);
3. page furniture (running headers, footers, page numbers, OCR garbage), found
   line by line before re-flowing would glue it into paragraphs, then the repairs
   that need the language (re-flowing hard wraps, joining split words, restoring
   lost hyphens, glyph errors);
4. block-level boilerplate (profiles, repeated headlines, related posts, tables
   of contents, calls to action, captions) on the re-flowed paragraphs;
5. the author's bio or byline, moved out of the body into metadata;
6. the final layout: paragraphs separated by exactly one blank line.

The phases are fixed here; which rules run in each, and in what order, every
rule declares next to its code (:mod:`ingest.rules`).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from functools import cache

from ingest import boilerplate, language
from ingest.boilerplate.page_text import is_print
from ingest.boilerplate.until_stable import until_stable
from ingest.cancellation import check_stop
from ingest.normalize.lost_hyphens import shows_lost_hyphens
from ingest.rules import CleaningContext, Phase, Rule, rules_in
from ingest.sections import join_sections, split_sections
from ingest.traced_text import Change, Edit, TracedText

# Paged formats separate their pages with a form feed (see ``ingest.formats``).
PAGE_BREAK = "\f"
# Removing boilerplate can expose more of it, so these phases run until they remove nothing more.
UNTIL_STABLE = frozenset({Phase.PAGE_FURNITURE, Phase.BLOCK_BOILERPLATE})


@dataclass(frozen=True)
class CleanResult:
    """The clean text, what was learned about the document, and every change made."""

    text: str
    title: str | None
    author: str | None
    author_bio: str | None
    changes: list[Change]
    # The language guessed before the language-dependent repairs, from the repaired text.
    language: language.LanguageGuess | None = None


def clean_text(
    raw_text: str, context: CleaningContext | None = None, markup_removals: Iterable[Edit] = ()
) -> CleanResult:
    """Clean one document's decoded text. Pure: the same input gives the same result.

    ``markup_removals`` are spans the decoder already knows to be page furniture
    (HTML navigation, headers, footers): they are removed first, with their record.
    A very large text is cleaned a section at a time (``ingest.sections``), so
    its cost stays linear and its memory bounded; a stop requested meanwhile
    (``ingest.cancellation``) raises ``Cancelled`` between two rules.
    """
    context = context or CleaningContext()
    # Decided once, on the raw text: the whitespace repairs turn page breaks into blank
    # lines, re-flowing undoes the wrapping and the furniture rules take the mastheads.
    if PAGE_BREAK in raw_text or is_print(raw_text):
        context = replace(context, printed_pages=True)
    elif shows_lost_hyphens(raw_text, context):
        context = replace(context, hyphens_lost=True)
    sections = split_sections(raw_text, tuple(markup_removals))
    if len(sections) == 1:
        return _clean_section(raw_text, context, sections[0].markup_removals)
    results = []
    for section in sections:
        check_stop()
        results.append(_clean_section(raw_text[section.start : section.end], context, section.markup_removals))
    text, changes = join_sections(raw_text, sections, [r.text for r in results], [r.changes for r in results])
    # A title opens a document: the first section's stands; so does the first byline or bio found.
    return CleanResult(
        text=text,
        title=results[0].title,
        author=next((r.author for r in results if r.author), None),
        author_bio=next((r.author_bio for r in results if r.author), None),
        changes=changes,
        language=results[0].language,
    )


def _clean_section(raw_text: str, context: CleaningContext, markup_removals: Iterable[Edit]) -> CleanResult:
    traced = TracedText(raw_text)
    traced.apply(markup_removals)
    _run_phase(traced, Phase.NEUTRAL_REPAIRS, context)
    guess = language.detect_language(traced.text)
    context = replace(context, language=guess.language)
    _run_phase(traced, Phase.PAGE_FURNITURE, context)
    _run_phase(traced, Phase.LANGUAGE_REPAIRS, context)
    _run_phase(traced, Phase.BLOCK_BOILERPLATE, context)
    author = boilerplate.find_author(traced.text)
    if author is not None:
        traced.apply(_author_edits(author))
    _run_phase(traced, Phase.LAYOUT, context)
    return CleanResult(
        text=traced.text,
        title=boilerplate.find_title(traced.text),
        author=author.name if author else None,
        author_bio=author.bio if author else None,
        changes=traced.changes,
        language=guess,
    )


def _author_edits(author: boilerplate.AuthorBlock) -> list[Edit]:
    """The bio or byline, and the same author's bylines, as sorted edits that do not overlap."""
    edits: list[Edit] = []
    spans = [(author.start, author.end, author.rule), *((start, end, "byline") for start, end in author.bylines)]
    for start, end, rule in sorted(spans):
        start = max(start, edits[-1].end) if edits else start
        if start < end:
            edits.append(Edit(start, end, "", "author", rule))
    return edits


def _run_phase(traced: TracedText, phase: Phase, context: CleaningContext) -> None:
    for rule in phase_rules(phase):
        check_stop()
        traced.apply(rule(traced.text, context))


@cache
def phase_rules(phase: Phase) -> tuple[Rule, ...]:
    """The rules ``clean_text`` runs in ``phase``, in order: one rule when the phase runs until stable."""
    rules: list[Rule] = list(rules_in(phase))
    return (until_stable(rules, phase.value),) if phase in UNTIL_STABLE else tuple(rules)
