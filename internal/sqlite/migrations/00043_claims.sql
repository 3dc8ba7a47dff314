-- Claims: the clinic as billing provider (one row: name, NPI, tax id, address, the submitter id
-- clearinghouses know it by); claim batches, one X12 837 file each, kept exactly as written,
-- with the interchange control number from one sequence; each claim of a batch with its status
-- and the billing values it was written from (JSON), so a remittance posts to what was sent;
-- remittances received (835) and the postings they made to each charge. The same schema as
-- internal/postgres/migrations/00043_claims.sql.

-- +goose Up
CREATE TABLE billing_provider (
    id           INTEGER PRIMARY KEY CHECK (id = 1),
    name         TEXT NOT NULL,
    npi          TEXT NOT NULL,
    tax_id       TEXT NOT NULL,
    line1        TEXT NOT NULL,
    city         TEXT NOT NULL,
    state        TEXT NOT NULL,
    zip          TEXT NOT NULL,
    phone        TEXT NOT NULL DEFAULT '',
    submitter_id TEXT NOT NULL,
    taxonomy     TEXT NOT NULL DEFAULT '',
    attending_npi   TEXT NOT NULL DEFAULT '',
    attending_last  TEXT NOT NULL DEFAULT '',
    attending_first TEXT NOT NULL DEFAULT '',
    updated_at   TIMESTAMP NOT NULL
);

CREATE TABLE claim_batches (
    id                  TEXT PRIMARY KEY,
    payer_id            TEXT NOT NULL REFERENCES payers (id),
    format              TEXT NOT NULL CHECK (format IN ('837P', '837I')),
    from_on             TEXT NOT NULL,
    to_on               TEXT NOT NULL,
    interchange_control INTEGER NOT NULL UNIQUE,
    file                TEXT NOT NULL,
    total_cents         BIGINT NOT NULL,
    created_by          TEXT NOT NULL,
    created_at          TIMESTAMP NOT NULL
);

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
CREATE INDEX claims_batch ON claims (batch_id);
CREATE INDEX claims_client ON claims (client_id);

CREATE TABLE remittances (
    id          TEXT PRIMARY KEY,
    received_by TEXT NOT NULL,
    received_at TIMESTAMP NOT NULL,
    unmatched   INTEGER NOT NULL
);

CREATE TABLE postings (
    id            TEXT PRIMARY KEY,
    remittance_id TEXT NOT NULL REFERENCES remittances (id),
    claim_id      TEXT NOT NULL REFERENCES claims (id),
    client_id     TEXT NOT NULL REFERENCES clients (id),
    charge_id     TEXT NOT NULL,
    paid_on       TEXT NOT NULL,
    billed_cents  BIGINT NOT NULL,
    paid_cents    BIGINT NOT NULL,
    patient_cents BIGINT NOT NULL,
    written_off_cents BIGINT NOT NULL,
    data          TEXT NOT NULL
);
CREATE INDEX postings_client ON postings (client_id);
CREATE INDEX postings_claim ON postings (claim_id);

-- +goose Down
DROP TABLE postings;
DROP TABLE remittances;
DROP TABLE claims;
DROP TABLE claim_batches;
DROP TABLE billing_provider;
