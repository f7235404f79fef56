"""HTML: the page's full visible text, with what is not the article marked for removal.

The raw text of an HTML document is every visible block of the page, one
paragraph each, so the audit can show all that the page carried. Main-content
extractors decide which paragraphs are the article; their output is aligned back
onto that text and every paragraph they dropped becomes a recorded removal. When
no extractor can say, the page's navigation, header, footer and aside elements are
marked instead: a page is never lost to its extractor. A paragraph inside a
``figure`` is its caption or credit, not the article's running text, and goes
with a record of its own (unless the page's figures hold most of what was kept).

Two kinds of page are bounded before the extractors see them, so their cost stays
linear: markup nested deeper than lxml builds trees is flattened first
(``ingest.formats.nesting``), and a page larger than ``MAX_EXTRACTED_CHARS`` is not
given to the extractors at all; its furniture is marked under rules ending in
``_large_page``, so the audit says why the extractors did not choose the article
(and what they dropped from a flattened page under rules ending in ``_unwrapped_page``).
"""

from __future__ import annotations

import logging

import lxml.html

from ingest.body_loss import holds_prose
from ingest.decode import RejectedInput, decode_text
from ingest.formats.alignment import PageWords
from ingest.formats.interface import Extracted
from ingest.formats.article_paragraphs import article_paragraphs
from ingest.formats.main_content import Article, readability_article, trafilatura_article
from ingest.formats.nesting import Flattened, flatten_deep_nesting
from ingest.formats.sniffing import looks_like_html
from ingest.html_text import RenderedHtml, parse_page, render_html, render_tree
from ingest.traced_text import Edit

logger = logging.getLogger(__name__)

EXTRACTOR_KIND = "extractor"
# A figure's caption, removed under the kind the caption rules use.
CAPTION_KIND = "caption"
CAPTION_RULE = "html_figure"
# Figures holding more than this share of the kept text are the page's body (a
# gallery, a comic, a page that wraps its story in one), not captions beside it.
# On the first dev set's tuning half 1,072 of the 1,249 words in figures (31 pages)
# are not in the gold article; web-pages-extra's older pages have no figure element.
MAX_CAPTION_SHARE = 0.5
# trafilatura's time grows faster than the page: on a generated forum thread
# (bench/results/superlinear_inputs.md) 1.1 s for 1 MB, 2.1 s for 2, 4.0 s for 4,
# 10.2 s for 8 and 27.6 s for 16. Above this many characters of markup the page's furniture is
# marked instead, which costs a rendering: such a page is a thread, a listing or a
# dump, rarely one article inside a page's furniture.
MAX_EXTRACTED_CHARS = 2 * 2**20
LARGE_PAGE_SUFFIX = "_large_page"
# What an extractor dropped from a page whose nesting was unwrapped for it is recorded under this suffix.
UNWRAPPED_SUFFIX = "_unwrapped_page"


class HtmlFormat:
    name = "html"

    def sniff(self, data: bytes, name: str) -> bool:
        return looks_like_html(data, name)

    def extract(self, data: bytes, name: str) -> Extracted:
        """The page's visible text; the extractors' drops and, failing them, the page furniture as removals.

        The page is parsed once: the rendering and trafilatura read the same lxml
        tree. A page nested too deep for a tree is rendered from its parse events
        and flattened for the extractors.
        """
        decoded = decode_text(data)
        if len(decoded.text) > MAX_EXTRACTED_CHARS:
            rendered = _rendered_or_rejected(render_html(decoded.text))
            logger.info(
                "%s: %d characters of markup, over the extractors' %d; its furniture is marked",
                name, len(decoded.text), MAX_EXTRACTED_CHARS,
            )
            furniture = {removal.start: _large_page(removal) for removal in rendered.removals}
            paragraphs = rendered.paragraphs
            captions = _captions(rendered, paragraphs, None)
            removals = _removals(rendered.text, paragraphs, None, "", furniture, captions)
            return Extracted(rendered.text, decoded.encoding, "text/html", removals)
        tree = parse_page(decoded.text)
        flattened = flatten_deep_nesting(decoded.text, tree)
        if flattened.unwrapped or tree is None:
            rendered = _rendered_or_rejected(render_html(decoded.text))
            page: lxml.html.HtmlElement | str = flattened.markup
        else:
            rendered = _rendered_or_rejected(render_tree(tree, decoded.text))
            page = tree
        if flattened.unwrapped:
            logger.info("%s: %d elements nested deeper than the extractors read were unwrapped", name, flattened.unwrapped)
        paragraphs = rendered.paragraphs
        first = trafilatura_article(page)
        answers = extractor_answers(rendered, paragraphs, flattened, page, first)
        kept, extractor = weigh_answers(rendered, paragraphs, *answers)
        if flattened.unwrapped:
            extractor += UNWRAPPED_SUFFIX
        removals = article_removals(rendered, paragraphs, kept, extractor)
        return Extracted(
            rendered.text, decoded.encoding, "text/html", removals, first.metadata if first else {},
            article_chosen=kept is not None,
        )


def _rendered_or_rejected(rendered: RenderedHtml) -> RenderedHtml:
    if not rendered.text:
        raise RejectedInput("the page has no visible text (only markup, scripts or styles)")
    return rendered


def _large_page(removal: Edit) -> Edit:
    return Edit(removal.start, removal.end, removal.after, removal.kind, removal.rule + LARGE_PAGE_SUFFIX)


def extractor_answers(
    rendered: RenderedHtml,
    paragraphs: list[tuple[int, int]],
    flattened: Flattened,
    page: lxml.html.HtmlElement | str,
    first: Article | None,
) -> tuple[list[bool] | None, list[bool] | None]:
    """The paragraphs trafilatura (``first``, already read) and readability kept, None where one has no answer.

    readability (trafilatura's port of readability-lxml) reads the tree the
    rendering read (``page``). It is not asked about a flattened page: it measures
    every container's text, which on a page nested hundreds deep (a forum whose
    posts never close) costs depth times size. It is the tree's last reader (the
    rendering, trafilatura and the metadata came first), so it is handed the tree
    to edit rather than a copy. The page's words are read once for both answers.
    """
    words = PageWords(rendered.text, paragraphs)
    second = None if flattened.unwrapped else readability_article(page, handed_over=True)
    return (words.kept(first.text) if first else None, words.kept(second.text) if second else None)


def weigh_answers(
    rendered: RenderedHtml, paragraphs: list[tuple[int, int]], first: list[bool] | None, second: list[bool] | None
) -> tuple[list[bool] | None, str]:
    """trafilatura's (``first``) and readability's kept paragraphs weighed, and the name of what decided.

    They are weighed paragraph by paragraph with the markup's evidence
    (``ingest.formats.article_paragraphs``); where the weighing keeps nothing, or
    only one extractor has an answer, that extractor's answer stands.
    """
    if first is None or second is None:
        return (first, "trafilatura") if first is not None else (second, "readability")
    kept = article_paragraphs(rendered, paragraphs, [first, second])
    return (kept, "article_paragraphs") if any(kept) else (first, "trafilatura")


def article_removals(
    rendered: RenderedHtml, paragraphs: list[tuple[int, int]], kept: list[bool] | None, extractor: str
) -> list[Edit]:
    """What leaves the article ``kept`` (by ``extractor``; None where no extractor answered): drops, captions, furniture."""
    furniture = {removal.start: removal for removal in rendered.removals}
    return _removals(rendered.text, paragraphs, kept, extractor, furniture, _captions(rendered, paragraphs, kept))


def _captions(rendered: RenderedHtml, paragraphs: list[tuple[int, int]], kept: list[bool] | None) -> set[int]:
    """Where the paragraphs inside figures start, unless figures hold more than ``MAX_CAPTION_SHARE`` of the kept text."""
    kept = kept if kept is not None else [True] * len(paragraphs)
    lengths = [end - start for start, end in paragraphs]
    in_figures = [shape.in_figure for shape in rendered.shapes]
    kept_chars = sum(length for length, keep in zip(lengths, kept) if keep)
    caption_chars = sum(length for length, keep, in_figure in zip(lengths, kept, in_figures) if keep and in_figure)
    if caption_chars > MAX_CAPTION_SHARE * kept_chars:
        return set()
    return {start for (start, _), in_figure in zip(paragraphs, in_figures) if in_figure}


def _removals(
    raw: str,
    paragraphs: list[tuple[int, int]],
    kept: list[bool] | None,
    extractor: str,
    furniture: dict[int, Edit],
    captions: set[int],
) -> list[Edit]:
    """Paragraphs the extractor dropped, captions and furniture it kept, as removals; neighbours with one reason merge.

    Navigation, header, footer and aside paragraphs go even when an extractor kept
    them (on the tuning half, removing them as well raised precision by a point and
    cost no recall), but never a paragraph of prose the extractor kept: some sites
    set their whole article inside a ``<header>``, an ``<aside>`` or a ``<form>``.
    """
    removals: list[Edit] = []
    for index, (start, end) in enumerate(paragraphs):
        if kept is not None and not kept[index]:
            kind, rule = EXTRACTOR_KIND, extractor
        elif start in captions:
            kind, rule = CAPTION_KIND, CAPTION_RULE
        elif start in furniture and (kept is None or not holds_prose(raw[start:end])):
            kind, rule = furniture[start].kind, furniture[start].rule
        else:
            continue
        previous = removals[-1] if removals else None
        if previous and previous.end == start and (previous.kind, previous.rule) == (kind, rule):
            removals[-1] = Edit(previous.start, end, "", kind, rule)
        else:
            removals.append(Edit(start, end, "", kind, rule))
    return removals


FORMAT = HtmlFormat()
