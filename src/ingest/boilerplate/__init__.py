"""Boilerplate: page furniture and everything around the article that is not the article.

Each rule declares its phase and order with ``@rule`` (:mod:`ingest.rules`).
``Phase.SAVED_PAGE`` reads a saved page's text once, as a whole, for the article
among its menus (:mod:`ingest.boilerplate.page_text`); ``Phase.PAGE_FURNITURE``
rules run line by line before hard-wrapped lines are
re-flowed (doubled captions among them: a caption does not end a sentence, so
re-flowing would join its copies to the paragraph after); ``Phase.BLOCK_BOILERPLATE``
rules run on the re-flowed paragraphs, whole blocks first (profile cards, lists,
tables of contents), then single lines (repeated headlines, teasers, captions),
then pieces of sentences (image pointers, calls to action), and page furniture
again last, for furniture that the removals before it left standing alone. These
two phases run until they remove nothing more (:mod:`ingest.boilerplate.until_stable`).
Every rule is pure and proposes removals only.
``find_author`` and ``find_title`` read the cleaned text for metadata.
"""

from __future__ import annotations

from ingest.boilerplate.authors import AuthorBlock, find_author
from ingest.boilerplate.line_shapes import line_key
from ingest.boilerplate.titles import find_title

__all__ = ["AuthorBlock", "find_author", "find_title", "line_key"]
