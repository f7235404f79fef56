"""Page furniture of PDF and OCR text: page numbers, running headers and footers, publisher lines.

Runs line by line, before hard-wrapped lines are re-flowed, so that a footer in
the middle of a sentence is still a line of its own and not glued into the
paragraph around it.

Each candidate line is judged with its neighbours, because a lone "12" or a
lone "www.example.org" can be article text. The candidates are the lines of
short paragraphs standing between blank lines (a "cluster" of them sits where a
page ended). A line goes when:

* it is OCR garbage (:mod:`ingest.boilerplate.ocr_garbage`); inside a
  paragraph of text, only when it has no dictionary word at all; in a cluster
  that holds other furniture or interrupts a sentence, scanner debris too (a
  few scrambled pieces, "F5n4xO", "dM« wpsgI");
* it recurs ``MIN_RUNNING_REPEATS`` times in a hard-wrapped document (page
  numbers inside it masked): a running header or footer, wherever it stands;
* it is a page number, and the document has other page-number lines that
  count forward as pages do, or its cluster interrupts a sentence, or holds
  other furniture;
* it is a URL, and its cluster interrupts a sentence or holds other furniture;
* it is a short name next to such a URL line that has no name of its own (the
  publisher's name; next to "Name · url", a short line is a section heading);
* it is a line the corpus prints in many documents and its cluster interrupts a sentence;
* it recurs only twice (a two-page document) but every copy stands in a cluster
  or opens the text, and one of those clusters interrupts a sentence or holds a
  page number or URL; or, wherever its copies stand, it is a masthead (a series
  name in capitals with an issue number); printed once, a masthead naming its
  volume or issue goes too;
* (the text's title is kept when the running header is the title itself and
  the text opens with it twice: header, then title);
* it is a copyright notice ("© 2024 Example Media", "All rights reserved."), a
  line of its own wherever it stands;
* it closes the text after its last sentence and is a URL, a page number,
  OCR garbage or a name next to such a URL: the last page's footer, printed
  right under the text without a blank line.

A cluster "interrupts a sentence" when the text before it does not end a
sentence and the text after it starts in lower case: the page broke mid-sentence.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, replace
from functools import lru_cache

from ingest.boilerplate.labels import label_alternation
from ingest.boilerplate.data_tables import table_lines
from ingest.boilerplate.line_shapes import ends_sentence, is_heading_like, is_prose, line_key, word_count
from ingest.boilerplate.ocr_garbage import is_ocr_garbage, is_scanner_debris
from ingest.boilerplate.text_lines import Line, Removal, line_removal, paragraphs, per_line_cache, removal_edits, split_lines
from ingest.input_kinds import SCANNED, UNEXTRACTED_TEXT, UNPAGED_TEXT, InputKind
from ingest.normalize.blocks import in_spans, indent_of, verbatim_spans
from ingest.rules import REMOVAL, CleaningContext, Phase, rule
from ingest.text_shapes import is_url
from ingest.traced_text import Edit

KIND = "page_furniture"
GARBAGE_KIND = "ocr_garbage"
RULE = "remove_page_furniture"
SCANNED_RULE = "remove_scanned_page_furniture"


@dataclass(frozen=True)
class _Reading:
    """How one document is read: its language, its rule's name, and whether a scanner read it.

    OCR garbage and scanner debris are judged only on scanned text: in typeset or
    scraped text, "\\maketitle", "2月17日" or "F5n4xO" are what the writer wrote.
    Copyright notices are furniture wherever they stand, except the ``authored``
    ones: typed text's own statements of who holds it (a licence's content). A
    web address is a footer's only where the writer did not display it
    (``CleaningContext.displayed_addresses``), and a number is a page's only
    where it is not ``listed``: in typed text, not one of a list's numbers.
    """

    language: str
    scanned: bool
    rule: str
    authored: frozenset[int] = frozenset()
    displayed: frozenset[str] = frozenset()
    listed: frozenset[int] = frozenset()

    def is_notice(self, index: int, text: str) -> bool:
        return index not in self.authored and _is_copyright_notice(text)

    def is_footer_url(self, text: str) -> bool:
        return text not in self.displayed and _is_url(text)

    def is_page_number(self, index: int, text: str, years: bool = True) -> bool:
        return index not in self.listed and _is_page_number(text, years)

    def is_garbage(self, text: str, max_word_share: float | None = None) -> bool:
        if not self.scanned:
            return False
        if max_word_share is None:
            return is_ocr_garbage(text, self.language)
        return is_ocr_garbage(text, self.language, max_word_share=max_word_share)

    def is_debris(self, text: str) -> bool:
        return self.scanned and (is_ocr_garbage(text, self.language) or is_scanner_debris(text, self.language))

    def is_scrambled(self, text: str) -> bool:
        return self.scanned and is_scanner_debris(text, self.language)

# Furniture lines are short; a longer line is text.
MAX_FURNITURE_CHARS = 80
# A paragraph of more lines than this is text, not a footer block.
MAX_CLUSTER_PARAGRAPH_LINES = 3
# A running header or footer recurs on most pages; three copies rule out coincidence
# of wrapped text, two could be chance.
MIN_RUNNING_REPEATS = 3
# Pages of one document hold about as many lines each; a figure, a table or a
# heading can halve a page's text lines, never more (gaps counted in text lines).
MAX_PAGE_GAP_RATIO = 2
MIN_RUNNING_WORDS = 2
# Two copies of a line are a running header only with the page structure around
# them (see ``_paired_running_lines``); a paragraph of two or more lines this
# long is wrapped text that a page break cut short, never a footer block.
MIN_PAIRED_COPIES = 2
MIN_WRAPPED_TEXT_WORDS = 6
# A line set in by this many columns more than the text above it is displayed: a typed
# README's address (two to eight columns, a tab). A footer of print read back or of the
# generator's PDF-styled texts stands at the margin; a copy leaves one or two stray spaces.
MIN_DISPLAY_INDENT = 2
# A page holds more text than this between its number and the next page's (lines, blank
# ones not counted); three numbers or more, each this close to the next, number a list's
# items (a manual page's exit statuses, "0" over "success", "1" over "permission denied").
MIN_PAGE_LINES = 8
MIN_LISTED_NUMBERS = 3
# A series name and an issue number ("JOURNAL OF POLICY · VOL. 12, NO. 3") need a few words;
# OCR reads a capital here and there as lower case ("REVIEw"), hence not all of them.
MIN_MASTHEAD_WORDS = 4
MIN_MASTHEAD_CAPITALS = 0.9
# A URL and a page number under the text are a footer whatever the line above them.
MIN_FOOTER_MARKERS_AFTER_ANY_LINE = 2
# A publisher's name next to its URL: a few words.
MAX_NAME_WORDS = 6
# A name glued under the text is told from the end of a sentence by its capitals.
MIN_CAPITALISED_NAME_SHARE = 0.6
# Hard-wrapped text: most non-blank lines are followed by another non-blank line
# and lines are short. Running-line detection is limited to such documents; in
# web text a repeated line is a headline, judged after re-flowing.
MIN_WRAPPED_SHARE = 0.5
MAX_WRAPPED_MEDIAN_CHARS = 120

# A page number, alone or with a word for "page" before it and the page count after it ("Page 3 of 12").
PAGE_NUMBER = re.compile(
    rf"^(?:{label_alternation('page_words')})?\s*[-–—(\[]?\s*\d{{1,4}}\s*"
    rf"(?:(?:/|{label_alternation('page_of_words')})\s*\d{{1,4}})?\s*[-–—)\]]?$",
    re.IGNORECASE,
)
# A page number printed with the publication's short name: "3 | Hughes", "Hughes · 3".
_SHORT_NAME = r"[^\W\d][\w.'&-]*(?:\s+[^\W\d][\w.'&-]*){0,2}"
NAMED_PAGE_NUMBER = re.compile(rf"^(?:\d{{1,4}}\s*[|·•]\s*{_SHORT_NAME}|{_SHORT_NAME}\s*[|·•]\s*\d{{1,4}})$")
DIGITS = re.compile(r"\d+")
# A volume or issue number as journals and magazines print it, in the languages the page labels cover.
ISSUE_NUMBER = re.compile(
    r"\b(?:vol(?:ume)?|no|nr|issue|n°|núm|num|numéro|heft|jahrgang|jg|bd|band|tome|t|anno)\b[.:]?\s*\d{1,4}\b",
    re.IGNORECASE,
)
# What OCR reads differently on each page of a running header ("VOL. 12, NO. 4", "VOL: 12,NO. 4"):
# punctuation and its spacing. Running keys keep only words and masked numbers.
PUNCTUATION_RUN = re.compile(r"[^\w#]+")
KEY_WORD = re.compile(r"[\w#]+")
# A copyright notice: a copyright sign, "(c)" or "Copyright" and a year, or a short line
# ending in "all rights reserved" (in the languages the labels cover). A sentence
# about copyright ("Copyright law changed in 2019.") has neither shape.
_RESERVED = f"(?:{label_alternation('rights_reserved')})"
COPYRIGHT_NOTICE = re.compile(
    rf"^(?:©.*|(?:\(c\)|copyright)\s*(?:©|\(c\))?\s*(?:19|20)\d\d\b.*"
    rf"|(?:.{{0,60}}(?:©|\(c\)|\b(?:19|20)\d\d\b).{{0,40}}?[.,;|–—-]?\s*)?{_RESERVED}\.?)$",
    re.IGNORECASE,
)
# What every notice holds at one of its ends: its sign or word first, or its "all rights reserved"
# last (found on the line read backwards): two anchored matches, against the notice pattern's
# tries at every length of its optional lead.
NOTICE_OPENING = re.compile(r"©|\(c\)|copyright", re.IGNORECASE)
NOTICE_CLOSING_BACKWARDS = re.compile(rf"\n?\.?(?:{label_alternation('rights_reserved', backwards=True)})", re.IGNORECASE)
YEAR = re.compile(r"\b(?:19|20)\d\d\b")
# Numbers in this range may be a chronology's year headings rather than page numbers.
YEARS = (1800, 2100)


@dataclass(frozen=True)
class _Cluster:
    """Consecutive short paragraphs between two text lines (indexes into the line list)."""

    members: list[int]
    interrupts_sentence: bool


@rule(phase=Phase.PAGE_FURNITURE, order=10, effect=REMOVAL, kinds=KIND, inputs=UNEXTRACTED_TEXT - SCANNED)
@rule(phase=Phase.BLOCK_BOILERPLATE, order=90, effect=REMOVAL, kinds=KIND, inputs=UNEXTRACTED_TEXT - SCANNED)
def remove_page_furniture(text: str, context: CleaningContext) -> list[Edit]:
    """Remove page numbers, running headers/footers and publisher lines."""
    return _furniture_edits(text, context, _Reading(context.language, scanned=False, rule=RULE))


@rule(phase=Phase.PAGE_FURNITURE, order=11, effect=REMOVAL, kinds=(KIND, GARBAGE_KIND), inputs=SCANNED)
@rule(phase=Phase.BLOCK_BOILERPLATE, order=91, effect=REMOVAL, kinds=(KIND, GARBAGE_KIND), inputs=SCANNED)
def remove_scanned_page_furniture(text: str, context: CleaningContext) -> list[Edit]:
    """Remove a scan's page numbers, running headers/footers, publisher lines, OCR garbage and debris."""
    return _furniture_edits(text, context, _Reading(context.language, scanned=True, rule=SCANNED_RULE))


def _furniture_edits(text: str, context: CleaningContext, reading: _Reading) -> list[Edit]:
    lines = split_lines(text)
    if context.input_kind in UNPAGED_TEXT:
        reading = replace(reading, authored=_authored_notices(lines), displayed=context.displayed_addresses)
    language = context.language
    clusters = _clusters(lines, language)
    hard_wrapped = _looks_hard_wrapped(lines)
    # Text wrapped at a column without print's marks was typed at that width (``ingest.boilerplate.read_back``):
    # it has no pages, so no running headers; its repeated lines are its own (code, a refrain).
    paged = hard_wrapped and context.input_kind not in UNPAGED_TEXT
    tables = table_lines(lines) if paged else set()
    if paged:
        keys = _short_line_keys(lines)
        running = _running_lines(lines, keys, tables, clusters, reading.scanned) | _paired_running_lines(lines, keys, clusters)
    else:
        running = set()
    running |= issue_mastheads(lines)
    if context.input_kind is InputKind.TYPED:
        reading = replace(reading, listed=_listed_numbers(lines))
    numbered = [i for cluster in clusters for i in cluster.members if reading.is_page_number(i, lines[i].stripped, years=False)]
    numbered_pages = len(numbered) > 1 and _count_forward([lines[i].stripped for i in numbered])
    removals: list[Removal] = []
    for cluster in clusters:
        removals.extend(_judge_cluster(lines, cluster, running, reading, numbered_pages, context))
    in_clusters = {i for cluster in clusters for i in cluster.members}
    for i, line in enumerate(lines):
        if i in in_clusters or line.is_blank:
            continue
        if running and running_key(line.text) in running and i not in tables:
            removals.append(line_removal(line, KIND, reading.rule))
        elif reading.is_notice(i, line.stripped):
            removals.append(line_removal(line, KIND, reading.rule))
        elif reading.is_garbage(line.text, max_word_share=0.0):
            removals.append(line_removal(line, GARBAGE_KIND, reading.rule))
    if hard_wrapped:
        removals.extend(_closing_footer(lines, reading))
    title = _title_under_its_header(lines, running)
    # Code is content: an example's output ("5" under ``jq '10 / . * 3'``) is no page number.
    code = verbatim_spans(text, context.input_kind)
    kept = [r for r in removals if not in_spans(r.start, code) and (title is None or r.start != lines[title].start)]
    return removal_edits(text, kept)


def _title_under_its_header(lines: list[Line], running: set[str]) -> int | None:
    """The title's line when the text opens with a running header that is the title itself.

    The text then opens with two copies, the page's header and the article's
    title under it, which stays; three copies are a headline widget.
    """
    content = [i for i, line in enumerate(lines) if not line.is_blank][:3]
    if len(content) < 3:
        return None
    first, second, third = (running_key(lines[i].text) for i in content)
    return content[1] if first == second != third and first in running else None


def _judge_cluster(
    lines: list[Line],
    cluster: _Cluster,
    running: set[str],
    reading: _Reading,
    numbered_pages: bool,
    context: CleaningContext,
) -> list[Removal]:
    # each line's kind and the evidence that decided it (a publisher's name goes only beside a publisher's URL)
    verdicts: dict[int, tuple[str, str]] = {}
    for i in cluster.members:
        text = lines[i].stripped
        if reading.is_notice(i, text):
            verdicts[i] = (KIND, "copyright_notice")
        elif reading.is_garbage(text):
            verdicts[i] = (GARBAGE_KIND, "ocr_garbage_line")
        elif running_key(text) in running:
            verdicts[i] = (KIND, "running_header_footer")
        elif cluster.interrupts_sentence and line_key(text) in context.common_lines:
            verdicts[i] = (KIND, "corpus_common_line")
    markers = {
        i
        for i in cluster.members
        if reading.is_footer_url(lines[i].stripped) or reading.is_page_number(i, lines[i].stripped, years=False)
    }
    for i in cluster.members:
        text = lines[i].stripped
        if i in verdicts:
            continue
        others = bool(verdicts) or len(markers) > (i in markers)
        if reading.is_page_number(i, text) and cluster.interrupts_sentence:
            verdicts[i] = (KIND, "page_number")
        elif reading.is_page_number(i, text, years=False) and (numbered_pages or others):
            verdicts[i] = (KIND, "page_number")
        elif reading.is_footer_url(text) and (cluster.interrupts_sentence or others):
            verdicts[i] = (KIND, "publisher_url")
    for position, i in enumerate(cluster.members):
        neighbours = cluster.members[max(0, position - 1) : position + 2]
        if i not in verdicts and _is_short_heading(lines[i].stripped) and any(
            verdicts.get(j) == (KIND, "publisher_url") and _is_bare_url(lines[j].stripped) for j in neighbours
        ):
            verdicts[i] = (KIND, "publisher_name")
    if verdicts or markers or cluster.interrupts_sentence:
        for i in cluster.members:
            if i not in verdicts and reading.is_scrambled(lines[i].stripped):
                verdicts[i] = (GARBAGE_KIND, "scanner_debris")
    return [line_removal(lines[i], kind, reading.rule) for i, (kind, _) in verdicts.items()]


def page_breaks(lines: list[Line], language: str) -> int:
    """How many times the text breaks off mid-sentence around a block of short lines: where a page ended."""
    return sum(cluster.interrupts_sentence for cluster in _clusters(lines, language))


def _clusters(lines: list[Line], language: str) -> list[_Cluster]:
    """Runs of consecutive short paragraphs of short lines, with what surrounds them."""
    clusters = []
    current: list[int] = []
    index_of = {line.start: i for i, line in enumerate(lines)}
    groups = paragraphs(lines)
    for paragraph in groups:
        if _is_short_paragraph(paragraph, language):
            current.extend(index_of[line.start] for line in paragraph)
            continue
        if current:
            clusters.append(_make_cluster(lines, current))
            current = []
    if current:
        clusters.append(_make_cluster(lines, current))
    return clusters


def _is_short_paragraph(paragraph: list[Line], language: str) -> bool:
    """A few short lines that neither end a sentence nor continue one (start in lower case, unless a URL or noise)."""
    if len(paragraph) > MAX_CLUSTER_PARAGRAPH_LINES:
        return False
    if not all(len(line.stripped) <= MAX_FURNITURE_CHARS and not ends_sentence(line.text) for line in paragraph):
        return False
    if sum(word_count(line.text) >= MIN_WRAPPED_TEXT_WORDS for line in paragraph) >= 2:
        return False
    first = paragraph[0].stripped
    return not first[:1].islower() or _is_url(first) or is_ocr_garbage(first, language)


def _make_cluster(lines: list[Line], members: list[int]) -> _Cluster:
    before = next((lines[i].stripped for i in range(members[0] - 1, -1, -1) if not lines[i].is_blank), "")
    after = next((lines[i].stripped for i in range(members[-1] + 1, len(lines)) if not lines[i].is_blank), "")
    interrupts = bool(before) and not ends_sentence(before) and after[:1].islower()
    return _Cluster(members, interrupts)


def _short_line_keys(lines: list[Line]) -> dict[int, str]:
    """The running key, by index, of each line short enough to be a running header or footer, of two words or more,
    that another such line may share.

    A key printed once heads no page, and both readers of these keys pass over
    it (as they pass over an empty key): a line whose key's last word
    (``_key_ending``) ends no other short line's key is left out, and most
    lines of a text are never keyed at all.
    """
    endings = {i: ending for i, line in enumerate(lines) if (ending := _key_ending(line.text)) is not None}
    shared = {ending for ending, copies in Counter(endings.values()).items() if copies > 1}
    return {i: running_key(lines[i].text) for i, ending in endings.items() if ending in shared}


# Every line of a hard-wrapped text is read here on each pass of the rules until stable:
# one look-up for a line read before, where its blankness, length, words and ending took four.
@per_line_cache
def _key_ending(text: str) -> str | None:
    """The last word of the line's running key (any word, when the key is empty) if it could be a running
    header or footer; None otherwise.

    The key (``running_key``) is the line case-folded without its bullet, its
    words (runs of ``KEY_WORD``) joined by single spaces with their digits masked.
    Case folding goes character by character and keeps spaces spaces, and a
    bullet ends in a space: so the key's last word is the last word of the whole
    line case-folded, masked alike, for the price of a fold and a scan.
    """
    stripped = text.strip()
    if not stripped or len(stripped) > MAX_FURNITURE_CHARS or word_count(text) < MIN_RUNNING_WORDS:
        return None
    words = KEY_WORD.findall(text.casefold())
    return DIGITS.sub("#", words[-1]) if words else ""


def _running_lines(lines: list[Line], keys: dict[int, str], tables: set[int], clusters: list[_Cluster], printed: bool) -> set[str]:
    """Keys of short lines that recur as a running header or footer does: often, a page apart, at page breaks.

    Rows of a data table share their key once figures are masked; they are not counted.
    In print read back (``printed``), a running line is printed once a page, so
    its copies stand about a page apart, and some page breaks a sentence or shows
    its number beside a copy; a line the text repeats at its own pace (a forum's
    date line over each post, a minute's "Moved by ... seconded by") is spaced as
    unevenly as what it heads, and stands between finished sentences. In a
    saved page's text a short line printed three times is the site's template
    (a date stamp, "Quote", "Reply") wherever it stands: on the dev sets' saved
    pages, judging it by page placement cost F1.
    """
    copies: dict[str, list[int]] = {}
    for i, key in keys.items():
        if i not in tables:
            copies.setdefault(key, []).append(i)
    candidates = {key: at for key, at in copies.items() if key and len(at) >= MIN_RUNNING_REPEATS}
    if not printed or not candidates:
        return set(candidates)
    ordinal = _content_ordinals(lines)
    # what stands at a page edge beside a copy: other candidates, and the short lines of a cluster
    furniture = {i for at in candidates.values() for i in at} | {i for cluster in clusters for i in cluster.members}
    return {key for key, at in candidates.items() if _placed_like_pages(lines, at, ordinal, furniture)}


def _placed_like_pages(lines: list[Line], copies: list[int], ordinal: dict[int, int], furniture: set[int]) -> bool:
    """Whether copies standing at three places or more are a page apart and at page breaks.

    Copies on adjacent lines stand at one place (a header over the title it
    repeats, a headline widget's copies); with fewer than three places there is
    no spacing to judge, and the count alone decides.
    """
    places = _places([ordinal[i] for i in copies])
    if len(places) < MIN_RUNNING_REPEATS:
        return True
    return _evenly_spaced(places) and any(_at_a_page_break(lines, i, furniture) for i in copies)


def _places(ordinals: list[int]) -> list[int]:
    """Where copies stand, copies on adjacent lines counted once."""
    return [at for previous, at in zip([None, *ordinals], ordinals) if previous is None or at - previous > 1]


def _content_ordinals(lines: list[Line]) -> dict[int, int]:
    """Each non-blank line's place among the non-blank lines: distances in text lines, blank lines aside."""
    return {i: n for n, i in enumerate(i for i, line in enumerate(lines) if not line.is_blank)}


def _at_a_page_break(lines: list[Line], index: int, furniture: set[int]) -> bool:
    """Whether a copy stands where a page ended: beside a page number, or where a sentence runs on below it.

    Other candidate lines and clusters of short lines around it (a footer, scanner
    debris) are stepped over, as they stand at the same page edge.
    """
    numbered = False

    def neighbour(step: int) -> str:
        nonlocal numbered
        i = index + step
        while 0 <= i < len(lines) and (lines[i].is_blank or i in furniture or _is_page_number(lines[i].stripped, years=False)):
            numbered = numbered or _is_page_number(lines[i].stripped, years=False)
            i += step
        return lines[i].stripped if 0 <= i < len(lines) else ""

    before, after = neighbour(-1), neighbour(1)
    return numbered or (bool(before) and not ends_sentence(before) and after[:1].islower())


def _evenly_spaced(places: list[int]) -> bool:
    """Whether no gap between consecutive places is over ``MAX_PAGE_GAP_RATIO`` times another."""
    gaps = [after - before for before, after in zip(places, places[1:])]
    return max(gaps) <= MAX_PAGE_GAP_RATIO * min(gaps)


def _paired_running_lines(lines: list[Line], keys: dict[int, str], clusters: list[_Cluster]) -> set[str]:
    """Keys of lines printed twice, each copy at a page edge: the running header of two pages.

    Two copies could be chance (a heading used twice), so every copy must stand
    in a cluster of short paragraphs or open the text, and at least one cluster
    must show a page break (it interrupts a sentence, or holds a page number or URL).
    """
    first = next((i for i, line in enumerate(lines) if not line.is_blank), None)
    cluster_of = {i: cluster for cluster in clusters for i in cluster.members}
    copies: dict[str, list[int]] = {}
    for i, key in keys.items():
        copies.setdefault(key, []).append(i)
    paired = set()
    for key, indexes in copies.items():
        if not key or len(indexes) != MIN_PAIRED_COPIES:
            continue
        if all(_is_masthead(lines[i].stripped) for i in indexes):
            paired.add(key)
            continue
        if not all(i in cluster_of or i == first for i in indexes):
            continue
        if any(i in cluster_of and _shows_page_break(lines, cluster_of[i], i) for i in indexes):
            paired.add(key)
    return paired


def issue_mastheads(lines: list[Line]) -> set[str]:
    """Keys of masthead lines that name a volume or issue: a running header even when printed once."""
    return {running_key(line.text) for line in lines if _is_issue_masthead(line.stripped)}


@per_line_cache
def _is_issue_masthead(text: str) -> bool:
    # a line without a digit has no issue number: most lines are done at the cheap search
    return (
        len(text) <= MAX_FURNITURE_CHARS
        and DIGITS.search(text) is not None
        and ISSUE_NUMBER.search(text) is not None
        and _is_masthead(text)
    )


def _is_masthead(text: str) -> bool:
    """A publisher's running header: a series name in capitals with a volume or issue number.

    Twice, such a line is furniture wherever it stands (OCR glues the next page's
    header under the last line of a page): a heading printed twice is rarely in
    capitals and numbered too, and one of a few words ("CHAPTER 2") does not
    pass ``MIN_MASTHEAD_WORDS``.
    """
    letters = [c for c in text if c.isalpha()]
    return (
        len(text.split()) >= MIN_MASTHEAD_WORDS
        and DIGITS.search(text) is not None
        and sum(c.isupper() for c in letters) >= MIN_MASTHEAD_CAPITALS * len(letters)
    )


def _shows_page_break(lines: list[Line], cluster: _Cluster, own: int) -> bool:
    """Whether the cluster interrupts a sentence or holds a page number or URL besides line ``own``."""
    return cluster.interrupts_sentence or any(
        _is_url(lines[i].stripped) or _is_page_number(lines[i].stripped, years=False) for i in cluster.members if i != own
    )


def _closing_footer(lines: list[Line], reading: _Reading) -> list[Removal]:
    """Furniture lines that end the text after its last sentence, glued under it or not.

    Read from the end: URLs, page numbers and OCR garbage, and a short name
    standing next to a URL. The run counts only when it holds a URL or a page
    number and the line above it ends a sentence, so the end of a text that
    merely closes with a web address in a sentence stays; with a URL and a page
    number both, the line above may be anything (a caption, a bio without its
    period).
    """
    run: list[int] = []
    markers = 0
    index = len(lines) - 1
    while index >= 0:
        line = lines[index]
        text = line.stripped
        if line.is_blank:
            index -= 1
            continue
        if reading.is_footer_url(text) or reading.is_page_number(index, text, years=False):
            markers += 1
        elif not (reading.is_debris(text) or (_is_proper_name(text) and _next_to_url(lines, run))):
            break
        run.append(index)
        index -= 1
    if not markers or index < 0 or (markers < MIN_FOOTER_MARKERS_AFTER_ANY_LINE and not ends_sentence(lines[index].text)):
        return []
    return [line_removal(lines[i], KIND, reading.rule) for i in run]


def _is_proper_name(text: str) -> bool:
    """A short name whose words are mostly capitalised ("Lopez and Sons", "Centre Jones d'études")."""
    words = [word for word in text.split() if word[:1].isalpha()]
    capitalised = sum(word[:1].isupper() for word in words)
    return _is_short_heading(text) and bool(words) and capitalised / len(words) >= MIN_CAPITALISED_NAME_SHARE


def _next_to_url(lines: list[Line], run: list[int]) -> bool:
    """Whether the line just below (the run's latest, blank lines skipped) is a URL line."""
    return bool(run) and _is_url(lines[run[-1]].stripped)


def running_key(text: str) -> str:
    """Line key with numbers masked and punctuation dropped: "Report 2024 | 12" and "Report 2024: 13" are one line."""
    if len(text) > MAX_FURNITURE_CHARS * 2:
        return ""
    return _masked_key(text)


# Every line of a hard-wrapped text is keyed on each pass of the rules until stable.
@lru_cache(maxsize=16_384)
def _masked_key(text: str) -> str:
    return " ".join(PUNCTUATION_RUN.sub(" ", DIGITS.sub("#", line_key(text))).split())


def _looks_hard_wrapped(lines: list[Line]) -> bool:
    content = [line for line in lines if not line.is_blank]
    if len(content) < MIN_RUNNING_REPEATS * 2:
        return False
    lengths = sorted(len(line.text) for line in content)
    followed = sum(not lines[i + 1].is_blank for i in range(len(lines) - 1) if not lines[i].is_blank)
    return lengths[len(lengths) // 2] <= MAX_WRAPPED_MEDIAN_CHARS and followed / len(content) >= MIN_WRAPPED_SHARE


def _authored_notices(lines: list[Line]) -> frozenset[int]:
    """Lines of typed text stating who holds its copyright, and when: a licence's or a README's own.

    A notice naming a year above the text's last prose, and a bare "All rights
    reserved." in or under a paragraph with a line that opens as a notice does,
    with or without a year ("Copyright (c) The Regents of the University of
    California.", a holder named over two lines, a blank line between). Under
    the last prose a notice closes the text, as a footer does; a bare one
    elsewhere is a page's, copied with its text.
    """
    last_prose = _last_prose_line(lines)
    authored: set[int] = set()
    holder = False  # the paragraph last read has a line stating who holds the copyright
    opens_paragraph = True
    for i in range(last_prose):
        if lines[i].is_blank:
            opens_paragraph = True
            continue
        text = lines[i].stripped
        if _is_copyright_notice(text) and (YEAR.search(text) or holder):
            authored.add(i)
        holder = (holder and not opens_paragraph) or i in authored or NOTICE_OPENING.match(text) is not None
        opens_paragraph = False
    return frozenset(authored)


def displayed_addresses(text: str) -> frozenset[str]:
    """The web-address lines a text sets in from the margin of the text above them, stripped.

    A writer typing at a column sets off an address to visit, a command or an
    example: a README's homepage and mailing list under "available at". The
    margin is the indentation of the last line that was not itself set in, so
    that a display of several lines is read as one.
    """
    displayed: set[str] = set()
    margin = 0
    for line in split_lines(text):
        if line.is_blank:
            continue
        indent = indent_of(line.text)
        if indent < margin + MIN_DISPLAY_INDENT:
            margin = indent
        elif _is_url(line.stripped):
            displayed.add(line.stripped)
    return frozenset(displayed)


def _last_prose_line(lines: list[Line]) -> int:
    """The index of the last line of the text's last paragraph of prose (-1 without one).

    Read by paragraph: a licence typed at a column has no line that is a sentence
    of its own, but its paragraphs are prose.
    """
    index_of = {line.start: i for i, line in enumerate(lines)}
    prose = [paragraph for paragraph in paragraphs(lines) if is_prose(" ".join(line.text.strip() for line in paragraph))]
    return index_of[prose[-1][-1].start] if prose else -1


@per_line_cache
def _is_copyright_notice(text: str) -> bool:
    return (
        len(text) <= MAX_FURNITURE_CHARS
        and (NOTICE_OPENING.match(text) is not None or NOTICE_CLOSING_BACKWARDS.match(text[::-1]) is not None)
        and COPYRIGHT_NOTICE.match(text) is not None
    )


def _is_url(text: str) -> bool:
    """A URL alone, or a short name followed or preceded by one ("Gulf Research Center | grc.net")."""
    tokens = text.replace("|", " ").split()
    return 0 < len(tokens) <= MAX_NAME_WORDS + 1 and any(is_url(token) for token in tokens) and not ends_sentence(text)


def _is_bare_url(text: str) -> bool:
    """A URL with no name beside it: only then may the line next to it be the publisher's name."""
    return is_url(text.strip())


def _is_page_number(text: str, years: bool = True) -> bool:
    """A page-number line; with ``years=False`` numbers that could be a year heading do not count."""
    if not (PAGE_NUMBER.match(text) or NAMED_PAGE_NUMBER.match(text)):
        return False
    return years or not any(YEARS[0] <= int(n) <= YEARS[1] for n in DIGITS.findall(text))


def _listed_numbers(lines: list[Line]) -> frozenset[int]:
    """Number lines that number a list: ``MIN_LISTED_NUMBERS`` or more, each within ``MIN_PAGE_LINES`` of the next.

    Standing alone (a manual page's exit statuses) or under a line of text (a
    value under what it sets), and at the text's end too.

    Asked of typed text only, which has no pages: were it a copy of print, a
    page break would show one number, or two (a footer's and the next page's
    header's), and the next break would be a page of text away. A slide deck's
    pages are a few lines long, but its PDF or its scan is read as print.
    """
    position: dict[int, int] = {}
    for i, line in enumerate(lines):
        if not line.is_blank:
            position[i] = len(position)
    runs: list[list[int]] = []
    for i in (i for i, line in enumerate(lines) if not line.is_blank and _is_page_number(line.stripped)):
        if runs and position[i] - position[runs[-1][-1]] <= MIN_PAGE_LINES:
            runs[-1].append(i)
        else:
            runs.append([i])
    return frozenset(i for run in runs if len(run) >= MIN_LISTED_NUMBERS for i in run)


def _count_forward(numbers: list[str]) -> bool:
    """Whether page-number lines, in text order, rise more often than they fall, as pages are numbered.

    A header and a footer print a page's number twice, and OCR misreads one now
    and then; but a countdown list ("10", "9", ... over its items) or a table's
    column of figures is no page numbering.
    """
    values = [int(DIGITS.findall(text)[0]) for text in numbers]
    rises = sum(b > a for a, b in zip(values, values[1:]))
    falls = sum(b < a for a, b in zip(values, values[1:]))
    return rises > falls


def _is_short_heading(text: str) -> bool:
    """A few words shaped like a heading: how a publisher's name stands next to its URL."""
    return word_count(text) <= MAX_NAME_WORDS and is_heading_like(text)
