"""What a line of page text shows about itself and its neighbours: the classifier's evidence.

A scraped page keeps every visible line: navigation, share bars, footers and
comments around the article. None of them is told by its wording across
thousands of sites, but all of them by shape, and by where they stand: short
lines without sentence punctuation or function words, in runs, away from the
article's prose; separators (``|``, ``»``), link-like and date-like tokens;
lines printed twice; calls to act on the page (``calls_to_action.json``); the
density of timestamps around a line, and a comment thread's header above it
("12 comments", "Leave a reply"); a capitalised run opening a line (a headline
glued before its teaser); the page's title repeated as the article's
headline; a heading from the multilingual list of template labels
(``ingest/data/boilerplate_labels.json``), one signal among the others. These
are the features of :mod:`ingest.boilerplate.page_text`, computed for every
non-blank line, each with its paragraph and its neighbours (jusText and
boilerpipe judge a block with its context the same way).

``FEATURE_NAMES`` fixes the column order the fitted model was trained with.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass
from functools import cache

import numpy as np

from ingest.boilerplate.labels import call_to_action_pattern, label_set
from ingest.text_shapes import LIST_MARKER
from ingest.boilerplate.line_shapes import ends_sentence, ends_with_ellipsis, is_heading_like, line_key, word_count
from ingest.boilerplate.text_lines import Line, paragraphs, per_line_cache

# The most frequent words of a language stand in for its stop words: prose is
# full of them, menus and bylines nearly empty of them. 150 covers the articles,
# pronouns, prepositions and auxiliaries of the languages wordfreq knows.
STOP_WORDS_PER_LANGUAGE = 150
# A line of this many words ending a sentence is prose: the article's evidence.
MIN_PROSE_LINE_WORDS = 10
# A line shorter than this is a menu item, a label or a heading.
MAX_SHORT_LINE_WORDS = 4

# Prose within this many lines either side: the article's neighbourhood, near and wide.
NEAR_LINES = 3
WIDE_LINES = 10
# A comment thread's header: a count of comments, or a label over them.
THREAD_HEADER = re.compile(
    r"^(?:\d+\s+)?(?:comments?|responses?|replies|reader comments|top rated comments|leave a (?:reply|comment)"
    r"|kommentare?|commentaires?|comentarios?|commenti|коммент\w*)(?:\s+\d+)?$"
)
# Lines either side in which a comment thread shows its timestamps.
THREAD_LINES = 5
# Separators, links and dates are looked for in a line's first characters: they
# mark menus, bylines and footers, all short; a paragraph is prose whatever it cites.
MAX_SCANNED_CHARS = 300
# Calls to action are short sentences (as in ``calls_to_action.MAX_CALL_WORDS``);
# longer lines are not matched, which keeps matching cheap.
MAX_CALL_WORDS = 45
# A title of fewer words than this could match any line.
MIN_TITLE_WORDS = 3
TITLE_SEPARATORS = re.compile(r"\s+[|–—:»·-]+\s+")

WORD = re.compile(r"\w+")
DIGIT = re.compile(r"\d")
LETTER = re.compile(r"[^\W\d_]")
SEPARATORS = re.compile(r"[|»«›‹·•>/]")
LINK_LIKE = re.compile(r"(?:https?://|www\.|\b[\w-]+\.(?:com|org|net|io|co|uk|de|fr)\b|@\w|#\w)", re.IGNORECASE)
_MONTHS = (
    "jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec|january|february|march|april|june|july|august"
    "|september|october|november|december"
)
DATE_LIKE = re.compile(
    rf"\b(?:\d{{1,2}}:\d{{2}}|\d{{1,4}}[./-]\d{{1,2}}[./-]\d{{1,4}}|(?:{_MONTHS})\.?\s+\d{{1,2}}\b|\d{{1,2}}\s+(?:{_MONTHS})\b"
    rf"|(?:19|20)\d\d\b|\d+\s+(?:minutes?|hours?|days?|weeks?|months?|years?)\s+ago)",
    re.IGNORECASE,
)

FEATURE_NAMES: tuple[str, ...] = (
    "log_words",
    "log_chars",
    "ends_sentence",
    "ends_colon",
    "stop_word_share",
    "capitalised_share",
    "digit_share",
    "log_separators",
    "link_like",
    "date_like",
    "punctuation_per_word",
    "heading_like",
    "all_caps",
    "bullet",
    "ends_ellipsis",
    "starts_lower",
    "template_label",
    "log_repeats",
    "corpus_common",
    "position",
    "before_first_prose",
    "after_last_prose",
    "prose_words_before_share",
    "log_paragraph_lines",
    "log_paragraph_mean_words",
    "paragraph_sentence_share",
    "log_short_run",
    "log_distance_to_prose",
    "previous_log_words",
    "previous_ends_sentence",
    "previous_stop_word_share",
    "next_log_words",
    "next_ends_sentence",
    "next_stop_word_share",
    "window_stop_word_share",
    "window_log_words",
    "near_prose_share",
    "wide_prose_share",
    "words_to_longest",
    "title_copy",
    "after_title_copy",
    "addresses_reader",
    "window_date_share",
    "log_capitalised_lead",
    "after_thread_header",
)


@dataclass(frozen=True, slots=True)
class _Own:
    """A line's evidence about itself alone."""

    words: int
    ends_sentence: bool
    stop_share: float
    vector: tuple[float, ...]


@cache
def stop_words(language: str) -> frozenset[str]:
    """The language's most frequent words, or none for a language wordfreq does not know."""
    import wordfreq

    try:
        return frozenset(wordfreq.top_n_list(language, STOP_WORDS_PER_LANGUAGE))
    except (LookupError, ValueError):
        return frozenset()


@cache
def template_labels() -> frozenset[str]:
    """Headings page templates put around articles ("Related posts", "Share", "About the author"), in several languages."""
    lists = ("table_of_contents", "related_posts", "profile_fields", "social_platforms", "consent_buttons")
    return frozenset().union(*(label_set(name) for name in lists))


def line_features(lines: list[Line], language: str, common_lines: frozenset[str] = frozenset()) -> tuple[list[int], np.ndarray]:
    """The non-blank lines' indexes, and one row of ``FEATURE_NAMES`` per such line."""
    content = [i for i, line in enumerate(lines) if not line.is_blank]
    if not content:
        return [], np.zeros((0, len(FEATURE_NAMES)))
    stops = stop_words(language)
    own = [_own(lines[i].stripped, stops) for i in content]
    keys = [line_key(lines[i].text) for i in content]
    repeats = Counter(keys)
    prose = [o.words >= MIN_PROSE_LINE_WORDS and o.ends_sentence for o in own]
    prose_words = np.cumsum([o.words if p else 0 for o, p in zip(own, prose)])
    total_prose = float(prose_words[-1]) or 1.0
    prose_at = [k for k, p in enumerate(prose) if p]
    first_prose, last_prose = (prose_at[0], prose_at[-1]) if prose_at else (len(content), -1)
    paragraph_of = _paragraph_shapes(lines)
    short_runs = _short_runs([o.words for o in own])
    distance = _distance_to(prose_at, len(content))
    prose_mass = np.array([o.words if p else 0 for o, p in zip(own, prose)], dtype=float)
    near, wide = (_window_sum(prose_mass, reach) for reach in (NEAR_LINES, WIDE_LINES))
    near, wide = near / (near.max() or 1.0), wide / (wide.max() or 1.0)
    longest = max(o.words for o in own) or 1
    dates = _window_sum(np.array([o.vector[FEATURE_NAMES.index("date_like")] for o in own]), THREAD_LINES)
    dates /= _window_sum(np.ones(len(own)), THREAD_LINES)
    thread = next((k for k, o in enumerate(own) if k > first_prose and THREAD_HEADER.match(keys[k])), None)
    copies = _title_copies(keys)
    after_copy = copies[0] if copies else None
    n = len(content)
    neighbours = [_neighbour(o) for o in own]
    log_words = [math.log1p(o.words) for o in own]
    rows = []
    for k, i in enumerate(content):
        low, high = max(0, k - 2), k + 3
        window = own[low:high]
        rows.append((
            *own[k].vector,
            math.log1p(repeats[keys[k]] - 1),
            float(keys[k] in common_lines),
            k / max(1, n - 1),
            float(k < first_prose),
            float(k > last_prose),
            (prose_words[k] - (own[k].words if prose[k] else 0)) / total_prose,
            *paragraph_of[lines[i].start],
            math.log1p(short_runs[k]),
            math.log1p(distance[k]),
            *(neighbours[k - 1] if k > 0 else _NO_NEIGHBOUR),
            *(neighbours[k + 1] if k + 1 < n else _NO_NEIGHBOUR),
            sum(o.stop_share for o in window) / len(window),
            sum(log_words[low:high]) / len(window),
            near[k],
            wide[k],
            own[k].words / longest,
            float(k in copies),
            0.0 if after_copy is None else (1.0 if k > after_copy else -1.0),
            dates[k],
            float(thread is not None and k >= thread),
        ))
    return content, np.array(rows, dtype=float)


def _capitalised_lead(words: list[str]) -> int:
    """How many words open the line capitalised: a headline glued before its teaser."""
    lead = 0
    for word in words:
        if not word[:1].isupper() and not word[:1].isdigit():
            break
        lead += 1
    return lead


def _addresses_reader(text: str) -> bool:
    """A call to act on the page (comment, share, subscribe, accept cookies), from ``calls_to_action.json``."""
    return any(call_to_action_pattern(kind).search(text) for kind in ("call_to_action", "share_cookie"))


def _window_sum(values: np.ndarray, reach: int) -> np.ndarray:
    """For each position, the sum of ``values`` within ``reach`` positions either side."""
    padded = np.concatenate([[0.0], np.cumsum(values)])
    index = np.arange(len(values))
    return padded[np.minimum(index + reach + 1, len(values))] - padded[np.maximum(index - reach, 0)]


def _title_copies(keys: list[str]) -> list[int]:
    """Lines after the first that repeat the page's title (its first line, without the site's name after a separator).

    A saved page opens with its ``<title>``, "Headline | Site"; the article's
    headline repeats it just above the article's first paragraph.
    """
    parts = [part.strip() for part in TITLE_SEPARATORS.split(keys[0])]
    headline = max(parts, key=lambda part: len(part.split()), default="")
    if len(headline.split()) < MIN_TITLE_WORDS:
        return []
    return [k for k, key in enumerate(keys) if k > 0 and headline in key and len(key) <= 2 * len(headline)]


@per_line_cache
def _own(text: str, stops: frozenset[str]) -> _Own:
    words = text.split()
    count = len(words)
    tokens = WORD.findall(text.casefold())
    alpha = [w for w in words if w[:1].isalpha()]
    head = text[:MAX_SCANNED_CHARS]
    digits = len(DIGIT.findall(text))
    vector = (
        math.log1p(count),
        math.log1p(len(text)),
        float(ends_sentence(text)),
        float(text.endswith(":")),
        (sum(map(stops.__contains__, tokens)) / len(tokens)) if tokens else 0.0,
        (sum(w[:1].isupper() for w in alpha) / len(alpha)) if alpha else 0.0,
        digits / max(1, len(text)),
        math.log1p(len(SEPARATORS.findall(head))),
        float(bool(LINK_LIKE.search(head))),
        float(digits > 0 and DATE_LIKE.search(head) is not None),  # every date shape has a digit
        sum(text.count(mark) for mark in ",;()") / max(1, count),
        float(is_heading_like(text)),
        float(text.upper() == text and len(LETTER.findall(text)) > 3),
        float(bool(LIST_MARKER.match(text))),
        float(ends_with_ellipsis(text)),
        float(text[:1].islower()),
        float(line_key(text) in template_labels()),
        float(count <= MAX_CALL_WORDS and _addresses_reader(text)),
        math.log1p(_capitalised_lead(words)),
    )
    return _Own(count, ends_sentence(text), vector[4], vector)


_NO_NEIGHBOUR = (0.0, 0.0, 0.0)


def _neighbour(other: _Own) -> tuple[float, float, float]:
    return (math.log1p(other.words), float(other.ends_sentence), other.stop_share)


def _paragraph_shapes(lines: list[Line]) -> dict[int, tuple[float, float, float]]:
    """For each line's start: its paragraph's line count, mean words per line, share ending a sentence."""
    shapes = {}
    for paragraph in paragraphs(lines):
        counts = [word_count(line.text) for line in paragraph]
        shape = (
            math.log1p(len(paragraph)),
            math.log1p(sum(counts) / len(counts)),
            sum(ends_sentence(line.text) for line in paragraph) / len(paragraph),
        )
        for line in paragraph:
            shapes[line.start] = shape
    return shapes


def _short_runs(words: list[int]) -> list[int]:
    """For each line, the length of the run of consecutive short lines it stands in (0 when it is not short)."""
    runs = [0] * len(words)
    start = 0
    while start < len(words):
        if words[start] > MAX_SHORT_LINE_WORDS:
            start += 1
            continue
        end = start
        while end < len(words) and words[end] <= MAX_SHORT_LINE_WORDS:
            end += 1
        for k in range(start, end):
            runs[k] = end - start
        start = end
    return runs


def _distance_to(marks: list[int], n: int) -> list[int]:
    """For each of ``n`` positions, how many positions away the nearest mark is (``n`` when there is none)."""
    distance = [n] * n
    for k in marks:
        distance[k] = 0
    for k in range(1, n):
        distance[k] = min(distance[k], distance[k - 1] + 1)
    for k in range(n - 2, -1, -1):
        distance[k] = min(distance[k], distance[k + 1] + 1)
    return distance
