-- What stat said about each document's source file when it was read, so that a
-- later run can tell an untouched file by its size and times without reading it.
-- The times are NULL when the file had been written too recently to trust them
-- (ingest.discover.RACY_WINDOW_NS); such files, and rows from before this
-- migration, are hashed as before.

ALTER TABLE documents ADD COLUMN IF NOT EXISTS source_bytes BIGINT;
ALTER TABLE documents ADD COLUMN IF NOT EXISTS source_mtime_ns BIGINT;
ALTER TABLE documents ADD COLUMN IF NOT EXISTS source_ctime_ns BIGINT;

-- A view over documents.* is bound to the columns it was created with.
CREATE OR REPLACE VIEW corpus AS
SELECT * FROM documents WHERE duplicate_of IS NULL AND deleted_at IS NULL;
