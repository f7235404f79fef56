-- A record's fields other than its text and id (a JSONL line's, a Parquet or CSV
-- row's), or a WARC page's target URI and capture date, as a JSON object of strings.
-- NULL for documents that are files of their own.
ALTER TABLE documents ADD COLUMN IF NOT EXISTS metadata JSON;

-- A view over documents.* is bound to the columns it was created with.
CREATE OR REPLACE VIEW corpus AS
SELECT * FROM documents WHERE duplicate_of IS NULL AND deleted_at IS NULL;
