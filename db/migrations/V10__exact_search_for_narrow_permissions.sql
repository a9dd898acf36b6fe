-- The exact nearest passages among those the groups may read, for callers who may read few of them (the dense
-- retriever decides when). Under row-level security PostgreSQL may not use the ACL index for a query's own group
-- filter: array overlap is not a leakproof operator, so it is evaluated only after the policy, row by row, and a
-- narrow permission costs a scan of the whole collection. This function runs as the tables' owner, which the
-- policies do not apply to, so the ACL index finds the permitted rows; it returns chunk ids and distances only, and
-- the application reads the passages themselves under row-level security as always. Index scans are off inside it,
-- so the HNSW index is never walked here: bitmap scans of the ACL and collection indexes, then an exact sort.
CREATE FUNCTION docent_nearest_permitted(groups text[], collections bigint[], query halfvec, k integer)
    RETURNS TABLE (chunk_id bigint, distance double precision)
    LANGUAGE plpgsql STABLE SECURITY DEFINER
    ROWS 50 -- a k-sized result, so that the caller's join reads the passages by primary key
    SET search_path FROM CURRENT
    SET enable_indexscan = off
AS $$
BEGIN
    -- EXECUTE plans with the arguments' values, so the planner sees how rare the groups are (a plain SQL function
    -- would get a generic plan that cannot tell, and might scan the table).
    RETURN QUERY EXECUTE '
        SELECT c.id, c.embedding <=> $3
        FROM chunk c
        WHERE c.acl_groups && $1
          AND (c.expires_at IS NULL OR c.expires_at > now())
          AND (cardinality($2) = 0 OR c.collection_id = ANY ($2))
        ORDER BY c.embedding <=> $3, c.id
        LIMIT $4' USING groups, collections, query, k;
END $$;

REVOKE ALL ON FUNCTION docent_nearest_permitted(text[], bigint[], halfvec, integer) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION docent_nearest_permitted(text[], bigint[], halfvec, integer) TO ${appRole};
