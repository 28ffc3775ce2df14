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
        let marked = reminders::settle_in::<Db>(&mut transaction, worker, settled, sent_at).await?;
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
