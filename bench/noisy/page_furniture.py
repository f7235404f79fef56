"""What a PDF prints on every page around the text: headers, footers, page numbers, OCR debris.

One ``Publication`` per document fixes the running header, the publisher's
name and URL and the page-number format, the way a real report repeats them;
which of them appear, and where, varies between documents.
"""

from __future__ import annotations

import random
import string
import unicodedata
from dataclasses import dataclass

from bench.noisy.model import Line, tokens_of
from bench.noisy.profiles import seeded_faker

RUNNING_HEADER = "running_header"
PAGE_NUMBER = "page_number"
PUBLISHER_FOOTER = "publisher_footer"
OCR_GARBAGE = "ocr_garbage"

_PUBLISHER_FORMS = ["{last} Research Center", "{last} Institute", "The {last} Review", "{company}", "Centre {last} d'études"]
_SERIES = ["Policy Brief", "Research Paper", "Analysis", "Working Paper No. {n}", "Report", "Occasional Paper"]
_PAGE_FORMATS = ["{n}", "- {n} -", "Page {n}", "Page {n} of {total}", "{n} | {short}", "p. {n}", "S. {n}", "[{n}]"]
_GARBAGE_CHARS = string.ascii_letters + string.digits + "|~^»«°ﬁﬂ;:,.'`_-=/\\"


@dataclass(frozen=True)
class Publication:
    """The furniture one document repeats on its pages."""

    publisher: str
    url: str
    header: str
    page_format: str
    total_pages: int
    header_on: bool
    footer_on: bool
    number_at_top: bool
    garbage_rate: float

    def head_lines(self, page: int, rng: random.Random) -> list[Line]:
        lines = []
        if self.header_on:
            lines.append(Line(tokens_of(self.header, RUNNING_HEADER)))
        if self.number_at_top:
            lines.append(self._page_number(page))
        return lines

    def foot_lines(self, page: int, rng: random.Random) -> list[Line]:
        lines = []
        if rng.random() < self.garbage_rate:
            lines.append(Line(tokens_of(garbage_line(rng), OCR_GARBAGE)))
        if self.footer_on:
            if rng.random() < 0.5:
                lines.append(Line(tokens_of(f"{self.publisher} {rng.choice(['|', '·', ' '])} {self.url}", PUBLISHER_FOOTER)))
            else:
                lines += [Line(tokens_of(self.publisher, PUBLISHER_FOOTER)), Line(tokens_of(self.url, PUBLISHER_FOOTER))]
        if not self.number_at_top:
            lines.append(self._page_number(page))
        if rng.random() < self.garbage_rate:
            lines.append(Line(tokens_of(garbage_line(rng), OCR_GARBAGE)))
        return lines

    def _page_number(self, page: int) -> Line:
        short = self.publisher.split()[0]
        return Line(tokens_of(self.page_format.format(n=page, total=self.total_pages, short=short), PAGE_NUMBER))


def publication(rng: random.Random, title: str, total_pages: int) -> Publication:
    fake = seeded_faker(rng, rng.choice(["en_US", "en_GB", "fr_FR", "de_DE"]))
    publisher = rng.choice(_PUBLISHER_FORMS).format(last=fake.last_name(), company=fake.company())
    ascii_name = unicodedata.normalize("NFKD", publisher.lower()).encode("ascii", "ignore").decode()
    domain = "".join(ch for ch in ascii_name if ch.isalnum())[:14]
    url = rng.choice(["www.{d}.{tld}", "https://{d}.{tld}", "{d}.{tld}/research", "https://www.{d}.{tld}/"]).format(
        d=domain, tld=rng.choice(["org", "net", "com", "eu", "de", "fr"])
    )
    short_title = " ".join(title.split()[: rng.randint(3, 6)])
    header = rng.choice([
        short_title,
        f"{rng.choice(_SERIES).format(n=rng.randint(2, 40))} | {rng.choice(['March', 'June', 'Autumn', 'December'])} {rng.randint(2015, 2025)}",
        f"{publisher} — {short_title}",
    ])
    return Publication(
        publisher=publisher,
        url=url,
        header=header,
        page_format=rng.choice(_PAGE_FORMATS),
        total_pages=total_pages,
        header_on=rng.random() < 0.7,
        footer_on=rng.random() < 0.8,
        number_at_top=rng.random() < 0.3,
        garbage_rate=rng.choice([0.0, 0.3, 0.6]),
    )


def garbage_line(rng: random.Random) -> str:
    """A line of scanner debris: short runs of letters, digits and stray marks, rarely a word."""
    pieces = []
    for _ in range(rng.randint(2, 7)):
        length = rng.choice([1, 1, 2, 3, 5, 6])
        pieces.append("".join(rng.choice(_GARBAGE_CHARS) for _ in range(length)))
    return " ".join(pieces)
