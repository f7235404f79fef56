"""Whether cleaning a text as a saved web page read a page, or an article whose lists looked like one.

A text is read as a saved page (``page_text``) from its runs of short lines
(:mod:`ingest.boilerplate.text_kind`), and the page-text rule then removes the
lines around the article it finds (:mod:`ingest.boilerplate.page_text`). An
article saved alone can show the same runs: a links directory, a recipe's
ingredients, a product's specification, a list of qualified teams. Read as a
page, it loses those lists as a site loses its menus, or nearly everything.

What the page rule removed tells the two apart, by its shape, in any language:

* a saved page keeps an article: at least a paragraph of prose stays. When
  less than ``MIN_ARTICLE_PROSE_WORDS`` words of prose are left, the rule found
  no article, and the text was not a page around one;
* a saved page opens with its site: a header, a menu, a search box stand above
  the article, and the rule removes them. A text whose opening lines all stay,
  whose removed lines are phrases (a median of ``MIN_ITEM_WORDS`` words or more,
  few of one or two words: a menu's entries are single words, "Home", "News",
  "Login") and are printed once (a site repeats its menus and widgets), lost
  the items of its own lists. All three signs, never one: a page saved without
  its header still loses its menus of short entries and its repeated widgets;
* a saved page has a frame: the rule finds the article inside the site, so it
  removes a header above the article's prose, a footer or comments below it,
  and between the article's prose lines only a share bar or an advert label.
  A text that lost no word above its first prose line (its title aside) but
  lost lines between its prose lines had no page around it: the rule took lists
  and widgets out of an article's middle (a deals post's product boxes, a meal
  plan's headings, a list of closed schools). A text that lost only lines below
  its prose is left alone: a page saved without its header looks the same.

The thresholds were chosen on the tuning half of both dev sets, the gold article
bodies saved as text against the pages' visible text (``bench/content_loss.py``
and ``bench/real_pages.py``; QUALITY.md, "Content lost on inputs that are not
scraped web pages").
"""

from __future__ import annotations

import bisect
import statistics
from collections import Counter
from collections.abc import Iterable

from ingest.body_loss import Doubt, is_prose_line, word_count
from ingest.boilerplate.line_shapes import line_key
from ingest.boilerplate.page_text import RULE as PAGE_TEXT_RULE
from ingest.boilerplate.text_lines import Line, split_lines
from ingest.traced_text import Change

# A saved page's article keeps at least this many words of prose lines (lines
# of running text, ``ingest.body_loss.is_prose_line``). On the tuning half the
# pages whose cleaning kept fewer had lost their article with it (page-text F1
# 0 to 0.5 on five of them, 0.2 to 0.98 cleaned as prose), and three gold bodies
# lost 1,500 words; 40 to 60 recovered the same bodies (the lowest is kept: 60 took
# in two more pages, a short article among them), 80 three pages of short articles.
MIN_ARTICLE_PROSE_WORDS = 40
# The opening: the content lines after the first (a title), one in ten of the
# text's lines, at least one and at most OPENING_LINES. A saved page loses most
# of them to its header (at least 40 % on 95 % of the tuning half's pages); the
# rule is doubted when it removed less than this share. On the tuning half 0.1
# recovered 570 words fewer, 0.35 took in three more pages (page-text F1 -0.001).
OPENING_LINES = 10
MAX_OPENING_REMOVED = 0.2
# The removed lines of a menu, a footer or a share bar are mostly one or two
# words (median 2 on the tuning pages, 3 at the upper quartile); a list's items
# are phrases. Doubted when the removed lines' median is at least MIN_ITEM_WORDS
# and fewer than MAX_ENTRY_SHARE of them have MAX_ENTRY_WORDS words or fewer.
# On the tuning half any median from 3 to 6 recovered the same bodies; a share of
# 0.2 recovered 117 words fewer, 0.4 no more than 0.3.
MIN_ITEM_WORDS = 4
MAX_ENTRY_WORDS = 2
MAX_ENTRY_SHARE = 0.3
# A site prints its furniture more than once (a menu above and below, a widget's
# headline over each teaser, "Reply" under each comment); an article names each
# item of its lists once. More than this many removed lines that repeat a line of
# the text is a site's: on the tuning half a body's list repeated 2 of 17 lines
# (two addresses' names); the two tuning pages the other signs also doubted, 9
# and 10 (one of them lost 0.3 of its F1 cleaned as prose).
MAX_REPEATED_REMOVED = 2
# The frame: a saved page loses more than MAX_HEADER_WORDS_REMOVED words above the
# article's first prose line below its title (its header); an article read as a page
# loses none there, but at least MIN_WORDS_REMOVED_BETWEEN_PROSE between its prose
# lines. On the tuning half of both dev sets it doubted 3 of the 398 pages read as
# pages (web-pages-extra's page-text F1 +0.0006, the first set's unchanged) and two
# gold bodies the other signs had not: a meal plan that lost its meals' headings (756
# words) and a Russian interview that lost its closing list (162). Up to 5 header
# words doubted the same; 10 took in two more pages (F1 -0.0007), 20 eleven more
# (-0.0038). Asking 5 words or more between the prose lines doubted the same pages
# but not the interview (one line of 4 words stood between its prose lines).
MAX_HEADER_WORDS_REMOVED = 0
MIN_WORDS_REMOVED_BETWEEN_PROSE = 1


def doubt_page_reading(raw_text: str, changes: Iterable[Change]) -> Doubt | None:
    """A doubt when the page-text rule's removals show no saved page around an article, else None."""
    spans = sorted((change.start, change.end) for change in changes if PAGE_TEXT_RULE in change.rule.split("+"))
    if not spans:
        return None
    lines = [line for line in split_lines(raw_text) if not line.is_blank]
    removed = [_within(line.start, spans) for line in lines]
    kept_prose = sum(word_count(line.text) for line, gone in zip(lines, removed) if not gone and is_prose_line(line.text))
    if kept_prose < MIN_ARTICLE_PROSE_WORDS:
        return Doubt(
            f"read as a saved web page, it would have kept {kept_prose} words of prose: no article was found"
            " around which the removed lines were a site's furniture; cleaned as prose"
        )
    removed_lines = [line.text for line, gone in zip(lines, removed) if gone]
    if not removed_lines:
        return None  # the rule cut inside lines only: nothing a list or a menu would be
    removed_words = [word_count(text) for text in removed_lines]
    copies = Counter(line_key(line.text) for line in lines)
    if (
        _opening_removed_share(removed) < MAX_OPENING_REMOVED
        and statistics.median(removed_words) >= MIN_ITEM_WORDS
        and sum(words <= MAX_ENTRY_WORDS for words in removed_words) < MAX_ENTRY_SHARE * len(removed_words)
        and sum(copies[line_key(text)] > 1 for text in removed_lines) <= MAX_REPEATED_REMOVED
    ):
        return Doubt(
            "read as a saved web page, its opening lines all stayed and the lines removed were phrases"
            " printed once, not a menu's entries: the items of its own lists; cleaned as prose"
        )
    above, between = _removed_around_prose(lines, removed)
    if above <= MAX_HEADER_WORDS_REMOVED and between >= MIN_WORDS_REMOVED_BETWEEN_PROSE:
        return Doubt(
            "read as a saved web page, it lost no header above its prose but lost lines between its"
            " prose lines: no page framed it, and the lines were the article's own; cleaned as prose"
        )
    return None


def _removed_around_prose(lines: list[Line], removed: list[bool]) -> tuple[int, int]:
    """Words removed above the first kept prose line below the title, and between the first and last kept prose lines.

    The first line is left out of the prose: a page's title stays as an
    article's does (``ingest.boilerplate.page_text`` keeps a heading-shaped first
    line), so it shows nothing of a header removed below it.
    """
    kept_prose = [k for k in range(1, len(lines)) if not removed[k] and is_prose_line(lines[k].text)]
    if not kept_prose:
        return 0, 0
    first, last = kept_prose[0], kept_prose[-1]
    above = sum(word_count(lines[k].text) for k in range(first) if removed[k])
    between = sum(word_count(lines[k].text) for k in range(first + 1, last) if removed[k])
    return above, between


def _opening_removed_share(removed: list[bool]) -> float:
    """Share removed of the content lines that open the text, after its first (a title)."""
    count = max(1, min(OPENING_LINES, len(removed) // 10))
    opening = removed[1 : 1 + count]
    return sum(opening) / len(opening) if opening else 0.0


def _within(offset: int, spans: list[tuple[int, int]]) -> bool:
    """Whether the offset lies in one of the sorted, non-overlapping spans (a bisection: pages have thousands)."""
    index = bisect.bisect_right(spans, (offset, float("inf"))) - 1
    return index >= 0 and spans[index][0] <= offset < spans[index][1]
