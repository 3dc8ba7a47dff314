-- Claim charges: the charges each claim billed, one row per line, so a charge goes on one live
-- claim only. A charge on a claim that was sent (submitted, paid, partially paid) is not billed
-- again; one on a held, denied or reversed claim may be. Rows of the claims already made are
-- filled in from the lines kept with each claim. The same schema as
-- internal/postgres/migrations/00050_claim_charges.sql.

-- +goose Up
CREATE TABLE claim_charges (
    claim_id     TEXT NOT NULL REFERENCES claims (id),
    charge_id    TEXT NOT NULL,
    client_id    TEXT NOT NULL REFERENCES clients (id),
    service_date TEXT NOT NULL,
    PRIMARY KEY (claim_id, charge_id)
);
CREATE INDEX claim_charges_date ON claim_charges (service_date);

INSERT INTO claim_charges (claim_id, charge_id, client_id, service_date)
    SELECT DISTINCT c.id, json_extract(l.value, '$.id'), c.client_id, json_extract(l.value, '$.date')
    FROM claims c, json_each(c.data, '$.lines') l;

-- +goose Down
DROP TABLE claim_charges;
