-- Safety in the chart: a client's email address may be used for messages only with their
-- consent (email_consent, with when it was given); an assessment keeps the safety floor and
-- the urgency the engine computed beside the recommendation; a crisis flag names the alert that
-- raised it; a crisis intake request is acknowledged like a measure alert; measures may come
-- from an intake request's answers (source 'intake'), which needs the measures table rebuilt
-- in SQLite to change its CHECK. The same schema as
-- internal/postgres/migrations/00024_safety_chart.sql.

-- +goose Up
ALTER TABLE clients ADD COLUMN email_consent BOOLEAN NOT NULL DEFAULT 0 CHECK (email_consent IN (0, 1));
ALTER TABLE clients ADD COLUMN email_consent_at TIMESTAMP;

ALTER TABLE assessments ADD COLUMN floor_level TEXT NOT NULL DEFAULT ''
    CHECK (floor_level IN ('', 'none', 'outpatient', 'iop', 'php', 'residential', 'inpatient'));
ALTER TABLE assessments ADD COLUMN urgency TEXT NOT NULL DEFAULT ''
    CHECK (urgency IN ('', 'routine', 'soon', 'today', 'emergency'));

ALTER TABLE client_crisis_flags ADD COLUMN alert_id TEXT NOT NULL DEFAULT '';

ALTER TABLE intake_requests ADD COLUMN crisis_acknowledged_by TEXT NOT NULL DEFAULT '';
ALTER TABLE intake_requests ADD COLUMN crisis_acknowledged_at TIMESTAMP;
ALTER TABLE intake_requests ADD COLUMN crisis_note TEXT NOT NULL DEFAULT '';

CREATE TABLE measures_rebuilt (
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
    source     TEXT NOT NULL CHECK (source IN ('staff', 'link', 'intake')),
    entered_by TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL
);
INSERT INTO measures_rebuilt SELECT id, client_id, episode_id, instrument, answers, points, score, severity, item9,
    taken_at, source, entered_by, created_at FROM measures;
DROP TABLE measures;
ALTER TABLE measures_rebuilt RENAME TO measures;
CREATE INDEX measures_client ON measures (client_id, taken_at, id);

-- +goose Down
DELETE FROM measures WHERE source = 'intake';
CREATE TABLE measures_rebuilt (
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
INSERT INTO measures_rebuilt SELECT id, client_id, episode_id, instrument, answers, points, score, severity, item9,
    taken_at, source, entered_by, created_at FROM measures;
DROP TABLE measures;
ALTER TABLE measures_rebuilt RENAME TO measures;
CREATE INDEX measures_client ON measures (client_id, taken_at, id);

ALTER TABLE intake_requests DROP COLUMN crisis_note;
ALTER TABLE intake_requests DROP COLUMN crisis_acknowledged_at;
ALTER TABLE intake_requests DROP COLUMN crisis_acknowledged_by;
ALTER TABLE client_crisis_flags DROP COLUMN alert_id;
ALTER TABLE assessments DROP COLUMN urgency;
ALTER TABLE assessments DROP COLUMN floor_level;
ALTER TABLE clients DROP COLUMN email_consent_at;
ALTER TABLE clients DROP COLUMN email_consent;
