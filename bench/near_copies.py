"""Labelled pages for near-duplicate detection: real articles, edited copies, hard negatives.

Built on real article bodies (the dev set's gold bodies, read at run time, and
the repository's ``bench/corpus/clean/``), each page wrapped in its outlet's
furniture and fresh page boilerplate, the way a scraper's text comes out of
cleaning with some of it left over. A round is one corpus:

- originals: an article on its outlet's page (fixed header and footer lines of
  the outlet, plus fresh byline, share bar, related links, call to action,
  author bio or caption from ``bench.noisy.boilerplate_templates``);
- copies (same ``truth`` as their original): the edits syndication and
  re-scraping make, each at a drawn strength from 0 to 1: sentences reworded
  (words replaced, dropped or swapped), two paragraphs swapped, the last
  paragraph or two dropped, typos, on a page of another (or the same) outlet
  with fresh boilerplate; some exact copies (the same text, or re-cased);
- hard negatives (their own ``truth``): the same story told by another article
  (another real body with the original's names put in, some of its phrases,
  sometimes one of its sentences and a short background paragraph); articles of the same outlet (all
  originals share a few outlets); two originals that carry the same long
  quotation (one to three paragraphs of a third article).

Articles play one role per round (original, material for a same-story
article, or quotation), so no two pages share text the labels do not know of.
The body similarity of every copy to its original is measured here on the
clean bodies, with plain Python sets of word 5-tuples, independently of the
code under test.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import random
import re
from dataclasses import dataclass
from pathlib import Path

from bench.dedup_corpus import shingle_set
from bench.noisy import boilerplate_templates as boilerplate
from bench.noisy.articles import CORPUS_DIR, Article, load_articles
from bench.noisy.model import Block
from bench.noisy.profiles import seeded_faker

DEVSET = Path(__file__).resolve().parents[2] / "shared" / "devsets" / "article-extraction-benchmark" / "ground-truth.json"
# Bodies shorter than this are left out: a near copy of a two-sentence text says
# little about an article's copies, and any two such texts are mostly shared phrasing.
MIN_ARTICLE_WORDS = 150
OUTLETS_PER_ROUND = 8
COPIES_PER_ORIGINAL = 4
EXACT_COPY_SHARE = 0.1
# Of the articles in a round: material for same-story negatives, and quotation sources.
SAME_STORY_SHARE = 0.2
QUOTATION_SHARE = 0.1
QUOTATION_WORDS = (50, 150)
# Strongest edits (strength 1): a quarter of the sentences reworded, 2 % of the words mistyped.
MAX_REWORDED_SENTENCES = 0.25
MAX_TYPO_RATE = 0.02
# A truncated copy keeps at least this share of the body's words.
MIN_KEPT_AFTER_TRUNCATION = 0.5

_SENTENCE_END = re.compile(r"(?<=[.!?…”\"])\s+(?=[A-Z“\"(])")
_NAME = re.compile(r"(?<![.!?]\s)(?<!^)\b[A-Z][a-z]{2,}(?:\s[A-Z][a-z]{2,})*")


@dataclass(frozen=True)
class Page:
    doc_id: str
    text: str
    truth: str  # the article the body is; pages of one truth are near duplicates
    kind: str  # original, exact, near, same_story
    outlet: int
    strength: float | None = None
    body_jaccard: float | None = None  # of the copy's clean body with its original's
    quotation: str | None = None  # the quotation source it carries, if any
    story_of: str | None = None  # for a same-story page: the article whose story it tells


def load_bodies(half: str, devset: Path = DEVSET) -> list[Article]:
    """Real article bodies of one half: ``tuning`` (dev set tuning half and the repository's clean corpus) or ``reporting``."""
    pages = json.loads(devset.read_text(encoding="utf-8"))
    articles = []
    for page_id in sorted(pages):
        in_tuning = int(hashlib.sha256(page_id.encode()).hexdigest(), 16) % 2 == 0
        if in_tuning != (half == "tuning"):
            continue
        paragraphs = tuple(" ".join(p.split()) for p in pages[page_id]["articleBody"].split("\n") if p.strip())
        if paragraphs:
            articles.append(Article(f"dev-{page_id}", "en", " ".join(paragraphs[0].split()[:10]), paragraphs))
    if half == "tuning":
        articles.extend(load_articles(CORPUS_DIR))
    return [a for a in articles if sum(len(p.split()) for p in a.paragraphs) >= MIN_ARTICLE_WORDS]


def round_pages(articles: list[Article], seed: int) -> list[Page]:
    """One corpus: roles drawn from the seed, pages in a shuffled arrival order."""
    rng = random.Random(seed)
    shuffled = list(articles)
    rng.shuffle(shuffled)
    n_story, n_quote = int(len(shuffled) * SAME_STORY_SHARE), int(len(shuffled) * QUOTATION_SHARE)
    material, quotations, originals = shuffled[:n_story], shuffled[n_story : n_story + n_quote], shuffled[n_story + n_quote :]
    outlets = [_outlet(rng, number) for number in range(OUTLETS_PER_ROUND)]
    bodies = {a.name: list(a.paragraphs) for a in originals}
    carried = _place_quotations(rng, quotations, bodies)
    pages: list[Page] = []
    for article in originals:
        outlet = rng.randrange(len(outlets))
        original = _page(rng, f"{seed}-{article.name}-0", bodies[article.name], outlets[outlet], originals, article)
        pages.append(Page(original.doc_id, original.text, article.name, "original", outlet, quotation=carried.get(article.name)))
        for number in range(1, COPIES_PER_ORIGINAL + 1):
            copy = _copy(rng, f"{seed}-{article.name}-{number}", article, bodies[article.name], original.text, outlets, originals)
            pages.append(dataclasses.replace(copy, quotation=carried.get(article.name)))
    for article, anchor in zip(material, rng.sample(originals, min(len(material), len(originals)))):
        outlet = rng.randrange(len(outlets))
        body = _same_story(rng, list(article.paragraphs), bodies[anchor.name])
        page = _page(rng, f"{seed}-{article.name}-story", body, outlets[outlet], originals, article)
        pages.append(Page(page.doc_id, page.text, article.name, "same_story", outlet, story_of=anchor.name))
    rng.shuffle(pages)
    return pages


@dataclass(frozen=True)
class _Outlet:
    header: list[str]
    footer: list[str]


@dataclass(frozen=True)
class _Rendered:
    doc_id: str
    text: str


def _outlet(rng: random.Random, number: int) -> _Outlet:
    """A site's own furniture: the same lines on every page of it."""
    fake = seeded_faker(rng, "en_US")
    name = f"The {fake.city()} {rng.choice(['Chronicle', 'Post', 'Herald', 'Review', 'Times', 'Dispatch', 'Observer'])}"
    sections = rng.sample(["World", "Politics", "Business", "Tech", "Science", "Sport", "Culture", "Opinion", "Local", "Climate"], 6)
    header = [name, "Home | " + " | ".join(sections) + " | Subscribe"]
    footer = [
        f"{rng.choice(['Sign up', 'Subscribe'])} to the {name} {rng.choice(['morning', 'evening', 'weekly'])} briefing for the stories that matter in {fake.city()}.",
        f"About us: {name} has covered {fake.city()} and the region since {rng.randint(1850, 2005)}, independent and reader funded.",
        f"© {rng.randint(2015, 2025)} {name} Media Group. All rights reserved. Terms of use | Privacy policy | Contact us",
    ]
    return _Outlet(header, rng.sample(footer, rng.randint(2, 3)))


def _page(rng: random.Random, doc_id: str, body: list[str], outlet: _Outlet, others: list[Article], article: Article) -> _Rendered:
    """The body between the outlet's header and footer, with one to four fresh pieces of page boilerplate."""
    name = boilerplate.author_name(rng, "en")
    makers = [
        lambda: boilerplate.byline_block(rng, name),
        lambda: boilerplate.share_cookie_blocks(rng),
        lambda: boilerplate.related_posts_blocks(rng, [o for o in others if o is not article]),
        lambda: boilerplate.call_to_action_block(rng, article),
        lambda: boilerplate.author_bio_block(rng, name),
        lambda: boilerplate.caption_blocks(rng, article),
    ]
    before, after = [], []
    for make in rng.sample(makers, rng.randint(1, 4)):
        (before if rng.random() < 0.4 else after).extend(_block_lines(block) for block in make())
    parts = [*outlet.header, *before, *body, *after, *outlet.footer]
    return _Rendered(doc_id, "\n\n".join(parts))


def _block_lines(block: Block) -> str:
    return "\n".join(line.prefix + " ".join(token.clean for token in line.tokens) for line in block.lines)


def _copy(
    rng: random.Random, doc_id: str, article: Article, body: list[str], original_text: str, outlets: list[_Outlet], others: list[Article]
) -> Page:
    if rng.random() < EXACT_COPY_SHARE:
        text = original_text if rng.random() < 0.5 else original_text.upper()
        return Page(doc_id, text, article.name, "exact", -1, 0.0, 1.0)
    strength = rng.random()
    edited = _edit(rng, body, strength)
    outlet = rng.randrange(len(outlets))
    page = _page(rng, doc_id, edited, outlets[outlet], others, article)
    return Page(doc_id, page.text, article.name, "near", outlet, strength, _body_jaccard(body, edited))


def _edit(rng: random.Random, body: list[str], strength: float) -> list[str]:
    """Syndication's edits at a strength from 0 (a fresh page only) to 1 (every kind, at its heaviest)."""
    paragraphs = [_sentences(p) for p in body]
    sentences = [(i, j) for i, p in enumerate(paragraphs) for j in range(len(p))]
    for i, j in rng.sample(sentences, round(len(sentences) * MAX_REWORDED_SENTENCES * strength * rng.random())):
        paragraphs[i][j] = _reword(rng, paragraphs[i][j], [w for p in body for w in p.split()])
    edited = [" ".join(p) for p in paragraphs]
    if len(edited) > 2 and rng.random() < 0.3 + 0.5 * strength:
        a, b = rng.sample(range(len(edited)), 2)
        edited[a], edited[b] = edited[b], edited[a]
    if len(edited) > 2 and rng.random() < strength:
        edited = _truncate(edited, rng.choice([1, 2]))
    rate = MAX_TYPO_RATE * strength * rng.random()
    return [_typos(rng, p, rate) for p in edited]


def _sentences(paragraph: str) -> list[str]:
    return _SENTENCE_END.split(paragraph)


def _reword(rng: random.Random, sentence: str, vocabulary: list[str]) -> str:
    """A sentence said otherwise: about a third of its words replaced, dropped, or swapped with the next."""
    words = sentence.split()
    for k in rng.sample(range(len(words)), max(1, len(words) // 3)):
        if k >= len(words):
            continue
        action = rng.random()
        if action < 0.5:
            words[k] = rng.choice(vocabulary)
        elif action < 0.75 and len(words) > 3:
            del words[k]
        elif k + 1 < len(words):
            words[k], words[k + 1] = words[k + 1], words[k]
    return " ".join(words)


def _truncate(paragraphs: list[str], drop: int) -> list[str]:
    """Without the last ``drop`` paragraphs, unless that leaves less than half of the words."""
    total = sum(len(p.split()) for p in paragraphs)
    while drop and sum(len(p.split()) for p in paragraphs[:-drop]) < MIN_KEPT_AFTER_TRUNCATION * total:
        drop -= 1
    return paragraphs[:-drop] if drop else paragraphs


def _typos(rng: random.Random, paragraph: str, rate: float) -> str:
    words = paragraph.split(" ")
    for k, word in enumerate(words):
        if len(word) > 3 and rng.random() < rate:
            at = rng.randrange(len(word) - 1)
            words[k] = word[:at] + word[at + 1] + word[at] + word[at + 2 :]
    return " ".join(words)


def _same_story(rng: random.Random, material: list[str], anchor: list[str]) -> list[str]:
    """Another article on the anchor's story: its names, a few of its phrases, sometimes one of its sentences."""
    anchor_names = _names(anchor)
    material_names = _names(material)
    renamed = list(material)
    if anchor_names:
        for k, name in enumerate(material_names[: len(anchor_names)]):
            renamed = [re.sub(rf"\b{re.escape(name)}\b", anchor_names[k], p) for p in renamed]
    anchor_words = " ".join(anchor).split()
    for _ in range(rng.randint(2, 5)):
        start = rng.randrange(max(1, len(anchor_words) - 6))
        phrase = " ".join(anchor_words[start : start + rng.randint(3, 6)])
        k = rng.randrange(len(renamed))
        words = renamed[k].split()
        at = rng.randrange(len(words) + 1)
        renamed[k] = " ".join([*words[:at], phrase, *words[at:]])
    if rng.random() < 0.5:
        quoted = rng.choice([s for p in anchor for s in _sentences(p)])
        renamed.insert(rng.randrange(len(renamed) + 1), f"“{quoted}”")
    if rng.random() < 0.3:
        # Background both reports take from the same wire copy: a short paragraph of the anchor.
        background = min(anchor, key=lambda p: abs(len(p.split()) - 40))
        renamed.insert(rng.randrange(len(renamed) + 1), background)
    return renamed


def _names(paragraphs: list[str]) -> list[str]:
    """Capitalised names inside sentences, most frequent first."""
    counts: dict[str, int] = {}
    for paragraph in paragraphs:
        for match in _NAME.finditer(paragraph):
            counts[match.group(0)] = counts.get(match.group(0), 0) + 1
    return sorted(counts, key=lambda name: (-counts[name], name))


def _place_quotations(rng: random.Random, quotations: list[Article], bodies: dict[str, list[str]]) -> dict[str, str]:
    """Put each quotation (one to three paragraphs of its source) into two originals; returns who carries which."""
    carried: dict[str, str] = {}
    free = [name for name in bodies]
    rng.shuffle(free)
    for source in quotations:
        if len(free) < 2:
            break
        quotation = _quotation(rng, list(source.paragraphs))
        for name in (free.pop(), free.pop()):
            at = rng.randrange(1, len(bodies[name]) + 1)
            bodies[name][at:at] = quotation
            carried[name] = source.name
    return carried


def _quotation(rng: random.Random, paragraphs: list[str]) -> list[str]:
    low, high = QUOTATION_WORDS
    start = rng.randrange(len(paragraphs))
    taken, words = [], 0
    for paragraph in paragraphs[start:] + paragraphs[:start]:
        if words >= low:
            break
        cut = paragraph.split()[: high - words]
        taken.append(" ".join(cut))
        words += len(cut)
    return [f"“{taken[0]}", *taken[1:-1], f"{taken[-1]}”"] if len(taken) > 1 else [f"“{taken[0]}”"]


def _body_jaccard(left: list[str], right: list[str]) -> float:
    """The oracle: Jaccard of word 5-tuple sets of the two clean bodies (paragraph seams included)."""
    a, b = shingle_set("\n".join(left)), shingle_set("\n".join(right))
    return len(a & b) / len(a | b) if a or b else 0.0
