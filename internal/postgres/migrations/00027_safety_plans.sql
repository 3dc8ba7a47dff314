-- Safety plans: each save of a client's plan is a new row (version 1, 2, …), never changed, so
-- every earlier version stays readable; content holds the six steps as JSON. A plan link lets
-- the client open their current plan on a phone: only the SHA-256 of its token is stored, and
-- it stops working when it expires or is revoked. Group capacity overrides record each roster
-- addition an admin allowed beyond a group's capacity, with the reason. The same schema as
-- internal/sqlite/migrations/00027_safety_plans.sql in PostgreSQL types.

-- +goose Up
CREATE TABLE safety_plans (
    id                  text PRIMARY KEY,
    client_id           text NOT NULL REFERENCES clients (id),
    version             integer NOT NULL CHECK (version >= 1),
    content             text NOT NULL,
    written_with_client boolean NOT NULL,
    created_by          text NOT NULL,
    created_at          timestamptz NOT NULL,
    UNIQUE (client_id, version)
);

CREATE TABLE safety_plan_links (
    id             text PRIMARY KEY,
    client_id      text NOT NULL REFERENCES clients (id),
    token_hash     text NOT NULL UNIQUE,
    created_by     text NOT NULL,
    created_at     timestamptz NOT NULL,
    expires_at     timestamptz NOT NULL,
    last_opened_at timestamptz,
    revoked_at     timestamptz
);
CREATE INDEX safety_plan_links_client ON safety_plan_links (client_id);

CREATE TABLE group_capacity_overrides (
    id         text PRIMARY KEY,
    group_id   text NOT NULL REFERENCES groups (id),
    client_id  text NOT NULL REFERENCES clients (id),
    from_date  text NOT NULL,
    capacity   integer NOT NULL,
    members    integer NOT NULL,
    reason     text NOT NULL CHECK (reason <> ''),
    created_by text NOT NULL,
    created_at timestamptz NOT NULL
);
CREATE INDEX group_capacity_overrides_group ON group_capacity_overrides (group_id, created_at);

-- +goose Down
DROP TABLE group_capacity_overrides;
DROP TABLE safety_plan_links;
DROP TABLE safety_plans;
