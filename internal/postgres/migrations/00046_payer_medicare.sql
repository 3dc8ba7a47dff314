-- Payers: the medicare flag marks a payer whose IOP claims follow Medicare's intensive
-- outpatient program rules (billing.CheckMedicareIOP), checked when a claim batch is built. The
-- same schema as internal/sqlite/migrations/00046_payer_medicare.sql.

-- +goose Up
ALTER TABLE payers ADD COLUMN medicare boolean NOT NULL DEFAULT false;

-- +goose Down
ALTER TABLE payers DROP COLUMN medicare;
