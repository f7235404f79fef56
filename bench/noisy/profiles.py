"""Fake author profiles and social-account sections, the way spam sites print them.

Real pages show these as blocks of labelled fields whose labels, bullets, order,
subset and language change from site to site; the values are Faker's: PII-shaped
(emails, phones, addresses, dates) with lorem-ipsum bios. Nothing here is one
fixed string, so a rule that learns one wording fails the benchmark.
"""

from __future__ import annotations

import random
from functools import lru_cache

from faker import Faker

from bench.noisy.model import Block, Line, tokens_of

PROFILE = "profile"
SOCIAL = "social"

PROFILE_HEADERS = [
    "Detail Author:", "About the author", "Author details", "Author profile", "Meet the author",
    "Writer info", "Über den Autor", "Autor:", "À propos de l'auteur", "Profil de l'auteur", "Sobre el autor",
]
FIELD_LABELS = {
    "name": ["Name", "Full name", "Author", "Nom", "Nombre", "Name des Autors"],
    "username": ["Username", "User name", "Handle", "Login", "Benutzername", "Pseudo", "Usuario"],
    "email": ["Email", "E-mail", "Mail", "Contact", "Courriel", "E-Mail-Adresse", "Correo"],
    "birthdate": ["Birthdate", "Date of birth", "Born", "Birthday", "Geburtsdatum", "Date de naissance"],
    "address": ["Address", "Location", "Lives in", "Adresse", "Anschrift", "Dirección"],
    "phone": ["Phone", "Tel", "Telephone", "Mobile", "Telefon", "Téléphone", "Teléfono"],
    "company": ["Company", "Employer", "Organization", "Works at", "Firma", "Entreprise", "Empresa"],
    "job": ["Job", "Job title", "Occupation", "Position", "Beruf", "Poste", "Profesión"],
    "bio": ["Bio", "About", "Biography", "Description", "Über mich", "Biographie", "Acerca de"],
}
FIELD_ORDER = list(FIELD_LABELS)
SEPARATORS = [" : ", ": ", " - ", " – ", " = ", ":\t"]
BULLETS = ["  • ", "• ", "- ", "* ", "", "· ", "  - ", "→ "]
DATE_FORMATS = ["%Y-%m-%d", "%d/%m/%Y", "%B %d, %Y", "%d.%m.%Y", "%m/%d/%Y"]
VALUE_LOCALES = ["en_US", "en_GB", "de_DE", "fr_FR", "es_ES", "it_IT"]

SOCIAL_HEADERS = ["Socials", "Social media", "Follow me", "Find me on", "Connect", "Soziale Netzwerke", "Réseaux sociaux"]
PLATFORMS = ["instagram", "twitter", "x", "linkedin", "tiktok", "facebook", "youtube", "threads", "pinterest", "mastodon"]
PLATFORM_HEADINGS = ["{p}:", "{P}", "{P}:", "{UP}", "## {P}", "{P} profile"]
SOCIAL_LABELS = {
    "url": ["url", "URL", "link", "profile", "Lien"],
    "username": ["username", "handle", "user", "Benutzer"],
    "bio": ["bio", "about", "description", "Beschreibung"],
    "followers": ["followers", "Followers", "abonnés", "Follower"],
    "following": ["following", "Following", "abonnements", "folgt"],
    "posts": ["posts", "Posts", "publications", "Beiträge"],
}
EMPTY_PLATFORM_SHARE = 0.3  # share of platforms shown with a heading and nothing under it


@lru_cache(maxsize=None)
def _faker(locale: str) -> Faker:
    return Faker(locale)


def seeded_faker(rng: random.Random, locale: str) -> Faker:
    """A Faker whose output follows ``rng``: instances are cached, so each use reseeds."""
    fake = _faker(locale)
    fake.seed_instance(rng.randrange(2**32))
    return fake


def lorem_bio(rng: random.Random) -> str:
    """Latin lorem ipsum mostly; sometimes Faker's English word salad, which reads more like prose."""
    locale = "la" if rng.random() < 0.75 else "en_US"
    return seeded_faker(rng, locale).paragraph(nb_sentences=rng.randint(2, 4))


def profile_blocks(rng: random.Random) -> list[Block]:
    """A fake author profile, often followed by a social-accounts section."""
    bullet = rng.choice(BULLETS)
    blocks = [_profile_block(rng, bullet)]
    if rng.random() < 0.7:
        blocks.extend(social_blocks(rng, bullet if rng.random() < 0.8 else rng.choice(BULLETS)))
    return blocks


def _profile_block(rng: random.Random, bullet: str) -> Block:
    fake = seeded_faker(rng, rng.choice(VALUE_LOCALES))
    label_language = rng.randrange(len(FIELD_LABELS["name"]))
    separator = rng.choice(SEPARATORS)
    fields = rng.sample(FIELD_ORDER, rng.randint(5, len(FIELD_ORDER)))
    if rng.random() < 0.6:
        fields.sort(key=FIELD_ORDER.index)
    lines = []
    if rng.random() < 0.8:
        lines.append(Line(tokens_of(rng.choice(PROFILE_HEADERS), PROFILE)))
    for name in fields:
        labels = FIELD_LABELS[name]
        label = labels[label_language % len(labels)] if rng.random() < 0.7 else rng.choice(labels)
        value = _profile_value(name, fake, rng)
        lines.append(Line(tokens_of(f"{label}{separator}{value}", PROFILE), prefix=bullet))
    return Block(lines, PROFILE, flows=False)


def _profile_value(name: str, fake: Faker, rng: random.Random) -> str:
    if name == "birthdate":
        return fake.date_of_birth(minimum_age=18, maximum_age=90).strftime(rng.choice(DATE_FORMATS))
    if name == "bio":
        return lorem_bio(rng)
    value = {
        "name": fake.name,
        "username": fake.user_name,
        "email": fake.email,
        "address": fake.address,
        "phone": fake.phone_number,
        "company": fake.company,
        "job": fake.job,
    }[name]()
    return " ".join(value.split())


def social_blocks(rng: random.Random, bullet: str) -> list[Block]:
    """A heading, then one group per platform (url, username, bio, counts), some of them empty."""
    fake = seeded_faker(rng, "en_US")
    separator = rng.choice(SEPARATORS)
    blocks = []
    if rng.random() < 0.85:
        blocks.append(Block([Line(tokens_of(rng.choice(SOCIAL_HEADERS), SOCIAL))], SOCIAL, flows=False))
    for platform in rng.sample(PLATFORMS, rng.randint(2, 5)):
        heading = rng.choice(PLATFORM_HEADINGS).format(p=platform, P=platform.capitalize(), UP=platform.upper())
        lines = [Line(tokens_of(heading, SOCIAL))]
        if rng.random() >= EMPTY_PLATFORM_SHARE:
            handle = fake.user_name() + rng.choice(["", "_real", "_id", "_official", str(rng.randint(1, 99))])
            values = {
                "url": f"https://{platform}.com/{rng.choice(['', '@', 'in/'])}{handle}",
                "username": handle,
                "bio": lorem_bio(rng),
                "followers": str(rng.randint(0, 250_000)),
                "following": str(rng.randint(0, 5_000)),
                "posts": str(rng.randint(0, 3_000)),
            }
            for field in [f for f in SOCIAL_LABELS if f != "posts" or rng.random() < 0.3]:
                if field == "bio" and rng.random() < 0.3:
                    continue
                label = rng.choice(SOCIAL_LABELS[field])
                lines.append(Line(tokens_of(f"{label}{separator}{values[field]}", SOCIAL), prefix=bullet))
        blocks.append(Block(lines, SOCIAL, flows=False, line_gap=rng.choice(["\n", "\n", "\n\n"])))
    return blocks
