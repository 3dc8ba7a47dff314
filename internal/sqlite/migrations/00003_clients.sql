-- Clients: who they are, how to reach them, their insurance coverage and their care team.
-- Dates of birth are 'YYYY-MM-DD' text; money is integer cents; a NULL plan figure is not
-- known. Care team members are staff ids kept as plain text (no foreign key), so this
-- migration stands on its own. The same schema as internal/postgres/migrations/00003_clients.sql.

-- +goose Up
CREATE TABLE clients (
    id                            TEXT PRIMARY KEY,
    version                       INTEGER NOT NULL CHECK (version >= 1),
    given_name                    TEXT NOT NULL CHECK (given_name <> ''),
    family_name                     TEXT NOT NULL CHECK (family_name <> ''),
    preferred_name                TEXT NOT NULL DEFAULT '',
    birth_date                 TEXT NOT NULL
                                  CHECK (birth_date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
    pronouns                      TEXT NOT NULL DEFAULT '',
    email                         TEXT NOT NULL DEFAULT '',
    phone                         TEXT NOT NULL DEFAULT '',
    preferred_language            TEXT NOT NULL DEFAULT '',
    emergency_name                TEXT NOT NULL DEFAULT '',
    emergency_relationship        TEXT NOT NULL DEFAULT '',
    emergency_phone               TEXT NOT NULL DEFAULT '',
    coverage_payer                TEXT NOT NULL DEFAULT '',
    coverage_member_id            TEXT NOT NULL DEFAULT '',
    deductible_remaining_cents    INTEGER CHECK (deductible_remaining_cents >= 0),
    coinsurance_percent           INTEGER CHECK (coinsurance_percent BETWEEN 0 AND 100),
    copay_cents                   INTEGER CHECK (copay_cents >= 0),
    out_of_pocket_remaining_cents INTEGER CHECK (out_of_pocket_remaining_cents >= 0),
    primary_clinician_id          TEXT NOT NULL DEFAULT '',
    case_manager_id               TEXT NOT NULL DEFAULT '',
    created_at                    TIMESTAMP NOT NULL,
    updated_at                    TIMESTAMP NOT NULL
);
CREATE INDEX clients_name ON clients (lower(family_name), lower(given_name), id);
CREATE INDEX clients_primary_clinician ON clients (primary_clinician_id, lower(family_name), lower(given_name), id);
CREATE INDEX clients_case_manager ON clients (case_manager_id, lower(family_name), lower(given_name), id);

-- +goose Down
DROP TABLE clients;
