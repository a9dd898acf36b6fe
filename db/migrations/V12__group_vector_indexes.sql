-- Partial HNSW indexes for large ACL groups that hold a small share of the passages (GroupIndexes decides which,
-- builds them CONCURRENTLY and drops them again). A caller who may read 10% or 1% of a large store walks the
-- whole-store graph past mostly forbidden rows (pgvector's iterative scan keeps walking until k rows pass the
-- filter), or sorts every permitted row exactly: at 1M passages 28.8 and 40.7 ms P95. A graph of the group's own
-- passages is walked like an unfiltered one: 2 ms for the 1% group of that store in psql.
CREATE TABLE group_vector_index (
    group_name text PRIMARY KEY,
    index_name text NOT NULL UNIQUE,
    passages   bigint NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now()
);

-- The nearest passages among those the groups may read, through the group indexes: each group in `indexed` is
-- walked in its own partial index (its filter is written into the statement as a constant, the form the planner
-- needs to prove that the index's predicate holds); the groups in `rest` are read exactly by
-- docent_nearest_permitted. A passage readable through several groups comes back once, at its distance. Runs as
-- the owner like docent_nearest_permitted, for the same reason, and returns ids and distances only: the
-- application reads the passages themselves under row-level security.
CREATE FUNCTION docent_nearest_in_groups(indexed text[], rest text[], collections bigint[], query halfvec, k integer)
    RETURNS TABLE (chunk_id bigint, distance double precision)
    LANGUAGE plpgsql STABLE SECURITY DEFINER
    ROWS 50
    SET search_path FROM CURRENT
AS $$
DECLARE
    group_name text;
BEGIN
    FOREACH group_name IN ARRAY indexed LOOP
        RETURN QUERY EXECUTE format('
            SELECT c.id, c.embedding <=> $2
            FROM chunk c
            WHERE c.acl_groups && %L::text[]
              AND (c.expires_at IS NULL OR c.expires_at > now())
              AND (cardinality($1) = 0 OR c.collection_id = ANY ($1))
            ORDER BY c.embedding <=> $2
            LIMIT $3', ARRAY[group_name]) USING collections, query, k;
    END LOOP;
    IF cardinality(rest) > 0 THEN
        RETURN QUERY SELECT p.chunk_id, p.distance FROM docent_nearest_permitted(rest, collections, query, k) p;
    END IF;
END $$;

REVOKE ALL ON FUNCTION docent_nearest_in_groups(text[], text[], bigint[], halfvec, integer) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION docent_nearest_in_groups(text[], text[], bigint[], halfvec, integer) TO ${appRole};
