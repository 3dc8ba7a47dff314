-- Clinician assessments in the chart, and the client an intake request was converted into.
-- An assessment is never edited; history is the list of rows. Profile is the placement profile
-- as given; variance_code is '' when the final level is the recommended one. The same schema as
-- internal/postgres/migrations/00005_assessments.sql.

-- +goose Up
CREATE TABLE assessments (
    id             TEXT PRIMARY KEY,
    client_id      TEXT NOT NULL REFERENCES clients (id),
    taken_at       TIMESTAMP NOT NULL,
    clinician_id   TEXT NOT NULL,
    profile        TEXT NOT NULL CHECK (json_valid(profile)),
    recommended    TEXT NOT NULL
                   CHECK (recommended IN ('none', 'outpatient', 'iop', 'php', 'residential', 'inpatient')),
    rubric_version TEXT NOT NULL,
    crisis         BOOLEAN NOT NULL DEFAULT 0 CHECK (crisis IN (0, 1)),
    final_level    TEXT NOT NULL
                   CHECK (final_level IN ('none', 'outpatient', 'iop', 'php', 'residential', 'inpatient')),
    variance_code  TEXT NOT NULL DEFAULT ''
                   CHECK (variance_code IN ('', 'client_preference', 'no_bed_available',
                                            'payer_authorized_other', 'clinical_judgment', 'other')),
    variance_note  TEXT NOT NULL DEFAULT '',
    source         TEXT NOT NULL CHECK (source IN ('chart', 'intake'))
);
CREATE INDEX assessments_client ON assessments (client_id, taken_at DESC, id DESC);

ALTER TABLE intake_requests ADD COLUMN client_id TEXT;

-- +goose Down
ALTER TABLE intake_requests DROP COLUMN client_id;
DROP TABLE assessments;
