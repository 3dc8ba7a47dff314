-- Treatment plans: one row per version of a client's plan. The nested problems → goals →
-- objectives → interventions are kept as JSON in content; what is searched or checked has a
-- column of its own. At most one draft per client; versions are numbered per client. Dates are
-- 'YYYY-MM-DD' text. The same schema as internal/postgres/migrations/00006_plans.sql.

-- +goose Up
CREATE TABLE plans (
    id               TEXT PRIMARY KEY,
    client_id        TEXT NOT NULL REFERENCES clients (id),
    version          INTEGER NOT NULL CHECK (version >= 1),
    status           TEXT NOT NULL CHECK (status IN ('draft', 'signed')),
    content          TEXT NOT NULL,
    review_date      TEXT NOT NULL
                     CHECK (review_date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
    created_by       TEXT NOT NULL,
    created_at       TIMESTAMP NOT NULL,
    updated_at       TIMESTAMP NOT NULL,
    signed_by        TEXT NOT NULL DEFAULT '',
    signed_at        TIMESTAMP,
    acknowledged_at  TIMESTAMP,
    acknowledged_how TEXT NOT NULL DEFAULT ''
                     CHECK (acknowledged_how IN ('', 'in_person', 'signed', 'verbal')),
    revision         INTEGER NOT NULL CHECK (revision >= 1),
    UNIQUE (client_id, version)
);
CREATE UNIQUE INDEX plans_one_draft ON plans (client_id) WHERE status = 'draft';
CREATE INDEX plans_review ON plans (status, review_date);

-- +goose Down
DROP TABLE plans;
