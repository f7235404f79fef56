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
  and whose removed lines are phrases (a median of ``MIN_ITEM_WORDS`` words or
  more, few of one or two words: a menu's entries are single words, "Home",
  "News", "Login"), lost the items of its own lists. Both signs, never one:
  a page saved without its header still loses its menus of short entries, and a
  body's list of short entries still stands below an opening that stayed.

The thresholds were chosen on the tuning half of both dev sets, the gold article
bodies saved as text against the pages' visible text (``bench/content_loss.py``
and ``bench/real_pages.py``; QUALITY.md, "Content lost on inputs that are not
scraped web pages").
"""

from __future__ import annotations

import statistics
from collections.abc import Iterable

from ingest.body_loss import Doubt, is_prose_line, word_count
from ingest.boilerplate.page_text import RULE as PAGE_TEXT_RULE
from ingest.boilerplate.text_lines import split_lines
from ingest.traced_text import Change

# A saved page's article keeps at least this many words of prose lines (lines
# of running text, ``ingest.body_loss.is_prose_line``). On the tuning half the
# pages whose cleaning kept fewer had lost their article with it (page-text F1
# 0 to 0.5 on five of them, 0.2 to 0.98 cleaned as prose), and three gold bodies
# lost 1,500 words; 60 recovered the same bodies and took in two pages of the
# reporting half that kept a short article (F1 -0.0015), 80 three of the tuning half.
MIN_ARTICLE_PROSE_WORDS = 40
# The opening: the content lines after the first (a title), one in ten of the
# text's lines, at least one and at most OPENING_LINES. A saved page loses most
# of them to its header; the rule is doubted when it removed less than this share.
OPENING_LINES = 10
MAX_OPENING_REMOVED = 0.2
# The removed lines of a menu, a footer or a share bar are mostly one or two
# words (median 2 on the tuning pages, 3 at the upper quartile); a list's items
# are phrases. Doubted when the removed lines' median is at least MIN_ITEM_WORDS
# and fewer than MAX_ENTRY_SHARE of them have MAX_ENTRY_WORDS words or fewer.
# On the tuning half, with the opening: 5 and 0.2 recovered one body fewer
# (117 words more lost); 0.3 flips four CleanEval pages saved without a header,
# three of which gain F1 as prose (page-text F1 +0.005 on the set's tuning half).
MIN_ITEM_WORDS = 4
MAX_ENTRY_WORDS = 2
MAX_ENTRY_SHARE = 0.3


def doubt_page_reading(raw_text: str, changes: Iterable[Change]) -> Doubt | None:
    """A doubt when the page-text rule's removals show no saved page around an article, else None."""
    spans = [(change.start, change.end) for change in changes if change.rule == PAGE_TEXT_RULE]
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
    removed_words = [word_count(line.text) for line, gone in zip(lines, removed) if gone]
    if (
        _opening_removed_share(removed) < MAX_OPENING_REMOVED
        and statistics.median(removed_words) >= MIN_ITEM_WORDS
        and sum(words <= MAX_ENTRY_WORDS for words in removed_words) < MAX_ENTRY_SHARE * len(removed_words)
    ):
        return Doubt(
            "read as a saved web page, its opening lines all stayed and the lines removed were phrases,"
            " not a menu's entries: the items of its own lists; cleaned as prose"
        )
    return None


def _opening_removed_share(removed: list[bool]) -> float:
    """Share removed of the content lines that open the text, after its first (a title)."""
    count = max(1, min(OPENING_LINES, len(removed) // 10))
    opening = removed[1 : 1 + count]
    return sum(opening) / len(opening) if opening else 0.0


def _within(offset: int, spans: list[tuple[int, int]]) -> bool:
    return any(start <= offset < end for start, end in spans)
