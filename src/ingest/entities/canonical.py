"""Canonical entities: every surface form of one thing joined under one id.

Within one document, a mention is resolved in this order:

1. a person named by part of a longer name in the same document ("Putin",
   "Shoigu", "Assad") joins that full name, if exactly one full name fits:
   the document itself is the best evidence of who a surname means. Two people
   sharing the surname in one document leave it to step 2;
2. a spelling the gazetteer knows joins the gazetteer's entity (its label wins
   over the model's, which is how "BRICS" stops being a country);
3. otherwise the mention is its own name, under the model's label.

Entity ids depend only on the label and the key of the canonical name, so the
same thing gets the same id in every run, whichever spelling came first.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence
from dataclasses import dataclass

from ingest.entities.gazetteer import Gazetteer, GazetteerEntry
from ingest.entities.names import clean_name, name_key

# Labels for amounts and times: no gazetteer entry or surname can name them.
VALUE_LABELS = frozenset({"DATE", "TIME", "PERCENT", "MONEY", "QUANTITY", "ORDINAL", "CARDINAL"})
# Labels the model gives a lone surname it failed to recognise as a person
# ("Pezeshkian" as NORP, "Lavrov" as ORG). Places are left out on purpose:
# "Jordan" the country must not join "Michael Jordan".
SURNAME_CONFUSABLE_LABELS = frozenset({"ORG", "NORP"})
ENTITY_ID_CHARS = 16

_NAME_PART_SEPARATORS = re.compile(r"[\s\-‐–]+")


@dataclass(frozen=True)
class Candidate:
    """A trimmed span the pipeline tagged; ``ruler_name`` is set when the gazetteer tagged it."""

    start: int
    end: int
    label: str
    surface: str
    ruler_name: str | None = None


@dataclass(frozen=True)
class Resolution:
    """The entity a candidate belongs to.

    ``own_spelling`` is true when ``name`` is the candidate's own spelling rather
    than a name it was joined to: only those spellings vote for an entity's
    display name.
    """

    label: str
    name: str
    external_id: str | None
    from_gazetteer: bool
    own_spelling: bool

    @property
    def key(self) -> str:
        return name_key(self.name)

    @property
    def entity_id(self) -> str:
        return entity_id(self.name, self.label)


def entity_id(name: str, label: str) -> str:
    """A short stable id from the label and the folded canonical name."""
    digest = hashlib.sha256(f"{label}\x1f{name_key(name)}".encode("utf-8")).hexdigest()
    return digest[:ENTITY_ID_CHARS]


def resolve_document(candidates: Sequence[Candidate], gazetteer: Gazetteer) -> list[Resolution]:
    """One resolution per candidate, in order, using the whole document as context."""
    first_pass = [_resolve_alone(candidate, gazetteer) for candidate in candidates]
    full_names = _full_person_names(candidates, first_pass)
    return [
        _join_partial_name(candidate, resolution, full_names) or resolution
        for candidate, resolution in zip(candidates, first_pass)
    ]


def name_parts(name: str) -> tuple[str, ...]:
    """Keys of a name's parts; hyphens separate parts ("Bashar al-Assad" ends in "assad")."""
    return tuple(key for key in map(name_key, _NAME_PART_SEPARATORS.split(name)) if key)


def _resolve_alone(candidate: Candidate, gazetteer: Gazetteer) -> Resolution:
    entry = None
    if candidate.ruler_name is not None:
        entry = gazetteer.by_name(candidate.ruler_name)
    elif candidate.label not in VALUE_LABELS:
        entry = gazetteer.lookup(candidate.surface, candidate.label)
    if entry is not None:
        return _from_entry(entry)
    return Resolution(
        label=candidate.label,
        name=clean_name(candidate.surface),
        external_id=None,
        from_gazetteer=False,
        own_spelling=True,
    )


def _from_entry(entry: GazetteerEntry) -> Resolution:
    return Resolution(entry.label, entry.name, entry.qid, from_gazetteer=True, own_spelling=False)


def _full_person_names(
    candidates: Sequence[Candidate], resolutions: Sequence[Resolution]
) -> dict[tuple[str, ...], Resolution]:
    """Every person named with two or more parts in the document, by the parts of its spelling."""
    return {
        name_parts(candidate.surface): resolution
        for candidate, resolution in zip(candidates, resolutions)
        if resolution.label == "PERSON" and len(name_parts(candidate.surface)) >= 2
    }


def _join_partial_name(
    candidate: Candidate,
    resolution: Resolution,
    full_names: dict[tuple[str, ...], Resolution],
) -> Resolution | None:
    """The single full name in the document that ends with this mention's name, if any."""
    parts = name_parts(candidate.surface)
    is_person = resolution.label == "PERSON"
    confusable = (
        not resolution.from_gazetteer
        and resolution.label in SURNAME_CONFUSABLE_LABELS
        and len(parts) == 1
    )
    if not parts or not (is_person or confusable):
        return None
    owners = {
        (full.label, full.key): full
        for full_parts, full in full_names.items()
        if len(full_parts) > len(parts) and full_parts[-len(parts) :] == parts
    }
    if len(owners) != 1:
        return None
    (owner,) = owners.values()
    return Resolution(
        label=owner.label,
        name=owner.name,
        external_id=owner.external_id,
        from_gazetteer=owner.from_gazetteer,
        own_spelling=False,
    )
