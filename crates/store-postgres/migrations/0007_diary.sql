-- Her bladder diaries (issue 18): each diary (asked for by her or by her physiotherapist, started
-- when she begins it, ended early if she ends it) and its entries under the ids her page made (a
-- retry counts once). A leak during a diary is a row of `leaks`, never an entry here.

CREATE TABLE diaries (
    id           UUID PRIMARY KEY,
    profile_id   UUID NOT NULL REFERENCES profiles (id) ON DELETE CASCADE,
    asked_by     TEXT NOT NULL,
    asked_at     BIGINT NOT NULL,
    planned_days INTEGER NOT NULL,
    started_at   BIGINT,
    ended_at     BIGINT
);
CREATE INDEX diaries_profile ON diaries (profile_id, asked_at);

CREATE TABLE diary_entries (
    id               UUID PRIMARY KEY,
    diary_id         UUID NOT NULL REFERENCES diaries (id) ON DELETE CASCADE,
    profile_id       UUID NOT NULL REFERENCES profiles (id) ON DELETE CASCADE,
    kind             TEXT NOT NULL,
    at               BIGINT NOT NULL,
    volume_ml        INTEGER,
    urgency          INTEGER,
    first_of_morning BOOLEAN NOT NULL,
    drink_kind       TEXT,
    received_at      BIGINT NOT NULL
);
CREATE INDEX diary_entries_diary ON diary_entries (diary_id, at);
CREATE INDEX diary_entries_profile ON diary_entries (profile_id, kind, at);
