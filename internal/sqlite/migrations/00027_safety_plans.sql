-- Safety plans: each save of a client's plan is a new row (version 1, 2, …), never changed, so
-- every earlier version stays readable; content holds the six steps as JSON. A plan link lets
-- the client open their current plan on a phone: only the SHA-256 of its token is stored, and
-- it stops working when it expires or is revoked. Group capacity overrides record each roster
-- addition an admin allowed beyond a group's capacity, with the reason. The same schema as
-- internal/postgres/migrations/00027_safety_plans.sql.

-- +goose Up
CREATE TABLE safety_plans (
    id                  TEXT PRIMARY KEY,
    client_id           TEXT NOT NULL REFERENCES clients (id),
    version             INTEGER NOT NULL CHECK (version >= 1),
    content             TEXT NOT NULL,
    written_with_client BOOLEAN NOT NULL CHECK (written_with_client IN (0, 1)),
    created_by          TEXT NOT NULL,
    created_at          TIMESTAMP NOT NULL,
    UNIQUE (client_id, version)
);

CREATE TABLE safety_plan_links (
    id             TEXT PRIMARY KEY,
    client_id      TEXT NOT NULL REFERENCES clients (id),
    token_hash     TEXT NOT NULL UNIQUE,
    created_by     TEXT NOT NULL,
    created_at     TIMESTAMP NOT NULL,
    expires_at     TIMESTAMP NOT NULL,
    last_opened_at TIMESTAMP,
    revoked_at     TIMESTAMP
);
CREATE INDEX safety_plan_links_client ON safety_plan_links (client_id);

CREATE TABLE group_capacity_overrides (
    id         TEXT PRIMARY KEY,
    group_id   TEXT NOT NULL REFERENCES groups (id),
    client_id  TEXT NOT NULL REFERENCES clients (id),
    from_date  TEXT NOT NULL,
    capacity   INTEGER NOT NULL,
    members    INTEGER NOT NULL,
    reason     TEXT NOT NULL CHECK (reason <> ''),
    created_by TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL
);
CREATE INDEX group_capacity_overrides_group ON group_capacity_overrides (group_id, created_at);

-- +goose Down
DROP TABLE group_capacity_overrides;
DROP TABLE safety_plan_links;
DROP TABLE safety_plans;
