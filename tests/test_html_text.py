"""Rendering a page's visible text: blocks as paragraphs, furniture marked, nothing lost to the parser."""

import copy

import lxml.html
from hypothesis import given, settings
from hypothesis import strategies as st

from ingest.formats.alignment import paragraph_spans
from ingest.html_text import parse_page, render_html, render_tree


def furniture(markup: str) -> list[str]:
    rendered = render_html(markup)
    return [rendered.text[e.start : e.end] for e in rendered.removals]


def test_inline_elements_join_their_text_as_a_browser_shows_it():
    markup = "<p><span class='drop'>T</span>he cat sat <b>on</b> the<br>mat, <i>twice</i>.</p>"
    assert render_html(markup).text == "The cat sat on the mat, twice.\n"


def test_a_table_row_is_one_paragraph_with_its_cells_apart():
    markup = "<table><tr><th>Driver</th><th>Points</th></tr><tr><td>Logano</td><td>2380</td></tr></table>"
    assert render_html(markup).text == "Driver Points\n\nLogano 2380\n"


def test_a_block_inside_a_cell_is_its_own_paragraph():
    markup = "<table><tr><td><a href='/'>Home</a></td><td><p>First paragraph.</p><p>Second paragraph.</p></td></tr></table>"
    assert render_html(markup).text == "Home\n\nFirst paragraph.\n\nSecond paragraph.\n"


def test_a_form_wrapping_the_page_is_not_furniture_but_a_search_form_is():
    body = "".join(f"<p>Paragraph {i} of the article, long enough to count as its text.</p>" for i in range(5))
    markup = f"<body><form id='page'><nav>Home</nav>{body}</form><form class='search'>Search the site</form></body>"
    assert furniture(markup) == ["Home\n\n", "Search the site\n"]


def test_a_small_form_inside_the_article_stays_furniture():
    markup = "<p>" + "Article text. " * 20 + "</p><form><label>Your email</label><button>Subscribe</button></form>"
    assert furniture(markup) == ["Your email Subscribe\n"]


def test_an_unclosed_title_does_not_swallow_the_page():
    assert render_html("<html><head><title>Unclosed</head><body><p>The text of the page.</p>").text.count("The text of the page.") == 1


MARKUPS = [
    "<p><span class='drop'>T</span>he cat sat <b>on</b> the<br>mat, <i>twice</i>.</p>",
    "<table><tr><th>Driver</th><th>Points</th></tr><tr><td>Logano</td><td>2380</td></tr></table>",
    "<body><form id='page'><nav>Home</nav>" + "<p>Paragraph of the article, long enough to count as its text.</p>" * 5
    + "</form><form class='search'>Search the site</form></body>",
    "<html><head><title>T</title><script>var a = '<p>code</p>';</script></head><body><!-- note --><aside>Ad</aside>"
    "<div>One<div>Two</div>tail of one</div><footer>Copyright</footer></body></html>",
    "<?xml version='1.0' encoding='utf-8'?><html><body><p>Déjà vu — « quoted »</p></body></html>",
    "<html><head><title>Unclosed</head><body><p>The text of the page.</p>",
]


def test_the_rendering_of_a_parsed_tree_is_the_rendering_of_its_markup():
    for markup in MARKUPS:
        from_tree = render_tree(parse_page(markup), markup)
        from_markup = render_html(markup)
        assert from_tree.text == from_markup.text
        assert [(e.start, e.end, e.rule) for e in from_tree.removals] == [(e.start, e.end, e.rule) for e in from_markup.removals]


def test_text_after_the_end_of_the_page_is_rendered_from_the_tree():
    markup = "<html><body><p>The article.</p></body></html>\nSite map"
    assert render_tree(parse_page(markup), markup).text == "The article.\n\nSite map\n"


TAGS = ["p", "div", "span", "b", "a", "br", "h2", "ul", "li", "table", "tr", "td", "nav", "header", "aside", "form", "footer", "script"]
WORDS = st.sampled_from(["alpha", "beta ", " gamma", "déjà", "\n", "x&amp;y", "  ", "1.", "»"])
MARKUP = st.recursive(
    WORDS,
    lambda children: st.builds(lambda tag, inner: f"<{tag}>{''.join(inner)}</{tag}>", st.sampled_from(TAGS), st.lists(children, max_size=4)),
    max_leaves=20,
)


@settings(max_examples=200, deadline=None)
@given(st.lists(MARKUP, min_size=1, max_size=5))
def test_any_nesting_of_blocks_furniture_and_inline_renders_alike_from_the_tree_and_the_parse_events(parts):
    markup = "<html><body>" + "".join(parts) + "</body></html>"
    from_tree = render_tree(parse_page(markup), markup)
    from_markup = render_html(markup)
    assert from_tree.text == from_markup.text
    assert [(e.start, e.end, e.rule) for e in from_tree.removals] == [(e.start, e.end, e.rule) for e in from_markup.removals]



PRE_WORDS = st.sampled_from(["alpha", "\n", "\n\n", "  \n", "```", "```python\n", "\t", "\r\n"])
PRE_MARKUP = st.recursive(
    PRE_WORDS,
    lambda children: st.builds(
        lambda tag, inner: f"<{tag}>{''.join(inner)}</{tag}>", st.sampled_from([*TAGS, "pre", "pre", "figure"]), st.lists(children, max_size=4)
    ),
    max_leaves=20,
)


@settings(max_examples=200, deadline=None)
@given(st.lists(PRE_MARKUP, min_size=1, max_size=5))
def test_the_paragraphs_a_rendering_gives_are_the_ones_its_text_shows(parts):
    """Its spans are known as the text is joined: the blank lines between them, for a ``pre`` block's own lines too."""
    markup = "<html><body>" + "".join(parts) + "</body></html>"
    for rendered in (render_tree(parse_page(markup), markup), render_html(markup)):
        assert rendered.paragraphs == paragraph_spans(rendered.text)
        assert len(rendered.paragraphs) == len(rendered.shapes)

SHAPED_PAGE = (
    "<body><nav><ul><li><a href='/'>Home</a></li><li><a href='/news'>News</a></li></ul></nav>"
    "<main><article><h1>Ferry pier rebuilt</h1>"
    "<p>The harbour board <a href='/board'>agreed</a> on Monday to rebuild the pier.</p>"
    "<figure><img src='/pier.jpg'><figcaption><p>The old pier in 1960.</p> Archive</figcaption></figure>"
    "<p>Work starts in May.</p></article></main>"
    "<div>Share this page</div></body>"
)


def test_each_paragraph_has_its_block_its_share_of_link_text_and_whether_it_sits_in_the_article_or_a_figure():
    rendered = render_tree(parse_page(SHAPED_PAGE), SHAPED_PAGE)
    assert rendered.text.split("\n\n")[0] == "Home"
    shapes = [(shape.tag, round(shape.link_share, 2), shape.in_article, shape.in_figure) for shape in rendered.shapes]
    assert shapes == [
        ("li", 1.0, False, False),
        ("li", 1.0, False, False),
        ("h1", 0.0, True, False),
        ("p", round(len("agreed") / len("The harbour board agreed on Monday to rebuild the pier."), 2), True, False),
        ("p", 0.0, True, True),
        ("figcaption", 0.0, True, True),
        ("p", 0.0, True, False),
        ("div", 0.0, False, False),
    ]


def test_the_tree_and_the_parse_events_give_the_same_shapes():
    assert render_tree(parse_page(SHAPED_PAGE), SHAPED_PAGE).shapes == render_html(SHAPED_PAGE).shapes


def test_a_pre_block_keeps_its_lines_and_indentation_as_a_fenced_code_block():
    markup = "<p>Read it line by line:</p><pre><code>for line in handle:\n    print(line)\n\ndone()\n</code></pre><p>That is all.</p>"
    rendered = render_tree(parse_page(markup), markup)
    assert rendered.text == "Read it line by line:\n\n```\nfor line in handle:\n    print(line)\ndone()\n```\n\nThat is all.\n"
    assert len(rendered.shapes) == 3 and rendered.shapes[1].tag == "pre"
    assert render_html(markup).text == rendered.text


def test_a_pre_block_that_holds_a_fence_of_its_own_keeps_its_lines_unfenced():
    markup = "<pre>```python\nprint(1)\n```</pre>"
    assert render_html(markup).text == "```python\nprint(1)\n```\n"


def test_the_parsed_tree_holds_lxml_html_elements_that_the_extractors_read():
    """Every element, a form's and a copy's too, answers ``text_content`` as trafilatura and its readability call it."""
    tree = parse_page("<html><body><form><label>Name <input name='q'></label></form><p>Kept text.</p></body></html>")
    elements = list(tree.iter())
    assert all(isinstance(element, lxml.html.HtmlElement) for element in elements)
    assert tree.find(".//form").text_content() == "Name "
    assert all(isinstance(element, lxml.html.HtmlElement) for element in copy.deepcopy(tree).iter())
