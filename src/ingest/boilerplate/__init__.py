"""Boilerplate: page furniture and everything around the article that is not the article.

``PAGE_FURNITURE_RULES`` run line by line before hard-wrapped lines are
re-flowed (doubled captions among them: a caption does not end a sentence, so
re-flowing would join its copies to the paragraph after); ``BLOCK_RULES`` run on the re-flowed paragraphs, ``BLOCK_RULE_SEQUENCE``
in the order listed:
whole blocks first (profile cards, lists, tables of contents), then single
lines (repeated headlines, teasers, captions), then pieces of sentences (image
pointers, calls to action). Each list runs until it removes nothing more
(:mod:`ingest.boilerplate.until_stable`), so cleaning is idempotent. Every rule
is pure and proposes removals only.
``find_author`` and ``find_title`` read the cleaned text for metadata.
"""

from __future__ import annotations

from ingest.boilerplate.authors import AuthorBlock, find_author
from ingest.boilerplate.calls_to_action import remove_calls_to_action
from ingest.boilerplate.captions import remove_doubled_captions, remove_image_pointers
from ingest.boilerplate.line_shapes import line_key
from ingest.boilerplate.page_furniture import remove_page_furniture
from ingest.boilerplate.page_text import remove_page_boilerplate
from ingest.boilerplate.profiles import remove_fake_profiles
from ingest.boilerplate.related_posts import remove_related_posts
from ingest.boilerplate.repeated_lines import remove_repeated_headlines
from ingest.boilerplate.table_of_contents import remove_tables_of_contents
from ingest.boilerplate.teasers import remove_teasers
from ingest.boilerplate.titles import find_title
from ingest.boilerplate.until_stable import until_stable
from ingest.rules import Rule

BLOCK_RULE_SEQUENCE: list[Rule] = [
    remove_fake_profiles,
    remove_related_posts,
    remove_tables_of_contents,
    remove_doubled_captions,
    remove_repeated_headlines,
    remove_teasers,
    remove_image_pointers,
    remove_calls_to_action,
    # again, for furniture that the removals above left standing alone
    remove_page_furniture,
]
PAGE_FURNITURE_RULES: list[Rule] = [
    # A saved page's navigation, footers and comments, while its lines are still lines.
    until_stable([remove_page_boilerplate], "remove_page_boilerplate"),
    until_stable([remove_page_furniture, remove_doubled_captions], "remove_page_furniture"),
]
BLOCK_RULES: list[Rule] = [until_stable(BLOCK_RULE_SEQUENCE, "remove_block_boilerplate")]

__all__ = ["AuthorBlock", "BLOCK_RULES", "PAGE_FURNITURE_RULES", "find_author", "find_title", "line_key"]
