-- Her questionnaires (issue 18): each response under the id her page made, in FHIR's
-- QuestionnaireResponse shape (JSON text), beside the score core computed when she answered (the
-- portal's list reads her latest one through the index), and the occasions she put off ("not
-- now"). The programme's occasion is a day after the birth; NULL when she answered of her own
-- accord.

CREATE TABLE questionnaire_responses (
    id            TEXT PRIMARY KEY NOT NULL,
    profile_id    TEXT NOT NULL REFERENCES profiles (id) ON DELETE CASCADE,
    questionnaire TEXT NOT NULL,
    occasion      INTEGER,
    authored_at   INTEGER NOT NULL,
    local_date    TEXT NOT NULL,
    score         INTEGER,
    response      TEXT NOT NULL,
    received_at   INTEGER NOT NULL
) STRICT;
CREATE INDEX questionnaire_responses_latest
    ON questionnaire_responses (profile_id, questionnaire, authored_at);

CREATE TABLE questionnaire_skips (
    profile_id    TEXT NOT NULL REFERENCES profiles (id) ON DELETE CASCADE,
    questionnaire TEXT NOT NULL,
    occasion      INTEGER NOT NULL,
    at            INTEGER NOT NULL,
    PRIMARY KEY (profile_id, questionnaire, occasion)
) STRICT;
