-- Good-faith estimates as issued: each estimate given to a self-pay or uninsured client is kept
-- whole (the JSON of the document), with its number, day, recommended level and that level's
-- expected total, so it can be shown again exactly as the client received it. Rows are never
-- changed. The same schema as internal/sqlite/migrations/00049_issued_estimates.sql.

-- +goose Up
CREATE TABLE issued_estimates (
    id          TEXT PRIMARY KEY,
    client_id   TEXT NOT NULL REFERENCES clients (id),
    number      TEXT NOT NULL UNIQUE,
    issued_on   TEXT NOT NULL,
    recommended TEXT NOT NULL,
    total_cents BIGINT NOT NULL,
    document    TEXT NOT NULL,
    issued_by   TEXT NOT NULL,
    issued_at   timestamptz NOT NULL
);
CREATE INDEX issued_estimates_client ON issued_estimates (client_id, issued_at);

-- +goose Down
DROP TABLE issued_estimates;
