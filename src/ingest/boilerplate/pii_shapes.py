"""Values shaped like personal data: e-mails, URLs, phones, dates, user names, counts, lorem ipsum.

A block of ``label: value`` lines is a profile card, not article text, when its
values look like what profile generators and social widgets print. Shapes are
language-independent, which is why they carry more weight than the labels.
Every pattern is anchored and bounded, so a value is checked in linear time.
"""

from __future__ import annotations

import re

from ingest.boilerplate.labels import lorem_ipsum_words
from ingest.text_shapes import is_url

EMAIL = re.compile(r"^[\w.+-]{1,64}@[\w-]{1,63}(?:\.[\w-]{1,63}){1,5}$")
PHONE_CHARS = re.compile(r"^\+?[\d\s().\-/]{7,24}(?:\s*(?:x|ext\.?)\s*\d{1,6})?$")
NUMERIC_DATE = re.compile(r"^\d{4}[-/.]\d{1,2}[-/.]\d{1,2}$|^\d{1,2}[-/.]\d{1,2}[-/.]\d{2,4}$")
WORDED_DATE = re.compile(r"^(?:\d{1,2}\.?\s+)?[^\W\d_]{3,10}\.?(?:\s+\d{1,2})?,?\s+\d{4}$")
USERNAME = re.compile(r"^@[\w.]{2,30}$|^[A-Za-z][\w.]{2,30}$")
COUNT = re.compile(r"^\d{1,3}(?:[,.\s]?\d{3}){0,4}(?:\.\d+)?\s?[kKmM]?$")
STREET_ADDRESS = re.compile(r"^\d{1,6}\s+\S.{3,120}\b\d{4,6}(?:-\d{4})?$")

# Placeholder text: at least this many content words (four letters or more), and this
# share of them from the lorem-ipsum vocabulary. Short Latin-looking words also
# occur in Romance languages, so the share is high and only long words count.
MIN_LOREM_WORDS = 3
MIN_LOREM_SHARE = 0.7
MIN_PHONE_DIGITS = 7
MAX_PHONE_DIGITS = 15


def is_personal_data(value: str) -> bool:
    """True for a value shaped like an e-mail, URL, phone, date, user name, street address or lorem ipsum."""
    value = value.strip()
    if not value or len(value) > 400:
        return is_lorem_ipsum(value)
    return (
        bool(EMAIL.match(value))
        or is_url(value)
        or _is_phone(value)
        or bool(NUMERIC_DATE.match(value) or WORDED_DATE.match(value))
        or _is_username(value)
        or bool(STREET_ADDRESS.match(value))
        or is_lorem_ipsum(value)
    )


def is_count(value: str) -> bool:
    """A bare number such as a follower count: weak evidence on its own."""
    return bool(COUNT.match(value.strip()))


def is_lorem_ipsum(text: str) -> bool:
    """Placeholder Latin: most of its longer words come from the lorem-ipsum vocabulary."""
    words = [w.strip(".,;:!?").casefold() for w in text.split()[:200]]
    content = [w for w in words if len(w) >= 4]
    if len(content) < MIN_LOREM_WORDS:
        return False
    vocabulary = lorem_ipsum_words()
    return sum(w in vocabulary for w in content) / len(content) >= MIN_LOREM_SHARE


def _is_phone(value: str) -> bool:
    if not PHONE_CHARS.match(value):
        return False
    digits = sum(ch.isdigit() for ch in value)
    return MIN_PHONE_DIGITS <= digits <= MAX_PHONE_DIGITS and not NUMERIC_DATE.match(value)


def _is_username(value: str) -> bool:
    """A handle: one token with a digit, underscore, inner dot or leading @, and a lowercase letter."""
    if not USERNAME.match(value) or value.endswith("."):
        return False
    body = value.lstrip("@")
    has_marker = value.startswith("@") or "_" in body or "." in body or any(ch.isdigit() for ch in body)
    return has_marker and any(ch.islower() for ch in body)
