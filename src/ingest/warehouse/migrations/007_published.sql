-- The date an HTML page says it was published (its meta tags, markup or URL, as the
-- main-content extractor reads them). NULL for other formats, for pages that do not
-- say, and for rows loaded before this migration.

ALTER TABLE documents ADD COLUMN IF NOT EXISTS published DATE;

-- A view over documents.* is bound to the columns it was created with.
CREATE OR REPLACE VIEW corpus AS
SELECT * FROM documents WHERE duplicate_of IS NULL AND deleted_at IS NULL;
