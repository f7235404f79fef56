-- The measures that decided each duplicate, so the choice can be audited (ingest explain shows them).
-- jaccard: Jaccard similarity of the two documents' comparison shingle sets (1.0 for exact methods).
-- containment: the share of the smaller comparison set found in the larger (1.0 for exact methods).
-- contained_id: which document of the pair (doc_id or matched_id) is the one contained in the other,
-- i.e. holds the smaller comparison set; NULL for exact methods.
-- Rows written before this migration keep NULL here: they were decided on Jaccard alone (similarity).

ALTER TABLE duplicates ADD COLUMN IF NOT EXISTS jaccard DOUBLE;
ALTER TABLE duplicates ADD COLUMN IF NOT EXISTS containment DOUBLE;
ALTER TABLE duplicates ADD COLUMN IF NOT EXISTS contained_id VARCHAR;
