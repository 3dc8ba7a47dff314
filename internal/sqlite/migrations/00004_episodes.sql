-- Programs and episodes of care: a program runs at one level in one time zone with a weekly
-- minimum (in minutes); an episode is one client's stay in one program, with its transfers.
-- Dates are 'YYYY-MM-DD' text in the program's time zone. At most one open episode per client
-- per program. The same schema as internal/postgres/migrations/00004_episodes.sql.

-- +goose Up
CREATE TABLE programs (
    id                   TEXT PRIMARY KEY,
    name                 TEXT NOT NULL CHECK (name <> ''),
    level                TEXT NOT NULL CHECK (level IN ('outpatient', 'iop', 'php')),
    time_zone            TEXT NOT NULL CHECK (time_zone <> ''),
    min_minutes_per_week INTEGER NOT NULL CHECK (min_minutes_per_week BETWEEN 0 AND 10080),
    created_at           TIMESTAMP NOT NULL
);

CREATE TABLE episodes (
    id               TEXT PRIMARY KEY,
    client_id        TEXT NOT NULL REFERENCES clients (id),
    program_id       TEXT NOT NULL REFERENCES programs (id),
    level            TEXT NOT NULL,
    admitted_on      TEXT NOT NULL
                     CHECK (admitted_on GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
    status           TEXT NOT NULL CHECK (status IN ('open', 'discharged')),
    discharged_on    TEXT NOT NULL DEFAULT '',
    discharge_reason TEXT NOT NULL DEFAULT '',
    discharge_note   TEXT NOT NULL DEFAULT '',
    version          INTEGER NOT NULL CHECK (version >= 1),
    created_at       TIMESTAMP NOT NULL,
    updated_at       TIMESTAMP NOT NULL
);
CREATE UNIQUE INDEX episodes_one_open ON episodes (client_id, program_id) WHERE status = 'open';
CREATE INDEX episodes_client ON episodes (client_id, admitted_on);
CREATE INDEX episodes_program ON episodes (program_id, status, admitted_on);

CREATE TABLE episode_transfers (
    id             TEXT PRIMARY KEY,
    episode_id     TEXT NOT NULL REFERENCES episodes (id),
    seq            INTEGER NOT NULL,
    from_level     TEXT NOT NULL,
    to_level       TEXT NOT NULL,
    transferred_on TEXT NOT NULL,
    direction      TEXT NOT NULL CHECK (direction IN ('step_up', 'step_down')),
    reason         TEXT NOT NULL CHECK (reason <> ''),
    created_at     TIMESTAMP NOT NULL,
    UNIQUE (episode_id, seq)
);

-- +goose Down
DROP TABLE episode_transfers;
DROP TABLE episodes;
DROP TABLE programs;
