-- Delivering a program: groups with dated rosters, booked individual/family/medication
-- sessions (one-off or weekly), per-occurrence exceptions (cancelled or moved), attendance per
-- occurrence with a version for optimistic concurrency, and the histories quality figures
-- need (primary clinician per client, staff separations), kept by triggers. Dates are
-- 'YYYY-MM-DD' in the program's time zone; an occurrence id is '<series id>:<local date>'.
-- The same schema as internal/sqlite/migrations/00008_delivery.sql, in PostgreSQL types.

-- +goose Up
CREATE TABLE groups (
    id              text PRIMARY KEY,
    program_id      text NOT NULL REFERENCES programs (id),
    name            text NOT NULL CHECK (name <> ''),
    type            text NOT NULL
                    CHECK (type IN ('process', 'psychoeducation', 'skills', 'relapse_prevention', 'family')),
    capacity        integer NOT NULL CHECK (capacity BETWEEN 0 AND 100),
    facilitator_ids text NOT NULL CHECK (facilitator_ids <> ''), -- comma-separated staff ids
    days            text NOT NULL CHECK (days <> ''),            -- comma-separated: mon,wed,fri
    start_time      text NOT NULL,
    minutes         integer NOT NULL CHECK (minutes BETWEEN 1 AND 720),
    start_date      text NOT NULL,
    end_date        text NOT NULL DEFAULT '',
    modality        text NOT NULL CHECK (modality IN ('in_person', 'telehealth')),
    room            text NOT NULL DEFAULT '',
    meeting_link    text NOT NULL DEFAULT '',
    created_at      timestamptz NOT NULL
);
CREATE INDEX groups_program ON groups (program_id, name);

CREATE TABLE group_members (
    group_id   text NOT NULL REFERENCES groups (id),
    client_id  text NOT NULL REFERENCES clients (id),
    from_date  text NOT NULL,
    until_date text, -- NULL: still a member
    PRIMARY KEY (group_id, client_id, from_date)
);
CREATE INDEX group_members_client ON group_members (client_id);

CREATE TABLE care_sessions (
    id           text PRIMARY KEY,
    program_id   text NOT NULL REFERENCES programs (id),
    kind         text NOT NULL CHECK (kind IN ('individual', 'family', 'medication')),
    client_id    text NOT NULL REFERENCES clients (id),
    clinician_id text NOT NULL REFERENCES staff (id),
    recurring    boolean NOT NULL,
    days         text NOT NULL CHECK (days <> ''),
    start_time   text NOT NULL,
    minutes      integer NOT NULL CHECK (minutes BETWEEN 1 AND 720),
    start_date   text NOT NULL,
    end_date     text NOT NULL DEFAULT '',
    modality     text NOT NULL CHECK (modality IN ('in_person', 'telehealth')),
    room         text NOT NULL DEFAULT '',
    meeting_link text NOT NULL DEFAULT '',
    created_at   timestamptz NOT NULL
);
CREATE INDEX care_sessions_program ON care_sessions (program_id);
CREATE INDEX care_sessions_client ON care_sessions (client_id);
CREATE INDEX care_sessions_clinician ON care_sessions (clinician_id);

-- One row per cancelled or moved occurrence of a group or a booked session.
CREATE TABLE occurrence_exceptions (
    series_id  text NOT NULL,
    local_date text NOT NULL,
    kind       text NOT NULL CHECK (kind IN ('cancelled', 'moved')),
    start_at   timestamptz,          -- moved: the new start
    minutes    integer NOT NULL DEFAULT 0,
    created_at timestamptz NOT NULL,
    PRIMARY KEY (series_id, local_date)
);

-- The version of each occurrence's attendance (absent: version 0, nothing recorded).
CREATE TABLE attendance_sheets (
    occurrence_id text PRIMARY KEY,
    series_id     text NOT NULL,
    program_id    text NOT NULL REFERENCES programs (id),
    local_date    text NOT NULL,
    version       integer NOT NULL CHECK (version >= 1),
    updated_at    timestamptz NOT NULL
);

CREATE TABLE attendance (
    occurrence_id text NOT NULL REFERENCES attendance_sheets (occurrence_id),
    client_id     text NOT NULL REFERENCES clients (id),
    program_id    text NOT NULL REFERENCES programs (id),
    local_date    text NOT NULL,
    status        text NOT NULL
                  CHECK (status IN ('present', 'late', 'left_early', 'absent_excused', 'absent_unexcused')),
    minutes       integer NOT NULL CHECK (minutes >= 0),
    recorded_by   text NOT NULL,
    recorded_at   timestamptz NOT NULL,
    PRIMARY KEY (occurrence_id, client_id)
);
CREATE INDEX attendance_client ON attendance (client_id, local_date);
-- Covering: the quality report reads a program's year of attendance from the index alone.
CREATE INDEX attendance_program ON attendance (program_id, local_date, occurrence_id, client_id, status, minutes);

-- Primary-clinician history (UTC date of each change), written by triggers on clients.
CREATE TABLE client_clinician_history (
    id           bigserial PRIMARY KEY,
    client_id    text NOT NULL,
    clinician_id text NOT NULL,
    from_date    text NOT NULL
);
CREATE INDEX client_clinician_history_client ON client_clinician_history (client_id, id);
INSERT INTO client_clinician_history (client_id, clinician_id, from_date)
    SELECT id, primary_clinician_id, to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD')
    FROM clients WHERE primary_clinician_id <> '';

-- +goose StatementBegin
CREATE FUNCTION clients_clinician_history() RETURNS trigger AS $$
BEGIN
    IF TG_OP = 'INSERT' AND NEW.primary_clinician_id <> '' THEN
        INSERT INTO client_clinician_history (client_id, clinician_id, from_date)
        VALUES (NEW.id, NEW.primary_clinician_id, to_char(NEW.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD'));
    ELSIF TG_OP = 'UPDATE' AND NEW.primary_clinician_id <> OLD.primary_clinician_id THEN
        INSERT INTO client_clinician_history (client_id, clinician_id, from_date)
        VALUES (NEW.id, NEW.primary_clinician_id, to_char(NEW.updated_at AT TIME ZONE 'UTC', 'YYYY-MM-DD'));
    END IF;
    RETURN NEW;
END;
$$ LANGUAGE plpgsql;
-- +goose StatementEnd

CREATE TRIGGER clients_clinician_history AFTER INSERT OR UPDATE OF primary_clinician_id ON clients
    FOR EACH ROW EXECUTE FUNCTION clients_clinician_history();

-- Staff separations: the UTC date an account was disabled (its first day not employed).
CREATE TABLE staff_separations (
    id       bigserial PRIMARY KEY,
    staff_id text NOT NULL REFERENCES staff (id),
    on_date  text NOT NULL,
    rehired  boolean NOT NULL DEFAULT false
);
CREATE INDEX staff_separations_staff ON staff_separations (staff_id, id);

-- +goose StatementBegin
CREATE FUNCTION staff_separation() RETURNS trigger AS $$
BEGIN
    IF NEW.disabled AND NOT OLD.disabled THEN
        INSERT INTO staff_separations (staff_id, on_date)
        VALUES (NEW.id, to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD'));
    ELSIF OLD.disabled AND NOT NEW.disabled THEN
        UPDATE staff_separations SET rehired = true WHERE staff_id = NEW.id;
    END IF;
    RETURN NEW;
END;
$$ LANGUAGE plpgsql;
-- +goose StatementEnd

CREATE TRIGGER staff_separation AFTER UPDATE OF disabled ON staff
    FOR EACH ROW EXECUTE FUNCTION staff_separation();

-- +goose Down
DROP TRIGGER staff_separation ON staff;
DROP FUNCTION staff_separation();
DROP TABLE staff_separations;
DROP TRIGGER clients_clinician_history ON clients;
DROP FUNCTION clients_clinician_history();
DROP TABLE client_clinician_history;
DROP TABLE attendance;
DROP TABLE attendance_sheets;
DROP TABLE occurrence_exceptions;
DROP TABLE care_sessions;
DROP TABLE group_members;
DROP TABLE groups;
