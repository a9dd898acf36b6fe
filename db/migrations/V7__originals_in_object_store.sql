-- An original is kept either in the row (the default) or in an S3-compatible object store, under object_key.
ALTER TABLE stored_original ADD COLUMN object_key text;
ALTER TABLE stored_original ALTER COLUMN content DROP NOT NULL;
ALTER TABLE stored_original ADD CONSTRAINT stored_original_one_place
    CHECK ((content IS NULL) <> (object_key IS NULL));
