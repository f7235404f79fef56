"""The byline found in one walk of the tree is the one trafilatura's author search finds in a pruned copy."""

import lxml.etree
import pytest
from trafilatura.metadata import extract_author
from trafilatura.xpaths import AUTHOR_DISCARD_XPATHS, AUTHOR_XPATHS

from ingest.formats.page_byline import page_byline
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
