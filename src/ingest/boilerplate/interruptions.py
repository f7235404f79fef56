"""Lines that interrupt an article: an ad slot's label, or a link to another story.

Pages put an ad between two paragraphs and label it ("Advertisement", "Story
continues below advertisement", "Anzeige"), or a link to another article
("Read more: Ferry fares to rise", "RELATED: Harbour dredging finished"). The
ad and the link are gone from a scrape or a print-out; their line stays, alone
between the article's paragraphs, in saved pages and hard-wrapped text alike.

A line goes only when three things hold: it is a paragraph of its own, it is
short, and its wording is a label of the page, not of the article:

* the whole line is an ad slot's label (``ad_slots`` in the label data);
* or a related-posts label (``related_posts``: "Read more", "Lesen Sie auch")
  opens it, a colon or bar closes the label, and a headline of a few words
  follows, not a sentence of the article ("See also the table below.").
"""

from __future__ import annotations

import re

from ingest.boilerplate.labels import label_set
from ingest.boilerplate.line_shapes import ends_sentence, line_key, word_count
from ingest.boilerplate.related_posts import KIND as RELATED_POSTS
from ingest.boilerplate.text_lines import Line, Removal, paragraphs, removal_edits, split_lines
from ingest.input_kinds import SCRAPED_TEXT
from ingest.rules import REMOVAL, CleaningContext, Phase, rule
from ingest.traced_text import Edit

AD_SLOT = "ad_slot"
# A link to another story is a one-line related-posts list: recorded as one.
TEASER_LINK = RELATED_POSTS
RULE = "remove_interruptions"

# An ad slot's label is a few words ("Story continues below advertisement" is five).
MAX_LABEL_WORDS = 8
# The label before the colon, then a headline: a headline is a few words to a dozen or so.
LINKED_HEADLINE = re.compile(r"^\W*(?P<label>[^:|»>]{2,40}?)\s*[:|»>]\s*(?P<headline>\S.*)$")
MIN_HEADLINE_WORDS = 2
MAX_HEADLINE_WORDS = 16


@rule(phase=Phase.BLOCK_BOILERPLATE, order=65, effect=REMOVAL, kinds=(AD_SLOT, TEASER_LINK), inputs=SCRAPED_TEXT)
def remove_interruptions(text: str, context: CleaningContext) -> list[Edit]:
    """Remove ad-slot labels and links to other stories standing alone between paragraphs."""
    removals = []
    for paragraph in paragraphs(split_lines(text)):
        if len(paragraph) != 1:
            continue
        kind = interruption_kind(paragraph[0].stripped)
        if kind is not None:
            removals.append(_removal(paragraph[0], kind))
    return removal_edits(text, removals)


def interruption_kind(line: str) -> str | None:
    """``ad_slot`` or ``related_posts`` when the line is one, else ``None``."""
    if word_count(line) <= MAX_LABEL_WORDS and line_key(line) in label_set("ad_slots"):
        return AD_SLOT
    linked = LINKED_HEADLINE.match(line)
    if linked is None or line_key(linked["label"]) not in label_set("related_posts"):
        return None
    headline = linked["headline"]
    if not MIN_HEADLINE_WORDS <= word_count(headline) <= MAX_HEADLINE_WORDS:
        return None
    # A headline may ask a question; a full stop ends a sentence of the article.
    return None if ends_sentence(headline) and not headline.rstrip().endswith("?") else TEASER_LINK


def _removal(line: Line, kind: str) -> Removal:
    return Removal(line.start, line.end, kind, RULE)
