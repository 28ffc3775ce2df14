-- Reminders: her moments and quiet hours, her browsers' push subscriptions, the queue of due
-- reminders that schedulers claim with a lease, sent marks (so a restart never sends twice), her
-- calendar feed's token (hashed) and the deployment's VAPID key. Times are Unix milliseconds;
-- local times of day are 'HH:MM' text in her time zone.

CREATE TABLE reminder_settings (
    profile_id        UUID PRIMARY KEY REFERENCES profiles (id) ON DELETE CASCADE,
    quiet_start       TEXT NOT NULL,
    quiet_end         TEXT NOT NULL,
    prescription_date DATE
);

CREATE TABLE reminder_moments (
    profile_id UUID NOT NULL REFERENCES profiles (id) ON DELETE CASCADE,
    position   INTEGER NOT NULL,
    habit      TEXT NOT NULL,
    own_words  TEXT NOT NULL,
    local_time TEXT NOT NULL,
    PRIMARY KEY (profile_id, position)
);

CREATE TABLE push_subscriptions (
    endpoint   TEXT PRIMARY KEY,
    profile_id UUID NOT NULL REFERENCES profiles (id) ON DELETE CASCADE,
    p256dh     TEXT NOT NULL,
    auth       TEXT NOT NULL,
    created_at BIGINT NOT NULL
);
CREATE INDEX push_subscriptions_profile ON push_subscriptions (profile_id);

CREATE TABLE reminder_queue (
    profile_id   UUID NOT NULL REFERENCES profiles (id) ON DELETE CASCADE,
    reminder_key TEXT NOT NULL,
    due_at       BIGINT NOT NULL,
    claimed_by   TEXT,
    lease_until  BIGINT,
    PRIMARY KEY (profile_id, reminder_key)
);
CREATE INDEX reminder_queue_due ON reminder_queue (due_at);

CREATE TABLE reminder_sends (
    profile_id   UUID NOT NULL REFERENCES profiles (id) ON DELETE CASCADE,
    reminder_key TEXT NOT NULL,
    due_at       BIGINT NOT NULL,
    sent_at      BIGINT NOT NULL,
    PRIMARY KEY (profile_id, reminder_key, due_at)
);

CREATE TABLE calendar_feeds (
    token_hash TEXT PRIMARY KEY,
    profile_id UUID NOT NULL UNIQUE REFERENCES profiles (id) ON DELETE CASCADE,
    created_at BIGINT NOT NULL
);

CREATE TABLE deployment_keys (
    name       TEXT PRIMARY KEY,
    secret     TEXT NOT NULL,
    created_at BIGINT NOT NULL
);
