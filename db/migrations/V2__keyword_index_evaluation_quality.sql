-- The keyword index tails chunk_change by transaction id: every change of a transaction older than the oldest
-- transaction still running is final, whatever order the transactions committed in.
ALTER TABLE chunk_change ADD COLUMN txid xid8 NOT NULL DEFAULT pg_current_xact_id();
CREATE INDEX chunk_change_txid ON chunk_change (txid, seq);

-- Runs of the evaluation harness (./docent eval), one row per dataset and retrieval mode.
CREATE TABLE eval_run (
    id            uuid PRIMARY KEY,
    dataset       text        NOT NULL,
    mode          text        NOT NULL CHECK (mode IN ('dense', 'bm25', 'hybrid')),
    queries       integer     NOT NULL,
    documents     integer     NOT NULL,
    hit_at_1      real        NOT NULL,
    hit_at_5      real        NOT NULL,
    hit_at_10     real        NOT NULL,
    mrr_at_10     real        NOT NULL,
    ndcg_at_10    real        NOT NULL,
    recall_at_100 real        NOT NULL,
    took_ms       bigint      NOT NULL,
    details       text,
    created_by    text        NOT NULL,
    created_at    timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX eval_run_created ON eval_run (created_at DESC);

-- Answer quality of a sample of live answers (faithfulness, answer relevance), and which judge scored them.
ALTER TABLE query_log ADD COLUMN faithfulness real;
ALTER TABLE query_log ADD COLUMN answer_relevance real;
ALTER TABLE query_log ADD COLUMN quality_judge text;

GRANT SELECT, INSERT, UPDATE, DELETE ON eval_run TO ${appRole};

-- Which database a node's keyword index was built from: a recreated database has a new id, and the index rebuilds.
CREATE TABLE docent_instance (
    id         uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    created_at timestamptz NOT NULL DEFAULT now()
);
INSERT INTO docent_instance DEFAULT VALUES;
GRANT SELECT ON docent_instance TO ${appRole};
