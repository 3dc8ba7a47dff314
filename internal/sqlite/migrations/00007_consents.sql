-- Clients' consents: treatment, telehealth, 42 CFR Part 2 disclosures, releases of
-- information. A disclosure names its recipient, the information and the purpose; a Part 2
-- disclosure has an end (a date or an event). Dates are 'YYYY-MM-DD' text; a revoked consent
-- keeps its row with revoked_at set. The same schema as
-- internal/postgres/migrations/00007_consents.sql.

-- +goose Up
CREATE TABLE consents (
    id               TEXT PRIMARY KEY,
    client_id        TEXT NOT NULL REFERENCES clients (id),
    kind             TEXT NOT NULL CHECK (kind IN ('treatment', 'part2_disclosure', 'telehealth',
                                                   'release_of_information', 'other')),
    recipient        TEXT NOT NULL DEFAULT '',
    information      TEXT NOT NULL DEFAULT '',
    purpose          TEXT NOT NULL DEFAULT '',
    signed_on        TEXT NOT NULL
                     CHECK (signed_on GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
    expires_on       TEXT NOT NULL DEFAULT '',
    expires_on_event TEXT NOT NULL DEFAULT '',
    revoked_at       TIMESTAMP,
    revoked_reason   TEXT NOT NULL DEFAULT '',
    recorded_by      TEXT NOT NULL,
    created_at       TIMESTAMP NOT NULL,
    CHECK (kind NOT IN ('part2_disclosure', 'release_of_information')
           OR (recipient <> '' AND information <> '' AND purpose <> '')),
    CHECK (kind <> 'part2_disclosure' OR expires_on <> '' OR expires_on_event <> '')
);
CREATE INDEX consents_client ON consents (client_id, signed_on);

-- +goose Down
DROP TABLE consents;
