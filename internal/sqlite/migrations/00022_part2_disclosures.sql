-- 42 CFR Part 2 enforced: which programs' records are Part 2 records, what a disclosure consent
-- may be used for, and who the outside parties are that read records.
--
-- programs.part2 marks a program's records as substance use disorder treatment records. Every
-- program is Part 2 unless an admin turns the mark off in its settings (the cautious default:
-- carepath cannot tell from a program's level whether it treats substance use), existing
-- programs included.
--
-- consents.purposes lists the purposes of use a disclosure consent allows (treatment, payment,
-- operations, patient_request), comma-separated; the disclosure gate matches them. Consents
-- recorded before this migration name none and so allow no Part 2 disclosure until they are
-- recorded again with their purposes.
--
-- api_tokens.recipient and purpose mark an outside party's token: it reads records for that
-- recipient and purpose only, through the disclosure gate, and never writes. '' is the clinic's
-- own token. staff.organization is who a payer reviewer works for: the recipient of what
-- they read. The same schema as internal/postgres/migrations/00022_part2_disclosures.sql.

-- +goose Up
ALTER TABLE programs ADD COLUMN part2 BOOLEAN NOT NULL DEFAULT 1 CHECK (part2 IN (0, 1));
ALTER TABLE consents ADD COLUMN purposes TEXT NOT NULL DEFAULT '';
ALTER TABLE api_tokens ADD COLUMN recipient TEXT NOT NULL DEFAULT '';
ALTER TABLE api_tokens ADD COLUMN purpose TEXT NOT NULL DEFAULT ''
    CHECK (purpose IN ('', 'treatment', 'payment', 'operations', 'patient_request'));
ALTER TABLE staff ADD COLUMN organization TEXT NOT NULL DEFAULT '';

-- +goose Down
ALTER TABLE staff DROP COLUMN organization;
ALTER TABLE api_tokens DROP COLUMN purpose;
ALTER TABLE api_tokens DROP COLUMN recipient;
ALTER TABLE consents DROP COLUMN purposes;
ALTER TABLE programs DROP COLUMN part2;
