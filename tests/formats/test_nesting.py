"""Pages nested deeper than lxml builds trees lose no text to the extractors."""

import lxml.html

from ingest.formats import extract
from ingest.formats.nesting import MAX_DEPTH, flatten_deep_nesting

POST = "Post number {} says the committee should publish its findings about topic {} before the end of the month."
ARTICLE = "Article paragraph {}: the council voted on Tuesday to extend the library's opening hours after a long public consultation."


def unclosed_forum(posts: int) -> str:
    """A forum page whose posts never close their ``<div>``: each post is nested in the one before."""
    body = "".join(f"<div class='post'><p>{POST.format(i, i)}</p>" for i in range(posts))
    return f"<!doctype html><html><head><title>Forum</title></head><body>{body}</body></html>"


def menu_before_article(levels: int) -> str:
    menu = "".join(f"<ul><li><a href='/m{i}'>Menu {i}</a>" for i in range(levels))
    article = "".join(f"<p>{ARTICLE.format(i)}</p>" for i in range(12))
    return f"<!doctype html><html><head><title>A</title></head><body><nav>{menu}</nav><article><h1>The vote</h1>{article}</article></body></html>"


def test_lxml_alone_loses_the_posts_below_its_depth_limit():
    """The defect this module exists for: if lxml stops losing text, the module can go."""
    text = lxml.html.document_fromstring(unclosed_forum(600)).text_content()
    assert text.count("Post number") < 300


def test_a_page_deeper_than_the_limit_keeps_every_word_in_a_shallow_tree():
    flattened = flatten_deep_nesting(unclosed_forum(600))
    tree = lxml.html.document_fromstring(flattened.markup)
    text = tree.text_content()
    assert flattened.unwrapped > 0
    assert all(POST.format(i, i) in text for i in range(600))
    assert max(sum(1 for _ in element.iterancestors()) for element in tree.iter()) <= MAX_DEPTH


def test_unwrapped_blocks_do_not_run_their_words_together():
    markup = "<html><body>" + "<div>" * (MAX_DEPTH + 5) + "<div>first</div><div>second</div></body></html>"
    text = lxml.html.document_fromstring(flatten_deep_nesting(markup).markup).text_content()
    assert "firstsecond" not in text and "first" in text and "second" in text


def test_a_page_within_the_limit_is_left_exactly_as_it_is():
    markup = "<html><body>" + "<div>" * (MAX_DEPTH - 5) + "<p>text &amp; more</p></body></html>"
    flattened = flatten_deep_nesting(markup)
    assert flattened.markup is markup and flattened.unwrapped == 0


def test_code_stays_code_and_attributes_and_entities_survive_the_rewrite():
    link = "<a href='/x?a=1&amp;b=\"2\"'>Link &lt;text&gt;</a>"
    markup = "<html><body>" + link + "<div>" * (MAX_DEPTH + 5) + "<script>if (a < b) go();</script></body></html>"
    tree = lxml.html.document_fromstring(flatten_deep_nesting(markup).markup)
    assert tree.xpath("string(//script)") == "if (a < b) go();"
    assert tree.xpath("string(//a/@href)") == '/x?a=1&b="2"'
    assert tree.xpath("string(//a)") == "Link <text>"


def test_the_600_post_forum_keeps_every_post():
    extracted = extract(unclosed_forum(600).encode(), "forum.html")
    kept = _kept_text(extracted)
    assert sum(POST.format(i, i) in kept for i in range(600)) == 600


def test_a_300_level_menu_before_an_article_keeps_the_article():
    extracted = extract(menu_before_article(300).encode(), "menu.html")
    kept = _kept_text(extracted)
    assert all(ARTICLE.format(i) in kept for i in range(12))
    assert "Menu 150" not in kept
    assert {removal.rule for removal in extracted.markup_removals} >= {"trafilatura_unwrapped_page"}


def _kept_text(extracted) -> str:
    """The raw text less the format's removals: what cleaning starts from."""
    pieces, cursor = [], 0
    for removal in sorted(extracted.markup_removals, key=lambda e: e.start):
        pieces.append(extracted.text[cursor : removal.start])
        cursor = removal.end
    pieces.append(extracted.text[cursor:])
    return "".join(pieces)
