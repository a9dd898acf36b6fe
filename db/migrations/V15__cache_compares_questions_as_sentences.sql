-- The answer cache now embeds a question as a sentence (without BGE's query instruction) to compare it with the
-- questions it holds, and keeps the question as asked (names keep their capitals for the polarity check). Entries
-- written before hold the instructed vector, which would sit at the wrong distance from every new lookup: they go,
-- by TRUNCATE, which leaves no dead copies of their vectors in the HNSW index (see the flush below).
TRUNCATE semantic_cache;

-- A hit no longer counts itself on its entry: each count rewrote the row, and a rewrite that did not fit its page
-- added another copy of the question's vector to the HNSW index, until a new entry for the same question was out
-- of the graph's reach. Hits are counted at /metrics (docent_cache_hits_total) and in the query log.
ALTER TABLE semantic_cache DROP COLUMN hits;

-- An administrator's flush empties the cache with TRUNCATE: a DELETE leaves every entry in the HNSW index until
-- vacuum, and the same questions cached again soon after join crowds of their own dead copies, out of reach.
GRANT TRUNCATE ON semantic_cache TO ${appRole};
