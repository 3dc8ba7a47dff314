-- Treatment plans: one row per version of a client's plan. The nested problems → goals →
-- objectives → interventions are kept as JSON in content; what is searched or checked has a
-- column of its own. At most one draft per client; versions are numbered per client. Dates are
-- 'YYYY-MM-DD' text. The same schema as internal/sqlite/migrations/00006_plans.sql, in
-- PostgreSQL types; content is json (not jsonb) so it reads back exactly as written.

-- +goose Up
CREATE TABLE plans (
    id               text PRIMARY KEY,
    client_id        text NOT NULL REFERENCES clients (id),
    version          integer NOT NULL CHECK (version >= 1),
    status           text NOT NULL CHECK (status IN ('draft', 'signed')),
    content          json NOT NULL,
    review_date      text NOT NULL
                     CHECK (review_date ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}$'),
    created_by       text NOT NULL,
    created_at       timestamptz NOT NULL,
    updated_at       timestamptz NOT NULL,
    signed_by        text NOT NULL DEFAULT '',
    signed_at        timestamptz,
    acknowledged_at  timestamptz,
    acknowledged_how text NOT NULL DEFAULT ''
                     CHECK (acknowledged_how IN ('', 'in_person', 'signed', 'verbal')),
    revision         integer NOT NULL CHECK (revision >= 1),
    UNIQUE (client_id, version)
);
CREATE UNIQUE INDEX plans_one_draft ON plans (client_id) WHERE status = 'draft';
CREATE INDEX plans_review ON plans (status, review_date);

-- +goose Down
DROP TABLE plans;
