-- A day's tally counts the sessions she completed apart from those she began and stopped (core
-- decides "completed"): with that column in the index too, the tally is still read from the index
-- alone.
DROP INDEX session_outcomes_profile_day;
CREATE INDEX session_outcomes_profile_day
    ON session_outcomes (profile_id, local_date, completed, contractions, rating);
