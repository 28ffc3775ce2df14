-- Her questionnaires (issue 18): each response under the id her page made, in FHIR's
-- QuestionnaireResponse shape (JSON text), beside the score core computed when she answered (the
-- portal's list reads her latest one through the index), and the occasions she put off ("not
-- now"). The programme's occasion is a day after the birth; NULL when she answered of her own
-- accord.

CREATE TABLE questionnaire_responses (
    id            UUID PRIMARY KEY,
    profile_id    UUID NOT NULL REFERENCES profiles (id) ON DELETE CASCADE,
    questionnaire TEXT NOT NULL,
    occasion      INTEGER,
    authored_at   BIGINT NOT NULL,
    local_date    DATE NOT NULL,
    score         BIGINT,
    response      TEXT NOT NULL,
    received_at   BIGINT NOT NULL
);
CREATE INDEX questionnaire_responses_latest
    ON questionnaire_responses (profile_id, questionnaire, authored_at);

CREATE TABLE questionnaire_skips (
    profile_id    UUID NOT NULL REFERENCES profiles (id) ON DELETE CASCADE,
    questionnaire TEXT NOT NULL,
    occasion      INTEGER NOT NULL,
    at            BIGINT NOT NULL,
    PRIMARY KEY (profile_id, questionnaire, occasion)
);
