"""Teasers: a line that repeats the opening words of the paragraph right after it.

Listing pages print an article's first words as a teaser ("Russia and Iran have
long been ..."), and scrapes keep it above the article's real paragraph, which
starts with the same words. The teaser says nothing the paragraph does not; the
paragraph is kept whole.
"""

from __future__ import annotations

from ingest.boilerplate.line_shapes import ELLIPSES, word_count
from ingest.boilerplate.text_lines import Removal, next_content, removal_edits, split_lines
from ingest.input_kinds import TEMPLATE_TEXT
from ingest.rules import REMOVAL, CleaningContext, Phase, rule
from ingest.traced_text import Edit

KIND = "teaser"

# Fewer shared words than this could be a heading that happens to open the
# paragraph ("Sanctions" above "Sanctions have ..."); a teaser repeats a phrase.
MIN_SHARED_WORDS = 4
MAX_TEASER_WORDS = 60
# The paragraph has more than this many times its teaser's words (the seeds' subtitle:
# 3.2 times its teaser). A line that the next opens with a few words more is an entry of a
# list of records ("PASS: Build property 1" over "PASS: Build property 1 (.o)").
PARAGRAPH_OVER_TEASER = 2


@rule(phase=Phase.BLOCK_BOILERPLATE, order=60, effect=REMOVAL, kinds=KIND, inputs=TEMPLATE_TEXT)
def remove_teasers(text: str, context: CleaningContext) -> list[Edit]:
    """Remove each line whose words (ellipsis aside) open the next paragraph, which is longer."""
    lines = split_lines(text)
    removals = []
    for index, line in enumerate(lines):
        if line.is_blank or word_count(line.text) > MAX_TEASER_WORDS:
            continue
        following = next_content(lines, index)
        if following is not None and _opens(line.text, lines[following].text):
            removals.append(Removal(line.start, line.end, KIND, "remove_teasers"))
    return removal_edits(text, removals)


def _opens(teaser: str, paragraph: str) -> bool:
    """True when the teaser's words are the paragraph's first words; its last word may be cut short."""
    core = teaser.strip()
    for ellipsis in ELLIPSES:
        core = core.removesuffix(ellipsis)
    words = core.casefold().split()
    if len(words) < MIN_SHARED_WORDS:
        return False
    if len(paragraph.split()) <= PARAGRAPH_OVER_TEASER * len(words):
        return False  # the next of a list's entries, a word or two longer, not the paragraph the teaser opens
    opening = paragraph.casefold().split(maxsplit=len(words))
    return opening[: len(words) - 1] == words[:-1] and opening[len(words) - 1].startswith(words[-1])
