-- Each change of an intake request's status (contacted, closed, back to new): who made it,
-- when, and their note. The request's own status column holds the latest.
-- The same schema as internal/sqlite/migrations/00029_intake_status.sql in PostgreSQL types.

-- +goose Up
CREATE TABLE intake_status_changes (
    id         bigserial PRIMARY KEY,
    intake_id  text NOT NULL REFERENCES intake_requests (id),
    status     text NOT NULL CHECK (status IN ('new', 'contacted', 'converted', 'closed')),
    note       text NOT NULL DEFAULT '',
    changed_by text NOT NULL,
    changed_at timestamptz NOT NULL
);
CREATE INDEX intake_status_changes_intake ON intake_status_changes (intake_id, id);

-- +goose Down
DROP TABLE intake_status_changes;
