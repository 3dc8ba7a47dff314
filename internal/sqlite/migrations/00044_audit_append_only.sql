-- The audit tables are append-only: the database itself refuses to change or delete a row of
-- audit_log or audit_shown, whoever asks. A restore replaces the database file as a whole and
-- appends its own audit row; nothing else removes audit rows.
-- The same schema as internal/postgres/migrations/00044_audit_append_only.sql.

-- +goose Up
-- +goose StatementBegin
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN
    SELECT RAISE(ABORT, 'audit_log is append-only: rows are never changed');
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN
    SELECT RAISE(ABORT, 'audit_log is append-only: rows are never deleted');
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER audit_shown_no_update BEFORE UPDATE ON audit_shown
BEGIN
    SELECT RAISE(ABORT, 'audit_shown is append-only: rows are never changed');
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER audit_shown_no_delete BEFORE DELETE ON audit_shown
BEGIN
    SELECT RAISE(ABORT, 'audit_shown is append-only: rows are never deleted');
END;
-- +goose StatementEnd

-- +goose Down
DROP TRIGGER audit_shown_no_delete;
DROP TRIGGER audit_shown_no_update;
DROP TRIGGER audit_log_no_delete;
DROP TRIGGER audit_log_no_update;
