-- Certification alerts reach people through the outbox (alert_source 'certification'), as the
-- authorization alerts do. certification_alerts_sent records each alert queued, so an alert
-- (an episode, a kind, a due date) is sent once; a recertification due later is a new alert.
-- A missing certification has no due date ('') and is sent once per episode. A notification's
-- message is the line its email and webhook carry about the alert (its kind and due date,
-- never the client), '' for the sources whose words are fixed. The same schema as
-- internal/sqlite/migrations/00059_certification_alerts_sent.sql in PostgreSQL types.

-- +goose Up
CREATE TABLE certification_alerts_sent (
    episode_id text NOT NULL REFERENCES episodes (id),
    kind       text NOT NULL CHECK (kind IN ('missing', 'due_soon', 'overdue')),
    due_on     text NOT NULL,
    queued_at  timestamptz NOT NULL,
    PRIMARY KEY (episode_id, kind, due_on)
);

ALTER TABLE notifications ADD COLUMN message text NOT NULL DEFAULT '';
ALTER TABLE notifications DROP CONSTRAINT notifications_alert_source_check;
ALTER TABLE notifications ADD CONSTRAINT notifications_alert_source_check
    CHECK (alert_source IN ('measure_alert', 'intake', 'authorization', 'certification'));

-- +goose Down
DELETE FROM notifications WHERE alert_source = 'certification';
ALTER TABLE notifications DROP CONSTRAINT notifications_alert_source_check;
ALTER TABLE notifications ADD CONSTRAINT notifications_alert_source_check
    CHECK (alert_source IN ('measure_alert', 'intake', 'authorization'));
ALTER TABLE notifications DROP COLUMN message;
DROP TABLE certification_alerts_sent;
