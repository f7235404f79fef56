import lxml.html

from ingest.formats.main_content import readability_article
from ingest.html_text import parse_page

PAGE = """<html><body><nav><a href="/">Home</a> <a href="/news">News</a></nav>
<div class="article"><p>The council met on Tuesday to weigh the new budget for the harbour district,
which has waited three years for its repairs.</p><p>Members agreed that the work should start in spring,
once the tenders are in, and that the costs would be shared with the port authority.</p></div>
<div class="sidebar"><a href="/a">Most read</a></div></body></html>"""


def test_readability_reads_a_copy_unless_the_tree_is_handed_over():
    tree = parse_page(PAGE)
    before = lxml.html.tostring(tree)
    copied = readability_article(tree)
    assert lxml.html.tostring(tree) == before  # the caller's tree is left as it was
    handed_over = readability_article(tree, handed_over=True)
    assert copied is not None and "harbour district" in copied.text
    assert handed_over == copied
