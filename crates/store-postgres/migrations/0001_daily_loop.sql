-- The mother's daily loop: pseudonymous profiles, signed-in devices, her hold, what she did.
-- Times are Unix milliseconds (UTC), as in the SQLite backend; local dates are her calendar days.

CREATE TABLE profiles (
    id            UUID PRIMARY KEY,
    created_at    BIGINT NOT NULL,
    language      TEXT NOT NULL,
    birth_date    DATE NOT NULL,
    time_zone     TEXT NOT NULL,
    recovery_hash TEXT NOT NULL UNIQUE
);

CREATE TABLE device_sessions (
    token_hash TEXT PRIMARY KEY,
    profile_id UUID NOT NULL REFERENCES profiles (id) ON DELETE CASCADE,
    created_at BIGINT NOT NULL
);
CREATE INDEX device_sessions_profile ON device_sessions (profile_id);

CREATE TABLE hold_changes (
    seq         BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    profile_id  UUID NOT NULL REFERENCES profiles (id) ON DELETE CASCADE,
    hold_counts INTEGER NOT NULL,
    set_by      TEXT NOT NULL,
    set_at      BIGINT NOT NULL
);
CREATE INDEX hold_changes_profile ON hold_changes (profile_id, seq);

CREATE TABLE session_outcomes (
    id               UUID PRIMARY KEY,
    profile_id       UUID NOT NULL REFERENCES profiles (id) ON DELETE CASCADE,
    started_at       BIGINT NOT NULL,
    ended_at         BIGINT NOT NULL,
    local_date       DATE NOT NULL,
    position         TEXT NOT NULL,
    hold_counts      INTEGER NOT NULL,
    completed        BOOLEAN NOT NULL,
    contractions     INTEGER NOT NULL,
    rating           TEXT,
    held_every_count BOOLEAN,
    received_at      BIGINT NOT NULL
);
CREATE INDEX session_outcomes_profile_day ON session_outcomes (profile_id, local_date);

CREATE TABLE outcome_parts (
    outcome_id UUID NOT NULL REFERENCES session_outcomes (id) ON DELETE CASCADE,
    exercise   TEXT NOT NULL,
    reps_done  INTEGER NOT NULL,
    PRIMARY KEY (outcome_id, exercise)
);

CREATE TABLE coordination_taps (
    id         UUID PRIMARY KEY,
    profile_id UUID NOT NULL REFERENCES profiles (id) ON DELETE CASCADE,
    at         BIGINT NOT NULL,
    local_date DATE NOT NULL
);
CREATE INDEX coordination_taps_profile_day ON coordination_taps (profile_id, local_date);
