-- The outbox of safety-alert messages: one row per message (an email or a webhook call to one
-- on-call person about one alert), written in the same transaction as the measure or intake
-- request that raised the alert, and sent by the server's worker. due_at is when it may first be
-- sent (the backup's: the escalation delay later); claimed_until leases a row to one worker
-- while it sends; sent_at, cancelled_at (acknowledged in time, or nobody to send to) and
-- failed_at end it. message_id is the RFC 5322 Message-ID (and the webhook's idempotency key),
-- the same on every attempt, so a receiver can drop a repeat. No client data is stored here.
-- The same schema as internal/sqlite/migrations/00026_notifications.sql in PostgreSQL types.

-- +goose Up
CREATE TABLE notifications (
    id              text PRIMARY KEY,
    alert_source    text NOT NULL CHECK (alert_source IN ('measure_alert', 'intake')),
    alert_id        text NOT NULL,
    client_id       text REFERENCES clients (id),
    program_id      text NOT NULL REFERENCES programs (id),
    tier            text NOT NULL CHECK (tier IN ('primary', 'backup')),
    channel         text NOT NULL CHECK (channel IN ('email', 'webhook')),
    recipient_id    text NOT NULL REFERENCES staff (id),
    message_id      text NOT NULL UNIQUE,
    due_at          timestamptz NOT NULL,
    next_attempt_at timestamptz NOT NULL,
    attempts        integer NOT NULL DEFAULT 0,
    claimed_until   timestamptz,
    sent_at         timestamptz,
    cancelled_at    timestamptz,
    cancel_reason   text NOT NULL DEFAULT '',
    failed_at       timestamptz,
    last_error      text NOT NULL DEFAULT '',
    created_at      timestamptz NOT NULL
);
CREATE INDEX notifications_pending ON notifications (next_attempt_at)
    WHERE sent_at IS NULL AND cancelled_at IS NULL AND failed_at IS NULL;
CREATE INDEX notifications_alert ON notifications (alert_id);

-- +goose Down
DROP TABLE notifications;
