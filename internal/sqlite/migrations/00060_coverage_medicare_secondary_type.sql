-- Coverages: medicare_secondary_type is why Medicare pays after another payer, on a secondary
-- coverage with a Medicare payer ('' none): the insurance type code (12 working aged, 43
-- disabled with a large group plan, …) that Medicare's claims carry in SBR05. The same schema
-- as internal/postgres/migrations/00060_coverage_medicare_secondary_type.sql.

-- +goose Up
ALTER TABLE coverages ADD COLUMN medicare_secondary_type TEXT NOT NULL DEFAULT '';

-- +goose Down
ALTER TABLE coverages DROP COLUMN medicare_secondary_type;
