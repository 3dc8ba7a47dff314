-- Calendar feeds: a secret, revocable iCalendar URL per staff member or client (only the
-- SHA-256 of its token is stored, like API tokens), and the opt-in of a program to a public
-- quality scorecard. The same schema as internal/postgres/migrations/00010_calendar_feeds.sql.

-- +goose Up
CREATE TABLE calendar_feeds (
    id                TEXT PRIMARY KEY,
    owner_kind        TEXT NOT NULL CHECK (owner_kind IN ('staff', 'client')),
    staff_id          TEXT REFERENCES staff (id),
    client_id         TEXT REFERENCES clients (id),
    token_hash        TEXT NOT NULL UNIQUE,
    show_client_names BOOLEAN NOT NULL DEFAULT 0 CHECK (show_client_names IN (0, 1)),
    created_by        TEXT NOT NULL,
    created_at        TIMESTAMP NOT NULL,
    revoked_at        TIMESTAMP,
    CHECK ((owner_kind = 'staff' AND staff_id IS NOT NULL AND client_id IS NULL)
        OR (owner_kind = 'client' AND client_id IS NOT NULL AND staff_id IS NULL))
);
CREATE INDEX calendar_feeds_staff ON calendar_feeds (staff_id);
CREATE INDEX calendar_feeds_client ON calendar_feeds (client_id);

CREATE TABLE program_scorecards (
    program_id TEXT PRIMARY KEY REFERENCES programs (id),
    public     BOOLEAN NOT NULL DEFAULT 0 CHECK (public IN (0, 1)),
    updated_by TEXT NOT NULL,
    updated_at TIMESTAMP NOT NULL
);

-- +goose Down
DROP TABLE program_scorecards;
DROP TABLE calendar_feeds;
