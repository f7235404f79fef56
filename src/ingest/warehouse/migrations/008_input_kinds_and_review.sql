-- The kind of document cleaning took each file for (html, page_text, markdown, pdf,
-- ocr, prose): it decided which rules ran. NULL for rows loaded before this migration.
ALTER TABLE documents ADD COLUMN IF NOT EXISTS input_kind VARCHAR;
-- Why a person should review the document's cleaning: the body-loss guard doubted its
-- removals and kept what they would have taken. NULL when cleaning was not doubted.
ALTER TABLE documents ADD COLUMN IF NOT EXISTS review_reason VARCHAR;
-- How many documents of a run were loaded with a review_reason.
ALTER TABLE runs ADD COLUMN IF NOT EXISTS documents_flagged BIGINT;

-- A view over documents.* is bound to the columns it was created with.
CREATE OR REPLACE VIEW corpus AS
SELECT * FROM documents WHERE duplicate_of IS NULL AND deleted_at IS NULL;
