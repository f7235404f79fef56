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
5. the author's bio or byline, moved out of the body into metadata (on scraped
   kinds of document whose article no extractor chose: a report's or a README's
   byline is its own text, and so is the byline an HTML extractor kept, whose
   bio is still read for the metadata);
6. the final layout: paragraphs separated by exactly one blank line.

The phases are fixed here; which rules run in each, and in what order, every
rule declares next to its code (:mod:`ingest.rules`), with the kinds of
document it acts on: the document's kind (:mod:`ingest.input_kinds`) is decided
once, before the first rule, and only the rules declared for it run.

Then the body-loss guard. A text read as a saved page whose page-text removals
show no page around an article (:mod:`ingest.page_reading`: no prose left, an
opening that stayed and lists of phrases removed, or no header removed above its
prose but lines removed between its prose lines) is cleaned again as prose, with
the reason. Then (:mod:`ingest.body_loss`) a document whose removals
emptied its prose or took more than its kind's share is cleaned again sparing
every removal of prose, and, if even that empties it, with no removal at all;
the result carries the reason, for a person to review.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from enum import Enum
from functools import cache

from ingest import boilerplate, language
from ingest.body_loss import body_of, doubt_removals, holds_prose
from ingest.boilerplate.page_furniture import displayed_addresses
from ingest.boilerplate.text_kind import kind_of_text
from ingest.boilerplate.until_stable import until_stable
from ingest.cancellation import check_stop
from ingest.input_kinds import AUTHOR_BOXES, SCRAPED_TEXT, InputKind
from ingest.normalize.lost_hyphens import LostHyphenEvidence
from ingest.page_reading import doubt_page_reading
from ingest.rules import REMOVAL, CleaningContext, Phase, RegisteredRule, Rule, rules_in
from ingest.sections import join_sections, split_sections
from ingest.traced_text import Change, Edit, TracedText

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
    input_kind: InputKind = InputKind.PROSE
    # Set when the body-loss guard doubted the removals: why, for a person to review.
    review_reason: str | None = None


class Caution(Enum):
    """How much cleaning may remove: everything its rules find, no prose, or nothing."""

    NONE = "none"
    SPARE_PROSE = "spare_prose"
    REPAIRS_ONLY = "repairs_only"


def clean_text(
    raw_text: str, context: CleaningContext | None = None, markup_removals: Iterable[Edit] = (), guard: bool = True
) -> CleanResult:
    """Clean one document's decoded text. Pure: the same input gives the same result.

    ``markup_removals`` are spans the decoder already knows to be page furniture
    (HTML navigation, headers, footers): they are removed first, with their record.
    ``context.input_kind`` is the document's kind when its format knows it; plain
    text is judged here, by its shape. A very large text is cleaned a section at a
    time (``ingest.sections``), so its cost stays linear and its memory bounded; a
    stop requested meanwhile (``ingest.cancellation``) raises ``Cancelled`` between
    two rules. ``guard=False`` leaves the body-loss guard out: what the rules alone
    remove, which ``bench/removed_share.py`` measures to set the guard's shares.
    """
    context = _with_evidence(raw_text, context or CleaningContext())
    markup_removals = tuple(markup_removals)
    result = _clean(raw_text, context, markup_removals, Caution.NONE)
    if guard and context.input_kind is InputKind.PAGE_TEXT:
        page_doubt = doubt_page_reading(raw_text, result.changes)
        if page_doubt is not None:
            reread = clean_text(raw_text, replace(context, input_kind=InputKind.PROSE), markup_removals)
            reasons = "; ".join(reason for reason in (page_doubt.reason, reread.review_reason) if reason)
            return replace(reread, review_reason=reasons)
    doubt = doubt_removals(body_of(raw_text, markup_removals), result.text, context.input_kind) if guard else None
    if doubt is None:
        return result
    spared = _clean(raw_text, context, markup_removals, Caution.SPARE_PROSE)
    if not spared.text.strip() and holds_prose(raw_text):
        spared = _clean(raw_text, context, markup_removals, Caution.REPAIRS_ONLY)
        return replace(spared, review_reason=f"{doubt.reason}; no removal was made")
    return replace(spared, review_reason=f"{doubt.reason}; removals of prose were kept")


def _with_evidence(raw_text: str, context: CleaningContext) -> CleaningContext:
    """The context with what the raw text shows, decided once before any rule changes it.

    The whitespace repairs turn page breaks into blank lines, re-flowing undoes the
    wrapping and the furniture rules take the mastheads: the kind is read first.
    """
    kind = context.input_kind or kind_of_text(raw_text)
    displayed = displayed_addresses(raw_text) if kind is InputKind.TYPED else frozenset()
    # Only the text's own evidence says hyphens were lost: Tesseract keeps its
    # hyphens and loses spaces, so "annualChinese" in a scan is "annual Chinese".
    return replace(
        context, input_kind=kind, hyphens_lost=LostHyphenEvidence(raw_text, context), displayed_addresses=displayed
    )


def _clean(raw_text: str, context: CleaningContext, markup_removals: tuple[Edit, ...], caution: Caution) -> CleanResult:
    if caution is Caution.SPARE_PROSE:
        markup_removals = tuple(edit for edit in markup_removals if not holds_prose(raw_text[edit.start : edit.end]))
    elif caution is Caution.REPAIRS_ONLY:
        markup_removals = ()
    sections = split_sections(raw_text, markup_removals)
    if len(sections) == 1:
        return _clean_section(raw_text, context, sections[0].markup_removals, caution)
    results = []
    for section in sections:
        check_stop()
        results.append(_clean_section(raw_text[section.start : section.end], context, section.markup_removals, caution))
    text, changes = join_sections(raw_text, sections, [r.text for r in results], [r.changes for r in results])
    # A title opens a document: the first section's stands; so does the first byline or bio found.
    return CleanResult(
        text=text,
        title=results[0].title,
        author=next((r.author for r in results if r.author), None),
        author_bio=next((r.author_bio for r in results if r.author), None),
        changes=changes,
        language=results[0].language,
        input_kind=context.input_kind,
    )


def _clean_section(
    raw_text: str, context: CleaningContext, markup_removals: Iterable[Edit], caution: Caution
) -> CleanResult:
    traced = TracedText(raw_text)
    traced.apply(markup_removals)
    _run_phase(traced, Phase.NEUTRAL_REPAIRS, context, caution)
    guess = language.detect_language(traced.text)
    context = replace(context, language=guess.language)
    _run_phase(traced, Phase.SAVED_PAGE, context, caution)
    _run_phase(traced, Phase.PAGE_FURNITURE, context, caution)
    _run_phase(traced, Phase.LANGUAGE_REPAIRS, context, caution)
    _run_phase(traced, Phase.BLOCK_BOILERPLATE, context, caution)
    author = _author_box(traced, context, caution)
    _run_phase(traced, Phase.LAYOUT, context, caution)
    return CleanResult(
        text=traced.text,
        title=boilerplate.find_title(traced.text),
        author=author.name if author else None,
        author_bio=author.bio if author else None,
        changes=traced.changes,
        language=guess,
        input_kind=context.input_kind,
    )


def _author_box(traced: TracedText, context: CleaningContext, caution: Caution) -> boilerplate.AuthorBlock | None:
    """The author's byline or bio, read on scraped text for the metadata, moved out of the body where no extractor kept it.

    On an HTML page the extractor chose the article with its byline: the text
    keeps it, and the bio still fills ``author_bio``.
    """
    if context.input_kind not in SCRAPED_TEXT or caution is Caution.REPAIRS_ONLY:
        return None
    author = boilerplate.find_author(traced.text)
    if author is not None and context.input_kind in AUTHOR_BOXES:
        traced.apply(_author_edits(author))
    return author


def _author_edits(author: boilerplate.AuthorBlock) -> list[Edit]:
    """The bio or byline, and the same author's bylines, as sorted edits that do not overlap."""
    edits: list[Edit] = []
    spans = [(author.start, author.end, author.rule), *((start, end, "byline") for start, end in author.bylines)]
    for start, end, rule in sorted(spans):
        start = max(start, edits[-1].end) if edits else start
        if start < end:
            edits.append(Edit(start, end, "", "author", rule))
    return edits


def _run_phase(traced: TracedText, phase: Phase, context: CleaningContext, caution: Caution) -> None:
    for rule in phase_rules(phase, context.input_kind, caution):
        check_stop()
        traced.apply(rule(traced.text, context))


@cache
def phase_rules(phase: Phase, input_kind: InputKind, caution: Caution = Caution.NONE) -> tuple[Rule, ...]:
    """The rules ``clean_text`` runs in ``phase`` on a kind of document, in order.

    One rule when the phase runs until stable. With caution, a removal rule's
    edits that hold prose are dropped (``SPARE_PROSE``), or the rule is left out
    (``REPAIRS_ONLY``).
    """
    declared = rules_in(phase, input_kind)
    if caution is Caution.REPAIRS_ONLY:
        declared = [placed for placed in declared if placed.effect is not REMOVAL]
    rules: list[Rule] = [_sparing_prose(placed) if caution is Caution.SPARE_PROSE else placed for placed in declared]
    return (until_stable(rules, phase.value),) if phase in UNTIL_STABLE else tuple(rules)


def _sparing_prose(placed: RegisteredRule) -> Rule:
    """The rule, its removals of prose dropped; a repair is returned as it is."""
    if placed.effect is not REMOVAL:
        return placed

    def spare(text: str, context: CleaningContext) -> list[Edit]:
        return [edit for edit in placed(text, context) if not holds_prose(text[edit.start : edit.end])]

    spare.__name__ = placed.name
    return spare
