-- Continued-stay reviews: the suggestion carepath's rules made for a client's open episode
-- (action, level, rule and reasons), the data behind it, and the clinician's decision: pending,
-- accepted (with the transfer it made, if any) or declined with a reason. Reasons, the rules
-- that also matched and the data are JSON. The same schema as
-- internal/postgres/migrations/00014_reviews.sql.

-- +goose Up
CREATE TABLE reviews (
    id             TEXT PRIMARY KEY,
    client_id      TEXT NOT NULL REFERENCES clients (id),
    episode_id     TEXT NOT NULL REFERENCES episodes (id),
    level          TEXT NOT NULL,
    action         TEXT NOT NULL CHECK (action IN ('continue', 'step_down', 'step_up', 'safety_evaluation', 'review_fit')),
    to_level       TEXT NOT NULL DEFAULT '',
    rule_id        TEXT NOT NULL,
    reasons        TEXT NOT NULL,
    also_matched   TEXT NOT NULL,
    data           TEXT NOT NULL,
    decision       TEXT NOT NULL DEFAULT 'pending' CHECK (decision IN ('pending', 'accepted', 'declined')),
    decided_by     TEXT NOT NULL DEFAULT '',
    decided_at     TIMESTAMP,
    decline_reason TEXT NOT NULL DEFAULT '',
    transfer_id    TEXT NOT NULL DEFAULT '',
    created_by     TEXT NOT NULL,
    created_at     TIMESTAMP NOT NULL,
    CHECK ((decision = 'declined') = (decline_reason <> ''))
);
CREATE INDEX reviews_client ON reviews (client_id, created_at, id);

-- +goose Down
DROP TABLE reviews;
