"""Boilerplate: page furniture and everything around the article that is not the article."""

from __future__ import annotations

from dataclasses import dataclass

from ingest.rules import Rule

PAGE_FURNITURE_RULES: list[Rule] = []
BLOCK_RULES: list[Rule] = []


@dataclass(frozen=True)
class AuthorBlock:
    """An author's byline or bio found in the body: its span, the name, and the bio text."""

    start: int
    end: int
    name: str
    bio: str | None
    rule: str


def find_author(text: str) -> AuthorBlock | None:
    return None


def find_title(text: str) -> str | None:
    return None
