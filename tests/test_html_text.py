"""Rendering a page's visible text: blocks as paragraphs, furniture marked, nothing lost to the parser."""

from ingest.html_text import render_html


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
