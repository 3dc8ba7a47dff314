-- Delivering a program: groups with dated rosters, booked individual/family/medication
-- sessions (one-off or weekly), per-occurrence exceptions (cancelled or moved), attendance per
-- occurrence with a version for optimistic concurrency, and the histories quality figures
-- need (primary clinician per client, staff separations), kept by triggers. Dates are
-- 'YYYY-MM-DD' in the program's time zone; an occurrence id is '<series id>:<local date>'.
-- The same schema as internal/postgres/migrations/00008_delivery.sql.

-- +goose Up
CREATE TABLE groups (
    id              TEXT PRIMARY KEY,
    program_id      TEXT NOT NULL REFERENCES programs (id),
    name            TEXT NOT NULL CHECK (name <> ''),
    type            TEXT NOT NULL
                    CHECK (type IN ('process', 'psychoeducation', 'skills', 'relapse_prevention', 'family')),
    capacity        INTEGER NOT NULL CHECK (capacity BETWEEN 0 AND 100),
    facilitator_ids TEXT NOT NULL CHECK (facilitator_ids <> ''), -- comma-separated staff ids
    days            TEXT NOT NULL CHECK (days <> ''),            -- comma-separated: mon,wed,fri
    start_time      TEXT NOT NULL,
    minutes         INTEGER NOT NULL CHECK (minutes BETWEEN 1 AND 720),
    start_date      TEXT NOT NULL,
    end_date        TEXT NOT NULL DEFAULT '',
    modality        TEXT NOT NULL CHECK (modality IN ('in_person', 'telehealth')),
    room            TEXT NOT NULL DEFAULT '',
    meeting_link    TEXT NOT NULL DEFAULT '',
    created_at      TIMESTAMP NOT NULL
);
CREATE INDEX groups_program ON groups (program_id, name);

CREATE TABLE group_members (
    group_id   TEXT NOT NULL REFERENCES groups (id),
    client_id  TEXT NOT NULL REFERENCES clients (id),
    from_date  TEXT NOT NULL,
    until_date TEXT, -- NULL: still a member
    PRIMARY KEY (group_id, client_id, from_date)
);
CREATE INDEX group_members_client ON group_members (client_id);

CREATE TABLE care_sessions (
    id           TEXT PRIMARY KEY,
    program_id   TEXT NOT NULL REFERENCES programs (id),
    kind         TEXT NOT NULL CHECK (kind IN ('individual', 'family', 'medication')),
    client_id    TEXT NOT NULL REFERENCES clients (id),
    clinician_id TEXT NOT NULL REFERENCES staff (id),
    recurring    BOOLEAN NOT NULL CHECK (recurring IN (0, 1)),
    days         TEXT NOT NULL CHECK (days <> ''),
    start_time   TEXT NOT NULL,
    minutes      INTEGER NOT NULL CHECK (minutes BETWEEN 1 AND 720),
    start_date   TEXT NOT NULL,
    end_date     TEXT NOT NULL DEFAULT '',
    modality     TEXT NOT NULL CHECK (modality IN ('in_person', 'telehealth')),
    room         TEXT NOT NULL DEFAULT '',
    meeting_link TEXT NOT NULL DEFAULT '',
    created_at   TIMESTAMP NOT NULL
);
CREATE INDEX care_sessions_program ON care_sessions (program_id);
CREATE INDEX care_sessions_client ON care_sessions (client_id);
CREATE INDEX care_sessions_clinician ON care_sessions (clinician_id);

-- One row per cancelled or moved occurrence of a group or a booked session.
CREATE TABLE occurrence_exceptions (
    series_id  TEXT NOT NULL,
    local_date TEXT NOT NULL,
    kind       TEXT NOT NULL CHECK (kind IN ('cancelled', 'moved')),
    start_at   TIMESTAMP,          -- moved: the new start
    minutes    INTEGER NOT NULL DEFAULT 0,
    created_at TIMESTAMP NOT NULL,
    PRIMARY KEY (series_id, local_date)
);

-- The version of each occurrence's attendance (absent: version 0, nothing recorded).
CREATE TABLE attendance_sheets (
    occurrence_id TEXT PRIMARY KEY,
    series_id     TEXT NOT NULL,
    program_id    TEXT NOT NULL REFERENCES programs (id),
    local_date    TEXT NOT NULL,
    version       INTEGER NOT NULL CHECK (version >= 1),
    updated_at    TIMESTAMP NOT NULL
);

CREATE TABLE attendance (
    occurrence_id TEXT NOT NULL REFERENCES attendance_sheets (occurrence_id),
    client_id     TEXT NOT NULL REFERENCES clients (id),
    program_id    TEXT NOT NULL REFERENCES programs (id),
    local_date    TEXT NOT NULL,
    status        TEXT NOT NULL
                  CHECK (status IN ('present', 'late', 'left_early', 'absent_excused', 'absent_unexcused')),
    minutes       INTEGER NOT NULL CHECK (minutes >= 0),
    recorded_by   TEXT NOT NULL,
    recorded_at   TIMESTAMP NOT NULL,
    PRIMARY KEY (occurrence_id, client_id)
);
CREATE INDEX attendance_client ON attendance (client_id, local_date);
-- Covering: the quality report reads a program's year of attendance from the index alone.
CREATE INDEX attendance_program ON attendance (program_id, local_date, occurrence_id, client_id, status, minutes);

-- Primary-clinician history (UTC date of each change), written by triggers on clients.
CREATE TABLE client_clinician_history (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    client_id    TEXT NOT NULL,
    clinician_id TEXT NOT NULL,
    from_date    TEXT NOT NULL
);
CREATE INDEX client_clinician_history_client ON client_clinician_history (client_id, id);
INSERT INTO client_clinician_history (client_id, clinician_id, from_date)
    SELECT id, primary_clinician_id, substr(created_at, 1, 10) FROM clients WHERE primary_clinician_id <> '';

-- +goose StatementBegin
CREATE TRIGGER clients_clinician_insert AFTER INSERT ON clients
WHEN NEW.primary_clinician_id <> ''
BEGIN
    INSERT INTO client_clinician_history (client_id, clinician_id, from_date)
    VALUES (NEW.id, NEW.primary_clinician_id, substr(NEW.created_at, 1, 10));
END;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE TRIGGER clients_clinician_update AFTER UPDATE OF primary_clinician_id ON clients
WHEN NEW.primary_clinician_id <> OLD.primary_clinician_id
BEGIN
    INSERT INTO client_clinician_history (client_id, clinician_id, from_date)
    VALUES (NEW.id, NEW.primary_clinician_id, substr(NEW.updated_at, 1, 10));
END;
-- +goose StatementEnd

-- Staff separations: the UTC date an account was disabled (its first day not employed).
CREATE TABLE staff_separations (
    id       INTEGER PRIMARY KEY AUTOINCREMENT,
    staff_id TEXT NOT NULL REFERENCES staff (id),
    on_date  TEXT NOT NULL,
    rehired  BOOLEAN NOT NULL DEFAULT 0 CHECK (rehired IN (0, 1))
);
CREATE INDEX staff_separations_staff ON staff_separations (staff_id, id);

-- +goose StatementBegin
CREATE TRIGGER staff_disabled AFTER UPDATE OF disabled ON staff
WHEN NEW.disabled = 1 AND OLD.disabled = 0
BEGIN
    INSERT INTO staff_separations (staff_id, on_date) VALUES (NEW.id, date('now'));
END;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE TRIGGER staff_enabled AFTER UPDATE OF disabled ON staff
WHEN NEW.disabled = 0 AND OLD.disabled = 1
BEGIN
    UPDATE staff_separations SET rehired = 1 WHERE staff_id = NEW.id;
END;
-- +goose StatementEnd

-- +goose Down
DROP TRIGGER staff_enabled;
DROP TRIGGER staff_disabled;
DROP TABLE staff_separations;
DROP TRIGGER clients_clinician_update;
DROP TRIGGER clients_clinician_insert;
DROP TABLE client_clinician_history;
DROP TABLE attendance;
DROP TABLE attendance_sheets;
DROP TABLE occurrence_exceptions;
DROP TABLE care_sessions;
DROP TABLE group_members;
DROP TABLE groups;
