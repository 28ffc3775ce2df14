-- The mother's daily loop: pseudonymous profiles, signed-in devices, her hold, what she did.
-- Times are Unix milliseconds (UTC); local dates are ISO 'YYYY-MM-DD' text in her time zone.

CREATE TABLE profiles (
    id            TEXT PRIMARY KEY NOT NULL,
    created_at    INTEGER NOT NULL,
    language      TEXT NOT NULL,
    birth_date    TEXT NOT NULL,
    time_zone     TEXT NOT NULL,
    recovery_hash TEXT NOT NULL UNIQUE
) STRICT;

CREATE TABLE device_sessions (
    token_hash   TEXT PRIMARY KEY NOT NULL,
    profile_id   TEXT NOT NULL REFERENCES profiles (id) ON DELETE CASCADE,
    created_at   INTEGER NOT NULL
) STRICT;
CREATE INDEX device_sessions_profile ON device_sessions (profile_id);

CREATE TABLE hold_changes (
    seq         INTEGER PRIMARY KEY AUTOINCREMENT,
    profile_id  TEXT NOT NULL REFERENCES profiles (id) ON DELETE CASCADE,
    hold_counts INTEGER NOT NULL,
    set_by      TEXT NOT NULL,
    set_at      INTEGER NOT NULL
) STRICT;
CREATE INDEX hold_changes_profile ON hold_changes (profile_id, seq);

CREATE TABLE session_outcomes (
    id               TEXT PRIMARY KEY NOT NULL,
    profile_id       TEXT NOT NULL REFERENCES profiles (id) ON DELETE CASCADE,
    started_at       INTEGER NOT NULL,
    ended_at         INTEGER NOT NULL,
    local_date       TEXT NOT NULL,
    position         TEXT NOT NULL,
    hold_counts      INTEGER NOT NULL,
    completed        INTEGER NOT NULL,
    contractions     INTEGER NOT NULL,
    rating           TEXT,
    held_every_count INTEGER,
    received_at      INTEGER NOT NULL
) STRICT;
CREATE INDEX session_outcomes_profile_day ON session_outcomes (profile_id, local_date);

CREATE TABLE outcome_parts (
    outcome_id TEXT NOT NULL REFERENCES session_outcomes (id) ON DELETE CASCADE,
    exercise   TEXT NOT NULL,
    reps_done  INTEGER NOT NULL,
    PRIMARY KEY (outcome_id, exercise)
) STRICT;

CREATE TABLE coordination_taps (
    id         TEXT PRIMARY KEY NOT NULL,
    profile_id TEXT NOT NULL REFERENCES profiles (id) ON DELETE CASCADE,
    at         INTEGER NOT NULL,
    local_date TEXT NOT NULL
) STRICT;
CREATE INDEX coordination_taps_profile_day ON coordination_taps (profile_id, local_date);
