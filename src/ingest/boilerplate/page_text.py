"""Everything around the article in a page's saved text: navigation, share bars, footers, comments.

A scraper that keeps every visible line of a page keeps the site around the
article too. No template names it across thousands of sites, but the evidence
does (:mod:`ingest.boilerplate.line_evidence`): each line gets a probability of
being the article's from a small fitted classifier
(:mod:`ingest.boilerplate.line_classifier`). Then, as boilerpipe and jusText
do, the lines are judged together, not one by one:

* the article is one contiguous region: the run of lines whose words weigh most
  towards the article (the maximum-sum run of
  ``(words + LINE_WEIGHT) × (p − REGION_CUT)``); navigation above it and the
  comments, footers and archive links below it fall outside;
* the region grows over sentences right at its edges that the classifier
  only half doubts (``p >= EDGE_SENTENCE_CUT``);
* outside the region a line goes when the classifier doubts it too
  (``p < OUTSIDE_CUT``): two signals, never one;
* inside the region only a short line that is nearly certain furniture goes
  (``p < INSIDE_CUT``: a share bar, a "Advertisement" between paragraphs);
  a sentence or a row of a data table (:mod:`ingest.boilerplate.data_tables`)
  inside the region is never cut;
* a paragraph of many sentences is never cut on the classifier's doubt; only a
  later copy of one goes (a page that prints its article twice);
* a hard-wrapped paragraph (several lines of one prose paragraph) is judged as
  a whole, by its lines' mean probability: a removal never cuts into it.

The text's first line stays when it is shaped like a heading: a saved page
opens with its title, which :func:`ingest.boilerplate.find_title` reads. So
does the article's head, its headline and standfirst just above the region. A
line judged furniture takes its other copies with it (a menu printed twice, a widget's
headline repeated), prose excepted, and a bulleted list most of whose items
went takes the rest.

The rule acts only on text with page evidence: at least ``MIN_CONTENT_LINES``
lines, and a run of ``MIN_FURNITURE_RUN`` consecutive lines it would remove (a
menu, a footer, a comment thread). A letter, a report or an article saved alone
has no such run and passes untouched. The page is read once, as a whole: its own
output read again would show the article's first and last lines as a page's
edges. Hard-wrapped text (PDF, OCR, e-mail) is left to
the page-furniture rules, which know its running headers and page numbers: a
saved page keeps a paragraph on one line, so its lines seldom break mid-sentence.
"""

from __future__ import annotations

import re
from collections import Counter

import numpy as np

from ingest.boilerplate.data_tables import table_lines
from ingest.boilerplate.line_classifier import page_text_classifier
from ingest.boilerplate.line_evidence import line_features
from ingest.boilerplate.page_furniture import issue_mastheads
from ingest.text_shapes import LIST_MARKER
from ingest.boilerplate.line_shapes import ends_sentence, is_heading_like, is_prose, line_key, word_count
from ingest.boilerplate.text_lines import MAX_WRAPPED_LINE_CHARS, Line, Removal, line_removal, paragraphs, removal_edits, split_lines
from ingest.input_kinds import WEB_PAGES
from ingest.rules import REMOVAL, CleaningContext, Phase, rule
from ingest.traced_text import Edit

KIND = "page_boilerplate"
RULE = "remove_page_boilerplate"

# The thresholds below were chosen on the tuning half of the article-extraction
# dev set, with the classifier's out-of-fold probabilities (two folds of pages,
# each scored by a model fitted on the other): shingle F1 of the kept lines 0.874
# with the final features, against 0.856 with every cut at the classifier's own
# 0.5 and one line weight (the figures below are each cut's own sweep).
# They were checked on ``bench/quality.py`` (generator: body kept >= 99.9 %).
#
# A line pulls the region towards itself when p > REGION_CUT. Below the
# classifier's boundary, so that an article's short lines (datelines, headings)
# do not split it; 0.55 gave the same F1 with less recall.
REGION_CUT = 0.4
# Every line weighs this many words more than it has in the region's sum, so a
# run of short furniture lines (a comment header, a share bar) parts regions
# (F1 0.869 at 1, 0.870 at 4 and 8, flat beyond).
LINE_WEIGHT = 8
# A sentence right at the region's edge joins it unless the classifier gives it
# less than this (on the tuning half, F1 0.874 whether at 0.15, 0.25 or not at all:
# edge sentences are few, and these are the article's).
EDGE_SENTENCE_CUT = 0.25
# Outside the article region a line the classifier leans against goes, prose
# too: the region is the first signal, the classifier's doubt the second
# (a stricter 0.4 for prose kept more comments and lost 0.006 F1).
OUTSIDE_CUT = 0.5
# Inside the region, only near-certain furniture: short lines without sentence
# punctuation the classifier gives less than this (a share bar, "Advertisement");
# body headings and datelines score far above it (0.25 and 0.4 changed F1 by 0.001).
INSIDE_CUT = 0.1
# A paragraph this long is the article's or a long comment's; the classifier's
# doubt alone never cuts it (on the tuning half two pages lost their whole
# article, saved as one line, to it). A later copy of one goes: the page
# printed its article twice.
MIN_LONG_PARAGRAPH_WORDS = 120
MIN_LONG_PARAGRAPH_SENTENCES = 3
# A sentence ending inside a paragraph (its mark, closing quotes, then a space or the end):
# counted, unlike ``line_shapes.SENTENCE_END``, the marks that may end a whole line.
SENTENCE_BREAK = re.compile(r"[.!?][\"'”’»)]*(?:\s|$)")
# Below this many non-blank lines a text is a note or a snippet, not a saved page.
MIN_CONTENT_LINES = 8
# Share of lines broken mid-sentence (a line of MIN_BROKEN_LINE_WORDS words or more,
# its next line directly under it in lower case) from which a text is hard-wrapped.
# On the dev set's page text the highest share is 0.24 (a page quoting a poem);
# the generator's PDF and OCR documents start at 0.31.
MAX_BROKEN_LINE_SHARE = 0.28
MIN_BROKEN_LINE_WORDS = 5
# Text wrapped at a column: most content lines are never longer than the column
# (the 95th percentile of line lengths, at most MAX_WRAPPED_LINE_CHARS), and many
# come close to it without ending a sentence, the next line right under them. Short
# paragraphs (one or two lines each) hide the mid-sentence breaks above but not this.
# Share of such lines: at most 0.07 on the dev set's page text, from 0.32 on its
# prose printed and read back by Tesseract; its one table of figures (0.04) is
# told by its masthead (``bench/ocr_real.py``, "Print told from a saved page").
COLUMN_PERCENTILE = 0.95
NEAR_COLUMN = 0.75
MIN_AT_COLUMN_SHARE = 0.2
# The article's head (headline, standfirst) stands right above it; its lines
# have a few words: a shorter line there is a label ("Advertisement", "News").
# Kept for the reader and for the title (the generator counts them as the
# article); the dev set's gold leaves headlines out, which costs it 0.004 F1.
HEAD_LINES = 2
MIN_HEADLINE_WORDS = 4
# A saved page shows a run of furniture: a menu, a footer, a share bar of
# several lines. This many consecutive lines judged furniture are that evidence.
MIN_FURNITURE_RUN = 3


# A phase of its own, run once: a saved page's menus, footers and comments go while
# its lines are still lines, before the furniture rules read what is left. Run
# again on its own output (as a phase run until stable did), it took the article's
# edge lines (a Russian interview's last answers on the tuning half: its gold body as
# text lost 323 words to this rule, 162 since; ``bench/results/content_loss.md``).
@rule(phase=Phase.SAVED_PAGE, order=5, effect=REMOVAL, kinds=KIND, inputs=WEB_PAGES)
def remove_page_boilerplate(text: str, context: CleaningContext) -> list[Edit]:
    """Remove the lines of a saved page that lie around its article or are furniture within it."""
    if context.article_chosen:
        return []  # an extractor that read the markup already chose the article
    lines = split_lines(text)
    if is_hard_wrapped(lines):
        return []
    content, rows = line_features(lines, context.language, context.common_lines)
    if len(content) < MIN_CONTENT_LINES:
        return []
    probability = _paragraph_probability(lines, content, page_text_classifier().probability(rows))
    words = np.array([word_count(lines[i].text) for i in content], dtype=float)
    first, last = _grown_over_prose(lines, content, probability, *_article_region(words, probability))
    tables = table_lines(lines)
    verdicts = {
        k: rule
        for k, i in enumerate(content)
        if (rule := _verdict(lines[i], probability[k], first <= k <= last, i in tables))
    }
    for k in _titles(lines, content, first):
        verdicts.pop(k, None)
    verdicts.update(_repeated_long_paragraphs(lines, content))
    verdicts.update(_rest_of_lists(lines, content, probability, verdicts))
    verdicts.update(_copies_of_furniture(lines, content, verdicts))
    if _longest_run(np.array([k in verdicts for k in range(len(content))])) < MIN_FURNITURE_RUN:
        return []  # no menu, footer or thread: not a saved page, or one already cleaned
    return removal_edits(text, [line_removal(lines[content[k]], KIND, RULE) for k in verdicts])


def _titles(lines: list[Line], content: list[int], first: int) -> list[int]:
    """The page's title (its first line) and the article's head just above the region, if heading-shaped.

    The head is the headline and its standfirst: up to ``HEAD_LINES`` lines
    right above the article, each of a few words and printed once (a label
    such as "News", or a widget's repeated headline, is furniture).
    """
    keys = Counter(line_key(lines[i].text) for i in content)
    titles = [0] if is_heading_like(lines[content[0]].text) else []
    for k in range(first - 1, max(-1, first - 1 - HEAD_LINES), -1):
        text = lines[content[k]].text
        if word_count(text) < MIN_HEADLINE_WORDS or not is_heading_like(text) or keys[line_key(text)] > 1:
            break
        titles.append(k)
    return titles


def _is_long_prose(text: str) -> bool:
    """A paragraph of many sentences: a menu or an archive list run together has words but no sentences."""
    return word_count(text) >= MIN_LONG_PARAGRAPH_WORDS and len(SENTENCE_BREAK.findall(text)) >= MIN_LONG_PARAGRAPH_SENTENCES


def _repeated_long_paragraphs(lines: list[Line], content: list[int]) -> dict[int, str]:
    """Later copies of a long paragraph: a page that prints its article twice (a preview, a print view)."""
    seen: set[str] = set()
    copies = {}
    for k, i in enumerate(content):
        if not _is_long_prose(lines[i].text):
            continue
        key = line_key(lines[i].text)
        if key in seen:
            copies[k] = "repeated_paragraph"
        seen.add(key)
    return copies


def _rest_of_lists(lines: list[Line], content: list[int], probability: np.ndarray, verdicts: dict[int, str]) -> dict[int, str]:
    """The remaining items of a bulleted list judged furniture as a whole.

    Items of one list (consecutive lines opening with the same bullet) play one
    role: when some of them went and most did, or the classifier doubts the
    items on average, the rest go too (a related-posts list whose last teaser
    reads like prose, a profile card whose description the region took in).
    """
    rest: dict[int, str] = {}
    for items in _bulleted_runs(lines, content):
        removed = sum(k in verdicts for k in items)
        if removed and (removed * 2 > len(items) or probability[items].mean() < OUTSIDE_CUT):
            rest.update((k, "rest_of_list") for k in items if k not in verdicts and not _is_long_prose(lines[content[k]].text))
    return rest


def _bulleted_runs(lines: list[Line], content: list[int]) -> list[list[int]]:
    """Runs of consecutive non-blank lines that open with the same bullet mark."""
    runs: list[list[int]] = []
    previous = None
    for k, i in enumerate(content):
        match = LIST_MARKER.match(lines[i].text)
        mark = match.group().strip() if match else None
        if mark is not None and mark == previous and runs:
            runs[-1].append(k)
        elif mark is not None:
            runs.append([k])
        previous = mark
    return [run for run in runs if len(run) > 1]


def _copies_of_furniture(lines: list[Line], content: list[int], verdicts: dict[int, str]) -> dict[int, str]:
    """Other copies of a line judged furniture, unless a copy is prose: a repeated menu item or widget headline."""
    removed = {line_key(lines[content[k]].text) for k in verdicts}
    return {
        k: "copy_of_furniture"
        for k, i in enumerate(content)
        if k not in verdicts and line_key(lines[i].text) in removed and not is_prose(lines[i].text)
    }


def is_print(text: str) -> bool:
    """Whether raw text is print read back (PDF, OCR), not a saved page, even without page breaks.

    OCR output carries no form feeds, only its lines: wrapped at a column, or
    under a publisher's masthead with an issue number (a table's page has no wrapping).
    """
    lines = split_lines(text)
    return is_hard_wrapped(lines) or bool(issue_mastheads(lines))


def is_hard_wrapped(lines: list[Line]) -> bool:
    """Whether the text is prose wrapped at a column width (print, OCR, e-mail), not a saved page.

    Two signs, either enough: many lines break mid-sentence, or many lines end
    near the column the text never crosses.
    """
    content = sum(not line.is_blank for line in lines)
    if content == 0:
        return False
    broken = sum(
        1
        for line, below in zip(lines, lines[1:])
        if not below.is_blank and word_count(line.text) >= MIN_BROKEN_LINE_WORDS and below.stripped[:1].islower()
    )
    return broken / content >= MAX_BROKEN_LINE_SHARE or at_column_share(lines) >= MIN_AT_COLUMN_SHARE


def at_column_share(lines: list[Line]) -> float:
    """Share of the content lines that end near the text's column, mid-sentence, a line right under them."""
    lengths = sorted(len(line.text.rstrip()) for line in lines if not line.is_blank)
    if not lengths:
        return 0.0
    column = lengths[int(COLUMN_PERCENTILE * (len(lengths) - 1))]
    if column > MAX_WRAPPED_LINE_CHARS:
        return 0.0
    at_column = sum(
        1
        for line, below in zip(lines, lines[1:])
        if not line.is_blank
        and not below.is_blank
        and len(line.text.rstrip()) >= NEAR_COLUMN * column
        and not ends_sentence(line.text)
    )
    return at_column / len(lengths)


def _verdict(line: Line, probability: float, inside: bool, table_row: bool) -> str | None:
    if _is_long_prose(line.text):
        return None
    if inside:
        if not (table_row or is_prose(line.text) or ends_sentence(line.text)) and probability < INSIDE_CUT:
            return "furniture_in_article"
        return None
    if probability < OUTSIDE_CUT:
        return "outside_article"
    return None


def _article_region(words: np.ndarray, probability: np.ndarray) -> tuple[int, int]:
    """First and last index of the maximum-sum run of ``(words + 1) × (p − REGION_CUT)``."""
    best, current, start = 0.0, 0.0, 0
    region = (0, -1)
    for k, score in enumerate((words + LINE_WEIGHT) * (probability - REGION_CUT)):
        if current <= 0:
            current, start = 0.0, k
        current += score
        if current > best:
            best, region = current, (start, k)
    return region


def _grown_over_prose(lines: list[Line], content: list[int], probability: np.ndarray, first: int, last: int) -> tuple[int, int]:
    """The region widened over the sentences right at its edges that the classifier only half doubts.

    The article's last sentence above a share bar, or one that mentions the
    comment section, stands at the region's edge with a middling probability:
    one weak signal, which never cuts a sentence.
    """
    if last < first:
        return first, last
    while first > 0 and _is_edge_sentence(lines[content[first - 1]].text, probability[first - 1]):
        first -= 1
    while last + 1 < len(content) and _is_edge_sentence(lines[content[last + 1]].text, probability[last + 1]):
        last += 1
    return first, last


def _is_edge_sentence(text: str, probability: float) -> bool:
    return probability >= EDGE_SENTENCE_CUT and ends_sentence(text) and is_prose(text)


def _paragraph_probability(lines: list[Line], content: list[int], probability: np.ndarray) -> np.ndarray:
    """Lines of one hard-wrapped prose paragraph share their mean probability, so it stays or goes whole."""
    position = {i: k for k, i in enumerate(content)}
    index_of = {line.start: i for i, line in enumerate(lines)}
    shared = probability.copy()
    for paragraph in paragraphs(lines):
        if len(paragraph) < 2 or not is_prose(" ".join(line.text for line in paragraph)):
            continue
        members = [position[index_of[line.start]] for line in paragraph]
        if sum(ends_sentence(line.text) for line in paragraph) * 2 > len(paragraph):
            continue  # a list of sentences, one a line, is judged line by line
        shared[members] = probability[members].mean()
    return shared


def _longest_run(flags: np.ndarray) -> int:
    longest = current = 0
    for flag in flags:
        current = current + 1 if flag else 0
        longest = max(longest, current)
    return longest
