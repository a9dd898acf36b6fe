-- Answers kept for repeated questions. An entry is readable only by callers who can read every document it
-- rests on (row-level security below, over document's own policy), and disappears as soon as one of those
-- documents changes, changes ACL, expires or is deleted (triggers below).
CREATE TABLE semantic_cache (
    id            uuid PRIMARY KEY,
    question      text         NOT NULL,
    question_hash char(64)     NOT NULL,
    embedding     halfvec(384) NOT NULL,
    scope_key     text         NOT NULL,
    config_key    text         NOT NULL,
    answer        text         NOT NULL,
    sources       text         NOT NULL,
    document_ids  uuid[]       NOT NULL CHECK (cardinality(document_ids) > 0),
    created_at    timestamptz  NOT NULL DEFAULT now(),
    expires_at    timestamptz  NOT NULL,
    hits          integer      NOT NULL DEFAULT 0
);
CREATE INDEX semantic_cache_exact ON semantic_cache (question_hash, scope_key, config_key);
CREATE INDEX semantic_cache_embedding ON semantic_cache USING hnsw (embedding halfvec_cosine_ops);
CREATE INDEX semantic_cache_documents ON semantic_cache USING gin (document_ids);

ALTER TABLE semantic_cache ENABLE ROW LEVEL SECURITY;
CREATE POLICY semantic_cache_readable ON semantic_cache
    USING (docent_is_system() OR NOT EXISTS (
        SELECT 1 FROM unnest(document_ids) AS cited(id)
        WHERE NOT EXISTS (SELECT 1 FROM document d
                          WHERE d.id = cited.id AND (d.expires_at IS NULL OR d.expires_at > now()))))
    WITH CHECK (docent_is_system());

-- Runs as the owner, so that invalidation reaches every entry whatever the transaction's scope.
CREATE FUNCTION semantic_cache_invalidate() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = public
AS $$
BEGIN
    DELETE FROM semantic_cache WHERE document_ids @> ARRAY[OLD.id];
    RETURN NULL;
END $$;

CREATE TRIGGER document_changed_invalidates_cache AFTER UPDATE ON document
    FOR EACH ROW
    WHEN (OLD.content_sha256 IS DISTINCT FROM NEW.content_sha256 OR OLD.acl_groups IS DISTINCT FROM NEW.acl_groups
          OR OLD.expires_at IS DISTINCT FROM NEW.expires_at OR OLD.title IS DISTINCT FROM NEW.title)
    EXECUTE FUNCTION semantic_cache_invalidate();
CREATE TRIGGER document_deleted_invalidates_cache AFTER DELETE ON document
    FOR EACH ROW EXECUTE FUNCTION semantic_cache_invalidate();

-- What an answer cost, and where it was asked.
ALTER TABLE query_log ADD COLUMN cost numeric(12, 6) NOT NULL DEFAULT 0;
ALTER TABLE query_log ADD COLUMN collection_ids bigint[] NOT NULL DEFAULT '{}';
ALTER TABLE query_log ADD COLUMN cached boolean NOT NULL DEFAULT false;
ALTER TABLE query_log ADD COLUMN generator text NOT NULL DEFAULT 'extractive';
ALTER TABLE query_log ADD COLUMN guardrails text;

GRANT SELECT, INSERT, UPDATE, DELETE ON semantic_cache TO ${appRole};
