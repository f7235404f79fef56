"""The byline found in one walk of the tree is the one trafilatura's author search finds in a pruned copy."""

import itertools

import lxml.etree
import lxml.html
import pytest
from trafilatura.metadata import extract_author
from trafilatura.xpaths import AUTHOR_DISCARD_XPATHS, AUTHOR_XPATHS

from ingest.formats.page_byline import _walk, page_byline
from ingest.html_text import parse_page

STORY = "<p>" + "The council voted to extend the tram line to the northern suburbs after a long debate. " * 3 + "</p>"
PAGES = {
    "a specific author class": '<div class="author-name">Anna  Novak</div>',
    "rel=author on a link": '<p>By <a rel="author" href="/staff/jb">Jonas Berg</a></p>',
    "an author element": "<author>Lena Park</author>",
    "a rel child element reading me": "<span><rel>me</rel>Omar Haddad</span>",
    "the generic search, an id in pinyin": '<h4 id="zuozhe">Li Wei</h4>',
    "the last resort, any element": '<td class="writer">Sara Lind</td>',
    "the specific search wins over an earlier generic match": (
        '<div class="byline">Staff</div><span class="authorName">Ruth Meyer</span>'
    ),
    "a byline inside the comments is pruned": (
        f'{STORY}<div id="comments"><span class="author">Troll Account</span></div>'
        '<footer><p class="writer">Mark Oduya</p></footer>'
    ),
    "a byline inside a sidebar below the root is pruned": (
        '<aside><div class="sidebar"><span class="author">Widget Bot</span></div></aside>'
    ),
    "a byline holding its date reads without it": (
        '<div class="byline">Maria Keller <time datetime="2024-05-14">14 May</time>, Vienna</div>'
    ),
    "a date's tail joins the text before it": ('<div class="byline">Maria<time>14 May</time>Keller</div>'),
    "a name too long for a byline is passed over": (
        '<div class="author">' + "word " * 40 + '</div><div class="byline">Kim Sato</div>'
    ),
    "no byline": STORY,
    "an empty author element, then a generic one": '<span class="author"> </span><p class="byline">Ian Reyes</p>',
    "a byline deep inside a pruned block is pruned": (
        '<div class="comments-list"><ul><li><p class="byline">Guest Writer</p></li></ul></div>'
        '<p class="byline">Noor Aziz</p>'
    ),
    "a byline holding a pruned block reads without it": (
        '<p class="byline">Tom Ruiz <span class="meta-date">3 June</span> and Eva Holm</p>'
    ),
    "a byline in a figure is pruned": '<figure><span class="author">Photo Desk</span></figure><h3 id="author">Ada Kim</h3>',
    "a specific class on a tag the specific search does not read": '<li class="author-name">Pia Roth</li>',
    "an itemprop author": '<span itemprop="author">Hugo Lind</span>',
    "a data-testid author card": '<div data-testid="AuthorCard">Yara Sousa</div>',
    "a Byline data-component": '<section data-component="Byline">Femi Okoro</section>',
    "a Figure data-component is pruned": (
        '<div data-component="ImageFigure"><span class="author">Getty</span></div><span class="writer">Ines Vega</span>'
    ),
    "a rel child element not reading me": "<span><rel>you</rel>Omar Haddad</span>",
}


def page(body: str) -> str:
    return f"<!DOCTYPE html><html><head><title>Tram</title></head><body>{body}</body></html>"


@pytest.mark.parametrize("body", PAGES.values(), ids=PAGES.keys())
def test_the_byline_is_trafilaturas(body):
    tree = parse_page(page(body))
    assert page_byline(tree) == extract_author(parse_page(page(body)))


def test_the_tree_is_only_read():
    tree = parse_page(page(PAGES["a byline holding its date reads without it"]))
    before = lxml.etree.tostring(tree)
    assert page_byline(tree) == "Maria Keller; Vienna"
    assert lxml.etree.tostring(tree) == before


def test_a_root_below_the_page_is_not_pruned_by_its_class():
    """trafilatura's first pruning XPath reads below the root (``.//*``): a root sidebar keeps its byline."""
    markup = '<div class="sidebar"><span class="author">Ann Lee</span></div>'
    assert page_byline(lxml.html.fragment_fromstring(markup)) == extract_author(lxml.html.fragment_fromstring(markup))
    assert page_byline(lxml.html.fragment_fromstring(markup)) == "Ann Lee"


@pytest.mark.parametrize("tag", ["time", "figure"])
def test_a_root_time_or_figure_is_pruned_with_all_it_holds(tag):
    """The one answer unlike trafilatura's, which cannot delete a root and reads inside it; no parsed page's root is one."""
    assert page_byline(lxml.html.fragment_fromstring(f'<{tag}><span class="author">Ann Lee</span></{tag}>')) is None


# Attribute values each alternative of the mirrored patterns passes, or only just misses.
VALUES = [
    *("author", "Author", "AUTHOR", "author-name", "authorname", "AuthorName", "authorName", "post-author", "author name"),
    *("byline", "Byline", "post-byline", "byl", "BBL", "bbl", "username", "screenname", "writer", "channel-name"),
    *("zuozhe", "bianji", "xiaobian", "submitted-by", "posted-by", "journalist-name", "AuthorCard", "AuthorURL"),
    *("comments", "Comments", "comments-area", "post-comments", "commentlist", "comment-list", "comments-list"),
    *("ProductReviews", "sidebar", "is-hidden", "quote", "embedly-instagram", "article-share", "article-support"),
    *("article-shared", "print", "category", "meta-date", "meta-reviewer", "title", "date", "post-title"),
    *("Figure", "ImageFigure", "me", "nav", ""),
]
ATTRIBUTES = ["class", "id", "itemprop", "data-component", "data-testid", "rel"]
TAGS = ["a", "address", "div", "link", "p", "span", "strong", "h3", "h4", "section", "li", "author", "time", "figure"]


def test_the_walk_selects_what_trafilaturas_xpaths_select():
    """On the unpruned tree, each search's matches and the pruned elements are those of trafilatura's XPaths."""
    elements = [
        f'<{tag} {attribute}="{value}">x</{tag}>' for tag, attribute, value in itertools.product(TAGS, ATTRIBUTES, VALUES)
    ]
    rel_children = [f"<{tag}><rel>{text}</rel>x</{tag}>" for tag, text in itertools.product(TAGS, ["me", "you"])]
    tree = parse_page(page("".join(elements + rel_children)))
    pruned, found_by_search = _walk(tree)
    for found, search in zip(found_by_search, AUTHOR_XPATHS, strict=True):
        assert found == search(tree)
    assert pruned == set(AUTHOR_DISCARD_XPATHS[0](tree)) | set(AUTHOR_DISCARD_XPATHS[1](tree))


def test_the_searches_mirrored_are_trafilaturas():
    """A trafilatura release that changes its author XPaths must be mirrored again, not silently drift."""
    expressions = [" ".join(expression.path.split()) for expression in AUTHOR_XPATHS + AUTHOR_DISCARD_XPATHS]
    assert expressions == MIRRORED_XPATHS


MIRRORED_XPATHS = [
    "//*[self::a or self::address or self::div or self::link or self::p or self::span or self::strong][ @rel='author'"
    " or @id='author' or @class='author' or @itemprop='author name' or rel='me' or @data-testid='AuthorCard' or"
    " @data-testid='AuthorURL' or re:test(@class, 'author-?name|AuthorName|authorName')]|//author",
    "//*[self::a or self::div or self::h3 or self::h4 or self::p or self::span][ @class='byline' or @class='username'"
    " or @class='byl' or @class='BBL' or contains(@itemprop, 'author') or re:test(@id, 'author|zuozhe|bianji|xiaobian')"
    " or re:test(@class, 'author|channel-name|zuozhe|bianji|xiaobian|submitted-by|posted-by|journalist-name')]",
    "//*[ contains(@data-component, 'Byline') or contains(@itemprop, 'author') or re:test(@id, '[Aa]uthor') or"
    " re:test(@class, '[Aa]uthor|screenname|writer|[Bb]yline')]",
    ".//*[self::a or self::div or self::section or self::span][ @id='comments' or @class='comments' or @class='title'"
    " or @class='date' or re:test(@id, '^comments|comment-?list|ProductReviews') or re:test(@class,"
    " '^[Cc]omments|commentlist|comments-list|sidebar|is-hidden|quote|embedly-instagram|article-(?:share|support)"
    "|print|category|meta-date|meta-reviewer') or contains(@data-component, 'Figure')]",
    "//time|//figure",
]
