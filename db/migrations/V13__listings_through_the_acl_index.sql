-- A caller's document list and per-collection document counts. Under row-level security PostgreSQL may not use the
-- ACL index for the caller's own group filter (array overlap is not leakproof; see V10), so both read the whole
-- document table: 200 ms on both cores at 700,000 documents, on every listing. These functions run as the tables'
-- owner, so the ACL index (or the newest-first index below, for a group that may read most documents) can serve
-- them. They answer for the groups of the caller's scope only, never for groups passed in, and return ids and
-- counts; the application reads the documents themselves under row-level security as always. EXECUTE plans with
-- the groups' values, so that the planner sees how many documents they may read.
CREATE INDEX document_recent ON document (updated_at DESC, id);

CREATE FUNCTION docent_readable_documents(collection bigint, max_rows integer, skip integer)
    RETURNS TABLE (document_id uuid)
    LANGUAGE plpgsql STABLE SECURITY DEFINER
    ROWS 50
    SET search_path FROM CURRENT
AS $$
BEGIN
    RETURN QUERY EXECUTE '
        SELECT d.id
        FROM document d
        WHERE d.acl_groups && $1
          AND ($2::bigint IS NULL OR d.collection_id = $2)
        ORDER BY d.updated_at DESC, d.id
        LIMIT $3 OFFSET $4' USING docent_caller_groups(), collection, max_rows, skip;
END $$;

CREATE FUNCTION docent_readable_document_counts()
    RETURNS TABLE (collection_id bigint, documents bigint)
    LANGUAGE plpgsql STABLE SECURITY DEFINER
    ROWS 20
    SET search_path FROM CURRENT
AS $$
BEGIN
    RETURN QUERY EXECUTE '
        SELECT d.collection_id, count(*)
        FROM document d
        WHERE d.acl_groups && $1
          AND (d.expires_at IS NULL OR d.expires_at > now())
        GROUP BY d.collection_id' USING docent_caller_groups();
END $$;

REVOKE ALL ON FUNCTION docent_readable_documents(bigint, integer, integer), docent_readable_document_counts() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION docent_readable_documents(bigint, integer, integer), docent_readable_document_counts()
    TO ${appRole};
