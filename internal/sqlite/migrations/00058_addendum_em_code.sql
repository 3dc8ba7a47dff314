-- Addenda: em_code is the evaluation-and-management code an addendum to a signed medication
-- note records for the visit ('' none). The latest addendum that gives one is the code the
-- visit is billed with, so a level left out or chosen wrongly is set by an addendum, never by
-- a second note for the same visit. The same schema as
-- internal/postgres/migrations/00058_addendum_em_code.sql.

-- +goose Up
ALTER TABLE note_addenda ADD COLUMN em_code TEXT NOT NULL DEFAULT '';

-- +goose Down
ALTER TABLE note_addenda DROP COLUMN em_code;
