//! Her questionnaires' SQL for both backends (migrations: SQLite 0010, PostgreSQL 0008), and its
//! repository, implemented once for every [`SqlStore`].
//!
//! A response is kept under the id her page made, so a form sent twice is kept once; it is never
//! changed afterwards (a new answer is a new response: the history is the point).

use super::daily_loop::{Claim, claim};
use super::{Backend, Connection, Row, SqlStore, sql};
use crate::{
    ProfileId, QuestionnaireDump, QuestionnaireRepo, SkippedOccasion, StoreError, StoreResult,
    StoredResponse, Written,
};
use async_trait::async_trait;
use jiff::Timestamp;
use uuid::Uuid;

fn occasion_from(value: Option<i32>) -> StoreResult<Option<u32>> {
    value
        .map(|value| {
            u32::try_from(value).map_err(|_| StoreError::Corrupt(format!("occasion {value}")))
        })
        .transpose()
}

fn response_from_row<B: Backend>(row: &Row<B>) -> StoreResult<StoredResponse> {
    Ok(StoredResponse {
        id: row.id("id")?,
        questionnaire: row.get("questionnaire")?,
        occasion: occasion_from(row.get("occasion")?)?,
        authored_at: row.at("authored_at")?,
        local_date: row.date("local_date")?,
        score: row.get("score")?,
        response: row.get("response")?,
    })
}

async fn insert_response<B: Backend>(
    connection: &mut Connection<B>,
    profile: ProfileId,
    response: &StoredResponse,
    received_at: Timestamp,
) -> StoreResult<bool> {
    let inserted = sql::<B>(
        "INSERT INTO questionnaire_responses
           (id, profile_id, questionnaire, occasion, authored_at, local_date, score, response,
            received_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
         ON CONFLICT (id) DO NOTHING",
    )
    .bind_id(response.id)
    .bind_id(profile.0)
    .bind(response.questionnaire.clone())
    .bind(response.occasion.map(super::small))
    .bind_at(response.authored_at)
    .bind_date(response.local_date)
    .bind(response.score)
    .bind(response.response.clone())
    .bind_at(received_at)
    .execute(connection)
    .await?;
    Ok(inserted == 1)
}

async fn insert_skip<B: Backend>(
    connection: &mut Connection<B>,
    profile: ProfileId,
    skipped: &SkippedOccasion,
) -> StoreResult<()> {
    sql::<B>(
        "INSERT INTO questionnaire_skips (profile_id, questionnaire, occasion, at)
         VALUES ($1, $2, $3, $4)
         ON CONFLICT (profile_id, questionnaire, occasion) DO NOTHING",
    )
    .bind_id(profile.0)
    .bind(skipped.questionnaire.clone())
    .bind(super::small(skipped.occasion))
    .bind_at(skipped.at)
    .execute(connection)
    .await?;
    Ok(())
}

/// Every response and put-off occasion of hers, oldest first.
pub async fn export<B: Backend>(
    connection: &mut Connection<B>,
    profile: ProfileId,
) -> StoreResult<QuestionnaireDump> {
    let responses = sql::<B>(
        "SELECT id, questionnaire, occasion, authored_at, local_date, score, response, received_at
         FROM questionnaire_responses WHERE profile_id = $1 ORDER BY authored_at, id",
    )
    .bind_id(profile.0)
    .fetch_all(connection)
    .await?
    .iter()
    .map(|row| Ok((response_from_row(row)?, row.at("received_at")?)))
    .collect::<StoreResult<Vec<_>>>()?;
    let skipped = sql::<B>(
        "SELECT questionnaire, occasion, at FROM questionnaire_skips
         WHERE profile_id = $1 ORDER BY at, questionnaire, occasion",
    )
    .bind_id(profile.0)
    .fetch_all(connection)
    .await?
    .iter()
    .map(|row| {
        Ok(SkippedOccasion {
            questionnaire: row.get("questionnaire")?,
            occasion: row.count("occasion")?,
            at: row.at("at")?,
        })
    })
    .collect::<StoreResult<Vec<_>>>()?;
    Ok(QuestionnaireDump { responses, skipped })
}

/// Writes what [`export`] read, inside the caller's transaction.
pub async fn import_in<B: Backend>(
    transaction: &mut Connection<B>,
    profile: ProfileId,
    dump: &QuestionnaireDump,
) -> StoreResult<()> {
    for (response, received_at) in &dump.responses {
        insert_response::<B>(transaction, profile, response, *received_at).await?;
    }
    for skipped in &dump.skipped {
        insert_skip::<B>(transaction, profile, skipped).await?;
    }
    Ok(())
}

#[async_trait]
impl<S: SqlStore> QuestionnaireRepo for S {
    async fn save_questionnaire_response(
        &self,
        profile: ProfileId,
        response: &StoredResponse,
        received_at: Timestamp,
    ) -> StoreResult<Written> {
        let mut transaction = self.begin().await?;
        let id: Uuid = response.id;
        let written =
            match claim::<S::Backend>(&mut transaction, "questionnaire_responses", profile, id)
                .await?
            {
                Claim::Hers => Written::AlreadyThere,
                Claim::Free => {
                    if insert_response::<S::Backend>(
                        &mut transaction,
                        profile,
                        response,
                        received_at,
                    )
                    .await?
                    {
                        Written::Created
                    } else {
                        Written::AlreadyThere
                    }
                }
            };
        transaction.commit().await.map_err(super::database)?;
        Ok(written)
    }

    async fn questionnaire_responses(
        &self,
        profile: ProfileId,
        questionnaire: &str,
    ) -> StoreResult<Vec<StoredResponse>> {
        sql::<S::Backend>(
            "SELECT id, questionnaire, occasion, authored_at, local_date, score, response
             FROM questionnaire_responses WHERE profile_id = $1 AND questionnaire = $2
             ORDER BY authored_at, id",
        )
        .bind_id(profile.0)
        .bind(questionnaire.to_owned())
        .fetch_all(&mut *self.connection().await?)
        .await?
        .iter()
        .map(response_from_row)
        .collect()
    }

    async fn skip_questionnaire_occasion(
        &self,
        profile: ProfileId,
        skipped: &SkippedOccasion,
    ) -> StoreResult<()> {
        insert_skip::<S::Backend>(&mut *self.connection().await?, profile, skipped).await
    }

    async fn closed_questionnaire_occasions(
        &self,
        profile: ProfileId,
        questionnaire: &str,
    ) -> StoreResult<Vec<u32>> {
        let rows = sql::<S::Backend>(
            "SELECT occasion FROM questionnaire_responses
             WHERE profile_id = $1 AND questionnaire = $2 AND occasion IS NOT NULL
             UNION
             SELECT occasion FROM questionnaire_skips WHERE profile_id = $1 AND questionnaire = $2
             ORDER BY occasion",
        )
        .bind_id(profile.0)
        .bind(questionnaire.to_owned())
        .fetch_all(&mut *self.connection().await?)
        .await?;
        rows.iter()
            .map(|row| occasion_from(row.get("occasion")?).map(Option::unwrap_or_default))
            .collect()
    }
}
