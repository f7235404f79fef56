-- Deduplication: what a later run needs to match new documents against everything loaded,
-- the duplicate relation with its evidence, repeated passages, and the deduplicated corpus.

-- One row per indexed document: its MinHash signature and the hashes used for exact matches.
-- rank_batch and rank_chars are frozen when the document is first indexed: with doc_id they
-- decide which copy of a cluster is canonical (earliest batch, then longest clean text, then
-- doc_id), so re-processing a document never changes its standing.
CREATE TABLE IF NOT EXISTS minhash_signatures (
    doc_id              VARCHAR PRIMARY KEY,
    scheme              VARCHAR NOT NULL,   -- shingle size and MinHash parameters that made the signature
    rank_batch          BIGINT NOT NULL,
    rank_chars          BIGINT NOT NULL,
    content_sha256      VARCHAR NOT NULL,   -- raw bytes: identical files
    text_hash           VARCHAR NOT NULL,   -- normalized clean text: exact duplicates
    shingle_count       BIGINT NOT NULL,
    signature           UINTEGER[] NOT NULL,
    run_id              VARCHAR NOT NULL
);

-- One row per duplicate document. similarity is the Jaccard similarity of the 5-word shingle sets
-- of doc_id and matched_id (1.0 for exact methods): the match that joined doc_id's group to the
-- cluster of canonical_id. method is 'exact_file' (same raw bytes), 'exact_text' (same normalized
-- clean text) or 'near' (MinHash LSH candidate verified by Jaccard >= the threshold).
CREATE TABLE IF NOT EXISTS duplicates (
    doc_id              VARCHAR PRIMARY KEY,
    canonical_id        VARCHAR NOT NULL,
    method              VARCHAR NOT NULL,
    similarity          DOUBLE NOT NULL,
    matched_id          VARCHAR NOT NULL,
    run_id              VARCHAR NOT NULL
);

-- Which normalized passages (lines of the clean text) each document holds, by hash.
CREATE TABLE IF NOT EXISTS document_passages (
    doc_id              VARCHAR NOT NULL,
    passage_hash        BIGINT NOT NULL,
    position            INTEGER NOT NULL,
    run_id              VARCHAR NOT NULL
);

-- Every distinct normalized passage once, with the run that first saw it.
CREATE TABLE IF NOT EXISTS passages (
    passage_hash        BIGINT PRIMARY KEY,
    text                VARCHAR NOT NULL,
    first_run_id        VARCHAR NOT NULL
);

-- How many distinct live documents hold each passage; copies of one document count once
-- (a syndicated article is not evidence that its paragraphs are boilerplate). Computed, so it
-- never goes stale when documents are replaced, re-pointed or deleted.
CREATE OR REPLACE VIEW passage_counts AS
SELECT p.passage_hash, p.text, count(DISTINCT coalesce(d.duplicate_of, d.doc_id)) AS document_count
FROM passages p
JOIN document_passages dp ON dp.passage_hash = p.passage_hash
JOIN documents d ON d.doc_id = dp.doc_id
WHERE d.deleted_at IS NULL
GROUP BY p.passage_hash, p.text;

-- The deduplicated corpus: one canonical copy of every document, deleted files left out.
CREATE OR REPLACE VIEW corpus AS
SELECT * FROM documents WHERE duplicate_of IS NULL AND deleted_at IS NULL;
