-- Payers: the medicare flag marks a payer whose IOP claims follow Medicare's intensive
-- outpatient program rules (billing.CheckMedicareIOP), checked when a claim batch is built. The
-- same schema as internal/postgres/migrations/00046_payer_medicare.sql.

-- +goose Up
ALTER TABLE payers ADD COLUMN medicare BOOLEAN NOT NULL DEFAULT 0 CHECK (medicare IN (0, 1));

-- +goose Down
ALTER TABLE payers DROP COLUMN medicare;
