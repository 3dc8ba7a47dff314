-- Staff accounts, their API tokens, the sign-in failures that lock an account or an address
-- out, and the web sessions (scs). Emails are stored lower-case, so the unique index makes
-- them unique case-insensitively on both engines.

-- +goose Up
CREATE TABLE staff (
    id            TEXT PRIMARY KEY,
    email         TEXT NOT NULL UNIQUE CHECK (email <> '' AND email = lower(email)),
    name          TEXT NOT NULL CHECK (name <> ''),
    role          TEXT NOT NULL
                  CHECK (role IN ('admin', 'clinician', 'case_manager', 'front_desk', 'reviewer')),
    password_hash TEXT NOT NULL,
    totp_secret   TEXT,
    totp_step     INTEGER NOT NULL DEFAULT 0, -- the last 30-second step a code was used for
    disabled      BOOLEAN NOT NULL DEFAULT 0 CHECK (disabled IN (0, 1)),
    created_at    TIMESTAMP NOT NULL
);

CREATE TABLE api_tokens (
    id         TEXT PRIMARY KEY,
    staff_id   TEXT NOT NULL REFERENCES staff (id),
    token_hash TEXT NOT NULL UNIQUE,
    created_at TIMESTAMP NOT NULL,
    revoked_at TIMESTAMP
);
CREATE INDEX api_tokens_staff ON api_tokens (staff_id);

-- One row per failed sign-in; kind is 'account' (key: the lower-cased email, known or not)
-- or 'remote' (key: the address). Lock-out counts the rows inside the window.
CREATE TABLE login_failures (
    id    INTEGER PRIMARY KEY AUTOINCREMENT,
    kind  TEXT NOT NULL CHECK (kind IN ('account', 'remote')),
    key   TEXT NOT NULL,
    at    TIMESTAMP NOT NULL
);
CREATE INDEX login_failures_key ON login_failures (kind, key, at);

CREATE TABLE sessions (
    token  TEXT PRIMARY KEY,
    data   BLOB NOT NULL,
    expiry TIMESTAMP NOT NULL
);
CREATE INDEX sessions_expiry ON sessions (expiry);

-- +goose Down
DROP TABLE sessions;
DROP TABLE login_failures;
DROP TABLE api_tokens;
DROP TABLE staff;
