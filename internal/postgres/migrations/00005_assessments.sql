-- Clinician assessments in the chart, and the client an intake request was converted into.
-- The same schema as internal/sqlite/migrations/00005_assessments.sql in PostgreSQL types;
-- profile is json (not jsonb) so the answers are kept exactly as given.

-- +goose Up
CREATE TABLE assessments (
    id             text PRIMARY KEY,
    client_id      text NOT NULL REFERENCES clients (id),
    taken_at       timestamptz NOT NULL,
    clinician_id   text NOT NULL,
    profile        json NOT NULL,
    recommended    text NOT NULL
                   CHECK (recommended IN ('none', 'outpatient', 'iop', 'php', 'residential', 'inpatient')),
    rubric_version text NOT NULL,
    crisis         boolean NOT NULL DEFAULT false,
    final_level    text NOT NULL
                   CHECK (final_level IN ('none', 'outpatient', 'iop', 'php', 'residential', 'inpatient')),
    variance_code  text NOT NULL DEFAULT ''
                   CHECK (variance_code IN ('', 'client_preference', 'no_bed_available',
                                            'payer_authorized_other', 'clinical_judgment', 'other')),
    variance_note  text NOT NULL DEFAULT '',
    source         text NOT NULL CHECK (source IN ('chart', 'intake'))
);
CREATE INDEX assessments_client ON assessments (client_id, taken_at DESC, id DESC);

ALTER TABLE intake_requests ADD COLUMN client_id text;

-- +goose Down
ALTER TABLE intake_requests DROP COLUMN client_id;
DROP TABLE assessments;
