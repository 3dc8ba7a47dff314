-- The audit log's hash chain: each row carries the SHA-256 (hex) of its own columns, the
-- clients it showed (audit_shown) and the previous row's hash (prev_hash), in id order, so a
-- changed, deleted or inserted row breaks the chain where it happened (carepath audit verify).
-- Rows written before this migration keep NULL in both columns: the first chained row's
-- prev_hash is the chain computed over them (docs/audit.md, "Rows older than the chain").
-- The same schema as internal/postgres/migrations/00045_audit_chain.sql.

-- +goose Up
ALTER TABLE audit_log ADD COLUMN prev_hash TEXT;
ALTER TABLE audit_log ADD COLUMN hash TEXT;

-- +goose Down
ALTER TABLE audit_log DROP COLUMN hash;
ALTER TABLE audit_log DROP COLUMN prev_hash;
