"""A Markdown file's front matter: the metadata block that opens it, not its body.

Static-site generators and note tools (Jekyll, Hugo, Docusaurus, Obsidian) open
a Markdown file with a YAML block between two ``---`` lines: title, author,
date, tags. Read as body text it is re-flowed into a sentence of keys and
values, and the file's title is lost behind it. So the block is parsed
(PyYAML): its title, author and date fill the document's, every field is
kept in ``documents.metadata`` as a record's would be, and the block is
recorded as removed (kind ``front_matter``), so the raw text still holds
it. A file whose opening lines do not parse as a YAML mapping (a thematic
break followed by prose) has no front matter and is left whole.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Mapping
from dataclasses import dataclass, field

import yaml

from ingest.body_loss import FRONT_MATTER_KIND
from ingest.formats.records import metadata_value
from ingest.traced_text import Edit

FRONT_MATTER_RULE = "markdown_front_matter"
# The block: ``---`` on the first line, YAML, then ``---`` or ``...`` on a line of its own.
BLOCK = re.compile(r"\A---[ \t]*\r?\n(.*?)^(?:---|\.\.\.)[ \t]*(?:\r?\n|\Z)", re.DOTALL | re.MULTILINE)
# The keys each metadata field is read from, the first present winning.
TITLE_KEYS = ("title",)
AUTHOR_KEYS = ("author", "authors")
DATE_KEYS = ("date", "published", "pubDate", "publishDate")


@dataclass(frozen=True)
class FrontMatter:
    """What a file's front matter states: the document's title, author and date, every field, and the block's removal."""

    metadata: dict[str, str] = field(default_factory=dict)
    fields: dict[str, str] = field(default_factory=dict)
    removals: list[Edit] = field(default_factory=list)


def front_matter(text: str) -> FrontMatter:
    """The text's front matter; an empty one when the text has none."""
    block = BLOCK.match(text)
    if block is None:
        return FrontMatter()
    try:
        fields = yaml.safe_load(block.group(1))
    except yaml.YAMLError:
        return FrontMatter()
    if not isinstance(fields, Mapping):
        return FrontMatter()
    metadata = {
        name: value
        for name, value in (
            ("title", _text(_first(fields, TITLE_KEYS))),
            ("author", _names(_first(fields, AUTHOR_KEYS))),
            ("published", _iso_date(_first(fields, DATE_KEYS))),
        )
        if value
    }
    kept = {str(key): metadata_value(_dated(value)) for key, value in fields.items()}
    return FrontMatter(
        metadata,
        {key: value for key, value in kept.items() if value is not None},
        [Edit(0, block.end(), "", FRONT_MATTER_KIND, FRONT_MATTER_RULE)],
    )


def _dated(value: object) -> object:
    """YAML's dates as ISO text, as a record's fields would hold them."""
    return value.isoformat() if isinstance(value, datetime.date) else value


def _first(fields: Mapping, keys: tuple[str, ...]) -> object:
    return next((fields[key] for key in keys if fields.get(key) is not None), None)


def _text(value: object) -> str:
    return str(value).strip() if isinstance(value, (str, int, float)) else ""


def _names(value: object) -> str:
    """An author as one string: a name, a list of names, or a mapping with a name (``{name: ...}``)."""
    if isinstance(value, Mapping):
        return _text(value.get("name"))
    if isinstance(value, list):
        return ", ".join(name for name in map(_names, value) if name)
    return _text(value)


def _iso_date(value: object) -> str:
    """The date as ``YYYY-MM-DD``: YAML reads unquoted dates itself; a quoted one must start with one."""
    if isinstance(value, datetime.date):  # a datetime is a date too
        return value.isoformat()[:10]
    try:
        return datetime.date.fromisoformat(str(value).strip()[:10]).isoformat() if value is not None else ""
    except ValueError:
        return ""
