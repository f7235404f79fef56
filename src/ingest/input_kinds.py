"""What kind of document a text is, decided from its own evidence: it decides which rules may touch it.

The cleaning rules were each written for one kind of input: a saved page's menus
and share bars, print's running headers and OCR's misread glyphs. Run on another
kind, a rule finds its pattern where none is meant: a Markdown table reads like a
menu, a LaTeX command like OCR garbage. So every rule declares the kinds it acts
on (``ingest.rules``), and each document gets one kind before cleaning starts:

* ``html``: a web page read from its markup (its extractor chose the article);
* ``page_text``: a web page's visible text saved as plain text, menus and all;
* ``markdown``: a Markdown file, whose headings, lists, tables and code are content;
* ``rst``: a reStructuredText file, the same: its directives and badges are no menus;
* ``pdf``: a born-digital PDF's text layer;
* ``ocr``: print read back: scanner output, text wrapped at a column that shows print's marks, or carrying a
  masthead, pages separated by form feeds;
* ``typed``: plain text its writer typed at a column (a README, a NEWS file, a manual
  page, a licence): nearly every word on a line no wider than a typewriter's, or its
  table's cells set at one column by runs of spaces however wide its rows, and
  sentences that run on from line to line, but none of print's marks;
* ``prose``: plain text showing none of these signs.

The format decides when it knows (HTML, Markdown, reStructuredText, PDF); plain text is judged by
its shape (:mod:`ingest.boilerplate.text_kind`).

What runs on ``html``: the HTML format's extractors have already chosen the
article, and the text rules only finish their work. The repairs run as on any
text but the lost-hyphen and spelling repairs (the page's characters are read from
its markup, as typed); of the removals only the ad-slot labels and "Read more"
links between paragraphs run, the one rule whose absence cost F1 on every half of
both dev sets (``bench/html_rule_ablation.py``). The other rules written for
scraped text (page furniture lines, calls to action, related posts, captions,
profiles, teasers, tables of contents, image pointers, repeated headlines) changed
nothing there, or moved one page each way, or cost F1 on one set: the extractors
and the format's own furniture marks had done their work, and each cost every page
its time. The saved-page classifier runs only where no extractor answered, and the
author box is read for ``author_bio`` without being moved (a byline the extractor
kept with the article is the article's; the markup names the author).
"""

from __future__ import annotations

from enum import StrEnum


class InputKind(StrEnum):
    """The kinds of document that cleaning tells apart; the value is what the warehouse records."""

    HTML = "html"
    PAGE_TEXT = "page_text"
    MARKDOWN = "markdown"
    RST = "rst"
    PDF = "pdf"
    OCR = "ocr"
    PROSE = "prose"
    TYPED = "typed"
    FIELDS = "fields"


EVERY_KIND = frozenset(InputKind)
# Text whose lines may be re-flowed, trimmed and laid out as paragraphs. A text of
# fields (a Debian copyright file, mail headers) keeps its lines as written: each is a
# field or, indented, a field's continuation, and its layout is its syntax.
FLOWING_TEXT = EVERY_KIND - {InputKind.FIELDS}
# Text a web page carried: what page-furniture classifiers are fitted on.
WEB_PAGES = frozenset({InputKind.HTML, InputKind.PAGE_TEXT})
# Where the web's block boilerplate (profiles, related posts, calls to action, captions)
# is found: pages and the plain text scraped from them. A Markdown file's lists and a
# PDF report's sections are the author's.
SCRAPED_TEXT = WEB_PAGES | {InputKind.PROSE, InputKind.TYPED, InputKind.OCR}
# Scraped text whose article no extractor chose from the page's markup: a saved page's
# text, plain text and print read back. On an HTML page the extractors have already kept the
# article and dropped what was around it; the rules written for scraped text took the
# article's own lines there, or changed nothing but the time a page costs
# (``bench/html_rule_ablation.py``).
UNEXTRACTED_TEXT = SCRAPED_TEXT - {InputKind.HTML}
# Where a web template's widgets are told by their shape alone: related-posts lists, a
# headline repeated, a table of contents emptied of its links, profile cards, teasers. The
# text scraped from pages, and print read back (a magazine's boxes). Text typed at a column
# has the same shapes of its own: a NEWS file's "Translation updates" under each release, a
# manual page's SEE ALSO, a specification's contents, an AUTHORS file's fields
# (``bench/content_loss.py``). Labels no writer types into a README (an ad slot's
# "Advertisement", a call to action) are still looked for there: text copied from a page and
# wrapped at a column carries them.
TEMPLATE_TEXT = UNEXTRACTED_TEXT - {InputKind.TYPED}
# Print: set at a page's width, with running headers and footers, page numbers (a PDF's
# are found by its reader, from where lines sit on the page).
PRINT = frozenset({InputKind.PDF, InputKind.OCR})
# Where an author's bio or byline is moved out of the body into metadata: a scraped page's
# author box. A report's or a README's byline is the author's own text; so is the byline an
# HTML extractor kept with the article (the dev sets' gold bodies keep it: leaving it in
# raised web-pages-extra's tuning half by 0.0013, seven pages better by 0.0001 or more and none worse, the first
# set's unchanged); the page's markup gives the author's name to the metadata there, and a bio
# found in the text still fills ``author_bio`` (``ingest.clean``).
AUTHOR_BOXES = UNEXTRACTED_TEXT
# Text whose characters may be Markdown source: a Markdown file, plain text saved from one
# (scraped articles, notes) and what OCR engines that write Markdown return. An HTML page's
# and a PDF's text is read from their own markup and layout, so an asterisk or a hash in it
# is the author's own: a C comment, a shell prompt.
MARKDOWN_SOURCE = frozenset({InputKind.MARKDOWN, InputKind.PAGE_TEXT, InputKind.PROSE, InputKind.TYPED, InputKind.OCR})
# reStructuredText writes emphasis as Markdown does; its headings are underlined instead, and a
# line opening with "#" is a comment in its code.
EMPHASIS_SOURCE = MARKDOWN_SOURCE | {InputKind.RST}
# Text that shows OCR evidence: the only kind that glyph repairs may touch.
SCANNED = frozenset({InputKind.OCR})
# Plain text without pages: its repeated lines are its own (code, a refrain), not running heads.
UNPAGED_TEXT = frozenset({InputKind.PROSE, InputKind.TYPED})
# Kinds whose spelling is not necessarily the writer's own (print read back, scraped text).
# Text typed at a column went through no extraction that drops hyphens: its variants
# (``builtin`` beside ``built-in``, ``UTF8`` beside ``UTF-8``) and its closed names
# (``libcrypto``, ``toplevel``) are its writer's. On the packages' README and NEWS files of
# ``bench/content_loss.py``, nearly every hyphen the lost-hyphen repair put there was wrong.
# An HTML page's characters are read from its markup as typed, too: on the 826 dev-set pages
# the two repairs changed one page, twice, and their evidence cost every page more than a
# millisecond.
NOT_TYPESET = frozenset({InputKind.PAGE_TEXT, InputKind.PROSE, InputKind.OCR})
