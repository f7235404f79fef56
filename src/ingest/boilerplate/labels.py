"""The multilingual label and word lists and call-to-action patterns, loaded once from package data.

They are data, not code, so that a new language or site template is a few
entries in a JSON file: ``ingest/data/boilerplate_labels.json`` (headings,
field labels, page-number words, copyright phrases, sharing words, name
particles), ``calls_to_action.json`` and ``lorem_ipsum_words.txt``.
"""

from __future__ import annotations

import json
import re
from functools import cache
from importlib import resources

from ingest.boilerplate.line_shapes import line_key
from ingest.boilerplate.needles import NeedledPattern, needled


@cache
def label_set(name: str) -> frozenset[str]:
    """One label list (``table_of_contents``, ``related_posts``, ``profile_fields``, ``social_platforms``), as line keys."""
    return frozenset(line_key(label) for label in _labels()[name])


@cache
def label_alternation(name: str, backwards: bool = False) -> str:
    """One list as written (``page_words``, ``rights_reserved``), as a regex alternation, longest entry first.

    ``backwards`` spells each entry from its end: matched at the start of a text
    read backwards, it finds an entry closing the text without searching it.
    """
    labels = sorted(_labels()[name], key=len, reverse=True)
    return "|".join(re.escape(label[::-1] if backwards else label) for label in labels)


@cache
def call_to_action_pattern(kind: str) -> NeedledPattern:
    """The patterns of one kind (``call_to_action``, ``share_cookie``, ``reader_question``, ``button_chrome``) as one regex.

    Behind the literal text its matches must hold (:mod:`ingest.boilerplate.needles`):
    most lines are ruled out without running the alternation.
    """
    raw = json.loads(_read("calls_to_action.json"))[kind]
    alternation = "|".join(f"(?:{pattern})" for pattern in raw)
    # When every pattern opens at a word boundary, testing it once before the alternatives
    # rejects the positions inside words at one test, not one per pattern: the same matches.
    if all(pattern.startswith(r"\b") for pattern in raw):
        alternation = rf"\b(?:{alternation})"
    return needled(raw, re.compile(alternation, re.IGNORECASE))


@cache
def lorem_ipsum_words() -> frozenset[str]:
    """The pseudo-Latin vocabulary of placeholder text generators."""
    return frozenset(_read("lorem_ipsum_words.txt").split())


@cache
def _labels() -> dict[str, list[str]]:
    return json.loads(_read("boilerplate_labels.json"))


def _read(name: str) -> str:
    return resources.files("ingest").joinpath("data", name).read_text(encoding="utf-8")
