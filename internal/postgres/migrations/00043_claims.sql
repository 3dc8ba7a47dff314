-- Claims: the clinic as billing provider (one row: name, NPI, tax id, address, the submitter id
-- clearinghouses know it by); claim batches, one X12 837 file each, kept exactly as written,
-- with the interchange control number from one sequence; each claim of a batch with its status
-- and the billing values it was written from (JSON), so a remittance posts to what was sent;
-- remittances received (835) and the postings they made to each charge. The same schema as
-- internal/sqlite/migrations/00043_claims.sql in PostgreSQL types.

-- +goose Up
CREATE TABLE billing_provider (
    id           integer PRIMARY KEY CHECK (id = 1),
    name         text NOT NULL,
    npi          text NOT NULL,
    tax_id       text NOT NULL,
    line1        text NOT NULL,
    city         text NOT NULL,
    state        text NOT NULL,
    zip          text NOT NULL,
    phone        text NOT NULL DEFAULT '',
    submitter_id text NOT NULL,
    taxonomy     text NOT NULL DEFAULT '',
    attending_npi   text NOT NULL DEFAULT '',
    attending_last  text NOT NULL DEFAULT '',
    attending_first text NOT NULL DEFAULT '',
    updated_at   timestamptz NOT NULL
);

CREATE TABLE claim_batches (
    id                  text PRIMARY KEY,
    payer_id            text NOT NULL REFERENCES payers (id),
    format              text NOT NULL CHECK (format IN ('837P', '837I')),
    from_on             text NOT NULL,
    to_on               text NOT NULL,
    interchange_control integer NOT NULL UNIQUE,
    file                text NOT NULL,
    total_cents         bigint NOT NULL,
    created_by          text NOT NULL,
    created_at          timestamptz NOT NULL
);

CREATE TABLE claims (
    id          text PRIMARY KEY,
    batch_id    text NOT NULL REFERENCES claim_batches (id),
    client_id   text NOT NULL REFERENCES clients (id),
    status      text NOT NULL CHECK (status IN ('draft', 'held', 'submitted', 'paid', 'denied', 'partially_paid', 'reversed')),
    total_cents bigint NOT NULL,
    paid_cents  bigint NOT NULL DEFAULT 0,
    patient_cents bigint NOT NULL DEFAULT 0,
    data        text NOT NULL
);
CREATE INDEX claims_batch ON claims (batch_id);
CREATE INDEX claims_client ON claims (client_id);

CREATE TABLE remittances (
    id          text PRIMARY KEY,
    received_by text NOT NULL,
    received_at timestamptz NOT NULL,
    unmatched   integer NOT NULL
);

CREATE TABLE postings (
    id            text PRIMARY KEY,
    remittance_id text NOT NULL REFERENCES remittances (id),
    claim_id      text NOT NULL REFERENCES claims (id),
    client_id     text NOT NULL REFERENCES clients (id),
    charge_id     text NOT NULL,
    paid_on       text NOT NULL,
    billed_cents  bigint NOT NULL,
    paid_cents    bigint NOT NULL,
    patient_cents bigint NOT NULL,
    written_off_cents bigint NOT NULL,
    data          text NOT NULL
);
CREATE INDEX postings_client ON postings (client_id);
CREATE INDEX postings_claim ON postings (claim_id);

-- +goose Down
DROP TABLE postings;
DROP TABLE remittances;
DROP TABLE claims;
DROP TABLE claim_batches;
DROP TABLE billing_provider;
