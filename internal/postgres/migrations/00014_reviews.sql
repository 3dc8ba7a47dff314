-- Continued-stay reviews: the suggestion carepath's rules made for a client's open episode
-- (action, level, rule and reasons), the data behind it, and the clinician's decision: pending,
-- accepted (with the transfer it made, if any) or declined with a reason. Reasons, the rules
-- that also matched and the data are JSON. The same schema as
-- internal/sqlite/migrations/00014_reviews.sql in PostgreSQL types.

-- +goose Up
CREATE TABLE reviews (
    id             text PRIMARY KEY,
    client_id      text NOT NULL REFERENCES clients (id),
    episode_id     text NOT NULL REFERENCES episodes (id),
    level          text NOT NULL,
    action         text NOT NULL CHECK (action IN ('continue', 'step_down', 'step_up', 'safety_evaluation', 'review_fit')),
    to_level       text NOT NULL DEFAULT '',
    rule_id        text NOT NULL,
    reasons        text NOT NULL,
    also_matched   text NOT NULL,
    data           text NOT NULL,
    decision       text NOT NULL DEFAULT 'pending' CHECK (decision IN ('pending', 'accepted', 'declined')),
    decided_by     text NOT NULL DEFAULT '',
    decided_at     timestamptz,
    decline_reason text NOT NULL DEFAULT '',
    transfer_id    text NOT NULL DEFAULT '',
    created_by     text NOT NULL,
    created_at     timestamptz NOT NULL,
    CHECK ((decision = 'declined') = (decline_reason <> ''))
);
CREATE INDEX reviews_client ON reviews (client_id, created_at, id);

-- +goose Down
DROP TABLE reviews;
