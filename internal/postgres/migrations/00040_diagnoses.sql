-- Diagnoses: ICD-10-CM codes on a client's chart, with the description the code set had when
-- it was recorded, primary or not, onset and resolution dates. icd10_codes holds the codes
-- imported from CMS's code files (`carepath codes import FILE`); the shipped subset is in the
-- binary. The same schema as internal/sqlite/migrations/00040_diagnoses.sql in PostgreSQL types.

-- +goose Up
CREATE TABLE diagnoses (
    id          text PRIMARY KEY,
    client_id   text NOT NULL REFERENCES clients (id),
    code        text NOT NULL,
    description text NOT NULL,
    is_primary  boolean NOT NULL,
    onset_on    text NOT NULL DEFAULT '',
    resolved_on text NOT NULL DEFAULT '',
    recorded_by text NOT NULL,
    created_at  timestamptz NOT NULL
);
CREATE INDEX diagnoses_client ON diagnoses (client_id);

CREATE TABLE icd10_codes (
    code        text PRIMARY KEY,
    billable    boolean NOT NULL,
    description text NOT NULL,
    source      text NOT NULL,
    imported_at timestamptz NOT NULL
);

-- +goose Down
DROP TABLE icd10_codes;
DROP TABLE diagnoses;
