-- Each change of an intake request's status (contacted, closed, back to new): who made it,
-- when, and their note. The request's own status column holds the latest.
-- The same schema as internal/postgres/migrations/00029_intake_status.sql.

-- +goose Up
CREATE TABLE intake_status_changes (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    intake_id  TEXT NOT NULL REFERENCES intake_requests (id),
    status     TEXT NOT NULL CHECK (status IN ('new', 'contacted', 'converted', 'closed')),
    note       TEXT NOT NULL DEFAULT '',
    changed_by TEXT NOT NULL,
    changed_at TIMESTAMP NOT NULL
);
CREATE INDEX intake_status_changes_intake ON intake_status_changes (intake_id, id);

-- +goose Down
DROP TABLE intake_status_changes;
