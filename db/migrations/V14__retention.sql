-- Time windows over the query log (dashboard, usage report, answer quality) and its retention read by creation
-- time; until now only per-user lookups had an index.
CREATE INDEX query_log_created ON query_log (created_at);
-- Expired cached answers are removed in batches, oldest expiry first.
CREATE INDEX semantic_cache_expiry ON semantic_cache (expires_at);
-- Feedback goes with the question it rates when the question leaves the query log.
GRANT DELETE ON feedback TO ${appRole};

-- The keyword indexes' change log is pruned by age; a node whose index stopped before the pruned changes (down for
-- longer than the retention) rebuilds its index instead of missing them. "through": the newest transaction of which
-- changes were pruned.
CREATE INDEX chunk_change_changed ON chunk_change (changed_at);
CREATE TABLE change_log_pruned (
    singleton boolean PRIMARY KEY DEFAULT true CHECK (singleton),
    through   xid8    NOT NULL
);
INSERT INTO change_log_pruned (through) VALUES ('0');
GRANT SELECT, UPDATE ON change_log_pruned TO ${appRole};
