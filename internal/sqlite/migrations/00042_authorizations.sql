-- Authorizations: a payer's approval of a level of care for an episode, for a number of units
-- (program days or sessions) between two dates, with the next review date, the payer's care
-- manager and the payer reviewer assigned to it. Units used are not stored: they are counted
-- from attendance whenever an authorization is read. authorization_alerts_sent records each
-- alert queued in the outbox, so an alert is sent once. The same schema as
-- internal/postgres/migrations/00042_authorizations.sql.

-- +goose Up
CREATE TABLE authorizations (
    id           TEXT PRIMARY KEY,
    episode_id   TEXT NOT NULL REFERENCES episodes (id),
    client_id    TEXT NOT NULL REFERENCES clients (id),
    payer_id     TEXT NOT NULL REFERENCES payers (id),
    number       TEXT NOT NULL,
    level        TEXT NOT NULL,
    start_on     TEXT NOT NULL,
    end_on       TEXT NOT NULL CHECK (end_on >= start_on),
    unit         TEXT NOT NULL CHECK (unit IN ('day', 'session')),
    units        INTEGER NOT NULL CHECK (units >= 1),
    frequency    TEXT NOT NULL DEFAULT '',
    next_review  TEXT NOT NULL DEFAULT '',
    care_manager TEXT NOT NULL DEFAULT '',
    reviewer_id  TEXT NOT NULL DEFAULT '',
    created_by   TEXT NOT NULL,
    created_at   TIMESTAMP NOT NULL,
    updated_at   TIMESTAMP NOT NULL
);
CREATE INDEX authorizations_episode ON authorizations (episode_id, start_on);
CREATE INDEX authorizations_client ON authorizations (client_id);
CREATE INDEX authorizations_reviewer ON authorizations (reviewer_id);

CREATE TABLE authorization_alerts_sent (
    authorization_id TEXT NOT NULL REFERENCES authorizations (id),
    kind             TEXT NOT NULL,
    on_date          TEXT NOT NULL,
    queued_at        TIMESTAMP NOT NULL,
    PRIMARY KEY (authorization_id, kind, on_date)
);

-- +goose Down
DROP TABLE authorization_alerts_sent;
DROP TABLE authorizations;
