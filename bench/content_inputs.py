"""The inputs of the content-loss benchmark: real text nobody on the team wrote, in six kinds.

- *Markdown*: the dev-set pages' articles as trafilatura writes them in Markdown
  (tables, formatting and links kept), under their page title as a ``#``
  heading; and the Markdown documents shipped inside the installed packages.
- *reStructuredText*: the ``.rst`` documents shipped inside the installed packages,
  and the packages' descriptions written in it (their metadata's
  ``Description-Content-Type`` says ``text/x-rst``), as ``.rst`` files.
- *Born-digital PDF*: dev-set gold bodies of Latin script printed with
  :mod:`bench.printed_pdfs` in seven layouts (single, 1.5 and double spacing,
  one and two columns; and class manuals with listings of the LaTeX source
  that installed packages ship).
- *Non-Latin script*: the dev-set pages whose gold body is mostly in another
  writing system, both as HTML and their gold body as a ``.txt`` file.
- *Plain prose*: every other gold body as a ``.txt`` file.
- *Typed text wrapped at a column*: the help topics Python ships (``pydoc_data``,
  its language reference set at 70 columns, grammar and examples included) and
  the licence texts of the system (``/usr/share/common-licenses`` on Debian), as
  ``.txt`` files: text no scanner read, whose lines end at a column. With them
  the system's packages' copyright files, and the plain-text documents a package
  ships beside it (its README, NEWS, TODO, AUTHORS, ``*.txt``...: release notes
  and lists of changes typed at 72 to 80 columns), and a sample of the system's
  manual pages as ``man`` prints them.

Every input carries the text whose words should all survive cleaning (its
``body``). Which documents are taken is decided by a seeded shuffle, so a
``--limit`` run is a fixed sample; each document keeps the dev set's fixed half
(:func:`bench.devset_pages.half_of` of its id, for package files of their path).
"""

from __future__ import annotations

import gzip
import os
import random
import re
import shutil
import subprocess
import sysconfig
from collections.abc import Iterator
from dataclasses import dataclass, replace
from pathlib import Path

from bench.devset_pages import DEVSETS, Page, half_of, load_pages
from bench.printed_pdfs import MONO, Block, Layout, print_pdf, printable
from bench.writing_systems import LATIN, main_script

MARKDOWN = "Markdown"
RST = "reStructuredText"
PDF = "born-digital PDF"
NON_LATIN = "non-Latin script"
PROSE = "plain prose"
TYPED = "typed text wrapped at a column"
KINDS = (MARKDOWN, RST, PDF, NON_LATIN, PROSE, TYPED)
# Where Debian keeps the licence texts it ships; absent elsewhere, the help topics remain.
SYSTEM_LICENCES = Path("/usr/share/common-licenses")
# Each package's copyright file: most in Debian's machine-readable format (fields), older ones as prose.
SYSTEM_COPYRIGHTS = Path("/usr/share/doc")
DEVSET_NAMES = ("article-extraction-benchmark", "web-pages-extra")
# A gold body shorter than this is a caption or a stub, not a document to measure.
MIN_WORDS = 30
# PDFs print the first paragraphs of a gold body up to this many words (a few pages
# at double spacing), so that one long article does not weigh as much as ten.
PDF_MAX_WORDS = 600
LAYOUTS = (
    *(Layout(spacing, columns) for columns in (1, 2) for spacing in ("single", "1.5", "double")),
    Layout("1.5", 1, listings=True),
)
LISTING_LINES = (10, 24)
# Running headers, in the style of report series; furniture, not body.
HEADERS = ("Working Paper Series · No. {n}", "Technical Report TR-{n}", "Annual Review · Volume {n}", "Policy Brief {n}")
# Section 1 of the system's manual, printed by ``man``: typed text set by groff at 80 columns,
# its options indented under their names. A sample of this many pages of at least this many words.
SYSTEM_MANUALS = Path("/usr/share/man/man1")
MANUAL_PAGES = 100
MIN_MANUAL_WORDS = 150
# A page's command family: its name up to the first dot, dash or underscore.
COMMAND_FAMILY = re.compile(r"[^._-]*")
# groff's hyphen where it broke a word at a line's end, and the next line's indentation.
GROFF_HYPHENATION = re.compile(r"\u2010\n[ \t]*")
# The plain-text documents of a package's folder, beside its copyright file (which has its own route); a
# folder's subfolders (examples, API references) hold code and generated pages.
PACKAGE_DOCUMENT = re.compile(
    r"(?i)^(?:readme|news|todo|authors|thanks|faq|announce|features|usage|changes|whatsnew|bugs|history)(?:\.txt)?$"
    r"|\.txt$"
)
SKIPPED_MARKDOWN = re.compile(r"(?i)(licen[cs]e|copying|notice|authors)[^/]*\.md$")


@dataclass(frozen=True)
class Furniture:
    """What a printed document adds around its body: the running header on each page, the page numbers."""

    header: str
    pages: int


@dataclass(frozen=True)
class Input:
    """One document to clean: its bytes as a file, and the body whose words it must keep."""

    kind: str
    route: str  # how it reaches ingest, e.g. "dev-set article via trafilatura" or a PDF layout
    doc_id: str
    half: str
    suffix: str
    data: bytes
    body: str
    script: str = LATIN
    furniture: Furniture | None = None


def dev_pages(devsets: Path = DEVSETS) -> list[Page]:
    """The pages of both dev sets whose gold body has at least ``MIN_WORDS`` words."""
    pages = [page for name in DEVSET_NAMES for page in load_pages(devsets / name)]
    return [page for page in pages if len(page.gold.split()) >= MIN_WORDS]


def _uncached(page: Page) -> Page:
    """A copy of ``page`` whose HTML, once read, goes when the copy does (the list of pages would keep it)."""
    return replace(page)


def _sample(items: list, limit: int | None, seed: int, kind: str) -> list:
    chosen = list(items)
    random.Random(f"{seed}:{kind}").shuffle(chosen)
    return chosen if limit is None else chosen[:limit]


def markdown_inputs(pages: list[Page], limit: int | None, seed: int) -> Iterator[Input]:
    """Dev-set articles in trafilatura's Markdown, then the Markdown documents of installed packages."""
    import trafilatura

    candidates: list[tuple[str, object]] = [("page", page) for page in pages]
    candidates += [("package", path) for path in package_files(("*.md",), SKIPPED_MARKDOWN)]
    for origin, item in _sample(candidates, limit, seed, MARKDOWN):
        if origin == "page":
            page = _uncached(item)
            text = trafilatura.extract(
                page.html, output_format="markdown", include_tables=True, include_formatting=True, include_links=True
            )
            if not text or len(text.split()) < MIN_WORDS:
                continue
            title = trafilatura.extract_metadata(page.html).title
            if title and not text.lstrip().startswith("#"):
                text = f"# {title}\n\n{text}"
            yield Input(MARKDOWN, "dev-set article via trafilatura", page.page_id, page.half, ".md", text.encode(), text)
        else:
            path, name = item
            text = path.read_text(encoding="utf-8", errors="replace")
            if len(text.split()) < MIN_WORDS:
                continue
            yield Input(MARKDOWN, "package documentation", name, half_of(name), ".md", text.encode(), text)


def rst_inputs(limit: int | None, seed: int) -> Iterator[Input]:
    """The reStructuredText documents and package descriptions of the installed packages."""
    documents = [
        (name, "package documentation", path.read_text(encoding="utf-8", errors="replace"))
        for path, name in package_files(("*.rst", "*.rest"))
    ]
    documents += [(f"{name} (description)", "package description", text) for name, text in _rst_descriptions()]
    for name, route, text in _sample(documents, limit, seed, RST):
        if len(text.split()) >= MIN_WORDS:
            yield Input(RST, route, name, half_of(name), ".rst", text.encode(), text)


def _rst_descriptions() -> list[tuple[str, str]]:
    """Each installed distribution's long description, where its metadata says it is reStructuredText."""
    from importlib.metadata import distributions

    found = {}
    for distribution in distributions():
        metadata = distribution.metadata
        if (metadata.get("Description-Content-Type") or "").startswith("text/x-rst"):
            text = metadata.get_payload() or metadata.get("Description") or ""
            found[metadata["Name"].lower()] = text
    return sorted(found.items())


def package_files(patterns: tuple[str, ...], skipped: re.Pattern[str] | None = None) -> list[tuple[Path, str]]:
    """Files of the installed packages matching ``patterns``, with their path below site-packages."""
    root = Path(sysconfig.get_paths()["purelib"])
    found = []
    for pattern in patterns:
        for path in root.rglob(pattern):
            name = path.relative_to(root).as_posix()
            if ".dist-info/" in name or (skipped and skipped.search(name)):
                continue
            found.append((path, name))
    return sorted(found, key=lambda item: item[1])


def pdf_inputs(pages: list[Page], limit: int | None, seed: int) -> Iterator[Input]:
    """Gold bodies of Latin script printed in each layout in turn; class manuals get LaTeX listings."""
    candidates = [p for p in pages if main_script(p.gold) == LATIN and printable(p.gold)]
    latex = [text.splitlines() for path, _ in package_files(("*.tex", "*.sty", "*.cls")) if (text := _read(path))]
    for index, page in enumerate(_sample(candidates, limit, seed, PDF)):
        rng = random.Random(f"{seed}:{page.page_id}")
        layout = LAYOUTS[index % len(LAYOUTS)]
        body = [Block(paragraph) for paragraph in _leading_paragraphs(page.gold, PDF_MAX_WORDS)]
        if layout.listings and latex:
            for position in range(len(body) - 1, 0, -3)[:2]:
                body.insert(position, Block(_listing(rng.choice(latex), rng), listing=True))
        header = rng.choice(HEADERS).format(n=rng.randint(2, 60))
        printed = print_pdf(body, layout, header)
        text = "\n\n".join(block.text for block in body)
        yield Input(PDF, layout.name, page.page_id, page.half, ".pdf", printed.data, text, LATIN, Furniture(header, printed.pages))


def _read(path: Path) -> str:
    return _printable_text(path.read_bytes())


def _printable_text(data: bytes) -> str:
    text = data.decode("utf-8", errors="replace")
    return text if printable(text, MONO) else ""


def _leading_paragraphs(gold: str, max_words: int) -> list[str]:
    """The gold body's first paragraphs, each on one line, up to ``max_words`` words (at least one)."""
    chosen: list[str] = []
    words = 0
    for block in re.split(r"\n\s*\n", gold):
        paragraph = " ".join(block.split())
        if not paragraph:
            continue
        if chosen and words + len(paragraph.split()) > max_words:
            break
        chosen.append(paragraph)
        words += len(paragraph.split())
    return chosen


def _listing(lines: list[str], rng: random.Random) -> str:
    """A run of consecutive non-blank source lines, as a manual quotes a stretch of code."""
    code = [line.expandtabs(4).rstrip() for line in lines if line.strip()]
    length = min(len(code), rng.randint(*LISTING_LINES))
    start = rng.randrange(len(code) - length + 1)
    return "\n".join(code[start : start + length])


def non_latin_inputs(pages: list[Page], limit: int | None, seed: int) -> Iterator[Input]:
    """Pages mostly in another writing system: the HTML page, and its gold body as a ``.txt`` file."""
    chosen = _sample([p for p in pages if main_script(p.gold) != LATIN], limit, seed, NON_LATIN)
    for page in sorted(map(_uncached, chosen), key=lambda p: p.page_id):
        script = main_script(page.gold)
        yield Input(NON_LATIN, "HTML page", page.page_id, page.half, ".html", page.html_bytes, page.gold, script)
        yield Input(NON_LATIN, "gold body as .txt", page.page_id, page.half, ".txt", page.gold.encode(), page.gold, script)


def prose_inputs(pages: list[Page], limit: int | None, seed: int) -> Iterator[Input]:
    """Every gold body of Latin script as a ``.txt`` file."""
    for page in _sample([p for p in pages if main_script(p.gold) == LATIN], limit, seed, PROSE):
        yield Input(PROSE, "gold body as .txt", page.page_id, page.half, ".txt", page.gold.encode(), page.gold)


def typed_inputs(limit: int | None, seed: int) -> Iterator[Input]:
    """Python's help topics, the system's licence texts and its packages' copyright files, each as a ``.txt`` file."""
    from pydoc_data.topics import topics

    documents = [(f"python-help/{name}", text) for name, text in sorted(topics.items())]
    if SYSTEM_LICENCES.is_dir():
        documents += [
            (f"licence/{path.name}", _read(path)) for path in sorted(SYSTEM_LICENCES.iterdir()) if path.is_file() and not path.is_symlink()
        ]
    documents += _copyright_files() + _package_documents()
    routes = {
        "python-help": "Python help topic",
        "licence": "licence text",
        "copyright": "package copyright file",
        "package-doc": "package's README, NEWS...",
        "man": "manual page as man prints it",
    }
    typed = [(name, text, text) for name, text in documents] + list(_manual_pages(seed))
    for name, text, body in _sample(typed, limit, seed, TYPED):
        if len(text.split()) >= MIN_WORDS:
            yield Input(TYPED, routes[name.split("/", 1)[0]], name, half_of(name), ".txt", text.encode(), body)


def _manual_pages(seed: int) -> Iterator[tuple[str, str, str]]:
    """``MANUAL_PAGES`` of the system's section 1 pages, as ``man`` prints them at 80 columns, and their body.

    One page of a command family at most (``git``, ``gcloud``: a cloud SDK ships
    thousands of pages of one template).

    The body joins the words groff hyphenated at a line's end (its U+2010 hyphen):
    cleaning rightly joins them too. Absent ``man``, none.
    """
    if shutil.which("man") is None or not SYSTEM_MANUALS.is_dir():
        return
    families: dict[str, list[Path]] = {}
    for path in sorted(SYSTEM_MANUALS.iterdir()):
        families.setdefault(COMMAND_FAMILY.match(path.name).group(), []).append(path)
    rng = random.Random(f"{seed}:manual pages")
    chosen = [rng.choice(pages) for pages in families.values()]
    rng.shuffle(chosen)
    found = 0
    for path in chosen:
        if found == MANUAL_PAGES:
            return
        printed = subprocess.run(
            ["man", "-P", "cat", "-l", str(path)], capture_output=True, env={**os.environ, "MANWIDTH": "80"}, check=False
        ).stdout.decode("utf-8", errors="replace")
        if len(printed.split()) >= MIN_MANUAL_WORDS:
            found += 1
            yield f"man/{path.name.removesuffix('.gz')}", printed, GROFF_HYPHENATION.sub("", printed)


def _package_documents() -> list[tuple[str, str]]:
    """The plain-text documents at the top of each package's folder, compressed or not, one of each text."""
    texts: dict[str, str] = {}
    for path in sorted(SYSTEM_COPYRIGHTS.glob("*/*")):
        name = path.name.removesuffix(".gz")
        if path.is_file() and not path.is_symlink() and PACKAGE_DOCUMENT.search(name):
            data = path.read_bytes()
            text = _printable_text(gzip.decompress(data) if path.suffix == ".gz" else data)
            texts.setdefault(text, f"package-doc/{path.parent.name}/{name}")
    return sorted((name, text) for text, name in texts.items() if text)


def _copyright_files() -> list[tuple[str, str]]:
    """The packages' copyright files, one of each text: a library's -dev package ships its library's."""
    texts: dict[str, str] = {}
    for path in sorted(SYSTEM_COPYRIGHTS.glob("*/copyright")):
        if path.is_file() and not path.is_symlink():
            texts.setdefault(_read(path), f"copyright/{path.parent.name}")
    return sorted((name, text) for text, name in texts.items() if text)
