-- Cheaper reads of client data.
--
-- The clients a list showed. A call that lists clients appends one audit_log row for the call
-- and here one row per client it showed, so "who has seen this client" finds the lists too,
-- at a fraction of the cost of a full audit row per client. Rows are never changed or deleted.
--
-- The client search matches a part of the names joined by spaces; indexing that expression lets
-- a search count its matches by scanning the small index instead of the whole table.
-- The same schema as internal/sqlite/migrations/00011_read_paths.sql.

-- +goose Up
CREATE TABLE audit_shown (
    client_id text NOT NULL,
    audit_id  bigint NOT NULL REFERENCES audit_log (id),
    PRIMARY KEY (client_id, audit_id)
);

CREATE INDEX clients_search ON clients (lower(given_name || ' ' || family_name || ' ' || preferred_name));

-- +goose Down
DROP INDEX clients_search;
DROP TABLE audit_shown;
