-- Physician certifications: Medicare pays an intensive outpatient program only with a
-- physician's signed certification at admission that the person needs at least 9 hours of
-- services a week, and a recertification at least every 60 days. Each row records that one was
-- signed (the date, the physician and NPI, the hours a week, the plan in a few words) and who
-- recorded it when. The outbox also carries authorization alerts now (alert_source
-- 'authorization'). The same schema as internal/sqlite/migrations/00047_certifications.sql.

-- +goose Up
CREATE TABLE certifications (
    id              text PRIMARY KEY,
    episode_id      text NOT NULL REFERENCES episodes (id),
    client_id       text NOT NULL REFERENCES clients (id),
    certified_on    text NOT NULL,
    recertification boolean NOT NULL,
    physician_name  text NOT NULL,
    physician_npi   text NOT NULL,
    hours_per_week  integer NOT NULL CHECK (hours_per_week BETWEEN 1 AND 40),
    plan            text NOT NULL DEFAULT '',
    recorded_by     text NOT NULL,
    recorded_at     timestamptz NOT NULL
);
CREATE INDEX certifications_episode ON certifications (episode_id, certified_on);

ALTER TABLE notifications DROP CONSTRAINT notifications_alert_source_check;
ALTER TABLE notifications ADD CONSTRAINT notifications_alert_source_check
    CHECK (alert_source IN ('measure_alert', 'intake', 'authorization'));

-- +goose Down
DELETE FROM notifications WHERE alert_source = 'authorization';
ALTER TABLE notifications DROP CONSTRAINT notifications_alert_source_check;
ALTER TABLE notifications ADD CONSTRAINT notifications_alert_source_check
    CHECK (alert_source IN ('measure_alert', 'intake'));
DROP TABLE certifications;
