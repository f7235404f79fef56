"""Tagging a batch of documents: spans from spaCy, trimmed, resolved, stored on the documents.

Memory stays bounded by the batch: texts stream through ``nlp.pipe``, a long
document is cut into chunks at paragraph breaks (spaCy's memory grows with the
length of one text), and each document is resolved as soon as its last chunk is
back.
"""

from __future__ import annotations

import bisect
import functools
import threading
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from ingest.document import Document, Mention
from ingest.entities.canonical import VALUE_LABELS, Candidate, Resolution, resolve_document
from ingest.entities.gazetteer import Gazetteer, load_gazetteer
from ingest.entities.model_names import MODEL_LANGUAGES, MODEL_PACKAGE
from ingest.entities.names import trim_span

if TYPE_CHECKING:  # spaCy is imported when a tagger is loaded: a run without entities never pays for it
    from spacy.language import Language
    from spacy.tokens import Doc

# Texts per nlp.pipe batch: larger batches amortise overhead, smaller ones bound memory.
DEFAULT_BATCH_SIZE = 32
# spaCy's NER needs about 1 GB of scratch memory per 100,000 characters of one text;
# longer documents are tagged in chunks of at most this size.
MAX_CHUNK_CHARS = 100_000
PARAGRAPH_BREAK = "\n\n"


@dataclass(frozen=True)
class TaggedEntity:
    """An entity as the ``entities`` table stores it; ``curated`` names come from the gazetteer."""

    entity_id: str
    name: str
    label: str
    external_id: str | None
    curated: bool = False


@dataclass
class TagOutcome:
    """The entities a batch mentions, and what the batch left untagged."""

    entities: list[TaggedEntity] = field(default_factory=list)
    documents_tagged: int = 0
    mention_count: int = 0
    skipped_languages: Counter[str] = field(default_factory=Counter)
    skipped_duplicates: int = 0


class EntityTagger:
    """The loaded pipeline and gazetteer; build it once with ``load_tagger``."""

    def __init__(self, nlp: Language, gazetteer: Gazetteer, languages: frozenset[str] = MODEL_LANGUAGES) -> None:
        self.nlp = nlp
        self.gazetteer = gazetteer
        # The languages the model was trained on: documents in any other get no mentions.
        self.languages = languages

    def tag(self, documents: Sequence[Document], batch_size: int = DEFAULT_BATCH_SIZE) -> TagOutcome:
        """Fill ``mentions`` on every document and return the entities they name.

        Documents in a language the model does not cover, and documents already
        known to duplicate another, get no mentions and are counted instead.
        Guaranteed for every mention: ``document.text[m.start:m.end] == m.text``.
        """
        outcome = TagOutcome()
        taggable = []
        for document in documents:
            document.mentions = []
            if document.duplicate_of is not None:
                outcome.skipped_duplicates += 1
            elif document.language not in self.languages:
                outcome.skipped_languages[document.language] += 1
            else:
                taggable.append(document)
        registry = EntityRegistry()
        with _one_blas_thread():
            for document, candidates in self._candidates(taggable, batch_size):
                resolutions = resolve_document([c for c, _ in candidates], self.gazetteer)
                document.mentions = [
                    _mention(document, candidate, sentence, resolution)
                    for (candidate, sentence), resolution in zip(candidates, resolutions)
                ]
                registry.add(resolutions)
                outcome.mention_count += len(document.mentions)
        outcome.documents_tagged = len(taggable)
        outcome.entities = registry.entities()
        return outcome

    def _candidates(
        self, documents: Sequence[Document], batch_size: int
    ) -> Iterator[tuple[Document, list[tuple[Candidate, int]]]]:
        """Each document with its trimmed spans and their sentence indices, in order."""
        chunks = (
            (chunk, (position, offset))
            for position, document in enumerate(documents)
            for offset, chunk in split_into_chunks(document.text)
        )
        current, found, sentences_before = -1, [], 0
        for spacy_doc, (position, offset) in self.nlp.pipe(chunks, as_tuples=True, batch_size=batch_size):
            if position != current:
                if current >= 0:
                    yield documents[current], found
                current, found, sentences_before = position, [], 0
            found.extend(_chunk_candidates(spacy_doc, offset, sentences_before))
            sentences_before += sum(1 for _ in spacy_doc.sents)
        if current >= 0:
            yield documents[current], found


def load_tagger(
    gazetteer_path: str | Path | None = None, model: str = MODEL_PACKAGE, languages: Iterable[str] = MODEL_LANGUAGES
) -> EntityTagger:
    """Load the model and the gazetteer (the packaged one unless a path is given). Slow: call once.

    ``model`` names an installed spaCy pipeline package and ``languages`` the
    languages (ISO 639-1) it was trained on.
    """
    gazetteer = load_gazetteer(gazetteer_path)
    from ingest.entities.model import load_pipeline

    return EntityTagger(load_pipeline(gazetteer, model), gazetteer, frozenset(languages))


@contextmanager
def _one_blas_thread() -> Iterator[None]:
    """numpy's BLAS on one thread while a batch is tagged: a tagging process is one worker.

    The model multiplies on numpy's BLAS (``ingest.entities.model``), which starts
    a thread a core whose waits spin: on two cores, both cut tagging's wall time by
    5 to 11 % for 30 to 40 % more CPU (``bench/results/tagging_blas.md``), and
    tagging processes side by side would each take every core. A run scales with
    ``--workers``.
    """
    from threadpoolctl import threadpool_limits  # imported where tagging runs, like spaCy

    with threadpool_limits(limits=1, user_api="blas"):
        yield


_PROCESS_TAGGER_LOCK = threading.Lock()


def tag_with_process_tagger(
    documents: Sequence[Document],
    gazetteer_path: str | Path | None = None,
    model: str = MODEL_PACKAGE,
    languages: Iterable[str] = MODEL_LANGUAGES,
) -> TagOutcome:
    """Tag with this process's tagger for that model and gazetteer, loaded on first use.

    For workers that tag batch after batch: the model loads once per process, and
    one batch at a time uses it, since a spaCy pipeline is not meant to be shared
    between threads.
    """
    with _PROCESS_TAGGER_LOCK:
        return _process_tagger(gazetteer_path, model, frozenset(languages)).tag(documents)


def load_process_tagger(
    gazetteer_path: str | Path | None = None, model: str = MODEL_PACKAGE, languages: Iterable[str] = MODEL_LANGUAGES
) -> None:
    """Load this process's tagger now (in a thread of its own, say) so the first batch to tag does not wait for it."""
    with _PROCESS_TAGGER_LOCK:
        _process_tagger(gazetteer_path, model, frozenset(languages))


@functools.cache
def _process_tagger(gazetteer_path: str | Path | None, model: str, languages: frozenset[str]) -> EntityTagger:
    return load_tagger(gazetteer_path, model, languages)


def split_into_chunks(text: str, limit: int = MAX_CHUNK_CHARS) -> Iterator[tuple[int, str]]:
    """``(offset, chunk)`` pieces of at most ``limit`` characters that rebuild ``text``.

    Cuts fall after a paragraph break where there is one in reach, else after the
    last whitespace, so that no name is cut in two unless a paragraph has no space.
    """
    start = 0
    while len(text) - start > limit:
        window = text[start : start + limit]
        cut = window.rfind(PARAGRAPH_BREAK)
        cut = cut + len(PARAGRAPH_BREAK) if cut > 0 else _last_space_end(window)
        yield start, text[start : start + cut]
        start += cut
    if start < len(text) or start == 0:
        yield start, text[start:]


def _last_space_end(window: str) -> int:
    for position in range(len(window) - 1, 0, -1):
        if window[position].isspace():
            return position + 1
    return len(window)


def _chunk_candidates(doc: Doc, offset: int, sentences_before: int) -> Iterable[tuple[Candidate, int]]:
    sentence_starts = [sentence.start for sentence in doc.sents]
    text = doc.text  # Doc.text is rebuilt from the tokens on every access
    for ent in doc.ents:
        start, end = trim_span(text, ent.start_char, ent.end_char, ent.label_)
        if not is_plausible_name(text[start:end], ent.label_):
            continue
        sentence = sentences_before + bisect.bisect_right(sentence_starts, ent.start) - 1
        candidate = Candidate(
            start=offset + start,
            end=offset + end,
            label=ent.label_,
            surface=text[start:end],
            ruler_name=ent.ent_id_ or None,
        )
        yield candidate, sentence


def is_plausible_name(surface: str, label: str) -> bool:
    """A name has a capital or a digit somewhere; the model's all-lower-case "names"
    ("the", "metro") are fragments of furniture. Amounts and times may be words."""
    if label in VALUE_LABELS:
        return bool(surface.strip())
    return any(ch.isupper() or ch.isdigit() for ch in surface)


def _mention(document: Document, candidate: Candidate, sentence: int, resolution: Resolution) -> Mention:
    return Mention(
        entity_id=resolution.entity_id,
        label=resolution.label,
        text=document.text[candidate.start : candidate.end],
        start=candidate.start,
        end=candidate.end,
        sentence_index=sentence,
    )


class EntityRegistry:
    """Entities seen in a batch; a display name is chosen once all spellings are counted."""

    def __init__(self) -> None:
        self._first: dict[str, Resolution] = {}
        self._spellings: dict[str, Counter[str]] = {}

    def add(self, resolutions: Iterable[Resolution]) -> None:
        for resolution in resolutions:
            entity = resolution.entity_id
            self._first.setdefault(entity, resolution)
            spellings = self._spellings.setdefault(entity, Counter())
            if resolution.own_spelling:
                spellings[resolution.name] += 1

    def entities(self) -> list[TaggedEntity]:
        return [
            TaggedEntity(
                entity, self._display_name(entity, first), first.label, first.external_id, first.from_gazetteer
            )
            for entity, first in sorted(self._first.items())
        ]

    def _display_name(self, entity: str, first: Resolution) -> str:
        """The gazetteer's name, else the most frequent own spelling (ties: alphabetical)."""
        spellings = self._spellings[entity]
        if first.from_gazetteer or not spellings:
            return first.name
        return min(spellings, key=lambda name: (-spellings[name], name))
