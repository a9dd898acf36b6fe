-- Time windows over the query log (dashboard, usage report, answer quality) and its retention read by creation
-- time; until now only per-user lookups had an index.
CREATE INDEX query_log_created ON query_log (created_at);
-- Expired cached answers are removed in batches, oldest expiry first.
CREATE INDEX semantic_cache_expiry ON semantic_cache (expires_at);
-- Feedback goes with the question it rates when the question leaves the query log.
GRANT DELETE ON feedback TO ${appRole};
