-- Thumbs up or down, with an optional comment, from the user who asked; one per user and answer (the last wins).
CREATE TABLE feedback (
    query_id    uuid        NOT NULL,
    user_name   text        NOT NULL,
    rating      smallint    NOT NULL CHECK (rating IN (-1, 1)),
    comment     text CHECK (length(comment) <= 2000),
    created_at  timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (query_id, user_name)
);
CREATE INDEX feedback_created ON feedback (created_at);
GRANT SELECT, INSERT, UPDATE ON feedback TO ${appRole};
