-- Calendar feeds: a secret, revocable iCalendar URL per staff member or client (only the
-- SHA-256 of its token is stored, like API tokens), and the opt-in of a program to a public
-- quality scorecard. The same schema as internal/sqlite/migrations/00010_calendar_feeds.sql in
-- PostgreSQL types.

-- +goose Up
CREATE TABLE calendar_feeds (
    id                text PRIMARY KEY,
    owner_kind        text NOT NULL CHECK (owner_kind IN ('staff', 'client')),
    staff_id          text REFERENCES staff (id),
    client_id         text REFERENCES clients (id),
    token_hash        text NOT NULL UNIQUE,
    show_client_names boolean NOT NULL DEFAULT false,
    created_by        text NOT NULL,
    created_at        timestamptz NOT NULL,
    revoked_at        timestamptz,
    CHECK ((owner_kind = 'staff' AND staff_id IS NOT NULL AND client_id IS NULL)
        OR (owner_kind = 'client' AND client_id IS NOT NULL AND staff_id IS NULL))
);
CREATE INDEX calendar_feeds_staff ON calendar_feeds (staff_id);
CREATE INDEX calendar_feeds_client ON calendar_feeds (client_id);

CREATE TABLE program_scorecards (
    program_id text PRIMARY KEY REFERENCES programs (id),
    public     boolean NOT NULL DEFAULT false,
    updated_by text NOT NULL,
    updated_at timestamptz NOT NULL
);

-- +goose Down
DROP TABLE program_scorecards;
DROP TABLE calendar_feeds;
