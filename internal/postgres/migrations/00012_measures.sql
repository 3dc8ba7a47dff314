-- Measurement-based care: measures (scored questionnaires and check-ins), per-client schedule
-- overrides, measure alerts (one row per alert key, with its acknowledgement), single-use answer
-- links (only the SHA-256 of the token is stored) and the crisis flag a positive PHQ-9 item 9
-- sets on a client. Answers and item points are JSON arrays of integers. The same schema as
-- internal/sqlite/migrations/00012_measures.sql in
-- PostgreSQL types.

-- +goose Up
CREATE TABLE measures (
    id         text PRIMARY KEY,
    client_id  text NOT NULL REFERENCES clients (id),
    episode_id text NOT NULL DEFAULT '',
    instrument text NOT NULL CHECK (instrument <> ''),
    answers    text NOT NULL,
    points     text NOT NULL,
    score      integer NOT NULL,
    severity   text NOT NULL DEFAULT '',
    item9      integer NOT NULL DEFAULT 0,
    taken_at   timestamptz NOT NULL,
    source     text NOT NULL CHECK (source IN ('staff', 'link')),
    entered_by text NOT NULL,
    created_at timestamptz NOT NULL
);
CREATE INDEX measures_client ON measures (client_id, taken_at, id);

CREATE TABLE measure_schedules (
    client_id  text PRIMARY KEY REFERENCES clients (id),
    every_days integer NOT NULL CHECK (every_days BETWEEN 0 AND 90),
    repeated   text NOT NULL,
    bookends   text NOT NULL,
    updated_by text NOT NULL,
    updated_at timestamptz NOT NULL
);

CREATE TABLE measure_alerts (
    id              text PRIMARY KEY,
    client_id       text NOT NULL REFERENCES clients (id),
    alert_key       text NOT NULL,
    kind            text NOT NULL,
    priority        integer NOT NULL,
    instrument      text NOT NULL DEFAULT '',
    measure_id      text NOT NULL DEFAULT '',
    reason          text NOT NULL,
    at              timestamptz NOT NULL,
    created_at      timestamptz NOT NULL,
    acknowledged_by text NOT NULL DEFAULT '',
    acknowledged_at timestamptz,
    note            text NOT NULL DEFAULT '',
    UNIQUE (client_id, alert_key)
);
CREATE INDEX measure_alerts_open ON measure_alerts (acknowledged_by, priority, at);

CREATE TABLE measure_links (
    id          text PRIMARY KEY,
    client_id   text NOT NULL REFERENCES clients (id),
    token_hash  text NOT NULL UNIQUE,
    instruments text NOT NULL,
    send_to     text NOT NULL CHECK (send_to IN ('email', 'sms')),
    created_by  text NOT NULL,
    created_at  timestamptz NOT NULL,
    expires_at  timestamptz NOT NULL,
    used_at     timestamptz
);
CREATE INDEX measure_links_client ON measure_links (client_id);

CREATE TABLE client_crisis_flags (
    client_id  text PRIMARY KEY REFERENCES clients (id),
    measure_id text NOT NULL,
    flagged_at timestamptz NOT NULL
);

-- +goose Down
DROP TABLE client_crisis_flags;
DROP TABLE measure_links;
DROP TABLE measure_alerts;
DROP TABLE measure_schedules;
DROP TABLE measures;
