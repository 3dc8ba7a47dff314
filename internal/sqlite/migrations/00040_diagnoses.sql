-- Diagnoses: ICD-10-CM codes on a client's chart, with the description the code set had when
-- it was recorded, primary or not, onset and resolution dates. icd10_codes holds the codes
-- imported from CMS's code files (`carepath codes import FILE`); the shipped subset is in the
-- binary. The same schema as internal/postgres/migrations/00040_diagnoses.sql.

-- +goose Up
CREATE TABLE diagnoses (
    id          TEXT PRIMARY KEY,
    client_id   TEXT NOT NULL REFERENCES clients (id),
    code        TEXT NOT NULL,
    description TEXT NOT NULL,
    is_primary  BOOLEAN NOT NULL CHECK (is_primary IN (0, 1)),
    onset_on    TEXT NOT NULL DEFAULT '',
    resolved_on TEXT NOT NULL DEFAULT '',
    recorded_by TEXT NOT NULL,
    created_at  TIMESTAMP NOT NULL
);
CREATE INDEX diagnoses_client ON diagnoses (client_id);

CREATE TABLE icd10_codes (
    code        TEXT PRIMARY KEY,
    billable    BOOLEAN NOT NULL CHECK (billable IN (0, 1)),
    description TEXT NOT NULL,
    source      TEXT NOT NULL,
    imported_at TIMESTAMP NOT NULL
);

-- +goose Down
DROP TABLE icd10_codes;
DROP TABLE diagnoses;
