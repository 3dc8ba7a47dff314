-- Staff accounts, their API tokens, the sign-in failures that lock an account or an address
-- out, and the web sessions (scs). The same schema as internal/sqlite/migrations/00002_staff.sql
-- in PostgreSQL types.

-- +goose Up
CREATE TABLE staff (
    id            text PRIMARY KEY,
    email         text NOT NULL UNIQUE CHECK (email <> '' AND email = lower(email)),
    name          text NOT NULL CHECK (name <> ''),
    role          text NOT NULL
                  CHECK (role IN ('admin', 'clinician', 'case_manager', 'front_desk', 'reviewer')),
    password_hash text NOT NULL,
    totp_secret   text,
    totp_step     bigint NOT NULL DEFAULT 0,
    disabled      boolean NOT NULL DEFAULT false,
    created_at    timestamptz NOT NULL
);

CREATE TABLE api_tokens (
    id         text PRIMARY KEY,
    staff_id   text NOT NULL REFERENCES staff (id),
    token_hash text NOT NULL UNIQUE,
    created_at timestamptz NOT NULL,
    revoked_at timestamptz
);
CREATE INDEX api_tokens_staff ON api_tokens (staff_id);

CREATE TABLE login_failures (
    id    bigserial PRIMARY KEY,
    kind  text NOT NULL CHECK (kind IN ('account', 'remote')),
    key   text NOT NULL,
    at    timestamptz NOT NULL
);
CREATE INDEX login_failures_key ON login_failures (kind, key, at);

CREATE TABLE sessions (
    token  text PRIMARY KEY,
    data   bytea NOT NULL,
    expiry timestamptz NOT NULL
);
CREATE INDEX sessions_expiry ON sessions (expiry);

-- +goose Down
DROP TABLE sessions;
DROP TABLE login_failures;
DROP TABLE api_tokens;
DROP TABLE staff;
