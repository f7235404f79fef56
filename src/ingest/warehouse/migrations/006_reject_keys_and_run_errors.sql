-- What a refused file was when it was refused, so that a later run can tell the
-- same file still refused without reading or recording it again: the hash of the
-- bytes read (NULL when it could not be read), its stamp as in documents (NULL
-- when not trusted or not taken), and the pipeline version that refused it (a
-- new version may accept the file). Rows from before this migration have none of
-- them, and their files are tried again once.

ALTER TABLE rejects ADD COLUMN IF NOT EXISTS content_sha256 VARCHAR;
ALTER TABLE rejects ADD COLUMN IF NOT EXISTS source_bytes BIGINT;
ALTER TABLE rejects ADD COLUMN IF NOT EXISTS source_mtime_ns BIGINT;
ALTER TABLE rejects ADD COLUMN IF NOT EXISTS source_ctime_ns BIGINT;
ALTER TABLE rejects ADD COLUMN IF NOT EXISTS pipeline_version VARCHAR;

-- Why a failed run failed: the exception that started it, on one line.
ALTER TABLE runs ADD COLUMN IF NOT EXISTS error VARCHAR;
