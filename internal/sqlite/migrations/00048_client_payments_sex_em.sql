-- Client payments: money a client paid (a copay at the desk, a self-pay instalment), with its
-- date, amount in cents, method and reference. A mistaken payment is never deleted: it is
-- voided with a reason, by whom and when, and no longer counts. Clients: payer_sex is the sex
-- the client's insurer has on file ('' unknown, F, M or U), sent in claims' DMG segments;
-- it is not gender identity. Notes: em_code is the evaluation-and-management code the
-- prescriber chose on a medication note ('' not chosen). The same schema as
-- internal/postgres/migrations/00048_client_payments_sex_em.sql.

-- +goose Up
CREATE TABLE client_payments (
    id          TEXT PRIMARY KEY,
    client_id   TEXT NOT NULL REFERENCES clients (id),
    paid_on     TEXT NOT NULL,
    cents       BIGINT NOT NULL CHECK (cents > 0),
    method      TEXT NOT NULL CHECK (method IN ('cash', 'card', 'check', 'other')),
    reference   TEXT NOT NULL DEFAULT '',
    note        TEXT NOT NULL DEFAULT '',
    created_by  TEXT NOT NULL,
    created_at  TIMESTAMP NOT NULL,
    voided_by   TEXT NOT NULL DEFAULT '',
    voided_at   TIMESTAMP,
    void_reason TEXT NOT NULL DEFAULT ''
);
CREATE INDEX client_payments_client ON client_payments (client_id, paid_on);
CREATE INDEX client_payments_paid_on ON client_payments (paid_on);

ALTER TABLE clients ADD COLUMN payer_sex TEXT NOT NULL DEFAULT '' CHECK (payer_sex IN ('', 'F', 'M', 'U'));
ALTER TABLE notes ADD COLUMN em_code TEXT NOT NULL DEFAULT '';

-- +goose Down
ALTER TABLE notes DROP COLUMN em_code;
ALTER TABLE clients DROP COLUMN payer_sex;
DROP TABLE client_payments;
