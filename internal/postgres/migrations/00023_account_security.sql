-- Accounts and data at rest: sign-in session tokens are stored as the hex SHA-256 of the
-- token (the cookie holds the token; a copy of the database or a backup holds no live
-- session), existing sessions are rehashed in place; API tokens expire (expires_at; NULL on a
-- token made before expiry existed means 90 days after created_at); and staff carry a
-- supervisor flag, which co-signing requires.
-- The same schema as internal/sqlite/migrations/00020_account_security.sql.

-- +goose Up
UPDATE sessions SET token = encode(sha256(convert_to(token, 'UTF8')), 'hex');
ALTER TABLE api_tokens ADD COLUMN expires_at timestamptz;
ALTER TABLE staff ADD COLUMN supervisor boolean NOT NULL DEFAULT false;

-- +goose Down
ALTER TABLE staff DROP COLUMN supervisor;
ALTER TABLE api_tokens DROP COLUMN expires_at;
DELETE FROM sessions;
