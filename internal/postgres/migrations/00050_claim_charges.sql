-- Claim charges: the charges each claim billed, one row per line, so a charge goes on one live
-- claim only. A charge on a claim that was sent (submitted, paid, partially paid) is not billed
-- again; one on a held, denied or reversed claim may be. Rows of the claims already made are
-- filled in from the lines kept with each claim. The same schema as
-- internal/sqlite/migrations/00050_claim_charges.sql.

-- +goose Up
CREATE TABLE claim_charges (
    claim_id     text NOT NULL REFERENCES claims (id),
    charge_id    text NOT NULL,
    client_id    text NOT NULL REFERENCES clients (id),
    service_date text NOT NULL,
    PRIMARY KEY (claim_id, charge_id)
);
CREATE INDEX claim_charges_date ON claim_charges (service_date);

INSERT INTO claim_charges (claim_id, charge_id, client_id, service_date)
    SELECT DISTINCT c.id, l ->> 'id', c.client_id, l ->> 'date'
    FROM claims c, jsonb_array_elements(CASE WHEN jsonb_typeof(c.data::jsonb -> 'lines') = 'array'
        THEN c.data::jsonb -> 'lines' ELSE '[]'::jsonb END) l;

-- +goose Down
DROP TABLE claim_charges;
