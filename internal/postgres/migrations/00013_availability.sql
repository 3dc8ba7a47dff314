-- Weekly availability as hour slots ("mon-09": Monday 09:00-10:00 in the program's time zone,
-- comma-separated): a client's, recorded in the chart, and a clinician's with the most
-- distinct clients they see individually in a week; no row means not recorded. And the
-- schedule plans a program director proposes and applies ("Plan next week"): the proposal
-- as JSON (ids only, no names), the fingerprint of the rosters, sessions and therapists it
-- was computed from (applying a stale plan is refused) and who applied it when.
-- The same schema as internal/sqlite/migrations/00013_availability.sql in PostgreSQL types.

-- +goose Up
CREATE TABLE client_availability (
    client_id  text PRIMARY KEY REFERENCES clients (id),
    slots      text NOT NULL,
    updated_by text NOT NULL,
    updated_at timestamptz NOT NULL
);

CREATE TABLE clinician_availability (
    staff_id    text PRIMARY KEY REFERENCES staff (id),
    slots       text NOT NULL,
    max_clients integer NOT NULL CHECK (max_clients BETWEEN 0 AND 200),
    updated_by  text NOT NULL,
    updated_at  timestamptz NOT NULL
);

CREATE TABLE schedule_plans (
    id          text PRIMARY KEY,
    program_id  text NOT NULL REFERENCES programs (id),
    week        text NOT NULL,
    status      text NOT NULL CHECK (status IN ('proposed', 'applied')),
    fingerprint text NOT NULL,
    body        text NOT NULL,
    created_by  text NOT NULL,
    created_at  timestamptz NOT NULL,
    applied_by  text NOT NULL DEFAULT '',
    applied_at  timestamptz
);
CREATE INDEX schedule_plans_program ON schedule_plans (program_id, week);

-- +goose Down
DROP TABLE schedule_plans;
DROP TABLE clinician_availability;
DROP TABLE client_availability;
