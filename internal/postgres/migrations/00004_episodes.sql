-- Programs and episodes of care: a program runs at one level in one time zone with a weekly
-- minimum (in minutes); an episode is one client's stay in one program, with its transfers.
-- Dates are 'YYYY-MM-DD' text in the program's time zone. At most one open episode per client
-- per program. The same schema as internal/sqlite/migrations/00004_episodes.sql, in PostgreSQL types.

-- +goose Up
CREATE TABLE programs (
    id                   text PRIMARY KEY,
    name                 text NOT NULL CHECK (name <> ''),
    level                text NOT NULL CHECK (level IN ('outpatient', 'iop', 'php')),
    time_zone            text NOT NULL CHECK (time_zone <> ''),
    min_minutes_per_week integer NOT NULL CHECK (min_minutes_per_week BETWEEN 0 AND 10080),
    created_at           timestamptz NOT NULL
);

CREATE TABLE episodes (
    id               text PRIMARY KEY,
    client_id        text NOT NULL REFERENCES clients (id),
    program_id       text NOT NULL REFERENCES programs (id),
    level            text NOT NULL,
    admitted_on      text NOT NULL
                     CHECK (admitted_on ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}$'),
    status           text NOT NULL CHECK (status IN ('open', 'discharged')),
    discharged_on    text NOT NULL DEFAULT '',
    discharge_reason text NOT NULL DEFAULT '',
    discharge_note   text NOT NULL DEFAULT '',
    version          integer NOT NULL CHECK (version >= 1),
    created_at       timestamptz NOT NULL,
    updated_at       timestamptz NOT NULL
);
CREATE UNIQUE INDEX episodes_one_open ON episodes (client_id, program_id) WHERE status = 'open';
CREATE INDEX episodes_client ON episodes (client_id, admitted_on);
CREATE INDEX episodes_program ON episodes (program_id, status, admitted_on);

CREATE TABLE episode_transfers (
    id             text PRIMARY KEY,
    episode_id     text NOT NULL REFERENCES episodes (id),
    seq            integer NOT NULL,
    from_level     text NOT NULL,
    to_level       text NOT NULL,
    transferred_on text NOT NULL,
    direction      text NOT NULL CHECK (direction IN ('step_up', 'step_down')),
    reason         text NOT NULL CHECK (reason <> ''),
    created_at     timestamptz NOT NULL,
    UNIQUE (episode_id, seq)
);

-- +goose Down
DROP TABLE episode_transfers;
DROP TABLE episodes;
DROP TABLE programs;
