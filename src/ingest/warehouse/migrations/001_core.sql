-- Core tables of the warehouse contract v1. Documented column by column in warehouse/README.md.
-- Offsets are character (code point) offsets, zero-based, end exclusive: in SQL,
-- substr(text, start_offset + 1, end_offset - start_offset) gives the span back.

CREATE TABLE IF NOT EXISTS runs (
    run_id              VARCHAR PRIMARY KEY,
    started_at          TIMESTAMP NOT NULL,
    finished_at         TIMESTAMP,
    status              VARCHAR NOT NULL,
    source              VARCHAR NOT NULL,
    pipeline_version    VARCHAR NOT NULL,
    parameters          JSON,
    files_seen          BIGINT,
    files_unchanged     BIGINT,
    documents_loaded    BIGINT,
    documents_deleted   BIGINT,
    duplicates          BIGINT,
    rejects             BIGINT,
    removed_spans       BIGINT,
    edits               BIGINT,
    entities            BIGINT,
    mentions            BIGINT,
    languages_skipped_by_ner BIGINT,
    stage_seconds       JSON
);

CREATE TABLE IF NOT EXISTS documents (
    doc_id              VARCHAR PRIMARY KEY,
    source_uri          VARCHAR NOT NULL,
    content_sha256      VARCHAR NOT NULL,
    text_sha256         VARCHAR NOT NULL,
    media_type          VARCHAR NOT NULL,
    encoding            VARCHAR NOT NULL,
    title               VARCHAR,
    author              VARCHAR,
    author_bio          VARCHAR,
    language            VARCHAR NOT NULL,
    language_score      DOUBLE NOT NULL,
    text                VARCHAR NOT NULL,
    raw_chars           BIGINT NOT NULL,
    clean_chars         BIGINT NOT NULL,
    word_count          BIGINT NOT NULL,
    duplicate_of        VARCHAR,
    pipeline_version    VARCHAR NOT NULL,
    run_id              VARCHAR NOT NULL,
    ingested_at         TIMESTAMP NOT NULL,
    deleted_at          TIMESTAMP
);

CREATE TABLE IF NOT EXISTS raw_texts (
    doc_id              VARCHAR PRIMARY KEY,
    raw_text            VARCHAR NOT NULL,
    run_id              VARCHAR NOT NULL
);

CREATE TABLE IF NOT EXISTS removed_spans (
    doc_id              VARCHAR NOT NULL,
    kind                VARCHAR NOT NULL,
    rule                VARCHAR NOT NULL,
    start_offset        BIGINT NOT NULL,
    end_offset          BIGINT NOT NULL,
    text                VARCHAR NOT NULL,
    run_id              VARCHAR NOT NULL
);

CREATE TABLE IF NOT EXISTS edits (
    doc_id              VARCHAR NOT NULL,
    kind                VARCHAR NOT NULL,
    rule                VARCHAR NOT NULL,
    "offset"            BIGINT NOT NULL,
    before              VARCHAR NOT NULL,
    after               VARCHAR NOT NULL,
    run_id              VARCHAR NOT NULL
);

CREATE TABLE IF NOT EXISTS entities (
    entity_id           VARCHAR PRIMARY KEY,
    name                VARCHAR NOT NULL,
    label               VARCHAR NOT NULL
);

CREATE TABLE IF NOT EXISTS mentions (
    doc_id              VARCHAR NOT NULL,
    entity_id           VARCHAR NOT NULL,
    label               VARCHAR NOT NULL,
    text                VARCHAR NOT NULL,
    start_offset        BIGINT NOT NULL,
    end_offset          BIGINT NOT NULL,
    sentence_index      INTEGER NOT NULL,
    run_id              VARCHAR NOT NULL
);

CREATE TABLE IF NOT EXISTS rejects (
    source_uri          VARCHAR NOT NULL,
    reason              VARCHAR NOT NULL,
    run_id              VARCHAR NOT NULL,
    rejected_at         TIMESTAMP NOT NULL
);

-- Every removal and repair of one document, in raw-text order: what `ingest explain` shows.
CREATE OR REPLACE VIEW document_changes AS
SELECT doc_id, 'removed' AS change, kind, rule, start_offset, end_offset, text AS before, '' AS after
FROM removed_spans
UNION ALL
SELECT doc_id, 'edited', kind, rule, "offset", "offset" + length(before), before, after
FROM edits;
