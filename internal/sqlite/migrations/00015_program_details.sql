-- A program's tracks (e.g. day 09:00-12:00 Mon/Wed/Fri, evening 18:00-21:00 Tue/Thu, in the
-- program's time zone), its rates per service in integer cents, and its staff with their role
-- in the program; a version on the program that every change of these names (a stale change
-- is refused); and the track a group belongs to (NULL: none).
-- The same schema as internal/postgres/migrations/00015_program_details.sql.

-- +goose Up
CREATE TABLE program_tracks (
    program_id TEXT NOT NULL REFERENCES programs (id),
    position   INTEGER NOT NULL,
    name       TEXT NOT NULL CHECK (name <> ''),
    days       TEXT NOT NULL CHECK (days <> ''), -- comma-separated: mon,wed,fri
    start_time TEXT NOT NULL,
    end_time   TEXT NOT NULL,
    PRIMARY KEY (program_id, name)
);

CREATE TABLE program_rates (
    program_id TEXT NOT NULL REFERENCES programs (id),
    service    TEXT NOT NULL,
    cents      BIGINT NOT NULL CHECK (cents >= 0),
    PRIMARY KEY (program_id, service)
);

CREATE TABLE program_staff (
    program_id TEXT NOT NULL REFERENCES programs (id),
    staff_id   TEXT NOT NULL REFERENCES staff (id),
    role       TEXT NOT NULL CHECK (role IN ('director', 'clinician', 'facilitator', 'case_manager')),
    PRIMARY KEY (program_id, staff_id, role)
);
CREATE INDEX program_staff_staff ON program_staff (staff_id);

ALTER TABLE programs ADD COLUMN details_version INTEGER NOT NULL DEFAULT 1;
ALTER TABLE programs ADD COLUMN details_updated_at TIMESTAMP;
ALTER TABLE groups ADD COLUMN track TEXT;

-- +goose Down
ALTER TABLE groups DROP COLUMN track;
ALTER TABLE programs DROP COLUMN details_updated_at;
ALTER TABLE programs DROP COLUMN details_version;
DROP TABLE program_staff;
DROP TABLE program_rates;
DROP TABLE program_tracks;
