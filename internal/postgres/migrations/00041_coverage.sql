-- Payers and coverage: the insurers claims go to (name, the payer id clearinghouses route by,
-- the claim format they take), and each client's insurance plans with the figures of the plan
-- year, primary (rank 1) or secondary (rank 2). A new coverage of the same rank ends the one it
-- replaces (ended_on), so the history stays. The same schema as
-- internal/sqlite/migrations/00041_coverage.sql in PostgreSQL types.

-- +goose Up
CREATE TABLE payers (
    id           text PRIMARY KEY,
    name         text NOT NULL,
    payer_id     text NOT NULL UNIQUE,
    claim_format text NOT NULL CHECK (claim_format IN ('837P', '837I')),
    created_at   timestamptz NOT NULL
);

CREATE TABLE coverages (
    id                      text PRIMARY KEY,
    client_id               text NOT NULL REFERENCES clients (id),
    payer_id                text NOT NULL REFERENCES payers (id),
    rank                    integer NOT NULL CHECK (rank IN (1, 2)),
    member_id               text NOT NULL,
    group_id                text NOT NULL DEFAULT '',
    subscriber_name         text NOT NULL DEFAULT '',
    subscriber_line1        text NOT NULL DEFAULT '',
    subscriber_city         text NOT NULL DEFAULT '',
    subscriber_state        text NOT NULL DEFAULT '',
    subscriber_zip          text NOT NULL DEFAULT '',
    relationship            text NOT NULL,
    plan_year_start         text NOT NULL,
    deductible_cents        bigint NOT NULL,
    deductible_met_cents    bigint NOT NULL,
    coinsurance_percent     integer NOT NULL,
    copay_cents             bigint NOT NULL,
    out_of_pocket_max_cents bigint NOT NULL,
    out_of_pocket_met_cents bigint NOT NULL,
    in_network              boolean NOT NULL,
    ended_on                text NOT NULL DEFAULT '',
    recorded_by             text NOT NULL,
    created_at              timestamptz NOT NULL
);
CREATE INDEX coverages_client ON coverages (client_id, rank);

-- +goose Down
DROP TABLE coverages;
DROP TABLE payers;
