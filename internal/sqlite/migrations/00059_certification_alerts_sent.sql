-- Certification alerts reach people through the outbox (alert_source 'certification'), as the
-- authorization alerts do. certification_alerts_sent records each alert queued, so an alert
-- (an episode, a kind, a due date) is sent once; a recertification due later is a new alert.
-- A missing certification has no due date ('') and is sent once per episode. A notification's
-- message is the line its email and webhook carry about the alert (its kind and due date,
-- never the client), '' for the sources whose words are fixed. SQLite changes a CHECK by
-- rebuilding the table. The same schema as
-- internal/postgres/migrations/00059_certification_alerts_sent.sql.

-- +goose Up
CREATE TABLE certification_alerts_sent (
    episode_id TEXT NOT NULL REFERENCES episodes (id),
    kind       TEXT NOT NULL CHECK (kind IN ('missing', 'due_soon', 'overdue')),
    due_on     TEXT NOT NULL,
    queued_at  TIMESTAMP NOT NULL,
    PRIMARY KEY (episode_id, kind, due_on)
);

CREATE TABLE notifications_rebuilt (
    id              TEXT PRIMARY KEY,
    alert_source    TEXT NOT NULL CHECK (alert_source IN ('measure_alert', 'intake', 'authorization', 'certification')),
    alert_id        TEXT NOT NULL,
    client_id       TEXT REFERENCES clients (id),
    program_id      TEXT NOT NULL REFERENCES programs (id),
    tier            TEXT NOT NULL CHECK (tier IN ('primary', 'backup')),
    channel         TEXT NOT NULL CHECK (channel IN ('email', 'webhook')),
    recipient_id    TEXT NOT NULL REFERENCES staff (id),
    message_id      TEXT NOT NULL UNIQUE,
    due_at          TIMESTAMP NOT NULL,
    next_attempt_at TIMESTAMP NOT NULL,
    attempts        INTEGER NOT NULL DEFAULT 0,
    claimed_until   TIMESTAMP,
    sent_at         TIMESTAMP,
    cancelled_at    TIMESTAMP,
    cancel_reason   TEXT NOT NULL DEFAULT '',
    failed_at       TIMESTAMP,
    last_error      TEXT NOT NULL DEFAULT '',
    created_at      TIMESTAMP NOT NULL,
    message         TEXT NOT NULL DEFAULT ''
);
INSERT INTO notifications_rebuilt (id, alert_source, alert_id, client_id, program_id, tier, channel, recipient_id, message_id, due_at, next_attempt_at, attempts, claimed_until, sent_at, cancelled_at, cancel_reason, failed_at, last_error, created_at)
    SELECT id, alert_source, alert_id, client_id, program_id, tier, channel, recipient_id, message_id, due_at, next_attempt_at, attempts, claimed_until, sent_at, cancelled_at, cancel_reason, failed_at, last_error, created_at FROM notifications;
DROP TABLE notifications;
ALTER TABLE notifications_rebuilt RENAME TO notifications;
CREATE INDEX notifications_pending ON notifications (next_attempt_at)
    WHERE sent_at IS NULL AND cancelled_at IS NULL AND failed_at IS NULL;
CREATE INDEX notifications_alert ON notifications (alert_id);

-- +goose Down
CREATE TABLE notifications_rebuilt (
    id              TEXT PRIMARY KEY,
    alert_source    TEXT NOT NULL CHECK (alert_source IN ('measure_alert', 'intake', 'authorization')),
    alert_id        TEXT NOT NULL,
    client_id       TEXT REFERENCES clients (id),
    program_id      TEXT NOT NULL REFERENCES programs (id),
    tier            TEXT NOT NULL CHECK (tier IN ('primary', 'backup')),
    channel         TEXT NOT NULL CHECK (channel IN ('email', 'webhook')),
    recipient_id    TEXT NOT NULL REFERENCES staff (id),
    message_id      TEXT NOT NULL UNIQUE,
    due_at          TIMESTAMP NOT NULL,
    next_attempt_at TIMESTAMP NOT NULL,
    attempts        INTEGER NOT NULL DEFAULT 0,
    claimed_until   TIMESTAMP,
    sent_at         TIMESTAMP,
    cancelled_at    TIMESTAMP,
    cancel_reason   TEXT NOT NULL DEFAULT '',
    failed_at       TIMESTAMP,
    last_error      TEXT NOT NULL DEFAULT '',
    created_at      TIMESTAMP NOT NULL
);
INSERT INTO notifications_rebuilt (id, alert_source, alert_id, client_id, program_id, tier, channel, recipient_id, message_id, due_at, next_attempt_at, attempts, claimed_until, sent_at, cancelled_at, cancel_reason, failed_at, last_error, created_at)
    SELECT id, alert_source, alert_id, client_id, program_id, tier, channel, recipient_id, message_id, due_at, next_attempt_at, attempts, claimed_until, sent_at, cancelled_at, cancel_reason, failed_at, last_error, created_at FROM notifications WHERE alert_source <> 'certification';
DROP TABLE notifications;
ALTER TABLE notifications_rebuilt RENAME TO notifications;
CREATE INDEX notifications_pending ON notifications (next_attempt_at)
    WHERE sent_at IS NULL AND cancelled_at IS NULL AND failed_at IS NULL;
CREATE INDEX notifications_alert ON notifications (alert_id);
DROP TABLE certification_alerts_sent;
