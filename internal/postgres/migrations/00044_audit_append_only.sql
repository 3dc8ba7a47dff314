-- The audit tables are append-only: the database itself refuses to change, delete or truncate
-- a row of audit_log or audit_shown. Triggers refuse it for every role, the table owner
-- included; the grants are taken from PUBLIC as well, so a deployment that runs carepath as a
-- role that does not own the tables (docs/audit.md) cannot even ask.
-- The same schema as internal/sqlite/migrations/00044_audit_append_only.sql.

-- +goose Up
-- +goose StatementBegin
CREATE FUNCTION audit_refuse_change() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION '% is append-only: % is refused', TG_TABLE_NAME, TG_OP
        USING ERRCODE = 'insufficient_privilege';
END;
$$ LANGUAGE plpgsql;
-- +goose StatementEnd

CREATE TRIGGER audit_log_no_change BEFORE UPDATE OR DELETE ON audit_log
    FOR EACH ROW EXECUTE FUNCTION audit_refuse_change();
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
    FOR EACH STATEMENT EXECUTE FUNCTION audit_refuse_change();
CREATE TRIGGER audit_shown_no_change BEFORE UPDATE OR DELETE ON audit_shown
    FOR EACH ROW EXECUTE FUNCTION audit_refuse_change();
CREATE TRIGGER audit_shown_no_truncate BEFORE TRUNCATE ON audit_shown
    FOR EACH STATEMENT EXECUTE FUNCTION audit_refuse_change();
REVOKE UPDATE, DELETE, TRUNCATE ON audit_log, audit_shown FROM PUBLIC;

-- +goose Down
DROP TRIGGER audit_shown_no_truncate ON audit_shown;
DROP TRIGGER audit_shown_no_change ON audit_shown;
DROP TRIGGER audit_log_no_truncate ON audit_log;
DROP TRIGGER audit_log_no_change ON audit_log;
DROP FUNCTION audit_refuse_change();
