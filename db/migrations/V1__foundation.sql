-- Docent's foundation schema. Applied by Flyway as the owner role at start; the application connects as
-- ${appRole}, which owns nothing, so the row-level security policies below apply to every query it makes.

-- The caller's ACL groups and scope, set per transaction by the application (set_config(..., true)).
-- Unset means no groups: rows are hidden, never shown.
CREATE FUNCTION docent_caller_groups() RETURNS text[]
    LANGUAGE sql STABLE PARALLEL SAFE
AS $$ SELECT coalesce(nullif(current_setting('docent.groups', true), ''), '{}')::text[] $$;

-- Ingestion and maintenance act for the system, not for a caller: they may write any row.
CREATE FUNCTION docent_is_system() RETURNS boolean
    LANGUAGE sql STABLE PARALLEL SAFE
AS $$ SELECT coalesce(current_setting('docent.scope', true), '') = 'system' $$;

CREATE TABLE collection (
    id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name             text        NOT NULL UNIQUE CHECK (name ~ '^[a-z0-9][a-z0-9._-]{0,62}$'),
    description      text        NOT NULL DEFAULT '',
    default_ttl_days integer CHECK (default_ttl_days > 0),
    created_by       text        NOT NULL,
    created_at       timestamptz NOT NULL DEFAULT now()
);

INSERT INTO collection (name, description, created_by)
VALUES ('general', 'Documents that belong to no particular collection.', 'system');

-- Uploaded and received originals, kept so that a document can be re-ingested and no accepted file is lost.
CREATE TABLE stored_original (
    id            uuid PRIMARY KEY,
    sha256        char(64)    NOT NULL,
    content_type  text        NOT NULL,
    file_name     text,
    size_bytes    bigint      NOT NULL,
    content       bytea       NOT NULL,
    created_at    timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE document (
    id             uuid PRIMARY KEY,
    collection_id  bigint      NOT NULL REFERENCES collection (id),
    external_id    text        NOT NULL,
    title          text        NOT NULL,
    content_type   text,
    content_sha256 char(64),
    acl_groups     text[]      NOT NULL CHECK (cardinality(acl_groups) > 0),
    ttl_days       integer CHECK (ttl_days > 0),
    expires_at     timestamptz,
    status         text        NOT NULL CHECK (status IN ('queued', 'processing', 'ready', 'failed')),
    original_id    uuid REFERENCES stored_original (id) ON DELETE SET NULL,
    latest_job_id  uuid,
    chunk_count    integer     NOT NULL DEFAULT 0,
    created_by     text        NOT NULL,
    created_at     timestamptz NOT NULL DEFAULT now(),
    updated_at     timestamptz NOT NULL DEFAULT now(),
    version        bigint      NOT NULL DEFAULT 0,
    UNIQUE (collection_id, external_id)
);
CREATE INDEX document_acl_groups ON document USING gin (acl_groups);

-- One row per retrievable passage. ACL groups, collection and expiry are copied from the document so that the
-- vector search filters on this table alone.
CREATE TABLE chunk (
    id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    document_id   uuid        NOT NULL REFERENCES document (id) ON DELETE CASCADE,
    collection_id bigint      NOT NULL,
    ordinal       integer     NOT NULL,
    heading       text,
    text          text        NOT NULL,
    text_sha256   char(64)    NOT NULL,
    token_count   integer     NOT NULL,
    embedding     halfvec(384) NOT NULL,
    acl_groups    text[]      NOT NULL,
    expires_at    timestamptz,
    created_at    timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX chunk_embedding_hnsw ON chunk USING hnsw (embedding halfvec_cosine_ops) WITH (m = 16, ef_construction = 64);
CREATE INDEX chunk_acl_groups ON chunk USING gin (acl_groups);
CREATE INDEX chunk_document ON chunk (document_id, ordinal);
CREATE INDEX chunk_collection ON chunk (collection_id);

CREATE TABLE ingestion_job (
    id               uuid PRIMARY KEY,
    document_id      uuid,
    source           text        NOT NULL CHECK (source IN ('rest', 'jms')),
    action           text        NOT NULL CHECK (action IN ('upsert', 'delete')),
    status           text        NOT NULL CHECK (status IN ('queued', 'processing', 'done', 'failed')),
    error            text,
    collection_name  text,
    external_id      text,
    title            text,
    acl_groups       text[],
    ttl_days         integer,
    content_type     text,
    file_name        text,
    content_sha256   char(64),
    original_id      uuid REFERENCES stored_original (id) ON DELETE SET NULL,
    jms_message_id   text UNIQUE,
    attempts         integer     NOT NULL DEFAULT 0,
    chunks_total     integer     NOT NULL DEFAULT 0,
    chunks_embedded  integer     NOT NULL DEFAULT 0,
    chunks_reused    integer     NOT NULL DEFAULT 0,
    superseded_by    uuid,
    created_by       text        NOT NULL,
    created_at       timestamptz NOT NULL DEFAULT now(),
    started_at       timestamptz,
    finished_at      timestamptz
);
CREATE INDEX ingestion_job_document ON ingestion_job (document_id);
CREATE INDEX ingestion_job_status ON ingestion_job (status, created_at);

-- The ordered log of chunk changes that each node's keyword index tails.
CREATE TABLE chunk_change (
    seq         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    chunk_id    bigint      NOT NULL,
    document_id uuid        NOT NULL,
    op          text        NOT NULL CHECK (op IN ('upsert', 'delete')),
    changed_at  timestamptz NOT NULL DEFAULT now()
);

-- Every write to chunk lands in the log in the same transaction, whatever path made it (ingestion, a document's
-- deletion cascading, an ACL change), so the keyword indexes cannot miss one.
CREATE FUNCTION chunk_log_change() RETURNS trigger
    LANGUAGE plpgsql
AS $$
BEGIN
    IF TG_OP = 'DELETE' THEN
        INSERT INTO chunk_change (chunk_id, document_id, op) VALUES (OLD.id, OLD.document_id, 'delete');
        RETURN OLD;
    END IF;
    -- A passage that only moved within its document changes nothing a keyword index holds.
    IF TG_OP = 'UPDATE' AND (OLD.text, OLD.acl_groups, OLD.expires_at, OLD.collection_id)
            IS NOT DISTINCT FROM (NEW.text, NEW.acl_groups, NEW.expires_at, NEW.collection_id) THEN
        RETURN NEW;
    END IF;
    INSERT INTO chunk_change (chunk_id, document_id, op) VALUES (NEW.id, NEW.document_id, 'upsert');
    RETURN NEW;
END $$;

CREATE TRIGGER chunk_changes AFTER INSERT OR UPDATE OR DELETE ON chunk
    FOR EACH ROW EXECUTE FUNCTION chunk_log_change();

-- Every answered question, for feedback (only on one's own query) and the console.
CREATE TABLE query_log (
    id            uuid PRIMARY KEY,
    user_name     text        NOT NULL,
    question      text        NOT NULL,
    route         text        NOT NULL,
    answered      boolean     NOT NULL,
    source_count  integer     NOT NULL,
    top_score     real,
    latency_ms    integer     NOT NULL,
    input_tokens  integer     NOT NULL DEFAULT 0,
    output_tokens integer     NOT NULL DEFAULT 0,
    created_at    timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX query_log_user ON query_log (user_name, created_at);

-- Row-level security: the second wall behind every query's own ACL filter.
ALTER TABLE document ENABLE ROW LEVEL SECURITY;
ALTER TABLE chunk ENABLE ROW LEVEL SECURITY;
ALTER TABLE stored_original ENABLE ROW LEVEL SECURITY;

CREATE POLICY document_by_groups ON document
    USING (docent_is_system() OR acl_groups && docent_caller_groups())
    WITH CHECK (docent_is_system() OR acl_groups && docent_caller_groups());
CREATE POLICY chunk_by_groups ON chunk
    USING (docent_is_system() OR acl_groups && docent_caller_groups())
    WITH CHECK (docent_is_system() OR acl_groups && docent_caller_groups());
CREATE POLICY stored_original_system_only ON stored_original
    USING (docent_is_system())
    WITH CHECK (docent_is_system());

GRANT SELECT, INSERT, UPDATE, DELETE ON collection, stored_original, document, chunk, ingestion_job, chunk_change, query_log
    TO ${appRole};
GRANT EXECUTE ON FUNCTION docent_caller_groups(), docent_is_system() TO ${appRole};
