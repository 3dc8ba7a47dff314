-- Clinical notes. A note row holds the sections (for a group note, the shared part written
-- once) and its lifecycle; note_clients has one row per client the note is about (one for an
-- individual note, one per attendee of a group note, carrying the shared part by reference)
-- with the attendee's individual part and the plan objectives addressed, as a JSON list of
-- objective ids. Signed notes are never edited: corrections are rows of note_addenda. The
-- same schema as internal/sqlite/migrations/00009_notes.sql, in PostgreSQL types.

-- +goose Up
CREATE TABLE notes (
    id           text PRIMARY KEY,
    kind         text NOT NULL CHECK (kind IN ('individual', 'group', 'family', 'medication')),
    format       text NOT NULL CHECK (format IN ('dap', 'soap', 'birp')),
    session_id   text NOT NULL DEFAULT '',
    sections     text NOT NULL,
    author_id    text NOT NULL,
    status       text NOT NULL CHECK (status IN ('draft', 'signed')),
    needs_cosign boolean NOT NULL DEFAULT false,
    cosigner_id  text NOT NULL DEFAULT '',
    created_at   timestamptz NOT NULL,
    updated_at   timestamptz NOT NULL,
    signed_by    text NOT NULL DEFAULT '',
    signed_at    timestamptz,
    cosigned_by  text NOT NULL DEFAULT '',
    cosigned_at  timestamptz,
    revision     integer NOT NULL CHECK (revision >= 1)
);
CREATE INDEX notes_cosign ON notes (status, needs_cosign, cosigned_by);
CREATE INDEX notes_session ON notes (session_id);

CREATE TABLE note_clients (
    note_id       text NOT NULL REFERENCES notes (id) ON DELETE CASCADE,
    client_id     text NOT NULL REFERENCES clients (id),
    position      integer NOT NULL,
    individual    text NOT NULL DEFAULT '',
    objective_ids text NOT NULL DEFAULT '[]',
    PRIMARY KEY (note_id, client_id)
);
CREATE INDEX note_clients_client ON note_clients (client_id);

CREATE TABLE note_addenda (
    id         text PRIMARY KEY,
    note_id    text NOT NULL REFERENCES notes (id),
    text       text NOT NULL,
    author_id  text NOT NULL,
    created_at timestamptz NOT NULL
);
CREATE INDEX note_addenda_note ON note_addenda (note_id, created_at);

-- +goose Down
DROP TABLE note_addenda;
DROP TABLE note_clients;
DROP TABLE notes;
