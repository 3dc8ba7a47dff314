-- Clients: who they are, how to reach them, their insurance coverage and their care team.
-- The same schema as internal/sqlite/migrations/00003_clients.sql in PostgreSQL types: dates of
-- birth are 'YYYY-MM-DD' text, money is integer cents, a NULL plan figure is not known, and
-- care team members are staff ids kept as plain text (no foreign key).

-- +goose Up
CREATE TABLE clients (
    id                            text PRIMARY KEY,
    version                       integer NOT NULL CHECK (version >= 1),
    given_name                    text NOT NULL CHECK (given_name <> ''),
    family_name                     text NOT NULL CHECK (family_name <> ''),
    preferred_name                text NOT NULL DEFAULT '',
    birth_date                 text NOT NULL
                                  CHECK (birth_date ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}$'),
    pronouns                      text NOT NULL DEFAULT '',
    email                         text NOT NULL DEFAULT '',
    phone                         text NOT NULL DEFAULT '',
    preferred_language            text NOT NULL DEFAULT '',
    emergency_name                text NOT NULL DEFAULT '',
    emergency_relationship        text NOT NULL DEFAULT '',
    emergency_phone               text NOT NULL DEFAULT '',
    coverage_payer                text NOT NULL DEFAULT '',
    coverage_member_id            text NOT NULL DEFAULT '',
    deductible_remaining_cents    bigint CHECK (deductible_remaining_cents >= 0),
    coinsurance_percent           integer CHECK (coinsurance_percent BETWEEN 0 AND 100),
    copay_cents                   bigint CHECK (copay_cents >= 0),
    out_of_pocket_remaining_cents bigint CHECK (out_of_pocket_remaining_cents >= 0),
    primary_clinician_id          text NOT NULL DEFAULT '',
    case_manager_id               text NOT NULL DEFAULT '',
    created_at                    timestamptz NOT NULL,
    updated_at                    timestamptz NOT NULL
);
CREATE INDEX clients_name ON clients (lower(family_name), lower(given_name), id);
CREATE INDEX clients_primary_clinician ON clients (primary_clinician_id, lower(family_name), lower(given_name), id);
CREATE INDEX clients_case_manager ON clients (case_manager_id, lower(family_name), lower(given_name), id);

-- +goose Down
DROP TABLE clients;
