-- Rate-limit buckets (Bucket4j), shared by every node: one row per user or client address and limit.
CREATE TABLE rate_limit_bucket (
    id         text PRIMARY KEY,
    state      bytea,
    expires_at bigint
);
CREATE INDEX rate_limit_bucket_expires ON rate_limit_bucket (expires_at);

GRANT SELECT, INSERT, UPDATE, DELETE ON rate_limit_bucket TO ${appRole};
