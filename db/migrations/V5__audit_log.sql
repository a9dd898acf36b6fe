-- Who changed what: admin actions and every change of a document's readers, written in the same transaction as
-- the change itself.
CREATE TABLE audit_log (
    id      bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    at      timestamptz NOT NULL DEFAULT now(),
    actor   text        NOT NULL,
    action  text        NOT NULL,
    target  text        NOT NULL,
    details text
);
CREATE INDEX audit_log_at ON audit_log (at DESC);

GRANT SELECT, INSERT ON audit_log TO ${appRole};
