-- Intake requests from the public decision aid, and the audit log of every read and write of
-- client data. Times are UTC text in the "2006-01-02 15:04:05.999999999+00:00" form the driver
-- writes and reads back for TIMESTAMP columns; booleans are 0 and 1.

-- +goose Up
CREATE TABLE intake_requests (
    id          TEXT PRIMARY KEY,
    created_at  TIMESTAMP NOT NULL,
    name        TEXT NOT NULL CHECK (name <> ''),
    email       TEXT NOT NULL DEFAULT '',
    phone       TEXT NOT NULL DEFAULT '',
    best_times  TEXT NOT NULL DEFAULT '',
    consent     BOOLEAN NOT NULL CHECK (consent = 1),
    profile     TEXT NOT NULL CHECK (json_valid(profile)),
    level       TEXT NOT NULL DEFAULT ''
                CHECK (level IN ('', 'none', 'outpatient', 'iop', 'php', 'residential', 'inpatient')),
    crisis      BOOLEAN NOT NULL DEFAULT 0 CHECK (crisis IN (0, 1)),
    status      TEXT NOT NULL DEFAULT 'new'
                CHECK (status IN ('new', 'contacted', 'converted', 'closed'))
);
CREATE INDEX intake_requests_created ON intake_requests (created_at DESC, id DESC);
CREATE INDEX intake_requests_status ON intake_requests (status, created_at DESC, id DESC);

CREATE TABLE audit_log (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    at          TIMESTAMP NOT NULL,
    actor_id    TEXT NOT NULL,
    role        TEXT NOT NULL,
    action      TEXT NOT NULL,
    record_type TEXT NOT NULL,
    record_id   TEXT NOT NULL DEFAULT '',
    client_id   TEXT,
    remote      TEXT NOT NULL DEFAULT '',
    allowed     BOOLEAN NOT NULL CHECK (allowed IN (0, 1)),
    detail      TEXT NOT NULL DEFAULT ''
);
CREATE INDEX audit_log_record ON audit_log (record_type, record_id);
CREATE INDEX audit_log_actor ON audit_log (actor_id, at);
CREATE INDEX audit_log_client ON audit_log (client_id) WHERE client_id IS NOT NULL;

-- +goose Down
DROP TABLE audit_log;
DROP TABLE intake_requests;
