"""Everything around an article that is not the article, each kind from varied templates.

Every generator takes the document's random source and returns blocks (or, for
kinds that live inside a paragraph, tokens) labelled with its kind. Wordings,
bullets, languages and counts vary so that only rules that generalise score.
"""

from __future__ import annotations

import random

from bench.noisy.articles import Article
from bench.noisy.model import Block, Line, Token, tokens_of, words_block
from bench.noisy.profiles import seeded_faker

REPEATED_HEADLINE = "repeated_headline"
RELATED_POSTS = "related_posts"
EMPTY_TOC = "empty_toc"
CALL_TO_ACTION = "call_to_action"
SHARE_COOKIE = "share_cookie"
CAPTION = "caption"
IMAGE_POINTER = "image_pointer"
BYLINE = "byline"
AUTHOR_BIO = "author_bio"

_HEADLINE_TEMPLATES = [
    "{actor} says no to {topic} talks as {org} urges restraint",
    "{actor} warns of {topic} crisis ahead of {org} summit",
    "{org} report: {topic} costs to rise for a {n} year",
    "Live: {actor} and {org} clash over {topic}",
    "Why {topic} matters more than ever for {actor}",
    "{n} things to know about the {topic} row",
    "{actor} unveils {topic} plan, {org} responds",
    "Breaking: {org} suspends {topic} deal with {actor}",
]
_ACTORS = ["Iran", "Brazil", "The EU", "Tokyo", "Nigeria", "Canada", "The White House", "Ankara", "Seoul", "Mexico City"]
_TOPICS = ["nuclear", "grain export", "fishing rights", "chip tariff", "pension", "water sharing", "airspace", "data privacy"]
_ORGS = ["UN", "IMF", "WHO", "NATO", "OPEC", "G20", "WTO", "the Commission", "Moody's"]

_RELATED_HEADINGS = [
    "Related posts", "Read more", "You may also like", "More from this author", "Recommended for you",
    "Also read:", "More stories", "Related articles", "Lesen Sie auch", "À lire aussi", "Más noticias",
]
_ELLIPSES = ["...", "…", " ...", " [...]", "..."]
_TOC_HEADINGS = [
    "Table of Contents", "Contents", "In this article", "Jump to:", "Inhaltsverzeichnis", "Sommaire",
    "Table of contents [hide]", "Contents [show]", "On this page",
]
_CTA_SENTENCES = [
    "Share your thoughts in the comments below.",
    "Let us know what you think in the comments.",
    "What do you think? Leave a comment below!",
    "Do you agree? Join the discussion in the comments section.",
    "Sign up for our newsletter to get the latest analysis straight to your inbox.",
    "Subscribe to our weekly briefing and never miss a story.",
    "Don't miss out: join {n},000 readers who get our daily newsletter.",
    "Explore our other articles on {topic} for more in-depth coverage.",
    "Follow us on Twitter and Facebook for more updates.",
    "If you enjoyed this article, please share it with your friends.",
    "Click here to subscribe and support independent journalism.",
    "Want more stories like this? Subscribe now for just $1 a week.",
    "Melden Sie sich für unseren Newsletter an und bleiben Sie informiert.",
    "Abonnez-vous à notre lettre d'information pour ne rien manquer.",
]
_SHARE_LABELS = ["Share this article:", "Share:", "Share", "Spread the word:", "Teilen:", "Partager :", "Compartir:", ""]
_SHARE_TARGETS = ["Facebook", "Twitter", "X", "LinkedIn", "WhatsApp", "Email", "Reddit", "Telegram", "Print", "Copy link", "Pinterest"]
_SHARE_ITEM_FORMS = ["{t}", "{t}", "Share on {t}", "Click to share on {t} (Opens in new window)", "Partager sur {t}"]
_COOKIE_OPENINGS = [
    "We use cookies", "This website uses cookies", "This site uses cookies", "We and our partners use cookies",
    "Diese Website verwendet Cookies", "Ce site utilise des cookies",
]
_COOKIE_PURPOSES = [
    " to improve your experience.", " to ensure you get the best experience on our website.",
    " for analytics and personalised advertising.", ".", " to remember your settings.",
]
_COOKIE_CONSENTS = ["", " By continuing to browse you agree to our use of cookies.", " See our privacy policy for details."]
_COOKIE_BUTTONS = ["Accept", "Accept all", "Reject all", "Manage preferences", "Learn more", "OK", "Got it!", "Mehr erfahren", "Accepter", "Refuser"]
_BUTTON_SEPARATORS = [" | ", " / ", " ", "  ", " · "]
_CAPTION_TEMPLATES = [
    "The {a} {thing} seen from the {side} in {month} {year}",
    "A map showing the {thing} proposed by {a}",
    "{a} officials at a meeting in {b} on {month} {day}",
    "Workers near the {thing} outside {b}",
    "The {thing} claimed by {a}, photographed from the air",
    "{a} and {b}: a chart of the {thing} since {year}",
]
_CAPTION_THINGS = ["corridor", "terminal", "plant", "harbour", "stadium", "laboratory", "bridge", "border crossing"]
_CAPTION_CREDITS = ["", " (Photo: {name}/{agency})", " | Image: {agency}", " Photo credit: {name}", " © {agency}", " (Reuters)"]
_AGENCIES = ["Reuters", "AFP", "AP", "Getty Images", "dpa", "Shutterstock", "Wikimedia Commons"]
_MONTHS = ["January", "March", "April", "June", "August", "October", "November"]
_POINTERS = [
    "(see picture below)", "(see image below)", "(see map below)", "(pictured below)", "(see chart above)",
    "(photo below)", "(see the graphic below)", "(siehe Bild unten)", "(voir photo ci-dessous)", "(see figure 2)",
]
_BYLINES = ["By {name}", "By {name} | {date}", "{name}, {role}", "Written by {name}", "Von {name}", "Par {name}", "{name} — {date}"]
_BIO_TEMPLATES = [
    "{name} is {role} at {place} and a {role2} with {place2}.",
    "{name} is {role} at {place}. {pronoun} writes about {topic}.",
    "{name} ({email}) is {role} based in {city}.",
    "About the author: {name} is {role} at {place}, where {pronoun_l} leads work on {topic}.",
    "{name} is {role} of {field} at {place}, a scholar of {topic}, and a {role2} with {place2}",
]
_ROLES = ["professor", "senior fellow", "correspondent", "research director", "lecturer", "senior analyst", "editor"]
_ROLES2 = ["nonresident fellow", "visiting scholar", "board member", "contributing editor"]
_FIELDS = ["international relations", "economics", "chemistry", "public policy", "sports science"]


def repeated_headline_blocks(rng: random.Random) -> list[Block]:
    """One or a few unrelated headlines, each line repeated 3 to 8 times."""
    gap = rng.choice(["\n", "\n\n"])
    headlines = [_headline(rng) for _ in range(rng.choice([1, 1, 1, 2, 3]))]
    lines = []
    for headline in headlines:
        copies = rng.randint(3, 8)
        lines.extend(Line(tokens_of(headline, REPEATED_HEADLINE)) for _ in range(copies))
    if len(headlines) > 1 and rng.random() < 0.5:
        rng.shuffle(lines)
    return [Block(lines, REPEATED_HEADLINE, flows=False, line_gap=gap)]


def _headline(rng: random.Random) -> str:
    return rng.choice(_HEADLINE_TEMPLATES).format(
        actor=rng.choice(_ACTORS), topic=rng.choice(_TOPICS), org=rng.choice(_ORGS), n=rng.randint(2, 12)
    )


def related_posts_blocks(rng: random.Random, others: list[Article]) -> list[Block]:
    """A heading, then items: a title and a teaser that stops mid-sentence with an ellipsis."""
    bullet = rng.choice(["", "", "• ", "- ", "* ", "  • "])
    one_line = rng.random() < 0.3
    lines = []
    if rng.random() < 0.9:
        lines.append(Line(tokens_of(rng.choice(_RELATED_HEADINGS), RELATED_POSTS)))
    for number in range(rng.randint(2, 5)):
        title, teaser = _teaser(rng, others)
        if one_line:
            lines.append(Line(tokens_of(f"{title} {rng.choice(['-', '–', '|'])} {teaser}", RELATED_POSTS), bullet))
        else:
            lines.append(Line(tokens_of(title, RELATED_POSTS), bullet))
            if number == 0 or rng.random() < 0.85:  # some items lose their teaser, never all
                lines.append(Line(tokens_of(teaser, RELATED_POSTS)))
    return [Block(lines, RELATED_POSTS, flows=False, line_gap=rng.choice(["\n", "\n\n"]))]


def _teaser(rng: random.Random, others: list[Article]) -> tuple[str, str]:
    """Another article's title and the first words of one of its paragraphs: real prose, cut short."""
    if not others or rng.random() < 0.3:
        title = _headline(rng) + rng.choice(["", f" - {rng.randint(1, 4)}", f" (part {rng.randint(1, 3)})"])
        return title, f"{_headline(rng)}. It will likely{rng.choice(_ELLIPSES)}"
    article = rng.choice(others)
    prose = [p for i, p in enumerate(article.paragraphs) if not article.is_heading(i)]
    words = rng.choice(prose).split()[: rng.randint(8, 22)]
    return article.title, " ".join(words).rstrip(".,;:") + rng.choice(_ELLIPSES)


def empty_toc_block(rng: random.Random) -> list[Block]:
    """A table-of-contents heading whose entries were scripts and are gone."""
    return [words_block(rng.choice(_TOC_HEADINGS), EMPTY_TOC, flows=False)]


def call_to_action_text(rng: random.Random, article: Article) -> str:
    """One to three call-to-action sentences."""
    sentences = rng.sample(_CTA_SENTENCES, rng.randint(1, 3))
    topic = " ".join(article.title.split()[:3]).lower()
    return " ".join(s.format(n=rng.randint(5, 90), topic=topic) for s in sentences)


def call_to_action_block(rng: random.Random, article: Article) -> list[Block]:
    return [words_block(call_to_action_text(rng, article), CALL_TO_ACTION)]


def share_cookie_blocks(rng: random.Random) -> list[Block]:
    """A share bar, a cookie notice, or both, each assembled from varied parts."""
    makers = rng.choice([[_share_line], [_cookie_line], [_share_line, _cookie_line], [_cookie_line, _share_line]])
    return [Block([Line(tokens_of(make(rng), SHARE_COOKIE)) for make in makers], SHARE_COOKIE, flows=False)]


def _share_line(rng: random.Random) -> str:
    form = rng.choice(_SHARE_ITEM_FORMS)
    items = [form.format(t=target) for target in rng.sample(_SHARE_TARGETS, rng.randint(2, 5))]
    return (rng.choice(_SHARE_LABELS) + " " + rng.choice(_BUTTON_SEPARATORS).join(items)).strip()


def _cookie_line(rng: random.Random) -> str:
    buttons = rng.choice(_BUTTON_SEPARATORS).join(rng.sample(_COOKIE_BUTTONS, rng.randint(1, 3)))
    notice = rng.choice(_COOKIE_OPENINGS) + rng.choice(_COOKIE_PURPOSES) + rng.choice(_COOKIE_CONSENTS)
    return f"{notice} {buttons}"


def caption_blocks(rng: random.Random, article: Article) -> list[Block]:
    """An image caption printed twice (caption and alt text), the image itself gone."""
    names = _proper_nouns(article) or ["the city"]
    fake = seeded_faker(rng, "en_US")
    caption = rng.choice(_CAPTION_TEMPLATES).format(
        a=rng.choice(names), b=rng.choice(names), thing=rng.choice(_CAPTION_THINGS),
        side=rng.choice(["north", "south", "east", "west"]), month=rng.choice(_MONTHS),
        year=rng.randint(1998, 2024), day=rng.randint(1, 28),
    )
    caption += rng.choice(_CAPTION_CREDITS).format(name=fake.name(), agency=rng.choice(_AGENCIES))
    copies = rng.choice([2, 2, 2, 3])
    return [Block([Line(tokens_of(caption, CAPTION)) for _ in range(copies)], CAPTION, flows=False)]


def _proper_nouns(article: Article) -> list[str]:
    """Capitalised words inside sentences: captions name what the article names."""
    found = []
    for paragraph in article.paragraphs:
        words = paragraph.split()
        for previous, word in zip(words, words[1:]):
            clean = word.strip(".,;:()\"'“”’")
            sentence_start = previous.rstrip("\"”’)").endswith((".", "?", "!", ":"))
            if clean[:1].isupper() and clean.isalpha() and len(clean) > 2 and not sentence_start:
                found.append(clean)
    return sorted(set(found))


def image_pointer_tokens(rng: random.Random) -> list[Token]:
    return tokens_of(rng.choice(_POINTERS), IMAGE_POINTER)


def byline_block(rng: random.Random, name: str) -> list[Block]:
    fake = seeded_faker(rng, "en_US")
    text = rng.choice(_BYLINES).format(
        name=name, date=fake.date_between("-3y").strftime(rng.choice(["%B %d, %Y", "%d.%m.%Y", "%Y-%m-%d"])),
        role=rng.choice(_ROLES).capitalize(),
    )
    return [words_block(text, BYLINE, flows=False)]


def author_bio_block(rng: random.Random, name: str) -> list[Block]:
    """A real-looking author bio ("X is a professor of ..."): metadata, not body."""
    fake = seeded_faker(rng, "en_US")
    pronoun = rng.choice(["He", "She", "They"])
    text = rng.choice(_BIO_TEMPLATES).format(
        name=name, role=_with_article(rng.choice(_ROLES)), role2=rng.choice(_ROLES2), field=rng.choice(_FIELDS),
        place=f"the University of {fake.city()}", place2=f"the {fake.last_name()} Institute",
        pronoun=pronoun, pronoun_l=pronoun.lower(), topic=rng.choice(_TOPICS) + " policy",
        email=fake.email(), city=fake.city(),
    )
    return [words_block(text, AUTHOR_BIO)]


def _with_article(noun: str) -> str:
    return ("an " if noun[0] in "aeiou" else "a ") + noun


def author_name(rng: random.Random, language: str) -> str:
    locale = {"de": "de_DE", "fr": "fr_FR"}.get(language, "en_US")
    fake = seeded_faker(rng, locale)
    return f"{fake.first_name()} {fake.last_name()}"
