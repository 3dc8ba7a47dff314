-- Claim corrections: a sent claim may be replaced (by a claim of frequency 7) or voided (by
-- one of frequency 8), and those are two more claim statuses. Each claim keeps the payer's
-- claim control number (CLP07 of the 835 that answered it), which the replacement or void
-- carries in REF*F8, and the claim that replaced or voided it; both are empty until known.
-- SQLite cannot change a CHECK constraint in place, so the table is rebuilt under the same
-- name with the foreign keys of claim_charges and postings deferred: dropping the rows and
-- putting the same ids back leaves no reference broken at commit. The same schema as
-- internal/postgres/migrations/00051_claim_corrections.sql.

-- +goose Up
PRAGMA defer_foreign_keys = ON;
CREATE TABLE claims_saved AS SELECT id, batch_id, client_id, status, total_cents, paid_cents, patient_cents, data FROM claims;
DROP TABLE claims;
CREATE TABLE claims (
    id          TEXT PRIMARY KEY,
    batch_id    TEXT NOT NULL REFERENCES claim_batches (id),
    client_id   TEXT NOT NULL REFERENCES clients (id),
    status      TEXT NOT NULL CHECK (status IN ('draft', 'held', 'submitted', 'paid', 'denied', 'partially_paid', 'reversed',
                                                'replaced', 'voided')),
    total_cents BIGINT NOT NULL,
    paid_cents  BIGINT NOT NULL DEFAULT 0,
    patient_cents BIGINT NOT NULL DEFAULT 0,
    data        TEXT NOT NULL,
    payer_claim_control TEXT,
    corrected_by TEXT
);
INSERT INTO claims (id, batch_id, client_id, status, total_cents, paid_cents, patient_cents, data)
    SELECT id, batch_id, client_id, status, total_cents, paid_cents, patient_cents, data FROM claims_saved;
DROP TABLE claims_saved;
CREATE INDEX claims_batch ON claims (batch_id);
CREATE INDEX claims_client ON claims (client_id);
CREATE INDEX claims_corrected_by ON claims (corrected_by);

-- +goose Down
PRAGMA defer_foreign_keys = ON;
CREATE TABLE claims_saved AS SELECT id, batch_id, client_id, status, total_cents, paid_cents, patient_cents, data FROM claims;
DROP TABLE claims;
CREATE TABLE claims (
    id          TEXT PRIMARY KEY,
    batch_id    TEXT NOT NULL REFERENCES claim_batches (id),
    client_id   TEXT NOT NULL REFERENCES clients (id),
    status      TEXT NOT NULL CHECK (status IN ('draft', 'held', 'submitted', 'paid', 'denied', 'partially_paid', 'reversed')),
    total_cents BIGINT NOT NULL,
    paid_cents  BIGINT NOT NULL DEFAULT 0,
    patient_cents BIGINT NOT NULL DEFAULT 0,
    data        TEXT NOT NULL
);
-- A replaced or voided claim was sent: it goes back to submitted.
INSERT INTO claims (id, batch_id, client_id, status, total_cents, paid_cents, patient_cents, data)
    SELECT id, batch_id, client_id, CASE WHEN status IN ('replaced', 'voided') THEN 'submitted' ELSE status END,
        total_cents, paid_cents, patient_cents, data FROM claims_saved;
DROP TABLE claims_saved;
CREATE INDEX claims_batch ON claims (batch_id);
CREATE INDEX claims_client ON claims (client_id);
