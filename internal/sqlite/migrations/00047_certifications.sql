-- Physician certifications: Medicare pays an intensive outpatient program only with a
-- physician's signed certification at admission that the person needs at least 9 hours of
-- services a week, and a recertification at least every 60 days. Each row records that one was
-- signed (the date, the physician and NPI, the hours a week, the plan in a few words) and who
-- recorded it when. The outbox also carries authorization alerts now (alert_source
-- 'authorization'): SQLite changes a CHECK by rebuilding the table. The same schema as
-- internal/postgres/migrations/00047_certifications.sql.

-- +goose Up
CREATE TABLE certifications (
    id              TEXT PRIMARY KEY,
    episode_id      TEXT NOT NULL REFERENCES episodes (id),
    client_id       TEXT NOT NULL REFERENCES clients (id),
    certified_on    TEXT NOT NULL,
    recertification BOOLEAN NOT NULL CHECK (recertification IN (0, 1)),
    physician_name  TEXT NOT NULL,
    physician_npi   TEXT NOT NULL,
    hours_per_week  INTEGER NOT NULL CHECK (hours_per_week BETWEEN 1 AND 40),
    plan            TEXT NOT NULL DEFAULT '',
    recorded_by     TEXT NOT NULL,
    recorded_at     TIMESTAMP NOT NULL
);
CREATE INDEX certifications_episode ON certifications (episode_id, certified_on);

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
    SELECT id, alert_source, alert_id, client_id, program_id, tier, channel, recipient_id, message_id, due_at, next_attempt_at, attempts, claimed_until, sent_at, cancelled_at, cancel_reason, failed_at, last_error, created_at FROM notifications;
DROP TABLE notifications;
ALTER TABLE notifications_rebuilt RENAME TO notifications;
CREATE INDEX notifications_pending ON notifications (next_attempt_at)
    WHERE sent_at IS NULL AND cancelled_at IS NULL AND failed_at IS NULL;
CREATE INDEX notifications_alert ON notifications (alert_id);

-- +goose Down
CREATE TABLE notifications_rebuilt (
    id              TEXT PRIMARY KEY,
    alert_source    TEXT NOT NULL CHECK (alert_source IN ('measure_alert', 'intake')),
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
    SELECT id, alert_source, alert_id, client_id, program_id, tier, channel, recipient_id, message_id, due_at, next_attempt_at, attempts, claimed_until, sent_at, cancelled_at, cancel_reason, failed_at, last_error, created_at FROM notifications WHERE alert_source <> 'authorization';
DROP TABLE notifications;
ALTER TABLE notifications_rebuilt RENAME TO notifications;
CREATE INDEX notifications_pending ON notifications (next_attempt_at)
    WHERE sent_at IS NULL AND cancelled_at IS NULL AND failed_at IS NULL;
CREATE INDEX notifications_alert ON notifications (alert_id);
DROP TABLE certifications;
