-- Payers and coverage: the insurers claims go to (name, the payer id clearinghouses route by,
-- the claim format they take), and each client's insurance plans with the figures of the plan
-- year, primary (rank 1) or secondary (rank 2). A new coverage of the same rank ends the one it
-- replaces (ended_on), so the history stays. The same schema as
-- internal/postgres/migrations/00041_coverage.sql.

-- +goose Up
CREATE TABLE payers (
    id           TEXT PRIMARY KEY,
    name         TEXT NOT NULL,
    payer_id     TEXT NOT NULL UNIQUE,
    claim_format TEXT NOT NULL CHECK (claim_format IN ('837P', '837I')),
    created_at   TIMESTAMP NOT NULL
);

CREATE TABLE coverages (
    id                      TEXT PRIMARY KEY,
    client_id               TEXT NOT NULL REFERENCES clients (id),
    payer_id                TEXT NOT NULL REFERENCES payers (id),
    rank                    INTEGER NOT NULL CHECK (rank IN (1, 2)),
    member_id               TEXT NOT NULL,
    group_id                TEXT NOT NULL DEFAULT '',
    subscriber_name         TEXT NOT NULL DEFAULT '',
    subscriber_line1        TEXT NOT NULL DEFAULT '',
    subscriber_city         TEXT NOT NULL DEFAULT '',
    subscriber_state        TEXT NOT NULL DEFAULT '',
    subscriber_zip          TEXT NOT NULL DEFAULT '',
    relationship            TEXT NOT NULL,
    plan_year_start         TEXT NOT NULL,
    deductible_cents        BIGINT NOT NULL,
    deductible_met_cents    BIGINT NOT NULL,
    coinsurance_percent     INTEGER NOT NULL,
    copay_cents             BIGINT NOT NULL,
    out_of_pocket_max_cents BIGINT NOT NULL,
    out_of_pocket_met_cents BIGINT NOT NULL,
    in_network              BOOLEAN NOT NULL CHECK (in_network IN (0, 1)),
    ended_on                TEXT NOT NULL DEFAULT '',
    recorded_by             TEXT NOT NULL,
    created_at              TIMESTAMP NOT NULL
);
CREATE INDEX coverages_client ON coverages (client_id, rank);

-- +goose Down
DROP TABLE coverages;
DROP TABLE payers;
