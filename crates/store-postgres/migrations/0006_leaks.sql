-- Her leak log (issue 18): each "I leaked" under the id her page made (a retry counts once), the
-- day it counts toward in her time zone, and what she chose to add: how much, what she was doing
-- (the core's names, absent until she says).

CREATE TABLE leaks (
    id          UUID PRIMARY KEY,
    profile_id  UUID NOT NULL REFERENCES profiles (id) ON DELETE CASCADE,
    at          BIGINT NOT NULL,
    local_date  DATE NOT NULL,
    amount      TEXT,
    activity    TEXT,
    received_at BIGINT NOT NULL
);
CREATE INDEX leaks_profile_day ON leaks (profile_id, local_date);
