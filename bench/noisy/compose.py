"""One clean article to one noisy document with its gold.

A document has a style: ``web`` (a scraped page: one line per paragraph and a
random selection of page boilerplate), ``pdf`` (extracted PDF text: hard wraps,
page furniture, OCR damage, a little boilerplate) or ``ocr`` (the PDF layout and
damage with no boilerplate at all, so repairs can be measured on their own).
Every choice comes from a random source seeded by the corpus seed and the
document's number, so a document does not change when the corpus grows.
"""

from __future__ import annotations

import random
from collections.abc import Callable

from bench.noisy import boilerplate_templates as bp
from bench.noisy import ocr_damage, page_furniture, profiles
from bench.noisy.articles import Article, load_articles
from bench.noisy.model import BODY, Block, Damage, Line, NoisyDocument, Token, tokens_of
from bench.noisy.render import Rendered, render_pdf, render_web

WEB, PDF, OCR = "web", "pdf", "ocr"
STYLE_WEIGHTS = {WEB: 5, PDF: 3, OCR: 2}
WORDS_PER_PAGE = 380  # for the "Page n of N" footers only

# Chance that a web page has each kind; at least MIN_WEB_KINDS are drawn.
WEB_KIND_SHARES = {
    profiles.PROFILE: 0.45,
    bp.REPEATED_HEADLINE: 0.45,
    bp.RELATED_POSTS: 0.45,
    bp.EMPTY_TOC: 0.3,
    bp.CALL_TO_ACTION: 0.55,
    bp.SHARE_COOKIE: 0.45,
    bp.CAPTION: 0.35,
    bp.IMAGE_POINTER: 0.3,
    bp.BYLINE: 0.3,
    bp.AUTHOR_BIO: 0.3,
}
MIN_WEB_KINDS = 2
PDF_KIND_SHARES = {bp.CAPTION: 0.25, bp.IMAGE_POINTER: 0.2, bp.AUTHOR_BIO: 0.3, bp.CALL_TO_ACTION: 0.15}
APPENDED_CTA_SHARE = 0.5  # calls to action glued to the end of a real paragraph, not standing alone

# Where a block-level kind goes: weights for (top, middle, bottom).
PLACEMENT = {
    profiles.PROFILE: (1, 1, 4),
    bp.REPEATED_HEADLINE: (2, 1, 3),
    bp.RELATED_POSTS: (1, 1, 4),
    bp.EMPTY_TOC: (2, 3, 0),
    bp.CALL_TO_ACTION: (0, 1, 3),
    bp.SHARE_COOKIE: (3, 1, 2),
    bp.CAPTION: (1, 3, 2),
    bp.BYLINE: (1, 0, 0),
    bp.AUTHOR_BIO: (0, 0, 1),
}
BEFORE_TITLE_KINDS = frozenset({bp.SHARE_COOKIE, bp.REPEATED_HEADLINE, bp.BYLINE})


def generate_corpus(n_docs: int, seed: int, articles: list[Article] | None = None) -> list[NoisyDocument]:
    """``n_docs`` documents cycling through the articles; the same arguments give the same documents."""
    articles = articles if articles is not None else load_articles()
    documents = []
    for number in range(n_docs):
        rng = random.Random(f"{seed}:{number}")
        article = articles[number % len(articles)]
        style = rng.choices(list(STYLE_WEIGHTS), weights=list(STYLE_WEIGHTS.values()))[0]
        others = [a for a in articles if a is not article]
        doc_id = f"{seed}-{number:04d}-{article.name}-{style}"
        documents.append(compose(article, others, style, rng, doc_id))
    return documents


def compose(article: Article, others: list[Article], style: str, rng: random.Random, doc_id: str) -> NoisyDocument:
    body = _body_blocks(article, style, rng)
    kinds = _draw_kinds(style, rng)
    author = bp.author_name(rng, article.language) if kinds & {bp.BYLINE, bp.AUTHOR_BIO} else None
    groups = _boilerplate_groups(kinds, article, others, body, author, rng)
    blocks = _place(body, groups, rng)
    tokens = [token for block in blocks for token in block.tokens]
    damaged = style in (PDF, OCR)
    lost_hyphens = rng.random() < (0.6 if damaged else 0.3)
    ocr_damage.damage_body(tokens, rng, article.language, lost_hyphens=lost_hyphens, glyphs=damaged)
    if style == WEB:
        rendered = render_web(blocks, rng)
    else:
        pages = None
        if style == PDF:
            pages = page_furniture.publication(rng, article.title, article.word_count // WORDS_PER_PAGE + 1)
        rendered = render_pdf(blocks, rng, article.language, pages)
    return _document(doc_id, article, style, rendered, blocks, author)


def _body_blocks(article: Article, style: str, rng: random.Random) -> list[Block]:
    """Title, headings and paragraphs; a scraped page sometimes keeps Markdown heading marks."""
    markdown = style == WEB and rng.random() < 0.25
    blocks = [Block([Line(tokens_of(article.title, BODY), "# " if markdown else "")], BODY, paragraph=0)]
    for number, paragraph in enumerate(article.paragraphs, start=1):
        prefix = "### " if markdown and article.is_heading(number - 1) else ""
        blocks.append(Block([Line(tokens_of(paragraph, BODY), prefix)], BODY, paragraph=number))
    return blocks


def _draw_kinds(style: str, rng: random.Random) -> set[str]:
    if style == OCR:
        return set()
    shares = WEB_KIND_SHARES if style == WEB else PDF_KIND_SHARES
    kinds = {kind for kind, share in shares.items() if rng.random() < share}
    while style == WEB and len(kinds) < MIN_WEB_KINDS:
        kinds.add(rng.choice(sorted(shares)))
    return kinds


def _boilerplate_groups(
    kinds: set[str], article: Article, others: list[Article], body: list[Block], author: str | None, rng: random.Random
) -> list[tuple[str, list[Block]]]:
    """Block-level boilerplate as (kind, blocks) groups; in-paragraph kinds go straight into ``body``."""
    makers: dict[str, Callable[[], list[Block]]] = {
        profiles.PROFILE: lambda: profiles.profile_blocks(rng),
        bp.REPEATED_HEADLINE: lambda: bp.repeated_headline_blocks(rng),
        bp.RELATED_POSTS: lambda: bp.related_posts_blocks(rng, others),
        bp.EMPTY_TOC: lambda: bp.empty_toc_block(rng),
        bp.CALL_TO_ACTION: lambda: bp.call_to_action_block(rng, article),
        bp.SHARE_COOKIE: lambda: bp.share_cookie_blocks(rng),
        bp.CAPTION: lambda: bp.caption_blocks(rng, article),
        bp.BYLINE: lambda: bp.byline_block(rng, author or ""),
        bp.AUTHOR_BIO: lambda: bp.author_bio_block(rng, author or ""),
    }
    groups = []
    for kind in sorted(kinds):
        if kind == bp.IMAGE_POINTER:
            _insert_pointer(body, rng)
        elif kind == bp.CALL_TO_ACTION and rng.random() < APPENDED_CTA_SHARE:
            _append_call_to_action(body, article, rng)
        else:
            groups.append((kind, makers[kind]()))
    return groups


def _prose(body: list[Block]) -> list[Block]:
    """Body paragraphs long enough to be prose (not the title or a heading)."""
    return [block for block in body[1:] if len(block.tokens) >= 25]


def _insert_pointer(body: list[Block], rng: random.Random) -> None:
    """"(see picture below)" after a word inside a sentence of a real paragraph."""
    line = rng.choice(_prose(body)).lines[0]
    spots = [i for i, token in enumerate(line.tokens[:-1], start=1) if token.clean[-1:].isalnum()]
    position = rng.choice(spots)
    line.tokens[position:position] = bp.image_pointer_tokens(rng)


def _append_call_to_action(body: list[Block], article: Article, rng: random.Random) -> None:
    """Call-to-action sentences as the last sentences of a real paragraph (the last one, mostly)."""
    prose = _prose(body)
    block = prose[-1] if rng.random() < 0.7 else rng.choice(prose)
    block.lines[-1].tokens.extend(tokens_of(bp.call_to_action_text(rng, article), bp.CALL_TO_ACTION))


def _place(body: list[Block], groups: list[tuple[str, list[Block]]], rng: random.Random) -> list[Block]:
    """Put each group before the title, after it, between two paragraphs or at the end."""
    before: dict[int, list[Block]] = {}
    for kind, blocks in groups:
        where = rng.choices(["top", "middle", "bottom"], weights=PLACEMENT[kind])[0]
        if where == "top":
            slot = 0 if kind in BEFORE_TITLE_KINDS and rng.random() < 0.4 else 1
        elif where == "middle":
            slot = rng.randint(2, max(2, len(body) - 1))
        else:
            slot = len(body)
        before.setdefault(slot, []).extend(blocks)
    placed = []
    for index, block in enumerate(body):
        placed.extend(before.get(index, []))
        placed.append(block)
    placed.extend(before.get(len(body), []))
    return placed


def _document(
    doc_id: str, article: Article, style: str, rendered: Rendered, blocks: list[Block], author: str | None
) -> NoisyDocument:
    body = [(token, block.paragraph or 0) for block in blocks if block.kind == BODY for token in block.tokens]
    body = [(token, paragraph) for token, paragraph in body if token.kind == BODY]
    body_tokens = [token for token, _ in body]
    damages = [
        _damage_record(token, index, body_tokens, rendered)
        for index, token in enumerate(body_tokens)
        if token.damage is not None and token.noisy
    ]
    kinds = frozenset(span.kind for span in rendered.spans) - {BODY}
    return NoisyDocument(
        doc_id=doc_id,
        article=article.name,
        language=article.language,
        style=style,
        text=rendered.text,
        spans=rendered.spans,
        reference=tuple(token.clean for token in body_tokens),
        paragraph_of=tuple(paragraph for _, paragraph in body),
        damages=tuple(damages),
        title=article.title,
        author=author,
        kinds=kinds,
    )


def _damage_record(token: Token, index: int, body_tokens: list[Token], rendered: Rendered) -> Damage:
    start, end = rendered.token_spans[id(token)]
    noisy = rendered.text[start:end]
    if token.damage == ocr_damage.APOSTROPHE_JOIN:
        clean = f"{token.clean} {body_tokens[index + 1].clean}"
        return Damage(token.damage, index, clean, noisy, length=2)
    return Damage(token.damage or "", index, token.clean, noisy)
