-- Safety in the chart: a client's email address may be used for messages only with their
-- consent (email_consent, with when it was given); an assessment keeps the safety floor and
-- the urgency the engine computed beside the recommendation; a crisis flag names the alert that
-- raised it; a crisis intake request is acknowledged like a measure alert; measures may come
-- from an intake request's answers (source 'intake'). The same schema as
-- internal/sqlite/migrations/00024_safety_chart.sql in PostgreSQL types.

-- +goose Up
ALTER TABLE clients ADD COLUMN email_consent boolean NOT NULL DEFAULT false;
ALTER TABLE clients ADD COLUMN email_consent_at timestamptz;

ALTER TABLE assessments ADD COLUMN floor_level text NOT NULL DEFAULT ''
    CHECK (floor_level IN ('', 'none', 'outpatient', 'iop', 'php', 'residential', 'inpatient'));
ALTER TABLE assessments ADD COLUMN urgency text NOT NULL DEFAULT ''
    CHECK (urgency IN ('', 'routine', 'soon', 'today', 'emergency'));

ALTER TABLE client_crisis_flags ADD COLUMN alert_id text NOT NULL DEFAULT '';

ALTER TABLE intake_requests ADD COLUMN crisis_acknowledged_by text NOT NULL DEFAULT '';
ALTER TABLE intake_requests ADD COLUMN crisis_acknowledged_at timestamptz;
ALTER TABLE intake_requests ADD COLUMN crisis_note text NOT NULL DEFAULT '';

ALTER TABLE measures DROP CONSTRAINT measures_source_check;
ALTER TABLE measures ADD CONSTRAINT measures_source_check CHECK (source IN ('staff', 'link', 'intake'));

-- +goose Down
DELETE FROM measures WHERE source = 'intake';
ALTER TABLE measures DROP CONSTRAINT measures_source_check;
ALTER TABLE measures ADD CONSTRAINT measures_source_check CHECK (source IN ('staff', 'link'));

ALTER TABLE intake_requests DROP COLUMN crisis_note;
ALTER TABLE intake_requests DROP COLUMN crisis_acknowledged_at;
ALTER TABLE intake_requests DROP COLUMN crisis_acknowledged_by;
ALTER TABLE client_crisis_flags DROP COLUMN alert_id;
ALTER TABLE assessments DROP COLUMN urgency;
ALTER TABLE assessments DROP COLUMN floor_level;
ALTER TABLE clients DROP COLUMN email_consent_at;
ALTER TABLE clients DROP COLUMN email_consent;
