"""The domain gazetteer: known entities as data a user extends without touching Python.

One JSON object per line in ``ingest/data/gazetteer.jsonl``::

    {"name": "Su-35", "label": "PRODUCT", "aliases": ["Sukhoi Su-35"], "qid": "..."}

- ``name``: the canonical name every variant is joined to;
- ``label``: an OntoNotes label (PERSON, ORG, GPE, LOC, FAC, PRODUCT, LAW, ...);
- ``aliases``: other spellings that always mean this entity. The name and these
  aliases become EntityRuler patterns, so they are tagged even where the model
  misses or mislabels them ("Mi-28" as a place, "Astara" as a person);
- ``loose_aliases``: spellings that mean this entity only when the model itself
  tags them ("Washington", a surname such as "Assad"): linked, never forced;
- ``force`` (default true): false for a name that is ambiguous on its own
  ("Georgia" the country or a first name): it is then linked like a loose alias;
- ``qid``: an optional Wikidata id, stored as the entity's ``external_id``.

A loose alias links a mention unless exactly one side is a PERSON: the model
telling a person from a non-person is the evidence that they are different things.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from ingest.entities.names import name_key

LABELS = frozenset(
    {
        "PERSON", "NORP", "FAC", "ORG", "GPE", "LOC", "PRODUCT", "EVENT",
        "WORK_OF_ART", "LAW", "LANGUAGE",
    }
)
# A hyphen between letters and digits in a model designation ("Su-35") is often
# dropped or spaced in sources ("Su35", "Su 35"): each such name gets both variants.
_DESIGNATION_HYPHEN = re.compile(r"(?<=[A-Za-z])-(?=\d)|(?<=\d)-(?=[A-Za-z])")


@dataclass(frozen=True)
class GazetteerEntry:
    """One known entity and every spelling of it the gazetteer lists."""

    name: str
    label: str
    aliases: tuple[str, ...] = ()
    loose_aliases: tuple[str, ...] = ()
    qid: str | None = None
    force: bool = True

    @property
    def forced_spellings(self) -> tuple[str, ...]:
        """Spellings the EntityRuler tags: name, aliases and their designation variants."""
        if not self.force:
            return ()
        spellings = [self.name, *self.aliases]
        variants = [v for s in spellings for v in designation_variants(s)]
        return tuple(dict.fromkeys(spellings + variants))

    @property
    def linked_spellings(self) -> tuple[str, ...]:
        """Spellings linked only when the model tags them."""
        own = () if self.force else (self.name, *self.aliases)
        return (*own, *self.loose_aliases)


def designation_variants(spelling: str) -> list[str]:
    """"Su-35" -> ["Su35", "Su 35"]; names without a designation hyphen have none."""
    if not _DESIGNATION_HYPHEN.search(spelling):
        return []
    return [_DESIGNATION_HYPHEN.sub("", spelling), _DESIGNATION_HYPHEN.sub(" ", spelling)]


class Gazetteer:
    """Entries indexed by the key of every spelling; keys never collide across entries."""

    def __init__(self, entries: list[GazetteerEntry]) -> None:
        self.entries = tuple(entries)
        self._forced: dict[str, GazetteerEntry] = {}
        self._loose: dict[str, GazetteerEntry] = {}
        self._by_name = {entry.name: entry for entry in self.entries}
        for entry in self.entries:
            for spelling in entry.forced_spellings:
                _index(self._forced, spelling, entry)
            for spelling in entry.linked_spellings:
                _index(self._loose, spelling, entry)

    def lookup(self, surface: str, label: str) -> GazetteerEntry | None:
        """The entry a tagged surface form names, or None."""
        key = name_key(surface)
        entry = self._forced.get(key)
        if entry is not None:
            return entry
        entry = self._loose.get(key)
        if entry is not None and (entry.label == "PERSON") == (label == "PERSON"):
            return entry
        return None

    def ruler_patterns(self) -> list[dict[str, str]]:
        """EntityRuler phrase patterns; each carries the entry's name as its ``id``."""
        return [
            {"label": entry.label, "pattern": spelling, "id": entry.name}
            for entry in self.entries
            for spelling in entry.forced_spellings
        ]

    def by_name(self, name: str) -> GazetteerEntry:
        """The entry with this canonical name (the ``id`` the EntityRuler sets)."""
        return self._by_name[name]


def default_gazetteer_path() -> Path:
    return Path(str(resources.files("ingest") / "data" / "gazetteer.jsonl"))


def load_gazetteer(path: str | Path | None = None) -> Gazetteer:
    """Read and validate a gazetteer file; errors name the line at fault."""
    path = Path(path) if path is not None else default_gazetteer_path()
    return Gazetteer(list(_read_entries(path)))


def _read_entries(path: Path) -> Iterator[GazetteerEntry]:
    with path.open(encoding="utf-8") as lines:
        for number, line in enumerate(lines, start=1):
            if not line.strip():
                continue
            try:
                yield _entry(json.loads(line))
            except (ValueError, KeyError, TypeError) as error:
                raise ValueError(f"{path.name} line {number}: {error}") from error


def _entry(record: dict) -> GazetteerEntry:
    unknown = set(record) - {"name", "label", "aliases", "loose_aliases", "qid", "force"}
    if unknown:
        raise ValueError(f"unknown fields {sorted(unknown)}")
    if record["label"] not in LABELS:
        raise ValueError(f"label {record['label']!r} is not a named-entity label")
    if not name_key(record["name"]):
        raise ValueError("empty name")
    return GazetteerEntry(
        name=record["name"],
        label=record["label"],
        aliases=tuple(record.get("aliases", ())),
        loose_aliases=tuple(record.get("loose_aliases", ())),
        qid=record.get("qid"),
        force=bool(record.get("force", True)),
    )


def _index(index: dict[str, GazetteerEntry], spelling: str, entry: GazetteerEntry) -> None:
    key = name_key(spelling)
    other = index.setdefault(key, entry)
    if other is not entry:
        raise ValueError(f"{spelling!r} names both {other.name!r} and {entry.name!r}")
