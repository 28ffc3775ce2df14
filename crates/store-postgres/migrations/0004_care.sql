-- Her care: the prescription a physiotherapist sets (only what differs from the programme file),
-- every change to it (who, by id and by the name they had then; when; field; old; new), and her
-- physiotherapy session records. Staff ids carry no foreign key on purpose: the history must stay
-- true after an account is removed. Everything hangs on her profile and goes when she is erased.

CREATE TABLE prescription_settings (
    profile_id UUID NOT NULL REFERENCES profiles (id) ON DELETE CASCADE,
    field      TEXT NOT NULL,
    value      TEXT NOT NULL,
    PRIMARY KEY (profile_id, field)
);

CREATE TABLE prescription_changes (
    seq        BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    profile_id UUID NOT NULL REFERENCES profiles (id) ON DELETE CASCADE,
    staff_id   UUID NOT NULL,
    staff_name TEXT NOT NULL,
    changed_at BIGINT NOT NULL,
    field      TEXT NOT NULL,
    old_value  TEXT NOT NULL,
    new_value  TEXT NOT NULL
);
CREATE INDEX prescription_changes_profile ON prescription_changes (profile_id, seq);

CREATE TABLE physio_sessions (
    profile_id        UUID NOT NULL REFERENCES profiles (id) ON DELETE CASCADE,
    number            INTEGER NOT NULL,
    session_date      DATE NOT NULL,
    contraction       TEXT NOT NULL,
    faults            TEXT NOT NULL,
    can_relax         BOOLEAN,
    knack_on_cough    BOOLEAN,
    oxford            SMALLINT,
    endurance_seconds SMALLINT,
    repetitions       SMALLINT,
    fast              SMALLINT,
    pain              SMALLINT,
    notes             TEXT NOT NULL,
    home_programme    TEXT NOT NULL,
    recorded_by_id    UUID NOT NULL,
    recorded_by_name  TEXT NOT NULL,
    recorded_at       BIGINT NOT NULL,
    PRIMARY KEY (profile_id, number)
);
