-- Clinical notes. A note row holds the sections (for a group note, the shared part written
-- once) and its lifecycle; note_clients has one row per client the note is about (one for an
-- individual note, one per attendee of a group note, carrying the shared part by reference)
-- with the attendee's individual part and the plan objectives addressed, as a JSON list of
-- objective ids. Signed notes are never edited: corrections are rows of note_addenda. The
-- same schema as internal/postgres/migrations/00009_notes.sql.

-- +goose Up
CREATE TABLE notes (
    id           TEXT PRIMARY KEY,
    kind         TEXT NOT NULL CHECK (kind IN ('individual', 'group', 'family', 'medication')),
    format       TEXT NOT NULL CHECK (format IN ('dap', 'soap', 'birp')),
    session_id   TEXT NOT NULL DEFAULT '',
    sections     TEXT NOT NULL,
    author_id    TEXT NOT NULL,
    status       TEXT NOT NULL CHECK (status IN ('draft', 'signed')),
    needs_cosign INTEGER NOT NULL DEFAULT 0 CHECK (needs_cosign IN (0, 1)),
    cosigner_id  TEXT NOT NULL DEFAULT '',
    created_at   TIMESTAMP NOT NULL,
    updated_at   TIMESTAMP NOT NULL,
    signed_by    TEXT NOT NULL DEFAULT '',
    signed_at    TIMESTAMP,
    cosigned_by  TEXT NOT NULL DEFAULT '',
    cosigned_at  TIMESTAMP,
    revision     INTEGER NOT NULL CHECK (revision >= 1)
);
CREATE INDEX notes_cosign ON notes (status, needs_cosign, cosigned_by);
CREATE INDEX notes_session ON notes (session_id);

CREATE TABLE note_clients (
    note_id       TEXT NOT NULL REFERENCES notes (id) ON DELETE CASCADE,
    client_id     TEXT NOT NULL REFERENCES clients (id),
    position      INTEGER NOT NULL,
    individual    TEXT NOT NULL DEFAULT '',
    objective_ids TEXT NOT NULL DEFAULT '[]',
    PRIMARY KEY (note_id, client_id)
);
CREATE INDEX note_clients_client ON note_clients (client_id);

CREATE TABLE note_addenda (
    id         TEXT PRIMARY KEY,
    note_id    TEXT NOT NULL REFERENCES notes (id),
    text       TEXT NOT NULL,
    author_id  TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL
);
CREATE INDEX note_addenda_note ON note_addenda (note_id, created_at);

-- +goose Down
DROP TABLE note_addenda;
DROP TABLE note_clients;
DROP TABLE notes;
