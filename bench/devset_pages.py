"""The article-extraction dev set: its pages, their gold bodies, the fixed split and the scorer.

The pages are read at run time from the shared dev-set folder (never copied
into the repository). The split into a tuning half and a reporting half is
fixed for everyone by a hash of the page id, so a threshold fitted on one half
is judged on the other. The score is the benchmark's own: ``evaluate.py`` from
the dev-set folder (MIT-licensed), imported rather than re-written so that the
figures are comparable with its published table.
"""

from __future__ import annotations

import gzip
import hashlib
import importlib.util
import json
import os
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from types import ModuleType

REPO = Path(__file__).resolve().parent.parent
# The shared dev sets sit beside the repository; ``INGEST_DEVSETS`` points elsewhere
# (a second checkout of the repository, for one).
DEVSETS = Path(os.environ.get("INGEST_DEVSETS", REPO.parent / "shared" / "devsets"))
DEFAULT_DEVSET = DEVSETS / "article-extraction-benchmark"
# The second, more varied set of real pages (portals, forums, 2007 web pages, news).
WEB_PAGES_EXTRA = DEVSETS / "web-pages-extra"
TUNING = "tuning"
REPORTING = "reporting"


def half_of(page_id: str) -> str:
    """The half a page belongs to: even SHA-256 of its id is tuning, odd is reporting."""
    return TUNING if int(hashlib.sha256(page_id.encode()).hexdigest(), 16) % 2 == 0 else REPORTING


@dataclass(frozen=True)
class Page:
    """One dev-set page: its HTML, and the human-checked article body."""

    page_id: str
    html_path: Path
    gold: str
    source: str = ""  # the public benchmark a page of web-pages-extra comes from ("dragnet", ...)

    @property
    def half(self) -> str:
        return half_of(self.page_id)

    @cached_property
    def html_bytes(self) -> bytes:
        return gzip.decompress(self.html_path.read_bytes())

    @cached_property
    def html(self) -> str:
        return self.html_bytes.decode("utf-8", errors="replace")

    @cached_property
    def visible_text(self) -> str:
        """Every visible line of the page, as a scraper saving its text would keep it."""
        import html_text

        return html_text.extract_text(self.html, guess_layout=True)


def load_pages(devset: Path = DEFAULT_DEVSET, half: str | None = None) -> Iterator[Page]:
    """The dev set's pages in id order, of one half or of both."""
    truth = json.loads((devset / "ground-truth.json").read_text(encoding="utf-8"))
    for page_id in sorted(truth):
        if half is None or half_of(page_id) == half:
            entry = truth[page_id]
            yield Page(page_id, devset / "html" / f"{page_id}.html.gz", entry.get("articleBody", ""), entry.get("set", ""))


def scorer(devset: Path = DEFAULT_DEVSET) -> ModuleType:
    """The benchmark's ``evaluate.py``, imported from the dev-set folder."""
    spec = importlib.util.spec_from_file_location("article_extraction_evaluate", devset / "evaluate.py")
    if spec is None or spec.loader is None:
        raise FileNotFoundError(devset / "evaluate.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module
