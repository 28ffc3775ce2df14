//! Reminders in PostgreSQL: the shared SQL (`hangmat_store::sql::reminders`), and the claim.
//! Several servers share one database, so a claim locks the due rows it takes with
//! `FOR UPDATE SKIP LOCKED`: two schedulers claiming at once take different reminders, and a lease
//! lets another server take over a reminder whose holder died.

use crate::PgStore;
use crate::backend::Db;
use crate::database;
use async_trait::async_trait;
use hangmat_store::sql::{SqlStore, reminders, sql};
use hangmat_store::{
    ClaimedReminder, ProfileId, PushSubscription, ReminderRepo, ReminderSettings, ReminderSubject,
    SettledReminder, StoreResult,
};
use jiff::Timestamp;
use std::collections::HashSet;
use uuid::Uuid;

#[async_trait]
impl ReminderRepo for PgStore {
    async fn reminder_settings(&self, profile: ProfileId) -> StoreResult<Option<ReminderSettings>> {
        reminders::settings::<Db>(&mut *self.connection().await?, profile).await
    }

    async fn reminder_subjects(&self, profiles: &[ProfileId]) -> StoreResult<Vec<ReminderSubject>> {
        reminders::subjects::<Db>(&mut *self.connection().await?, profiles).await
    }

    async fn save_reminder_settings(
        &self,
        profile: ProfileId,
        settings: &ReminderSettings,
        due: &[(String, Timestamp)],
    ) -> StoreResult<()> {
        let mut transaction = self.pool.begin().await.map_err(database)?;
        reminders::write_settings_in::<Db>(&mut transaction, profile, settings).await?;
        reminders::write_queue_in::<Db>(&mut transaction, profile, due).await?;
        transaction.commit().await.map_err(database)
    }

    async fn reminder_queue(&self, profile: ProfileId) -> StoreResult<Vec<(String, Timestamp)>> {
        reminders::queue::<Db>(&mut *self.connection().await?, profile).await
    }

    async fn replace_reminder_queue(
        &self,
        profile: ProfileId,
        due: &[(String, Timestamp)],
    ) -> StoreResult<()> {
        let mut transaction = self.pool.begin().await.map_err(database)?;
        reminders::write_queue_in::<Db>(&mut transaction, profile, due).await?;
        transaction.commit().await.map_err(database)
    }

    async fn set_reminder_due(
        &self,
        profile: ProfileId,
        key: &str,
        due_at: Timestamp,
    ) -> StoreResult<()> {
        reminders::set_due::<Db>(&mut *self.connection().await?, profile, key, due_at).await
    }

    async fn claim_due_reminders(
        &self,
        worker: &str,
        now: Timestamp,
        lease_until: Timestamp,
        limit: u32,
    ) -> StoreResult<Vec<ClaimedReminder>> {
        let rows = sql::<Db>(
            "UPDATE reminder_queue q SET claimed_by = $1, lease_until = $2
             FROM (
                 SELECT profile_id, reminder_key FROM reminder_queue
                 WHERE due_at <= $3 AND (lease_until IS NULL OR lease_until < $3)
                 ORDER BY due_at LIMIT $4
                 FOR UPDATE SKIP LOCKED) due
             WHERE q.profile_id = due.profile_id AND q.reminder_key = due.reminder_key
             RETURNING q.profile_id, q.reminder_key, q.due_at",
        )
        .bind(worker)
        .bind_at(lease_until)
        .bind_at(now)
        .bind(i64::from(limit))
        .fetch_all(&mut *self.connection().await?)
        .await?;
        reminders::claimed_from_rows(&rows)
    }

    async fn finish_reminder(
        &self,
        worker: &str,
        reminder: &ClaimedReminder,
        next: Option<Timestamp>,
    ) -> StoreResult<()> {
        reminders::finish::<Db>(&mut *self.connection().await?, worker, reminder, next).await
    }

    async fn settle_reminders(
        &self,
        worker: &str,
        settled: &[SettledReminder],
        sent_at: Timestamp,
    ) -> StoreResult<Vec<bool>> {
        let mut transaction = self.pool.begin().await.map_err(database)?;
        let marked = settle_in(&mut transaction, worker, settled, sent_at).await?;
        transaction.commit().await.map_err(database)?;
        Ok(marked)
    }

    async fn mark_reminder_sent(
        &self,
        reminder: &ClaimedReminder,
        sent_at: Timestamp,
    ) -> StoreResult<bool> {
        reminders::mark_sent::<Db>(
            &mut *self.connection().await?,
            reminder.profile,
            &reminder.key,
            reminder.due_at,
            sent_at,
        )
        .await
    }

    async fn next_reminder_due(&self) -> StoreResult<Option<Timestamp>> {
        reminders::next_due::<Db>(&mut *self.connection().await?).await
    }

    async fn save_push_subscription(
        &self,
        profile: ProfileId,
        subscription: &PushSubscription,
        at: Timestamp,
    ) -> StoreResult<()> {
        let mut connection = self.connection().await?;
        reminders::save_subscription::<Db>(&mut connection, profile, subscription, at).await
    }

    async fn push_subscriptions(&self, profile: ProfileId) -> StoreResult<Vec<PushSubscription>> {
        let kept = reminders::subscriptions::<Db>(&mut *self.connection().await?, profile).await?;
        Ok(kept
            .into_iter()
            .map(|(subscription, _)| subscription)
            .collect())
    }

    async fn remove_push_subscription(
        &self,
        profile: Option<ProfileId>,
        endpoint: &str,
    ) -> StoreResult<bool> {
        reminders::remove_subscription::<Db>(&mut *self.connection().await?, profile, endpoint)
            .await
    }

    async fn replace_calendar_token(
        &self,
        profile: ProfileId,
        token_hash: &str,
        at: Timestamp,
    ) -> StoreResult<()> {
        let mut connection = self.connection().await?;
        reminders::replace_calendar_token::<Db>(&mut connection, profile, token_hash, at).await
    }

    async fn calendar_feed_profile(&self, token_hash: &str) -> StoreResult<Option<ProfileId>> {
        reminders::calendar_feed_profile::<Db>(&mut *self.connection().await?, token_hash).await
    }

    async fn has_calendar_feed(&self, profile: ProfileId) -> StoreResult<bool> {
        reminders::has_calendar_feed::<Db>(&mut *self.connection().await?, profile).await
    }

    async fn vapid_private_key(&self) -> StoreResult<Option<String>> {
        reminders::vapid_private_key::<Db>(&mut *self.connection().await?).await
    }

    async fn vapid_private_key_or_insert(
        &self,
        candidate: &str,
        at: Timestamp,
    ) -> StoreResult<String> {
        let mut connection = self.connection().await?;
        reminders::vapid_private_key_or_insert::<Db>(&mut connection, candidate, at).await
    }
}

/// A batch settled in three statements whatever its size, each over column arrays: the sent
/// marks (answered by what was newly inserted), the next due times, the removals. One statement
/// a reminder, as SQLite runs them (`reminders::settle_in`), cost 1,000 round trips a batch of
/// 500 here, one after another inside the transaction, while the next claim waited.
async fn settle_in(
    transaction: &mut sqlx::PgConnection,
    worker: &str,
    settled: &[SettledReminder],
    sent_at: Timestamp,
) -> StoreResult<Vec<bool>> {
    let sends: Vec<&ClaimedReminder> = settled
        .iter()
        .filter(|item| item.send)
        .map(|item| &item.reminder)
        .collect();
    let (profiles, keys) = ids_and_keys(&sends);
    let due_times: Vec<i64> = sends.iter().map(|r| r.due_at.as_millisecond()).collect();
    let inserted: HashSet<(Uuid, String)> = sql::<Db>(
        "INSERT INTO reminder_sends (profile_id, reminder_key, due_at, sent_at)
         SELECT profile_id, reminder_key, due_at, $4
         FROM unnest($1::uuid[], $2::text[], $3::bigint[]) AS s (profile_id, reminder_key, due_at)
         ON CONFLICT DO NOTHING
         RETURNING profile_id, reminder_key",
    )
    .bind(profiles)
    .bind(keys)
    .bind(due_times)
    .bind_at(sent_at)
    .fetch_all(&mut *transaction)
    .await?
    .iter()
    .map(|row| Ok((row.get::<Uuid>(0)?, row.get::<String>(1)?)))
    .collect::<StoreResult<_>>()?;
    let (moved, nexts): (Vec<&ClaimedReminder>, Vec<i64>) = settled
        .iter()
        .filter_map(|item| Some((&item.reminder, item.next?.as_millisecond())))
        .unzip();
    let (profiles, keys) = ids_and_keys(&moved);
    sql::<Db>(
        "UPDATE reminder_queue q SET claimed_by = NULL, lease_until = NULL, due_at = n.next
         FROM unnest($1::uuid[], $2::text[], $3::bigint[]) AS n (profile_id, reminder_key, next)
         WHERE q.profile_id = n.profile_id AND q.reminder_key = n.reminder_key
           AND q.claimed_by = $4",
    )
    .bind(profiles)
    .bind(keys)
    .bind(nexts)
    .bind(worker)
    .execute(&mut *transaction)
    .await?;
    let removed: Vec<&ClaimedReminder> = settled
        .iter()
        .filter(|item| item.next.is_none())
        .map(|item| &item.reminder)
        .collect();
    let (profiles, keys) = ids_and_keys(&removed);
    sql::<Db>(
        "DELETE FROM reminder_queue q
         USING unnest($1::uuid[], $2::text[]) AS n (profile_id, reminder_key)
         WHERE q.profile_id = n.profile_id AND q.reminder_key = n.reminder_key
           AND q.claimed_by = $3",
    )
    .bind(profiles)
    .bind(keys)
    .bind(worker)
    .execute(&mut *transaction)
    .await?;
    Ok(settled
        .iter()
        .map(|item| {
            item.send && inserted.contains(&(item.reminder.profile.0, item.reminder.key.clone()))
        })
        .collect())
}

/// The profile and key columns of some claimed reminders.
fn ids_and_keys(reminders: &[&ClaimedReminder]) -> (Vec<Uuid>, Vec<String>) {
    reminders
        .iter()
        .map(|reminder| (reminder.profile.0, reminder.key.clone()))
        .unzip()
}
