//! Her questionnaire answers as kept: each response in FHIR's `QuestionnaireResponse` shape (JSON,
//! so an instrument's own items need no table of their own) beside its score, which core computed
//! when she answered (kept so the portal's list reads her latest score in one indexed read), and
//! the occasions she put off with "not now".

use crate::{ProfileId, StoreResult, Written};
use async_trait::async_trait;
use jiff::Timestamp;
use jiff::civil::Date;
use uuid::Uuid;

/// One questionnaire she answered.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredResponse {
    /// The id her page made (a form sent twice is kept once).
    pub id: Uuid,
    /// The questionnaire's id (`sandvik`, or a deployment's own).
    pub questionnaire: String,
    /// The programme's occasion it answers (a day after the birth), if it answers one.
    pub occasion: Option<u32>,
    pub authored_at: Timestamp,
    /// The day it counts toward in her time zone.
    pub local_date: Date,
    /// The instrument's score, where it has a scoring rule.
    pub score: Option<i64>,
    /// The `QuestionnaireResponse` JSON.
    pub response: String,
}

/// An occasion she put off ("not now"): it is not offered again; the next one is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SkippedOccasion {
    pub questionnaire: String,
    pub occasion: u32,
    pub at: Timestamp,
}

/// Her questionnaires: responses and put-off occasions.
#[async_trait]
pub trait QuestionnaireRepo: Send + Sync {
    /// Stores a response under its page-made id; the same id again changes nothing
    /// (`AlreadyThere`); an id of someone else's is refused.
    async fn save_questionnaire_response(
        &self,
        profile: ProfileId,
        response: &StoredResponse,
        received_at: Timestamp,
    ) -> StoreResult<Written>;
    /// Her responses to one questionnaire, oldest first.
    async fn questionnaire_responses(
        &self,
        profile: ProfileId,
        questionnaire: &str,
    ) -> StoreResult<Vec<StoredResponse>>;
    /// Puts off one occasion (a second tap changes nothing).
    async fn skip_questionnaire_occasion(
        &self,
        profile: ProfileId,
        skipped: &SkippedOccasion,
    ) -> StoreResult<()>;
    /// The occasions of one questionnaire she answered or put off.
    async fn closed_questionnaire_occasions(
        &self,
        profile: ProfileId,
        questionnaire: &str,
    ) -> StoreResult<Vec<u32>>;
}

/// Her questionnaires in a transfer.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct QuestionnaireDump {
    /// Each response with the time the server received it.
    pub responses: Vec<(StoredResponse, Timestamp)>,
    pub skipped: Vec<SkippedOccasion>,
}
