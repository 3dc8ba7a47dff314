-- Authorizations: a payer's approval of a level of care for an episode, for a number of units
-- (program days or sessions) between two dates, with the next review date, the payer's care
-- manager and the payer reviewer assigned to it. Units used are not stored: they are counted
-- from attendance whenever an authorization is read. authorization_alerts_sent records each
-- alert queued in the outbox, so an alert is sent once. The same schema as
-- internal/sqlite/migrations/00042_authorizations.sql in PostgreSQL types.

-- +goose Up
CREATE TABLE authorizations (
    id           text PRIMARY KEY,
    episode_id   text NOT NULL REFERENCES episodes (id),
    client_id    text NOT NULL REFERENCES clients (id),
    payer_id     text NOT NULL REFERENCES payers (id),
    number       text NOT NULL,
    level        text NOT NULL,
    start_on     text NOT NULL,
    end_on       text NOT NULL CHECK (end_on >= start_on),
    unit         text NOT NULL CHECK (unit IN ('day', 'session')),
    units        integer NOT NULL CHECK (units >= 1),
    frequency    text NOT NULL DEFAULT '',
    next_review  text NOT NULL DEFAULT '',
    care_manager text NOT NULL DEFAULT '',
    reviewer_id  text NOT NULL DEFAULT '',
    created_by   text NOT NULL,
    created_at   timestamptz NOT NULL,
    updated_at   timestamptz NOT NULL
);
CREATE INDEX authorizations_episode ON authorizations (episode_id, start_on);
CREATE INDEX authorizations_client ON authorizations (client_id);
CREATE INDEX authorizations_reviewer ON authorizations (reviewer_id);

CREATE TABLE authorization_alerts_sent (
    authorization_id text NOT NULL REFERENCES authorizations (id),
    kind             text NOT NULL,
    on_date          text NOT NULL,
    queued_at        timestamptz NOT NULL,
    PRIMARY KEY (authorization_id, kind, on_date)
);

-- +goose Down
DROP TABLE authorization_alerts_sent;
DROP TABLE authorizations;
