-- A staff member's hire date (YYYY-MM-DD; NULL: not recorded, and employment is then counted
-- from the day the account was created) and their own time zone for the pages (an IANA name;
-- '': the clinic's).
-- The same schema as internal/sqlite/migrations/00028_staff_hire_date.sql in PostgreSQL types.

-- +goose Up
ALTER TABLE staff ADD COLUMN hire_date text CHECK (hire_date IS NULL OR hire_date ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}$');
ALTER TABLE staff ADD COLUMN time_zone text NOT NULL DEFAULT '';

-- +goose Down
ALTER TABLE staff DROP COLUMN time_zone;
ALTER TABLE staff DROP COLUMN hire_date;
