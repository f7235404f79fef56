"""Related-posts and read-more lists: other articles' titles, each with a teaser.

A list is a run of entries, each a title-like line optionally followed by a
teaser that trails off in an ellipsis ("…", "...", "[...]"), or title and
teaser on one line ("Title | teaser…"). It is removed when

* a heading from the multilingual list ("Related posts", "Read more",
  "Lesen Sie auch", ...) introduces at least ``MIN_ENTRIES_AFTER_LABEL`` entries,
  or
* without such a heading, at least ``MIN_TEASED_ENTRIES`` consecutive entries
  each carry an ellipsis teaser (``MIN_TEASED_BULLETED_ENTRIES`` when every
  title carries the same bullet): articles do not write their own sections so.

Once entries carry teasers, a title without one ends the list, unless it
carries the same bullet as the list's first title: a bulleted title among
bulleted entries is an entry, not a section heading.

A label followed by prose (an article section called "Read more") is kept.
"""

from __future__ import annotations

import re

from ingest.boilerplate.labels import label_set
from ingest.boilerplate.line_shapes import ends_with_ellipsis, is_heading_like, is_prose, line_key, strip_bullet, word_count
from ingest.boilerplate.text_lines import Line, Removal, removal_edits, split_lines
from ingest.input_kinds import TEMPLATE_TEXT
from ingest.rules import REMOVAL, CleaningContext, Phase, rule
from ingest.text_shapes import bullet_mark
from ingest.traced_text import Edit

KIND = "related_posts"

MIN_ENTRIES_AFTER_LABEL = 2
MIN_TEASED_ENTRIES = 3
MIN_TEASED_BULLETED_ENTRIES = 2
# A teaser is a sentence or two cut off by the listing page.
MAX_TEASER_WORDS = 80
# Between a title and its teaser on one line: a bar or a spaced dash.
TITLE_SEPARATOR = re.compile(r"\s(?:\||[-–—])\s")


@rule(phase=Phase.BLOCK_BOILERPLATE, order=20, effect=REMOVAL, kinds=KIND, inputs=TEMPLATE_TEXT)
def remove_related_posts(text: str, context: CleaningContext) -> list[Edit]:
    """Remove labelled lists of titles and unlabelled runs of title + ellipsis-teaser entries."""
    lines = [line for line in split_lines(text) if not line.is_blank]
    removals: list[Removal] = []
    index = 0
    while index < len(lines):
        labelled = line_key(lines[index].text) in label_set("related_posts")
        start = index + 1 if labelled else index
        entries, teased, end = _entries(lines, start, need_teasers=not labelled)
        bulleted = _all_bulleted(lines[start:end])
        if labelled and entries >= MIN_ENTRIES_AFTER_LABEL:
            removals.append(Removal(lines[index].start, lines[end - 1].end, KIND, "remove_related_posts"))
            index = end
        elif not labelled and teased >= (MIN_TEASED_BULLETED_ENTRIES if bulleted else MIN_TEASED_ENTRIES):
            removals.append(Removal(lines[index].start, lines[end - 1].end, KIND, "remove_related_posts"))
            index = end
        elif not bullet_mark(lines[index].text) and index + 1 < len(lines) and bullet_mark(lines[index + 1].text):
            index += 1  # an unlisted heading above bulleted entries: the entries may make a list of their own
        else:
            # a run that is too short stays too short from any later start
            index = max(index + 1, end)
    return removal_edits(text, removals)


def _entries(lines: list[Line], start: int, need_teasers: bool) -> tuple[int, int, int]:
    """Count the entries from ``start``: (entries, entries with a teaser, index after the last).

    Once an entry has carried a teaser (or when ``need_teasers``), an entry
    without one ends the list. Another list's label ends it too.
    """
    entries = teased = 0
    index = start
    labels = label_set("related_posts")
    bullet = bullet_mark(lines[start].text) if start < len(lines) else ""
    while index < len(lines) and line_key(lines[index].text) not in labels:
        if _is_one_line_entry(lines[index].text):
            entries, teased, index = entries + 1, teased + 1, index + 1
            continue
        if not _is_entry_title(lines[index].text):
            break
        # an entry of its own ("Title - teaser…") is not the teaser of the title above it
        following = lines[index + 1].text if index + 1 < len(lines) else ""
        has_teaser = _is_teaser(following) and not _is_one_line_entry(following)
        if need_teasers and not entries and not has_teaser:
            break  # a list without a label opens with a teased entry: a bare title above one is a heading
        same_bullet = bool(bullet) and teased > 0 and bullet_mark(lines[index].text) == bullet
        closes_text = teased > 0 and index + 1 == len(lines)  # a heading with nothing under it heads nothing
        still_listed = same_bullet or closes_text or _teased_entry_at(lines, index + 1)
        if not has_teaser and (teased or need_teasers) and not still_listed:
            break
        entries += 1
        teased += has_teaser
        index += 2 if has_teaser else 1
    if entries and not teased and index < len(lines) and is_prose(lines[index].text):
        entries, index = entries - 1, index - 1  # the last title heads the prose after it
    return entries, teased, index


def _all_bulleted(entries: list[Line]) -> bool:
    """Whether the entries' titles (teaser lines aside) all open with a bullet."""
    titles = [line for line in entries if _is_one_line_entry(line.text) or not _is_teaser(line.text)]
    return bool(titles) and all(bullet_mark(line.text) for line in titles)


def _teased_entry_at(lines: list[Line], index: int) -> bool:
    """A teased entry starts at ``index``: a bare title between two teased entries is still an entry."""
    if index >= len(lines):
        return False
    if _is_one_line_entry(lines[index].text):
        return True
    return index + 1 < len(lines) and _is_entry_title(lines[index].text) and _is_teaser(lines[index + 1].text)


def _is_entry_title(text: str) -> bool:
    """A heading-like line; a listicle title may open with its number ("5 things to know about ...")."""
    return is_heading_like(strip_bullet(text)) and not ends_with_ellipsis(text)


def _is_one_line_entry(text: str) -> bool:
    """"Title | teaser…" on one line: a heading-like title, a separator, a teaser cut off by an ellipsis."""
    if not _is_teaser(text):
        return False
    match = TITLE_SEPARATOR.search(text)
    return match is not None and _is_entry_title(text[: match.start()])


def _is_teaser(text: str) -> bool:
    return ends_with_ellipsis(text) and word_count(text) <= MAX_TEASER_WORDS
