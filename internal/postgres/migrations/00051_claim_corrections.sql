-- Claim corrections: a sent claim may be replaced (by a claim of frequency 7) or voided (by
-- one of frequency 8), and those are two more claim statuses. Each claim keeps the payer's
-- claim control number (CLP07 of the 835 that answered it), which the replacement or void
-- carries in REF*F8, and the claim that replaced or voided it; both are empty until known.
-- The same schema as internal/sqlite/migrations/00051_claim_corrections.sql.

-- +goose Up
ALTER TABLE claims DROP CONSTRAINT claims_status_check;
ALTER TABLE claims ADD CONSTRAINT claims_status_check
    CHECK (status IN ('draft', 'held', 'submitted', 'paid', 'denied', 'partially_paid', 'reversed', 'replaced', 'voided'));
ALTER TABLE claims ADD COLUMN payer_claim_control text;
ALTER TABLE claims ADD COLUMN corrected_by text;
CREATE INDEX claims_corrected_by ON claims (corrected_by);

-- +goose Down
DROP INDEX claims_corrected_by;
ALTER TABLE claims DROP COLUMN corrected_by;
ALTER TABLE claims DROP COLUMN payer_claim_control;
-- A replaced or voided claim was sent: it goes back to submitted.
ALTER TABLE claims DROP CONSTRAINT claims_status_check;
UPDATE claims SET status = 'submitted' WHERE status IN ('replaced', 'voided');
ALTER TABLE claims ADD CONSTRAINT claims_status_check
    CHECK (status IN ('draft', 'held', 'submitted', 'paid', 'denied', 'partially_paid', 'reversed'));
