-- Her leak log (issue 18): each "I leaked" under the id her page made (a retry counts once), the
-- day it counts toward in her time zone, and what she chose to add: how much, what she was doing
-- (the core's names, absent until she says).

CREATE TABLE leaks (
    id          TEXT PRIMARY KEY NOT NULL,
    profile_id  TEXT NOT NULL REFERENCES profiles (id) ON DELETE CASCADE,
    at          INTEGER NOT NULL,
    local_date  TEXT NOT NULL,
    amount      TEXT,
    activity    TEXT,
    received_at INTEGER NOT NULL
) STRICT;
CREATE INDEX leaks_profile_day ON leaks (profile_id, local_date);
