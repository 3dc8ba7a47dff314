-- Accounts and data at rest: sign-in session tokens are stored as the hex SHA-256 of the
-- token (the cookie holds the token; a copy of the database or a backup holds no live
-- session), existing sessions are rehashed in place; API tokens expire (expires_at; NULL on a
-- token made before expiry existed means 90 days after created_at); and staff carry a
-- supervisor flag, which co-signing requires.
-- The same schema as internal/postgres/migrations/00020_account_security.sql.
-- carepath_sha256_hex is registered by internal/sqlite.

-- +goose Up
UPDATE sessions SET token = carepath_sha256_hex(token);
ALTER TABLE api_tokens ADD COLUMN expires_at TIMESTAMP;
ALTER TABLE staff ADD COLUMN supervisor BOOLEAN NOT NULL DEFAULT 0 CHECK (supervisor IN (0, 1));

-- +goose Down
ALTER TABLE staff DROP COLUMN supervisor;
ALTER TABLE api_tokens DROP COLUMN expires_at;
DELETE FROM sessions;
