-- Reminders: her moments and quiet hours, her browsers' push subscriptions, the queue of due
-- reminders that schedulers claim with a lease, sent marks (so a restart never sends twice), her
-- calendar feed's token (hashed) and the deployment's VAPID key. Times are Unix milliseconds;
-- local times of day are 'HH:MM' text in her time zone.

CREATE TABLE reminder_settings (
    profile_id        TEXT PRIMARY KEY NOT NULL REFERENCES profiles (id) ON DELETE CASCADE,
    quiet_start       TEXT NOT NULL,
    quiet_end         TEXT NOT NULL,
    prescription_date TEXT
) STRICT;

CREATE TABLE reminder_moments (
    profile_id TEXT NOT NULL REFERENCES profiles (id) ON DELETE CASCADE,
    position   INTEGER NOT NULL,
    habit      TEXT NOT NULL,
    own_words  TEXT NOT NULL,
    local_time TEXT NOT NULL,
    PRIMARY KEY (profile_id, position)
) STRICT;

CREATE TABLE push_subscriptions (
    endpoint   TEXT PRIMARY KEY NOT NULL,
    profile_id TEXT NOT NULL REFERENCES profiles (id) ON DELETE CASCADE,
    p256dh     TEXT NOT NULL,
    auth       TEXT NOT NULL,
    created_at INTEGER NOT NULL
) STRICT;
CREATE INDEX push_subscriptions_profile ON push_subscriptions (profile_id);

CREATE TABLE reminder_queue (
    profile_id   TEXT NOT NULL REFERENCES profiles (id) ON DELETE CASCADE,
    reminder_key TEXT NOT NULL,
    due_at       INTEGER NOT NULL,
    claimed_by   TEXT,
    lease_until  INTEGER,
    PRIMARY KEY (profile_id, reminder_key)
) STRICT;
CREATE INDEX reminder_queue_due ON reminder_queue (due_at);

CREATE TABLE reminder_sends (
    profile_id   TEXT NOT NULL REFERENCES profiles (id) ON DELETE CASCADE,
    reminder_key TEXT NOT NULL,
    due_at       INTEGER NOT NULL,
    sent_at      INTEGER NOT NULL,
    PRIMARY KEY (profile_id, reminder_key, due_at)
) STRICT;

CREATE TABLE calendar_feeds (
    token_hash TEXT PRIMARY KEY NOT NULL,
    profile_id TEXT NOT NULL UNIQUE REFERENCES profiles (id) ON DELETE CASCADE,
    created_at INTEGER NOT NULL
) STRICT;

CREATE TABLE deployment_keys (
    name       TEXT PRIMARY KEY NOT NULL,
    secret     TEXT NOT NULL,
    created_at INTEGER NOT NULL
) STRICT;
