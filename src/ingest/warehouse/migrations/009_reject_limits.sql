-- A file refused because reading and cleaning it exceeded a limit of one document
-- (wall time, CPU time, memory): which limit (wall_seconds, cpu_seconds,
-- memory_mb) and its value then. A later run tries the file again only when its
-- own value of that limit is higher. NULL for every other refusal.

ALTER TABLE rejects ADD COLUMN IF NOT EXISTS limit_name VARCHAR;
ALTER TABLE rejects ADD COLUMN IF NOT EXISTS limit_value DOUBLE;
