-- Intake requests from the public decision aid, and the audit log of every read and write of
-- client data. The same schema as internal/sqlite/migrations/00001_intake.sql in PostgreSQL
-- types; profile is json (not jsonb) so the answers are kept exactly as submitted.

-- +goose Up
CREATE TABLE intake_requests (
    id          text PRIMARY KEY,
    created_at  timestamptz NOT NULL,
    name        text NOT NULL CHECK (name <> ''),
    email       text NOT NULL DEFAULT '',
    phone       text NOT NULL DEFAULT '',
    best_times  text NOT NULL DEFAULT '',
    consent     boolean NOT NULL CHECK (consent),
    profile     json NOT NULL,
    level       text NOT NULL DEFAULT ''
                CHECK (level IN ('', 'none', 'outpatient', 'iop', 'php', 'residential', 'inpatient')),
    crisis      boolean NOT NULL DEFAULT false,
    status      text NOT NULL DEFAULT 'new'
                CHECK (status IN ('new', 'contacted', 'converted', 'closed'))
);
CREATE INDEX intake_requests_created ON intake_requests (created_at DESC, id DESC);
CREATE INDEX intake_requests_status ON intake_requests (status, created_at DESC, id DESC);

CREATE TABLE audit_log (
    id          bigserial PRIMARY KEY,
    at          timestamptz NOT NULL,
    actor_id    text NOT NULL,
    role        text NOT NULL,
    action      text NOT NULL,
    record_type text NOT NULL,
    record_id   text NOT NULL DEFAULT '',
    client_id   text,
    remote      text NOT NULL DEFAULT '',
    allowed     boolean NOT NULL,
    detail      text NOT NULL DEFAULT ''
);
CREATE INDEX audit_log_record ON audit_log (record_type, record_id);
CREATE INDEX audit_log_actor ON audit_log (actor_id, at);
CREATE INDEX audit_log_client ON audit_log (client_id) WHERE client_id IS NOT NULL;

-- +goose Down
DROP TABLE audit_log;
DROP TABLE intake_requests;
