-- The passages' HNSW graph is built with ef_construction 200 instead of pgvector's default 64 (m stays 16).
-- Measured on 102,564 passages on 2 cores (docs/BENCHMARKS.md, 2026-11-24), recall@10 against an exact sort:
--   ef_construction  64: 0.74 / 0.87 / 0.93 at ef_search 40 / 100 / 200 (an index grown by inserts: the same)
--   ef_construction 128: 0.86 / 0.96 / 0.99
--   ef_construction 200: 0.92 / 0.99 / 1.00, and a search at ef_search 100 no slower (fewer hops in a sparse graph)
-- The price is paid when writing: each insert searches the graph with ef_construction candidates, and a bulk build
-- took 79 s instead of 28 s for those 100k passages.
-- Rebuilt once, here: on a store that already holds passages this locks writes and vector searches while it runs
-- (plan on about a minute and a half per 100k passages on 2 cores, with maintenance_work_mem large enough to hold
-- the graph: about 1.5 kB per passage). A fresh database rebuilds an empty index.
DROP INDEX chunk_embedding_hnsw;
CREATE INDEX chunk_embedding_hnsw ON chunk USING hnsw (embedding halfvec_cosine_ops) WITH (m = 16, ef_construction = 200);
