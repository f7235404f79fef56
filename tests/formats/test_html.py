"""HTML pages: the whole visible text is the raw text; what is not the article is a recorded removal."""

import sys
from datetime import date, datetime

import lxml.etree
import lxml.html
import pytest

from ingest import language, load, warehouse
from ingest.decode import RejectedInput
from ingest.discover import SourceFile
from ingest.explain import explain, render_plain
from ingest.formats import extract
from ingest.formats import html as html_format
from ingest.formats.main_content import Article
from ingest.pipeline import process_file
from ingest.traced_text import TracedText

ARTICLE = [
    "The city council voted on Tuesday to extend the tram line to the northern suburbs, ending a debate that has run for almost a decade.",
    "Construction is expected to begin next spring and to last three years, according to the transport department, which will publish a full timetable in January.",
    "Residents of the northern districts have long complained that the only bus route into the centre is slow, unreliable and crowded at rush hour.",
    "Opponents argued that the cost, estimated at 240 million euros, would be better spent on repairing the existing network before building anything new.",
]
RELATED = ["Bridge closure extended to March", "New cycle lanes open on the ring road", "Parking fees to rise next year"]
NAVIGATION = ["Home", "Politics", "Transport", "Culture", "Sport"]


def page(body: str, head: str = "") -> bytes:
    meta = (
        '<meta property="og:title" content="Council extends the tram line">'
        '<meta name="author" content="Maria Keller">'
        '<meta property="article:published_time" content="2024-05-14T09:30:00Z">'
    )
    return f"<!DOCTYPE html><html><head><title>Council extends the tram line</title>{meta}{head}</head>{body}</html>".encode()


def article_markup() -> str:
    paragraphs = "".join(f"<p>{text}</p>" for text in ARTICLE)
    return f"<article><h1>Council extends the tram line</h1>{paragraphs}</article>"


def furniture_markup() -> tuple[str, str]:
    navigation = "<header><nav><ul>" + "".join(f'<li><a href="/{n.lower()}">{n}</a></li>' for n in NAVIGATION) + "</ul></nav></header>"
    related = '<div class="related"><h3>Related stories</h3><ul>' + "".join(f'<li><a href="/s/{i}">{t}</a></li>' for i, t in enumerate(RELATED)) + "</ul></div>"
    footer = "<footer><p>Copyright 2024 The Daily Example. All rights reserved.</p></footer>"
    return navigation, related + footer


def news_page() -> bytes:
    navigation, after = furniture_markup()
    return page(f"<body>{navigation}<main>{article_markup()}</main>{after}</body>")


def kept_text(data: bytes, name: str = "page.html") -> str:
    extracted = extract(data, name)
    traced = TracedText(extracted.text)
    traced.apply(extracted.markup_removals)
    return traced.text


def test_the_raw_text_is_every_visible_block_and_the_article_is_what_stays():
    extracted = extract(news_page(), "page.html")
    for text in [*ARTICLE, *RELATED, *NAVIGATION]:
        assert text in extracted.text
    kept = kept_text(news_page())
    for text in ARTICLE:
        assert text in kept
    for text in [*RELATED, "Politics", "All rights reserved"]:
        assert text not in kept


def test_what_the_extractor_dropped_is_recorded_by_whole_paragraphs():
    extracted = extract(news_page(), "page.html")
    dropped = [e for e in extracted.markup_removals if e.kind == "extractor"]
    assert dropped and {e.rule for e in dropped} <= {"trafilatura", "readability", "article_paragraphs"}
    for removal in extracted.markup_removals:
        assert removal.start == 0 or extracted.text[removal.start - 2 : removal.start] == "\n\n"
        assert extracted.text[removal.start : removal.end].endswith("\n")
    assert any(RELATED[0] in extracted.text[e.start : e.end] for e in dropped)
    assert extracted.article_chosen


@pytest.mark.parametrize("markup", [b"<html></html>", b"<html><head><style>p {}</style></head><body><script>go()</script></body></html>"])
def test_a_page_without_visible_text_is_refused_with_that_reason(markup):
    with pytest.raises(RejectedInput, match="the page has no visible text"):
        extract(markup, "empty.html")


def test_title_author_and_date_come_from_the_page():
    metadata = extract(news_page(), "page.html").metadata
    assert metadata == {"title": "Council extends the tram line", "author": "Maria Keller", "published": "2024-05-14"}


def test_a_byline_the_extractor_kept_stays_in_the_article_and_the_author_comes_from_the_markup(tmp_path):
    byline = "By Maria Keller, Transport Correspondent"
    markup = page(f"<body><article><h1>Council extends the tram line</h1><p>{byline}</p>" + "".join(f"<p>{t}</p>" for t in ARTICLE) + "</article></body>")
    (tmp_path / "story.html").write_bytes(markup)
    document = process_file(SourceFile(tmp_path / "story.html", "story.html"))
    assert byline in document.text
    assert document.author == "Maria Keller"
    assert not any(change.kind == "author" for change in document.changes)


def test_an_author_bio_the_extractor_kept_stays_and_still_fills_the_metadata(tmp_path):
    bio = "Maria Keller is a transport correspondent. She covers city hall and the regional rail network."
    markup = page("<body><article><h1>Council extends the tram line</h1>" + "".join(f"<p>{t}</p>" for t in ARTICLE) + f"<p>About the author</p><p>{bio}</p></article></body>")
    (tmp_path / "story.html").write_bytes(markup)
    document = process_file(SourceFile(tmp_path / "story.html", "story.html"))
    assert bio in document.text
    assert document.author_bio and "transport correspondent" in document.author_bio


def test_the_same_byline_in_saved_text_is_still_moved_to_the_metadata(tmp_path):
    byline = "By Maria Keller, Transport Correspondent"
    (tmp_path / "story.txt").write_text("Council extends the tram line\n\n" + byline + "\n\n" + "\n\n".join(ARTICLE) + "\n")
    document = process_file(SourceFile(tmp_path / "story.txt", "story.txt"))
    assert byline not in document.text
    assert document.author.startswith("Maria Keller")


def test_a_header_row_repeated_above_each_table_of_the_article_stays(tmp_path):
    units = ["Defensive line", "Linebackers", "Secondary"]
    tables = "".join(
        f"<h2>{unit}</h2><p>{ARTICLE[i]}</p><table><tr><th>Pos</th><th>Player</th><th>Plays</th><th>Share</th></tr>"
        + "".join(f"<tr><td>DL</td><td>Player {i}{j}</td><td>{50 + j}</td><td>{70 + j}%</td></tr>" for j in range(4))
        + "</table>"
        for i, unit in enumerate(units)
    )
    navigation, after = furniture_markup()
    (tmp_path / "snaps.html").write_bytes(page(f"<body>{navigation}<article><h1>Snap counts</h1><p>{ARTICLE[3]}</p>{tables}</article>{after}</body>"))
    document = process_file(SourceFile(tmp_path / "snaps.html", "snaps.html"))
    assert document.text.count("Pos Player Plays Share") == 3
    assert "Politics" not in document.text


def test_an_article_inside_a_form_that_wraps_the_whole_page_is_kept(tmp_path):
    navigation, after = furniture_markup()
    hidden = '<input type="hidden" name="__VIEWSTATE" value="dDwtMTA4MzE0MjEwNTs7Pg==">'
    markup = page(f'<body><form method="post" action="./story.aspx" id="form1">{hidden}{navigation}{article_markup()}{after}</form></body>')
    (tmp_path / "story.aspx.html").write_bytes(markup)
    document = process_file(SourceFile(tmp_path / "story.aspx.html", "story.aspx.html"))
    for text in ARTICLE:
        assert text in document.text


@pytest.mark.parametrize(
    "markup",
    [
        # the body's content written before </head>
        "<html><head><title>Tram</title><meta charset='utf-8'><div id='story'>{article}</div></head><body></body></html>",
        # a <body> tag opened inside <head>, which is never closed
        "<html><head><title>Tram</title><link rel='stylesheet' href='/s.css'><body>{article}</html>",
    ],
)
def test_a_body_written_inside_head_is_kept(tmp_path, markup):
    (tmp_path / "tram.html").write_text(markup.format(article=article_markup()))
    document = process_file(SourceFile(tmp_path / "tram.html", "tram.html"))
    for text in ARTICLE:
        assert text in document.text


def test_without_an_extractor_answer_the_page_furniture_goes_and_the_rest_stays(monkeypatch):
    monkeypatch.setattr(html_format, "trafilatura_article", lambda markup: None)
    monkeypatch.setattr(html_format, "readability_article", lambda markup, handed_over=False: None)
    extracted = extract(news_page(), "page.html")
    assert {(e.kind, e.rule) for e in extracted.markup_removals} == {("page_furniture", "html_nav"), ("page_furniture", "html_footer")}
    kept = kept_text(news_page())
    for text in [*ARTICLE, *RELATED]:
        assert text in kept
    assert "Politics" not in kept
    assert extracted.metadata == {}
    assert not extracted.article_chosen  # the text rules still look for the article


def test_an_extractor_answer_that_is_not_on_the_page_is_not_trusted(monkeypatch):
    unrelated = Article("Completely different words that this page never shows anywhere at all.", {"title": "Elsewhere"})
    monkeypatch.setattr(html_format, "trafilatura_article", lambda markup: unrelated)
    monkeypatch.setattr(html_format, "readability_article", lambda markup, handed_over=False: None)
    extracted = extract(news_page(), "page.html")
    assert all(e.kind == "page_furniture" for e in extracted.markup_removals)
    assert extracted.metadata == {"title": "Elsewhere"}


def asked_readability(monkeypatch, answer: Article | None) -> list[str]:
    """Replace readability-lxml with ``answer``, and record each time it is asked."""
    asked: list[str] = []

    def readability(markup: str, handed_over: bool = False) -> Article | None:
        asked.append(markup)
        return answer

    monkeypatch.setattr(html_format, "readability_article", readability)
    return asked


def test_both_extractors_are_asked_once_and_their_answers_weighed_paragraph_by_paragraph(monkeypatch):
    # trafilatura keeps the related stories as well, readability-lxml the article
    # alone: the stories are a list of links, and go.
    monkeypatch.setattr(html_format, "trafilatura_article", lambda page: Article("\n".join([*ARTICLE, *RELATED])))
    asked = asked_readability(monkeypatch, Article("\n".join(ARTICLE)))
    extracted = extract(news_page(), "page.html")
    assert len(asked) == 1
    assert {e.rule for e in extracted.markup_removals if e.kind == "extractor"} == {"article_paragraphs"}
    kept = kept_text(news_page())
    assert all(text in kept for text in ARTICLE)
    assert not any(text in kept for text in RELATED)


def test_a_paragraph_one_extractor_missed_stays_when_the_other_kept_it_among_the_article(monkeypatch):
    # trafilatura kept the article but its last paragraph, readability-lxml all of it.
    monkeypatch.setattr(html_format, "trafilatura_article", lambda page: Article("\n".join(ARTICLE[:-1])))
    asked_readability(monkeypatch, Article("\n".join(ARTICLE)))
    kept = kept_text(news_page())
    assert all(text in kept for text in ARTICLE)


def test_when_readability_has_no_answer_trafilaturas_stands(monkeypatch):
    monkeypatch.setattr(html_format, "trafilatura_article", lambda page: Article("\n".join(ARTICLE[:2])))
    asked_readability(monkeypatch, None)
    extracted = extract(news_page(), "page.html")
    assert {e.rule for e in extracted.markup_removals if e.kind == "extractor"} == {"trafilatura"}
    kept = kept_text(news_page())
    assert ARTICLE[1] in kept and ARTICLE[2] not in kept


def test_when_the_weighing_keeps_nothing_trafilaturas_answer_stands(monkeypatch):
    monkeypatch.setattr(html_format, "article_paragraphs", lambda rendered, paragraphs, votes: [False] * len(paragraphs))
    extracted = extract(news_page(), "page.html")
    assert {e.rule for e in extracted.markup_removals if e.kind == "extractor"} == {"trafilatura"}
    assert all(text in kept_text(news_page()) for text in ARTICLE)


def test_readability_is_not_asked_about_a_page_unwrapped_for_its_depth(monkeypatch):
    asked = asked_readability(monkeypatch, Article("\n".join(ARTICLE)))
    deep = "<div>" * 300 + "".join(f"<p>{text}</p>" for text in ARTICLE) + "</div>" * 300
    extract(page(f"<body>{deep}</body>"), "page.html")
    assert not asked


@pytest.mark.parametrize("container", ["header", "aside", "form"])
def test_an_article_the_extractor_kept_inside_furniture_elements_is_not_lost(tmp_path, container):
    navigation, after = furniture_markup()
    markup = page(f"<body>{navigation}<{container} class='story'>{article_markup()}</{container}>{after}</body>")
    (tmp_path / "story.html").write_bytes(markup)
    document = process_file(SourceFile(tmp_path / "story.html", "story.html"))
    for text in ARTICLE:
        assert text in document.text
    assert "Politics" not in document.text


def test_the_page_is_parsed_once_for_the_rendering_and_trafilatura(monkeypatch):
    seen = []
    original = html_format.trafilatura_article
    monkeypatch.setattr(html_format, "trafilatura_article", lambda page: seen.append(page) or original(page))
    extract(news_page(), "page.html")
    assert len(seen) == 1 and not isinstance(seen[0], str)  # the lxml tree, not the markup again


def test_explain_shows_what_the_extractor_dropped(tmp_path):
    (tmp_path / "news.html").write_bytes(news_page())
    document = process_file(SourceFile(tmp_path / "news.html", "news.html"))
    assert (document.title, document.author, document.published) == ("Council extends the tram line", "Maria Keller", date(2024, 5, 14))
    con = warehouse.connect(tmp_path / "w.duckdb")
    try:
        load.write_documents(con, [document], "run-1", "v1", datetime(2026, 1, 2))
        assert con.execute("SELECT title, author, published FROM documents").fetchone() == (
            "Council extends the tram line", "Maria Keller", date(2024, 5, 14),
        )
        plain = render_plain(explain(con, "news.html"))
    finally:
        con.close()
    assert f"[-Related stories\n\n{RELATED[0]}" in plain
    assert "{extractor/article_paragraphs}" in plain
    assert f"{ARTICLE[0]}\n\n" in plain and f"[-{ARTICLE[0]}" not in plain


@pytest.mark.parametrize("element", ["header", "aside", "nav"])
def test_an_article_set_inside_structural_furniture_is_kept_when_the_extractor_kept_it(tmp_path, element):
    """Some sites set the whole story in a <header> or an <aside>: what the extractor kept of it is prose, and stays."""
    markup = page(f"<body><{element}>{article_markup()}</{element}><footer><p>Contact us</p></footer></body>")
    (tmp_path / "story.html").write_bytes(markup)
    document = process_file(SourceFile(tmp_path / "story.html", "story.html"))
    for text in ARTICLE:
        assert text in document.text
    assert document.review_reason is None  # kept by the extractor's choice, not rescued by the body-loss guard


def test_the_page_is_parsed_once_by_lxml_for_the_rendering_the_extractor_and_the_metadata(monkeypatch):
    """Every lxml entry point any module imported counts its calls on the page's own markup.

    The extractors' own outputs (the summary readability-lxml writes and reads
    back) are smaller than the page and are not counted.
    """
    data = news_page()
    parses: list[int] = []
    entry_points = {
        id(function): function
        for function in (lxml.html.fromstring, lxml.html.document_fromstring, lxml.etree.fromstring, lxml.etree.HTML, lxml.etree.parse)
    }

    inside: list[bool] = []  # one lxml entry point calls another: only the outermost call counts

    def counting(function):
        def parse(markup, *args, **kwargs):
            if not inside and isinstance(markup, (str, bytes)) and len(markup) >= len(data) // 2:
                parses.append(len(markup))
            inside.append(True)
            try:
                return function(markup, *args, **kwargs)
            finally:
                inside.pop()

        return parse

    for module in list(sys.modules.values()):
        for name, value in list(getattr(module, "__dict__", {}).items()):
            if id(value) in entry_points and value is entry_points[id(value)]:
                monkeypatch.setattr(module, name, counting(value))
    extracted = extract(data, "page.html")
    assert extracted.metadata["author"] == "Maria Keller"  # the metadata was read
    assert "article_paragraphs" in {removal.rule for removal in extracted.markup_removals}  # and the article chosen
    assert len(parses) == 1


def test_a_web_page_whose_clean_text_is_its_article_has_its_language_detected_once(tmp_path, monkeypatch):
    """Cleaning guessed on the text the format kept; the clean text is that text, so the guess stands."""
    detections: list[str] = []

    def counted(detect):
        def detect_and_count(text):
            detections.append(text)
            return detect(text)

        return detect_and_count

    # cleaning and the pipeline both look the function up on the module when they call it
    monkeypatch.setattr(language, "detect_language", counted(language.detect_language))
    (tmp_path / "tram.html").write_bytes(news_page())
    document = process_file(SourceFile(tmp_path / "tram.html", "tram.html"))
    assert document.language == "en"
    assert len(detections) == 1
    assert "Politics" not in detections[0]  # made on the article, not on the page's menus


def test_code_on_a_page_keeps_its_lines_and_indentation_through_cleaning(tmp_path):
    code = 'with open("data.txt") as handle:\n    for line in handle:\n        print(line.rstrip())'
    body = (
        "<article><h1>Reading a file in Python</h1>"
        "<p>Python's built-in open function returns a file object; iterating over it yields the file's lines "
        "one at a time, so even a very large file never has to fit in memory at once.</p>"
        f"<pre><code>{code}\n</code></pre>"
        "<p>The with statement closes the file when the block ends, even when an exception is raised inside it, "
        "which is why it is the usual way to read files in modern Python code.</p></article>"
    )
    (tmp_path / "code.html").write_bytes(page(f"<body><nav><a href='/'>Home</a></nav>{body}</body>"))
    document = process_file(SourceFile(tmp_path / "code.html", "code.html"))
    assert f"```\n{code}\n```" in document.text


CAPTION = "Workers lay the first rails of the northern extension near the depot on Monday morning, watched by residents."


def test_a_figure_caption_the_extractors_kept_goes_with_a_caption_record():
    """A caption is written beside the article, not in it, even when it is a sentence and an extractor kept it."""
    figure = f'<figure><img src="/rails.jpg" alt=""><figcaption>{CAPTION} Photo: J. Berg</figcaption></figure>'
    body = article_markup().replace(f"<p>{ARTICLE[1]}</p>", f"<p>{ARTICLE[1]}</p>{figure}")
    markup = page(f"<body><main>{body}</main></body>")
    extracted = extract(markup, "page.html")
    captions = [e for e in extracted.markup_removals if e.kind == "caption"]
    assert [extracted.text[e.start : e.end].strip() for e in captions] == [f"{CAPTION} Photo: J. Berg"]
    assert {e.rule for e in captions} == {"html_figure"}
    kept = kept_text(markup)
    assert CAPTION not in kept
    for text in ARTICLE:
        assert text in kept


def test_a_story_told_inside_figures_is_not_taken_for_captions():
    """A page that wraps its article in a figure (a photo story, a comic's transcript) keeps it."""
    story = "".join(f"<figure><img src='/{i}.jpg'><figcaption>{text}</figcaption></figure>" for i, text in enumerate(ARTICLE))
    markup = page(f"<body><main><h1>Council extends the tram line</h1>{story}</main></body>")
    extracted = extract(markup, "page.html")
    assert not [e for e in extracted.markup_removals if e.kind == "caption"]
    kept = kept_text(markup)
    for text in ARTICLE:
        assert text in kept
