-- A staff member's hire date (YYYY-MM-DD; NULL: not recorded, and employment is then counted
-- from the day the account was created) and their own time zone for the pages (an IANA name;
-- '': the clinic's).
-- The same schema as internal/postgres/migrations/00028_staff_hire_date.sql.

-- +goose Up
ALTER TABLE staff ADD COLUMN hire_date TEXT CHECK (hire_date IS NULL OR hire_date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]');
ALTER TABLE staff ADD COLUMN time_zone TEXT NOT NULL DEFAULT '';

-- +goose Down
ALTER TABLE staff DROP COLUMN time_zone;
ALTER TABLE staff DROP COLUMN hire_date;
