-- Clients' consents: treatment, telehealth, 42 CFR Part 2 disclosures, releases of
-- information. A disclosure names its recipient, the information and the purpose; a Part 2
-- disclosure has an end (a date or an event). Dates are 'YYYY-MM-DD' text; a revoked consent
-- keeps its row with revoked_at set. The same schema as
-- internal/sqlite/migrations/00007_consents.sql, in PostgreSQL types.

-- +goose Up
CREATE TABLE consents (
    id               text PRIMARY KEY,
    client_id        text NOT NULL REFERENCES clients (id),
    kind             text NOT NULL CHECK (kind IN ('treatment', 'part2_disclosure', 'telehealth',
                                                   'release_of_information', 'other')),
    recipient        text NOT NULL DEFAULT '',
    information      text NOT NULL DEFAULT '',
    purpose          text NOT NULL DEFAULT '',
    signed_on        text NOT NULL
                     CHECK (signed_on ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}$'),
    expires_on       text NOT NULL DEFAULT '',
    expires_on_event text NOT NULL DEFAULT '',
    revoked_at       timestamptz,
    revoked_reason   text NOT NULL DEFAULT '',
    recorded_by      text NOT NULL,
    created_at       timestamptz NOT NULL,
    CHECK (kind NOT IN ('part2_disclosure', 'release_of_information')
           OR (recipient <> '' AND information <> '' AND purpose <> '')),
    CHECK (kind <> 'part2_disclosure' OR expires_on <> '' OR expires_on_event <> '')
);
CREATE INDEX consents_client ON consents (client_id, signed_on);

-- +goose Down
DROP TABLE consents;
