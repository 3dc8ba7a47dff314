-- Who answers a program's safety alerts, and when its office is open. program_on_call holds the
-- standing primary and backup (and whether this program's on-call also answers crisis intake
-- requests from the decision aid); program_on_call_shifts holds dated shifts that replace them
-- while they last; program_office_hours holds one opening span per weekday, in the program's
-- time zone. The same schema as internal/sqlite/migrations/00025_on_call.sql in PostgreSQL types.

-- +goose Up
CREATE TABLE program_on_call (
    program_id    text PRIMARY KEY REFERENCES programs (id),
    primary_id    text NOT NULL REFERENCES staff (id),
    backup_id     text REFERENCES staff (id),
    intake_alerts boolean NOT NULL DEFAULT false,
    version       integer NOT NULL CHECK (version >= 1),
    updated_by    text NOT NULL,
    updated_at    timestamptz NOT NULL
);

CREATE TABLE program_on_call_shifts (
    program_id text NOT NULL REFERENCES programs (id),
    position   integer NOT NULL,
    starts_at  timestamptz NOT NULL,
    ends_at    timestamptz NOT NULL CHECK (ends_at > starts_at),
    primary_id text NOT NULL REFERENCES staff (id),
    backup_id  text REFERENCES staff (id),
    PRIMARY KEY (program_id, position)
);

CREATE TABLE program_office_hours (
    program_id text NOT NULL REFERENCES programs (id),
    day        text NOT NULL CHECK (day IN ('mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun')),
    opens      text NOT NULL,
    closes     text NOT NULL CHECK (closes > opens),
    PRIMARY KEY (program_id, day)
);

-- +goose Down
DROP TABLE program_office_hours;
DROP TABLE program_on_call_shifts;
DROP TABLE program_on_call;
