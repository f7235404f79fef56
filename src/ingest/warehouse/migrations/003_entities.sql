-- Entities you can join on: what the v1 `entities` table lacks, and views for analysts.
-- mention_count and doc_count count mentions in live documents (deleted_at IS NULL);
-- the load refreshes them at the end of every run (ingest.entities.refresh_counts).

ALTER TABLE entities ADD COLUMN IF NOT EXISTS external_id VARCHAR;
ALTER TABLE entities ADD COLUMN IF NOT EXISTS mention_count BIGINT DEFAULT 0;
ALTER TABLE entities ADD COLUMN IF NOT EXISTS doc_count BIGINT DEFAULT 0;

-- Named entities per live document, with how often each is mentioned there.
-- Amounts and times (DATE, MONEY, CARDINAL, ...) are left out: they are not
-- things an analyst pairs with a name, and they would swamp the pairs.
CREATE OR REPLACE VIEW entity_documents AS
SELECT m.doc_id, m.entity_id, count(*) AS mentions
FROM mentions AS m
JOIN documents AS d USING (doc_id)
WHERE d.deleted_at IS NULL
  AND m.label NOT IN ('DATE', 'TIME', 'PERCENT', 'MONEY', 'QUANTITY', 'ORDINAL', 'CARDINAL')
GROUP BY m.doc_id, m.entity_id;

-- Pairs of entities named in the same documents, both orders, so that
-- "which documents mention the Su-35 together with Israel" is one filter on entity_a.
CREATE OR REPLACE VIEW entity_cooccurrence AS
SELECT
    a.entity_id AS entity_a,
    ea.name     AS name_a,
    ea.label    AS label_a,
    b.entity_id AS entity_b,
    eb.name     AS name_b,
    eb.label    AS label_b,
    count(*)    AS documents,
    list(a.doc_id ORDER BY a.doc_id) AS doc_ids
FROM entity_documents AS a
JOIN entity_documents AS b ON a.doc_id = b.doc_id AND a.entity_id <> b.entity_id
JOIN entities AS ea ON ea.entity_id = a.entity_id
JOIN entities AS eb ON eb.entity_id = b.entity_id
GROUP BY ALL;

-- Every entity ranked within its label by the documents that mention it, then mentions.
CREATE OR REPLACE VIEW top_entities_per_label AS
SELECT
    label,
    row_number() OVER (PARTITION BY label ORDER BY doc_count DESC, mention_count DESC, name, entity_id) AS rank,
    entity_id,
    name,
    external_id,
    doc_count,
    mention_count
FROM entities
WHERE mention_count > 0;
