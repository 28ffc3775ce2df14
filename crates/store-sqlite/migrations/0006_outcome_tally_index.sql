-- Her day's tally (Today, the answer to every session outcome, the portal's list) counts her
-- sessions, adds up their contractions and counts her ratings: with those columns in the index
-- they are read from the index alone, without a lookup of each outcome's row in the table.
DROP INDEX session_outcomes_profile_day;
CREATE INDEX session_outcomes_profile_day
    ON session_outcomes (profile_id, local_date, contractions, rating);
