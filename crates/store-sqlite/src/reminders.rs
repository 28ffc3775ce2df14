//! Reminders in SQLite. One database file has one writer at a time, so a claim is a single
//! `UPDATE … RETURNING` over the due rows whose lease is free or ran out.

use crate::SqliteStore;
use crate::rows::{database, date_from_text, millis, timestamp_from_millis, uuid_from_text};
use async_trait::async_trait;
use hangmat_core::reminders::{QuietHours, ReminderPlan};
use hangmat_store::{
    ClaimedReminder, ProfileId, PushSubscription, ReminderDump, ReminderRepo, ReminderSettings,
    SettledReminder, StoreResult, moment_from_columns, time_from_text, time_text,
};
use jiff::Timestamp;
use sqlx::{Row, SqliteConnection};

#[async_trait]
impl ReminderRepo for SqliteStore {
    async fn reminder_settings(&self, profile: ProfileId) -> StoreResult<Option<ReminderSettings>> {
        let mut connection = self.pool.acquire().await.map_err(database)?;
        read_settings(&mut connection, profile).await
    }

    async fn save_reminder_settings(
        &self,
        profile: ProfileId,
        settings: &ReminderSettings,
        due: &[(String, Timestamp)],
    ) -> StoreResult<()> {
        let mut transaction = self.pool.begin().await.map_err(database)?;
        write_settings(&mut transaction, profile, settings).await?;
        write_queue(&mut transaction, profile, due).await?;
        transaction.commit().await.map_err(database)
    }

    async fn reminder_queue(&self, profile: ProfileId) -> StoreResult<Vec<(String, Timestamp)>> {
        let rows = sqlx::query(
            "SELECT reminder_key, due_at FROM reminder_queue WHERE profile_id = ? ORDER BY due_at, reminder_key",
        )
        .bind(profile.to_string())
        .fetch_all(&self.pool)
        .await
        .map_err(database)?;
        rows.iter()
            .map(|row| {
                Ok((
                    row.try_get(0).map_err(database)?,
                    timestamp_from_millis(row.try_get(1).map_err(database)?)?,
                ))
            })
            .collect()
    }

    async fn replace_reminder_queue(
        &self,
        profile: ProfileId,
        due: &[(String, Timestamp)],
    ) -> StoreResult<()> {
        let mut transaction = self.pool.begin().await.map_err(database)?;
        write_queue(&mut transaction, profile, due).await?;
        transaction.commit().await.map_err(database)
    }

    async fn set_reminder_due(
        &self,
        profile: ProfileId,
        key: &str,
        due_at: Timestamp,
    ) -> StoreResult<()> {
        sqlx::query(
            "INSERT INTO reminder_queue (profile_id, reminder_key, due_at) VALUES (?, ?, ?)
             ON CONFLICT (profile_id, reminder_key) DO UPDATE
             SET due_at = excluded.due_at, claimed_by = NULL, lease_until = NULL",
        )
        .bind(profile.to_string())
        .bind(key)
        .bind(millis(due_at))
        .execute(&self.pool)
        .await
        .map_err(database)?;
        Ok(())
    }

    async fn claim_due_reminders(
        &self,
        worker: &str,
        now: Timestamp,
        lease_until: Timestamp,
        limit: u32,
    ) -> StoreResult<Vec<ClaimedReminder>> {
        let rows = sqlx::query(
            "UPDATE reminder_queue SET claimed_by = ?1, lease_until = ?2
             WHERE rowid IN (
                 SELECT rowid FROM reminder_queue
                 WHERE due_at <= ?3 AND (lease_until IS NULL OR lease_until < ?3)
                 ORDER BY due_at LIMIT ?4)
             RETURNING profile_id, reminder_key, due_at",
        )
        .bind(worker)
        .bind(millis(lease_until))
        .bind(millis(now))
        .bind(i64::from(limit))
        .fetch_all(&self.pool)
        .await
        .map_err(database)?;
        let mut claimed = rows
            .iter()
            .map(|row| {
                Ok(ClaimedReminder {
                    profile: ProfileId(uuid_from_text(
                        &row.try_get::<String, _>(0).map_err(database)?,
                    )?),
                    key: row.try_get(1).map_err(database)?,
                    due_at: timestamp_from_millis(row.try_get(2).map_err(database)?)?,
                })
            })
            .collect::<StoreResult<Vec<_>>>()?;
        claimed.sort_by_key(|reminder| reminder.due_at);
        Ok(claimed)
    }

    async fn finish_reminder(
        &self,
        worker: &str,
        reminder: &ClaimedReminder,
        next: Option<Timestamp>,
    ) -> StoreResult<()> {
        let mut connection = self.pool.acquire().await.map_err(database)?;
        finish_on(&mut connection, worker, reminder, next).await
    }

    async fn settle_reminders(
        &self,
        worker: &str,
        settled: &[SettledReminder],
        sent_at: Timestamp,
    ) -> StoreResult<Vec<bool>> {
        let mut transaction = self.pool.begin().await.map_err(database)?;
        let mut marked = Vec::with_capacity(settled.len());
        for item in settled {
            let reminder = &item.reminder;
            marked.push(if item.send {
                insert_send(
                    &mut transaction,
                    reminder.profile,
                    &reminder.key,
                    reminder.due_at,
                    sent_at,
                )
                .await?
            } else {
                false
            });
            finish_on(&mut transaction, worker, reminder, item.next).await?;
        }
        transaction.commit().await.map_err(database)?;
        Ok(marked)
    }

    async fn mark_reminder_sent(
        &self,
        reminder: &ClaimedReminder,
        sent_at: Timestamp,
    ) -> StoreResult<bool> {
        let mut connection = self.pool.acquire().await.map_err(database)?;
        insert_send(
            &mut connection,
            reminder.profile,
            &reminder.key,
            reminder.due_at,
            sent_at,
        )
        .await
    }

    async fn next_reminder_due(&self) -> StoreResult<Option<Timestamp>> {
        let due: Option<i64> = sqlx::query_scalar("SELECT MIN(due_at) FROM reminder_queue")
            .fetch_one(&self.pool)
            .await
            .map_err(database)?;
        due.map(timestamp_from_millis).transpose()
    }

    async fn save_push_subscription(
        &self,
        profile: ProfileId,
        subscription: &PushSubscription,
        at: Timestamp,
    ) -> StoreResult<()> {
        let mut connection = self.pool.acquire().await.map_err(database)?;
        insert_subscription(&mut connection, profile, subscription, at).await
    }

    async fn push_subscriptions(&self, profile: ProfileId) -> StoreResult<Vec<PushSubscription>> {
        let mut connection = self.pool.acquire().await.map_err(database)?;
        Ok(read_subscriptions(&mut connection, profile)
            .await?
            .into_iter()
            .map(|(subscription, _)| subscription)
            .collect())
    }

    async fn remove_push_subscription(
        &self,
        profile: Option<ProfileId>,
        endpoint: &str,
    ) -> StoreResult<bool> {
        let result = sqlx::query(
            "DELETE FROM push_subscriptions WHERE endpoint = ?1 AND (?2 IS NULL OR profile_id = ?2)",
        )
        .bind(endpoint)
        .bind(profile.map(|id| id.to_string()))
        .execute(&self.pool)
        .await
        .map_err(database)?;
        Ok(result.rows_affected() > 0)
    }

    async fn replace_calendar_token(
        &self,
        profile: ProfileId,
        token_hash: &str,
        at: Timestamp,
    ) -> StoreResult<()> {
        let mut connection = self.pool.acquire().await.map_err(database)?;
        insert_calendar_feed(&mut connection, profile, token_hash, at).await
    }

    async fn calendar_feed_profile(&self, token_hash: &str) -> StoreResult<Option<ProfileId>> {
        let id: Option<String> =
            sqlx::query_scalar("SELECT profile_id FROM calendar_feeds WHERE token_hash = ?")
                .bind(token_hash)
                .fetch_optional(&self.pool)
                .await
                .map_err(database)?;
        id.map(|id| uuid_from_text(&id).map(ProfileId)).transpose()
    }

    async fn has_calendar_feed(&self, profile: ProfileId) -> StoreResult<bool> {
        let count: i64 =
            sqlx::query_scalar("SELECT COUNT(*) FROM calendar_feeds WHERE profile_id = ?")
                .bind(profile.to_string())
                .fetch_one(&self.pool)
                .await
                .map_err(database)?;
        Ok(count > 0)
    }

    async fn vapid_private_key(&self) -> StoreResult<Option<String>> {
        sqlx::query_scalar("SELECT secret FROM deployment_keys WHERE name = 'vapid'")
            .fetch_optional(&self.pool)
            .await
            .map_err(database)
    }

    async fn vapid_private_key_or_insert(
        &self,
        candidate: &str,
        at: Timestamp,
    ) -> StoreResult<String> {
        sqlx::query(
            "INSERT INTO deployment_keys (name, secret, created_at) VALUES ('vapid', ?, ?)
             ON CONFLICT (name) DO NOTHING",
        )
        .bind(candidate)
        .bind(millis(at))
        .execute(&self.pool)
        .await
        .map_err(database)?;
        sqlx::query_scalar("SELECT secret FROM deployment_keys WHERE name = 'vapid'")
            .fetch_one(&self.pool)
            .await
            .map_err(database)
    }
}

async fn read_settings(
    connection: &mut SqliteConnection,
    profile: ProfileId,
) -> StoreResult<Option<ReminderSettings>> {
    let key = profile.to_string();
    let Some(row) = sqlx::query(
        "SELECT quiet_start, quiet_end, prescription_date FROM reminder_settings WHERE profile_id = ?",
    )
    .bind(&key)
    .fetch_optional(&mut *connection)
    .await
    .map_err(database)?
    else {
        return Ok(None);
    };
    let moments = sqlx::query(
        "SELECT habit, own_words, local_time FROM reminder_moments WHERE profile_id = ? ORDER BY position",
    )
    .bind(&key)
    .fetch_all(&mut *connection)
    .await
    .map_err(database)?
    .iter()
    .map(|row| {
        moment_from_columns(
            &row.try_get::<String, _>(0).map_err(database)?,
            row.try_get(1).map_err(database)?,
            &row.try_get::<String, _>(2).map_err(database)?,
        )
    })
    .collect::<StoreResult<Vec<_>>>()?;
    let prescription: Option<String> = row.try_get(2).map_err(database)?;
    Ok(Some(ReminderSettings {
        plan: ReminderPlan {
            moments,
            quiet: QuietHours {
                start: time_from_text(&row.try_get::<String, _>(0).map_err(database)?)?,
                end: time_from_text(&row.try_get::<String, _>(1).map_err(database)?)?,
            },
        },
        prescription_date: prescription.as_deref().map(date_from_text).transpose()?,
    }))
}

async fn write_settings(
    connection: &mut SqliteConnection,
    profile: ProfileId,
    settings: &ReminderSettings,
) -> StoreResult<()> {
    let key = profile.to_string();
    sqlx::query(
        "INSERT INTO reminder_settings (profile_id, quiet_start, quiet_end, prescription_date)
         VALUES (?, ?, ?, ?)
         ON CONFLICT (profile_id) DO UPDATE SET quiet_start = excluded.quiet_start,
             quiet_end = excluded.quiet_end, prescription_date = excluded.prescription_date",
    )
    .bind(&key)
    .bind(time_text(settings.plan.quiet.start))
    .bind(time_text(settings.plan.quiet.end))
    .bind(settings.prescription_date.map(|date| date.to_string()))
    .execute(&mut *connection)
    .await
    .map_err(database)?;
    sqlx::query("DELETE FROM reminder_moments WHERE profile_id = ?")
        .bind(&key)
        .execute(&mut *connection)
        .await
        .map_err(database)?;
    for (position, moment) in settings.plan.moments.iter().enumerate() {
        sqlx::query(
            "INSERT INTO reminder_moments (profile_id, position, habit, own_words, local_time)
             VALUES (?, ?, ?, ?, ?)",
        )
        .bind(&key)
        .bind(i64::try_from(position).unwrap_or(i64::MAX))
        .bind(moment.habit.as_str())
        .bind(&moment.own_words)
        .bind(time_text(moment.time))
        .execute(&mut *connection)
        .await
        .map_err(database)?;
    }
    Ok(())
}

async fn write_queue(
    connection: &mut SqliteConnection,
    profile: ProfileId,
    due: &[(String, Timestamp)],
) -> StoreResult<()> {
    sqlx::query("DELETE FROM reminder_queue WHERE profile_id = ?")
        .bind(profile.to_string())
        .execute(&mut *connection)
        .await
        .map_err(database)?;
    for (key, due_at) in due {
        sqlx::query(
            "INSERT INTO reminder_queue (profile_id, reminder_key, due_at) VALUES (?, ?, ?)",
        )
        .bind(profile.to_string())
        .bind(key)
        .bind(millis(*due_at))
        .execute(&mut *connection)
        .await
        .map_err(database)?;
    }
    Ok(())
}

/// Moves a claimed reminder to its next due time (or removes it), if `worker` still holds it.
async fn finish_on(
    connection: &mut SqliteConnection,
    worker: &str,
    reminder: &ClaimedReminder,
    next: Option<Timestamp>,
) -> StoreResult<()> {
    let query = match next {
        Some(next) => sqlx::query(
            "UPDATE reminder_queue SET due_at = ?4, claimed_by = NULL, lease_until = NULL
             WHERE profile_id = ?1 AND reminder_key = ?2 AND claimed_by = ?3",
        )
        .bind(reminder.profile.to_string())
        .bind(&reminder.key)
        .bind(worker)
        .bind(millis(next)),
        None => sqlx::query(
            "DELETE FROM reminder_queue
             WHERE profile_id = ?1 AND reminder_key = ?2 AND claimed_by = ?3",
        )
        .bind(reminder.profile.to_string())
        .bind(&reminder.key)
        .bind(worker),
    };
    query.execute(connection).await.map_err(database)?;
    Ok(())
}

async fn insert_send(
    connection: &mut SqliteConnection,
    profile: ProfileId,
    key: &str,
    due_at: Timestamp,
    sent_at: Timestamp,
) -> StoreResult<bool> {
    let result = sqlx::query(
        "INSERT INTO reminder_sends (profile_id, reminder_key, due_at, sent_at) VALUES (?, ?, ?, ?)
         ON CONFLICT DO NOTHING",
    )
    .bind(profile.to_string())
    .bind(key)
    .bind(millis(due_at))
    .bind(millis(sent_at))
    .execute(connection)
    .await
    .map_err(database)?;
    Ok(result.rows_affected() > 0)
}

async fn insert_subscription(
    connection: &mut SqliteConnection,
    profile: ProfileId,
    subscription: &PushSubscription,
    at: Timestamp,
) -> StoreResult<()> {
    sqlx::query(
        "INSERT INTO push_subscriptions (endpoint, profile_id, p256dh, auth, created_at)
         VALUES (?, ?, ?, ?, ?)
         ON CONFLICT (endpoint) DO UPDATE SET profile_id = excluded.profile_id,
             p256dh = excluded.p256dh, auth = excluded.auth, created_at = excluded.created_at",
    )
    .bind(&subscription.endpoint)
    .bind(profile.to_string())
    .bind(&subscription.p256dh)
    .bind(&subscription.auth)
    .bind(millis(at))
    .execute(connection)
    .await
    .map_err(database)?;
    Ok(())
}

async fn read_subscriptions(
    connection: &mut SqliteConnection,
    profile: ProfileId,
) -> StoreResult<Vec<(PushSubscription, Timestamp)>> {
    let rows = sqlx::query(
        "SELECT endpoint, p256dh, auth, created_at FROM push_subscriptions
         WHERE profile_id = ? ORDER BY created_at, endpoint",
    )
    .bind(profile.to_string())
    .fetch_all(connection)
    .await
    .map_err(database)?;
    rows.iter()
        .map(|row| {
            Ok((
                PushSubscription {
                    endpoint: row.try_get(0).map_err(database)?,
                    p256dh: row.try_get(1).map_err(database)?,
                    auth: row.try_get(2).map_err(database)?,
                },
                timestamp_from_millis(row.try_get(3).map_err(database)?)?,
            ))
        })
        .collect()
}

async fn insert_calendar_feed(
    connection: &mut SqliteConnection,
    profile: ProfileId,
    token_hash: &str,
    at: Timestamp,
) -> StoreResult<()> {
    sqlx::query(
        "INSERT INTO calendar_feeds (token_hash, profile_id, created_at) VALUES (?, ?, ?)
         ON CONFLICT (profile_id) DO UPDATE SET token_hash = excluded.token_hash,
             created_at = excluded.created_at",
    )
    .bind(token_hash)
    .bind(profile.to_string())
    .bind(millis(at))
    .execute(connection)
    .await
    .map_err(database)?;
    Ok(())
}

/// Everything about reminders under one profile, for `migrate-data`.
pub(crate) async fn export_reminders(
    connection: &mut SqliteConnection,
    profile: ProfileId,
) -> StoreResult<ReminderDump> {
    let key = profile.to_string();
    let settings = read_settings(connection, profile).await?;
    let subscriptions = read_subscriptions(connection, profile).await?;
    let queue = sqlx::query(
        "SELECT reminder_key, due_at FROM reminder_queue WHERE profile_id = ? ORDER BY reminder_key",
    )
    .bind(&key)
    .fetch_all(&mut *connection)
    .await
    .map_err(database)?
    .iter()
    .map(|row| {
        Ok((
            row.try_get(0).map_err(database)?,
            timestamp_from_millis(row.try_get(1).map_err(database)?)?,
        ))
    })
    .collect::<StoreResult<Vec<_>>>()?;
    let sends = sqlx::query(
        "SELECT reminder_key, due_at, sent_at FROM reminder_sends WHERE profile_id = ?
         ORDER BY due_at, reminder_key",
    )
    .bind(&key)
    .fetch_all(&mut *connection)
    .await
    .map_err(database)?
    .iter()
    .map(|row| {
        Ok((
            row.try_get(0).map_err(database)?,
            timestamp_from_millis(row.try_get(1).map_err(database)?)?,
            timestamp_from_millis(row.try_get(2).map_err(database)?)?,
        ))
    })
    .collect::<StoreResult<Vec<_>>>()?;
    let calendar_feed =
        sqlx::query("SELECT token_hash, created_at FROM calendar_feeds WHERE profile_id = ?")
            .bind(&key)
            .fetch_optional(&mut *connection)
            .await
            .map_err(database)?
            .map(|row| {
                Ok::<_, hangmat_store::StoreError>((
                    row.try_get(0).map_err(database)?,
                    timestamp_from_millis(row.try_get(1).map_err(database)?)?,
                ))
            })
            .transpose()?;
    Ok(ReminderDump {
        settings,
        subscriptions,
        queue,
        sends,
        calendar_feed,
    })
}

/// Writes what [`export_reminders`] read, inside the import's transaction.
pub(crate) async fn import_reminders(
    connection: &mut SqliteConnection,
    profile: ProfileId,
    dump: &ReminderDump,
) -> StoreResult<()> {
    if let Some(settings) = &dump.settings {
        write_settings(connection, profile, settings).await?;
    }
    for (subscription, at) in &dump.subscriptions {
        insert_subscription(connection, profile, subscription, *at).await?;
    }
    write_queue(connection, profile, &dump.queue).await?;
    for (key, due_at, sent_at) in &dump.sends {
        insert_send(connection, profile, key, *due_at, *sent_at).await?;
    }
    if let Some((hash, at)) = &dump.calendar_feed {
        insert_calendar_feed(connection, profile, hash, *at).await?;
    }
    Ok(())
}
