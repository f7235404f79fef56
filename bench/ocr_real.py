"""OCR repair measured on real OCR output: page images of real prose, read back by Tesseract.

    python bench/ocr_real.py --texts 40 --output bench/results/ocr_real.md

The team's noise generator (``bench/quality.py``) damages text the way its authors
imagined OCR does; this benchmark lets an OCR engine do the damage. Clean
article bodies (the gold bodies of the article-extraction dev set: real prose
nobody on the team wrote) are laid out on pages with a running header in
capitals (a series name and an issue number) and a page number, rendered at a
few fonts and sizes, degraded (blur, noise, skew, low resolution), and read
back with Tesseract. The word error rate of the raw OCR text and of
``ingest``'s cleaned text is measured against the words that were printed;
running headers and page numbers are not body words, so leaving them in
counts as errors too.

Also reported: every body word the OCR read right and cleaning made wrong
(the target is none), a sample of the word repairs ``ingest`` recorded,
with the printed word beside each, for checking by hand, and every word
repair cleaning makes on the gold bodies as written, which no OCR touched
(the target is none).

Tesseract is a development tool only, never needed by ``ingest`` itself. On
Debian: ``apt-get install -y tesseract-ocr fonts-liberation`` (DejaVu fonts are
in ``fonts-dejavu-core``); Pillow comes with the ``bench`` extra. OCR output is
cached by page (``--cache``), so re-running after a change to the cleaning
rules costs only the cleaning.

Pages are split into the fixed tuning and reporting halves by page id
(sha256 of the id, even → tuning); both are reported.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
if str(REPO) not in sys.path:  # run as a script, Python puts bench/ first on the path, not the repository
    sys.path.insert(0, str(REPO))

from PIL import Image, ImageDraw, ImageFilter, ImageFont  # noqa: E402
from rapidfuzz.distance import Levenshtein  # noqa: E402

from bench.noisy.scoring import wer_tokens  # noqa: E402
from fpdf import FPDF  # noqa: E402

from bench.devset_pages import load_pages  # noqa: E402
from ingest.boilerplate.page_text import at_column_share, is_print  # noqa: E402
from ingest.boilerplate.text_lines import split_lines  # noqa: E402
from ingest.clean import clean_text  # noqa: E402
from ingest.formats.pdf import FORMAT as PDF_FORMAT  # noqa: E402
from ingest.language import detect_language  # noqa: E402
from ingest.rules import is_removal  # noqa: E402
from ingest.traced_text import Change  # noqa: E402

DEFAULT_DEVSET = REPO.parent / "shared" / "devsets" / "article-extraction-benchmark" / "ground-truth.json"
DEFAULT_CACHE = Path.home() / ".cache" / "ingest-bench" / "ocr_real"
FONT_DIRS = [Path("/usr/share/fonts/truetype/dejavu"), Path("/usr/share/fonts/truetype/liberation")]

# Pages at 150 dots per inch (A4): half the resolution scanners use for text, which is
# where Tesseract starts to confuse glyphs the way the held-out scans show.
PAGE_WIDTH, PAGE_HEIGHT = 1240, 1754
MARGIN = 110
# Words printed per text: about two pages, so running headers and page numbers recur.
WORDS_PER_TEXT = 650
WER_CUT_TARGET = 0.60
# Series names for running headers: invented, in capitals like publishers print them.
SERIES = ["JOURNAL OF APPLIED POLICY", "THE QUARTERLY REVIEW", "REGIONAL AFFAIRS BULLETIN", "ARCHIVE OF MODERN HISTORY"]
REPAIR_KINDS_SAMPLED = ("glyph", "hyphenation", "spelling")
MISSING = "(missing)"
# Changes listed whole: the rules that act on OCR evidence alone, whose every act on real
# OCR output a reader should be able to check (a garbage line removed, a hyphen put back).
OCR_EVIDENCE_RULES = {("remove_scanned_page_furniture", "ocr_garbage"), ("restore_lost_hyphens", "hyphenation")}


@dataclass(frozen=True)
class Variant:
    """How a text is printed and how the scan degrades it."""

    name: str
    font: str
    size: int
    blur: float  # Gaussian blur radius in pixels
    noise: float  # share of pixels flipped to speckle
    skew: float  # degrees
    downscale: float  # scanned at this fraction of the page resolution, then enlarged back


VARIANTS = [
    Variant("serif-small-blur", "DejaVuSerif.ttf", 22, 1.1, 0.0, 0.0, 1.0),
    Variant("times-speckle-skew", "LiberationSerif-Regular.ttf", 26, 0.6, 0.003, 0.8, 1.0),
    Variant("sans-lowres", "LiberationSans-Regular.ttf", 24, 0.3, 0.0, 0.3, 0.6),
    Variant("times-small-lowres", "LiberationSerif-Regular.ttf", 24, 0.5, 0.001, -0.5, 0.7),
]
VARIANTS_PER_TEXT = 2


@dataclass(frozen=True)
class Sample:
    """One text printed in one variant: what was printed and what Tesseract read."""

    page_id: str
    variant: str
    half: str
    printed: str  # the body words as printed, paragraphs separated by blank lines
    ocr: str


@dataclass
class Tally:
    """Word error counts of raw OCR and cleaned output against the printed words."""

    errors_before: int = 0
    errors_after: int = 0
    words: int = 0
    texts: int = 0

    def add(self, before: int, after: int, words: int) -> None:
        self.errors_before += before
        self.errors_after += after
        self.words += words
        self.texts += 1

    def cut(self) -> float:
        return 1 - self.errors_after / self.errors_before if self.errors_before else 0.0

    def row(self, label: str) -> str:
        before = self.errors_before / max(self.words, 1)
        after = self.errors_after / max(self.words, 1)
        return f"| {label} | {self.texts} | {self.words} | {before:.2%} | {after:.2%} | {self.cut():.1%} |"


def half_of(page_id: str) -> str:
    """The fixed split of the dev set: even sha256 → tuning half."""
    return "tuning" if int(hashlib.sha256(page_id.encode()).hexdigest(), 16) % 2 == 0 else "reporting"


def load_texts(path: Path, count: int) -> list[tuple[str, str]]:
    """``count`` English gold bodies in page-id order, each cut to about ``WORDS_PER_TEXT`` words at a paragraph end."""
    gold = json.loads(path.read_text(encoding="utf-8"))
    texts = []
    for page_id in sorted(gold):
        body = _first_words(gold[page_id]["articleBody"], WORDS_PER_TEXT)
        # A short body makes a page of header and footer; Tesseract's English model reads
        # English only (other scripts come out as garbage no repair could undo).
        if len(body.split()) >= 150 and detect_language(body).language == "en":
            texts.append((page_id, body))
        if len(texts) == count:
            break
    return texts


def _first_words(body: str, limit: int) -> str:
    paragraphs, words = [], 0
    for paragraph in (" ".join(p.split()) for p in body.split("\n")):
        if not paragraph:
            continue
        paragraphs.append(paragraph)
        words += len(paragraph.split())
        if words >= limit:
            break
    return "\n\n".join(paragraphs)


def render_pages(body: str, variant: Variant, header: str) -> list[Image.Image]:
    """The body laid out on pages: header in capitals on top, page number at the foot, words hyphenated at line ends."""
    font = ImageFont.truetype(str(_font_path(variant.font)), variant.size)
    small = ImageFont.truetype(str(_font_path(variant.font)), int(variant.size * 0.8))
    line_height = int(variant.size * 1.35)
    width = PAGE_WIDTH - 2 * MARGIN
    lines: list[str] = []
    for paragraph in body.split("\n\n"):
        lines.extend(_wrap(paragraph, font, width))
        lines.append("")
    per_page = (PAGE_HEIGHT - 2 * MARGIN - 3 * line_height) // line_height
    pages = []
    for number, start in enumerate(range(0, len(lines), per_page), start=1):
        page = Image.new("L", (PAGE_WIDTH, PAGE_HEIGHT), 255)
        draw = ImageDraw.Draw(page)
        draw.text((MARGIN, MARGIN - 2 * line_height), header, font=small, fill=0)
        for row, line in enumerate(lines[start : start + per_page]):
            draw.text((MARGIN, MARGIN + row * line_height), line, font=font, fill=0)
        draw.text((PAGE_WIDTH // 2, PAGE_HEIGHT - MARGIN + line_height), str(number), font=small, fill=0)
        pages.append(page)
    return pages


def _wrap(paragraph: str, font: ImageFont.FreeTypeFont, width: int) -> Iterator[str]:
    """Greedy line filling; a long word that does not fit is hyphenated, as typesetters do."""
    line = ""
    for word in paragraph.split():
        candidate = f"{line} {word}" if line else word
        if font.getlength(candidate) <= width:
            line = candidate
            continue
        head, tail = _hyphenate(line, word, font, width)
        if head:
            yield f"{line} {head}-"
            line = tail
        else:
            yield line
            line = word
    if line:
        yield line


def _hyphenate(line: str, word: str, font: ImageFont.FreeTypeFont, width: int) -> tuple[str, str]:
    """The longest head of an alphabetic word (3+ letters each side, after a vowel) that fits the line."""
    if not word.isalpha() or len(word) < 7 or not line:
        return "", word
    for cut in range(len(word) - 3, 2, -1):
        if word[cut - 1] in "aeiouy" and font.getlength(f"{line} {word[:cut]}-") <= width:
            return word[:cut], word[cut:]
    return "", word


def _font_path(name: str) -> Path:
    for directory in FONT_DIRS:
        if (directory / name).exists():
            return directory / name
    raise SystemExit(f"font {name} not found: apt-get install -y fonts-dejavu-core fonts-liberation")


def degrade(page: Image.Image, variant: Variant, rng: random.Random) -> Image.Image:
    """A scan of the page: skewed, scanned at low resolution, blurred, speckled."""
    if variant.skew:
        page = page.rotate(variant.skew, resample=Image.Resampling.BILINEAR, fillcolor=255, expand=False)
    if variant.downscale < 1:
        small = page.resize((int(PAGE_WIDTH * variant.downscale), int(PAGE_HEIGHT * variant.downscale)), Image.Resampling.BILINEAR)
        page = small.resize((PAGE_WIDTH, PAGE_HEIGHT), Image.Resampling.BILINEAR)
    if variant.blur:
        page = page.filter(ImageFilter.GaussianBlur(variant.blur))
    if variant.noise:
        pixels = page.load()
        for _ in range(int(PAGE_WIDTH * PAGE_HEIGHT * variant.noise)):
            x, y = rng.randrange(PAGE_WIDTH), rng.randrange(PAGE_HEIGHT)
            pixels[x, y] = 255 - pixels[x, y]
    return page


def tesseract(page: Image.Image) -> str:
    """Tesseract's text of one page image (English model, automatic page segmentation)."""
    with tempfile.TemporaryDirectory() as scratch:
        image = Path(scratch) / "page.png"
        page.save(image)
        done = subprocess.run(
            ["tesseract", str(image), "stdout", "-l", "eng", "--psm", "3"],
            capture_output=True,
            text=True,
            check=True,
            env={"OMP_THREAD_LIMIT": "1", "PATH": "/usr/bin:/bin"},
        )
    return done.stdout


def ocr_sample(page_id: str, body: str, variant: Variant, cache: Path) -> Sample:
    """Print, scan and read one text in one variant; Tesseract's output is cached by what was printed."""
    rng = random.Random(f"{page_id}:{variant.name}")
    header = f"{rng.choice(SERIES)} · VOL. {rng.randint(3, 48)}, NO. {rng.randint(1, 4)}"
    key = hashlib.sha256(f"{variant}\n{header}\n{body}".encode()).hexdigest()[:24]
    cached = cache / f"{key}.txt"
    if cached.exists():
        ocr = cached.read_text(encoding="utf-8")
    else:
        pages = [degrade(page, variant, rng) for page in render_pages(body, variant, header)]
        # Tesseract ends each page with a form feed: the page boundaries a scan's text carries.
        ocr = "".join(tesseract(page) for page in pages)
        cache.mkdir(parents=True, exist_ok=True)
        cached.write_text(ocr, encoding="utf-8")
    return Sample(page_id, variant.name, half_of(page_id), body, ocr)


@dataclass(frozen=True)
class WordChange:
    """A printed word that OCR read right and cleaning changed, or a repair cleaning recorded."""

    page_id: str
    printed: str
    ocr: str
    output: str


def score(samples: list[Sample]) -> tuple[dict[str, Tally], list[WordChange], list[WordChange], list[str], float]:
    """Tallies by half and by variant, words cleaning broke, the recorded repairs, every
    garbage line and lost hyphen the OCR-evidence rules acted on; and the cleaning time."""
    tallies: dict[str, Tally] = {}
    broken: list[WordChange] = []
    repairs: list[WordChange] = []
    evidence_acts: list[str] = []
    seconds = 0.0
    for sample in samples:
        started = time.perf_counter()
        result = clean_text(sample.ocr)
        seconds += time.perf_counter() - started
        reference = wer_tokens(sample.printed)
        raw, out = wer_tokens(sample.ocr), wer_tokens(result.text)
        before, after = Levenshtein.distance(reference, raw), Levenshtein.distance(reference, out)
        for label in ("all", sample.half, sample.variant):
            tallies.setdefault(label, Tally()).add(before, after, len(reference))
        raw_words, out_words = _aligned(reference, raw), _aligned(reference, out)
        for index, word in enumerate(reference):
            if raw_words[index] == word and out_words[index] != word:
                broken.append(WordChange(sample.page_id, word, word, out_words[index] or MISSING))
        for change in result.changes:
            if change.kind in REPAIR_KINDS_SAMPLED and not is_removal(change):
                repairs.append(_repair(sample, change, reference, raw))
            if (change.rule, change.kind) in OCR_EVIDENCE_RULES:
                evidence_acts.append(_in_context(sample.ocr, change))
    return tallies, broken, repairs, evidence_acts, seconds


def _in_context(text: str, change: Change) -> str:
    """A change shown where it stands: a few characters either side, the change in brackets."""
    before, after = text[max(0, change.start - 25) : change.start], text[change.end : change.end + 25]
    return f"{change.rule}: `{before}[{change.before!r} → {change.after!r}]{after}`".replace("\n", " ")


def _aligned(reference: list[str], words: list[str]) -> list[str | None]:
    """For each reference word, the word aligned with it one for one, if any."""
    partner: list[str | None] = [None] * len(reference)
    for source, target in _pairs(reference, words):
        partner[source] = words[target]
    return partner


def _pairs(reference: list[str], words: list[str]) -> Iterator[tuple[int, int]]:
    """Index pairs of the words an alignment matches one for one (equal, or replaced one by one)."""
    for op in Levenshtein.opcodes(reference, words):
        if op.tag in ("equal", "replace") and op.src_end - op.src_start == op.dest_end - op.dest_start:
            yield from zip(range(op.src_start, op.src_end), range(op.dest_start, op.dest_end))


def _repair(sample: Sample, change: Change, reference: list[str], raw: list[str]) -> WordChange:
    """A recorded repair: the OCR words it touched, what they became, and the printed word aligned with them."""
    start = _word_start(sample.ocr, change.start)
    end = _word_end(sample.ocr, change.end)
    touched = sample.ocr[start:end]
    repaired = sample.ocr[start : change.start] + change.after + sample.ocr[change.end : end]
    first = len(sample.ocr[:start].split())
    printed_of = {target: source for source, target in _pairs(reference, raw)}
    printed = [reference[printed_of[i]] if i in printed_of else "?" for i in range(first, first + len(touched.split()))]
    return WordChange(sample.page_id, " ".join(printed), " ".join(touched.split()), " ".join(repaired.split()))


def _word_start(text: str, position: int) -> int:
    while position > 0 and not text[position - 1].isspace():
        position -= 1
    return position


def _word_end(text: str, position: int) -> int:
    while position < len(text) and not text[position].isspace():
        position += 1
    return position


def report(
    tallies: dict[str, Tally], broken: list[WordChange], repairs: list[WordChange], evidence_acts: list[str],
    seconds: float, command: str, sample_size: int,
) -> str:
    overall = tallies["all"]
    removed = [c for c in broken if c.output == MISSING]
    broken = [c for c in broken if c.output != MISSING]
    met = "yes" if overall.cut() >= WER_CUT_TARGET and not broken else "no"
    lines = [
        "# OCR repair on real OCR output (Tesseract)",
        "",
        f"```\n{command}\n```",
        "",
        f"- texts × variants: {overall.texts}; cleaning time {seconds:.1f} s; {_tesseract_version()}",
        f"- word error rate cut: {overall.cut():.1%} (target >= {WER_CUT_TARGET:.0%}); "
        f"printed words OCR read right and a repair made wrong: {len(broken)} (target 0); met: {met}",
        f"- printed words OCR read right and boilerplate rules removed: {len(removed)}",
        "",
        "| set | texts | words | WER raw OCR | WER after ingest | cut |",
        "| --- | --- | --- | --- | --- | --- |",
    ]
    lines += [tallies[label].row(label) for label in ("all", "tuning", "reporting") if label in tallies]
    lines += [tallies[v.name].row(v.name) for v in VARIANTS if v.name in tallies]
    lines += ["", "## Words OCR read right and a repair made wrong (misalignments of garbage included)", ""]
    lines += [f"- `{c.printed}` → `{c.output}` ({c.page_id[:10]})" for c in broken] or ["none"]
    lines += ["", "## Words OCR read right and cleaning removed", ""]
    lines += [f"- `{c.printed}` ({c.page_id[:10]})" for c in removed] or ["none"]
    rng = random.Random(0)
    shown = rng.sample(repairs, min(sample_size, len(repairs)))
    lines += ["", f"## Repairs recorded: {len(repairs)}; a random sample of {len(shown)} (printed / OCR → output)", ""]
    lines += [f"- `{c.printed}` / `{c.ocr}` → `{c.output}`" for c in shown] or ["none"]
    lines += ["", f"## Every OCR-garbage line removed and lost hyphen restored: {len(evidence_acts)}", ""]
    lines += [f"- {act}" for act in evidence_acts] or ["none"]
    return "\n".join(lines) + "\n"


def repairs_on_clean_text(gold: dict[str, dict]) -> list[WordChange]:
    """Word repairs cleaning makes on every gold body as written: text no OCR touched, so each is wrong.

    The repairs must be safe on the text users bring most, web pages; their
    writers' marks, closed forms and names are no damage.
    """
    wrong = []
    for page_id in sorted(gold):
        body = gold[page_id]["articleBody"]
        for change in clean_text(body).changes:
            if change.kind in REPAIR_KINDS_SAMPLED and not is_removal(change):
                start, end = _word_start(body, change.start), _word_end(body, change.end)
                repaired = body[start : change.start] + change.after + body[change.end : end]
                wrong.append(WordChange(page_id, body[start:end], body[start:end], repaired))
    return wrong


def clean_text_report(wrong: list[WordChange], pages: int) -> str:
    lines = [
        "## Repairs made on text no OCR touched",
        "",
        f"Every gold body of the dev set ({pages} pages), cleaned as written: {len(wrong)} word repairs (target 0).",
        "",
    ]
    lines += [f"- `{c.printed}` → `{c.output}` ({c.page_id[:10]})" for c in wrong] or ["none"]
    return "\n".join(lines) + "\n"


def print_detection_report(samples: list[Sample], devset_folder: Path) -> str:
    """How far apart print and saved pages lie on the column signal, and what ``is_print`` says of each.

    The OCR repairs act on print only, and the saved-page classifier on pages
    only: each must be told from the other without page breaks.
    """
    pages = [page.visible_text for page in load_pages(devset_folder)]
    page_shares = [at_column_share(split_lines(text)) for text in pages]
    ocr_shares = [at_column_share(split_lines(sample.ocr)) for sample in samples]
    lines = [
        "## Print told from a saved page",
        "",
        "Share of lines ending near the text's column mid-sentence (`ingest.boilerplate.page_text.at_column_share`;",
        "print from 0.2):",
        "",
        "| text | count | lowest | highest | taken for print by `is_print` |",
        "| --- | --- | --- | --- | --- |",
        f"| dev-set pages, visible text | {len(pages)} | {min(page_shares):.2f} | {max(page_shares):.2f} "
        f"| {sum(map(is_print, pages))} |",
        f"| Tesseract pages | {len(samples)} | {min(ocr_shares):.2f} | {max(ocr_shares):.2f} "
        f"| {sum(is_print(sample.ocr) for sample in samples)} |",
    ]
    return "\n".join(lines) + "\n"


def _tesseract_version() -> str:
    try:
        done = subprocess.run(["tesseract", "--version"], capture_output=True, text=True, check=True)
    except (OSError, subprocess.CalledProcessError):
        return "tesseract not found"
    return done.stdout.splitlines()[0] if done.stdout else "tesseract"


class _Journal(FPDF):
    """A born-digital article: the masthead on top of every page, the page number at its foot."""

    def __init__(self, masthead: str) -> None:
        super().__init__()
        self.masthead = masthead
        self.add_font("Serif", fname=str(_font_path("DejaVuSerif.ttf")))

    def header(self) -> None:
        self.set_font("Serif", size=8)
        self.cell(0, 6, self.masthead, align="C")
        self.ln(10)

    def footer(self) -> None:
        self.set_y(-15)
        self.set_font("Serif", size=8)
        self.cell(0, 10, str(self.page_no()), align="C")


@dataclass
class PdfTally:
    """Body words kept and furniture words removed on the born-digital route."""

    body_kept: int = 0
    body_words: int = 0
    furniture_left: int = 0
    furniture_words: int = 0
    texts: int = 0


def pdf_route(texts: list[tuple[str, str]]) -> PdfTally:
    """The same texts as PDFs (two columns for every other text) through the PDF input and cleaning."""
    tally = PdfTally()
    for index, (page_id, body) in enumerate(texts):
        rng = random.Random(page_id)
        masthead = f"{rng.choice(SERIES)} · VOL. {rng.randint(3, 48)}, NO. {rng.randint(1, 4)}"
        document = _Journal(masthead)
        document.set_font("Serif", size=10)
        document.add_page()
        if index % 2:
            document.set_auto_page_break(True, margin=20)
            with document.text_columns(ncols=2, gutter=8) as columns:
                for paragraph in body.split("\n\n"):
                    columns.write(paragraph + "\n\n")
        else:
            document.multi_cell(0, 5, body.replace("\n\n", "\n"), align="J")
        extracted = PDF_FORMAT.extract(bytes(document.output()), f"{page_id}.pdf")
        output = wer_tokens(clean_text(extracted.text).text)
        reference = wer_tokens(body)
        furniture = wer_tokens(masthead) * document.pages_count + [str(n) for n in range(1, document.pages_count + 1)]
        tally.body_kept += sum(1 for _ in _equal_pairs(reference, output))
        tally.body_words += len(reference)
        tally.furniture_left += _furniture_left(reference, output, furniture)
        tally.furniture_words += len(furniture)
        tally.texts += 1
    return tally


def _equal_pairs(reference: list[str], words: list[str]) -> Iterator[int]:
    for op in Levenshtein.opcodes(reference, words):
        if op.tag == "equal":
            yield from range(op.src_start, op.src_end)


def _furniture_left(reference: list[str], output: list[str], furniture: list[str]) -> int:
    """Output words the reference does not have that are masthead or page-number words."""
    extra = []
    for op in Levenshtein.opcodes(reference, output):
        if op.tag in ("insert", "replace"):
            extra.extend(output[op.dest_start : op.dest_end])
    pool = list(furniture)
    left = 0
    for word in extra:
        if word in pool:
            pool.remove(word)
            left += 1
    return left


def pdf_report(tally: PdfTally) -> str:
    kept = tally.body_kept / max(tally.body_words, 1)
    removed = 1 - tally.furniture_left / max(tally.furniture_words, 1)
    return "\n".join(
        [
            "## Born-digital route: the same texts as PDFs through the PDF input",
            "",
            "| texts | body words kept | running headers and page numbers removed |",
            "| --- | --- | --- |",
            f"| {tally.texts} | {kept:.2%} ({tally.body_kept}/{tally.body_words}) (target >= 99.5 %) "
            f"| {removed:.2%} ({tally.furniture_words - tally.furniture_left}/{tally.furniture_words}) (target >= 98 %) |",
            "",
        ]
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--devset", type=Path, default=DEFAULT_DEVSET, help="the dev set's ground-truth.json")
    parser.add_argument("--texts", type=int, default=40, help="gold bodies to print (each in two variants)")
    parser.add_argument("--half", choices=("all", "tuning", "reporting"), default="all")
    parser.add_argument("--cache", type=Path, default=DEFAULT_CACHE, help="where Tesseract's output is kept")
    parser.add_argument("--sample", type=int, default=40, help="recorded repairs listed for checking by hand")
    parser.add_argument("--output", type=Path, help="also write the report here")
    args = parser.parse_args(argv)
    samples = []
    texts = [(page_id, body) for page_id, body in load_texts(args.devset, args.texts) if args.half in ("all", half_of(page_id))]
    for index, (page_id, body) in enumerate(texts):
        for step in range(VARIANTS_PER_TEXT):
            samples.append(ocr_sample(page_id, body, VARIANTS[(index + step) % len(VARIANTS)], args.cache))
    tallies, broken, repairs, evidence_acts, seconds = score(samples)
    command = "python bench/ocr_real.py " + " ".join(argv if argv is not None else sys.argv[1:])
    text = report(tallies, broken, repairs, evidence_acts, seconds, command.strip(), args.sample)
    text += "\n" + pdf_report(pdf_route(texts))
    gold = json.loads(args.devset.read_text(encoding="utf-8"))
    text += "\n" + clean_text_report(repairs_on_clean_text(gold), len(gold))
    text += "\n" + print_detection_report(samples, args.devset.parent)
    print(text)
    if args.output:
        args.output.write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
