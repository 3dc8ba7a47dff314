-- Measurement-based care: measures (scored questionnaires and check-ins), per-client schedule
-- overrides, measure alerts (one row per alert key, with its acknowledgement), single-use answer
-- links (only the SHA-256 of the token is stored) and the crisis flag a positive PHQ-9 item 9
-- sets on a client. Answers and item points are JSON arrays of integers. The same schema as
-- internal/postgres/migrations/00012_measures.sql.

-- +goose Up
CREATE TABLE measures (
    id         TEXT PRIMARY KEY,
    client_id  TEXT NOT NULL REFERENCES clients (id),
    episode_id TEXT NOT NULL DEFAULT '',
    instrument TEXT NOT NULL CHECK (instrument <> ''),
    answers    TEXT NOT NULL,
    points     TEXT NOT NULL,
    score      INTEGER NOT NULL,
    severity   TEXT NOT NULL DEFAULT '',
    item9      INTEGER NOT NULL DEFAULT 0,
    taken_at   TIMESTAMP NOT NULL,
    source     TEXT NOT NULL CHECK (source IN ('staff', 'link')),
    entered_by TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL
);
CREATE INDEX measures_client ON measures (client_id, taken_at, id);

CREATE TABLE measure_schedules (
    client_id  TEXT PRIMARY KEY REFERENCES clients (id),
    every_days INTEGER NOT NULL CHECK (every_days BETWEEN 0 AND 90),
    repeated   TEXT NOT NULL,
    bookends   TEXT NOT NULL,
    updated_by TEXT NOT NULL,
    updated_at TIMESTAMP NOT NULL
);

CREATE TABLE measure_alerts (
    id              TEXT PRIMARY KEY,
    client_id       TEXT NOT NULL REFERENCES clients (id),
    alert_key       TEXT NOT NULL,
    kind            TEXT NOT NULL,
    priority        INTEGER NOT NULL,
    instrument      TEXT NOT NULL DEFAULT '',
    measure_id      TEXT NOT NULL DEFAULT '',
    reason          TEXT NOT NULL,
    at              TIMESTAMP NOT NULL,
    created_at      TIMESTAMP NOT NULL,
    acknowledged_by TEXT NOT NULL DEFAULT '',
    acknowledged_at TIMESTAMP,
    note            TEXT NOT NULL DEFAULT '',
    UNIQUE (client_id, alert_key)
);
CREATE INDEX measure_alerts_open ON measure_alerts (acknowledged_by, priority, at);

CREATE TABLE measure_links (
    id          TEXT PRIMARY KEY,
    client_id   TEXT NOT NULL REFERENCES clients (id),
    token_hash  TEXT NOT NULL UNIQUE,
    instruments TEXT NOT NULL,
    send_to     TEXT NOT NULL CHECK (send_to IN ('email', 'sms')),
    created_by  TEXT NOT NULL,
    created_at  TIMESTAMP NOT NULL,
    expires_at  TIMESTAMP NOT NULL,
    used_at     TIMESTAMP
);
CREATE INDEX measure_links_client ON measure_links (client_id);

CREATE TABLE client_crisis_flags (
    client_id  TEXT PRIMARY KEY REFERENCES clients (id),
    measure_id TEXT NOT NULL,
    flagged_at TIMESTAMP NOT NULL
);

-- +goose Down
DROP TABLE client_crisis_flags;
DROP TABLE measure_links;
DROP TABLE measure_alerts;
DROP TABLE measure_schedules;
DROP TABLE measures;
