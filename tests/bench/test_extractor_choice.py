"""The extractor-choice benchmark replays the HTML format's decision: the same paragraphs for the same page."""

from __future__ import annotations

from dataclasses import dataclass

from bench.extractor_choice import PageAnswers, formats_weighing
from bench.train_article_paragraphs import page_reading
from ingest.formats import html
from ingest.traced_text import TracedText

PROSE = [
    "The harbour authority agreed on Monday to rebuild the old ferry pier before the summer season begins.",
    "Work will close the northern quay for four months, and ferries will berth at the fishing harbour meanwhile.",
    "Local traders welcomed the decision but asked for clearer signs to guide visitors to the temporary berth.",
]
LINKS = ["Weather", "Tides", "Timetables", "Contact us"]
PAGE = (
    "<html><head><title>Pier to be rebuilt</title></head><body>"
    "<nav><ul>" + "".join(f'<li><a href="/{n}">{n}</a></li>' for n in LINKS) + "</ul></nav>"
    "<article><h1>Pier to be rebuilt</h1>" + "".join(f"<p>{p}</p>" for p in PROSE) + "</article>"
    "<footer><p>Harbour News, all rights reserved.</p></footer></body></html>"
).encode()


@dataclass
class FakePage:
    html_bytes: bytes


def test_the_replayed_weighing_is_the_formats():
    reading = page_reading(FakePage(PAGE))
    assert reading is not None
    replayed = formats_weighing(PageAnswers(reading, None, score=lambda kept: (0.0, 0.0, 0.0)))

    extracted = html.FORMAT.extract(PAGE, "page.html")
    traced = TracedText(reading.rendered.text)
    traced.apply(html.article_removals(reading.rendered, reading.paragraphs, replayed, "extractor"))
    made = TracedText(extracted.text)
    made.apply(extracted.markup_removals)
    assert traced.text == made.text
    assert all(p in made.text for p in PROSE)
