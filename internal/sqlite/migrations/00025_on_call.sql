-- Who answers a program's safety alerts, and when its office is open. program_on_call holds the
-- standing primary and backup (and whether this program's on-call also answers crisis intake
-- requests from the decision aid); program_on_call_shifts holds dated shifts that replace them
-- while they last; program_office_hours holds one opening span per weekday, in the program's
-- time zone. The same schema as internal/postgres/migrations/00025_on_call.sql.

-- +goose Up
CREATE TABLE program_on_call (
    program_id    TEXT PRIMARY KEY REFERENCES programs (id),
    primary_id    TEXT NOT NULL REFERENCES staff (id),
    backup_id     TEXT REFERENCES staff (id),
    intake_alerts BOOLEAN NOT NULL DEFAULT 0 CHECK (intake_alerts IN (0, 1)),
    version       INTEGER NOT NULL CHECK (version >= 1),
    updated_by    TEXT NOT NULL,
    updated_at    TIMESTAMP NOT NULL
);

CREATE TABLE program_on_call_shifts (
    program_id TEXT NOT NULL REFERENCES programs (id),
    position   INTEGER NOT NULL,
    starts_at  TIMESTAMP NOT NULL,
    ends_at    TIMESTAMP NOT NULL CHECK (ends_at > starts_at),
    primary_id TEXT NOT NULL REFERENCES staff (id),
    backup_id  TEXT REFERENCES staff (id),
    PRIMARY KEY (program_id, position)
);

CREATE TABLE program_office_hours (
    program_id TEXT NOT NULL REFERENCES programs (id),
    day        TEXT NOT NULL CHECK (day IN ('mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun')),
    opens      TEXT NOT NULL,
    closes     TEXT NOT NULL CHECK (closes > opens),
    PRIMARY KEY (program_id, day)
);

-- +goose Down
DROP TABLE program_office_hours;
DROP TABLE program_on_call_shifts;
DROP TABLE program_on_call;
