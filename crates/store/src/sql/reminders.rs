//! Reminders' SQL for both backends: her moments and quiet hours, the queue of due reminders,
//! sent marks, push subscriptions, her calendar feed and the deployment's VAPID key.
//!
//! Claiming due reminders is not here: each backend claims its own way (SQLite has one writer;
//! PostgreSQL locks the rows it takes with `FOR UPDATE SKIP LOCKED`). [`claimed_from_rows`] reads
//! what either claim returns.

use super::{Backend, Connection, Row, daily_loop, ids_json, sql, sql_from_parts};
use crate::{
    ClaimedReminder, ProfileId, PushSubscription, ReminderDump, ReminderSettings, ReminderSubject,
    SettledReminder, StoreResult, moment_from_columns, time_from_text, time_text,
};
use hangmat_core::reminders::{Moment, QuietHours, ReminderPlan};
use jiff::Timestamp;
use std::collections::HashMap;

pub async fn settings<B: Backend>(
    connection: &mut Connection<B>,
    profile: ProfileId,
) -> StoreResult<Option<ReminderSettings>> {
    let Some(row) = sql::<B>(
        "SELECT quiet_start, quiet_end, prescription_date FROM reminder_settings WHERE profile_id = $1",
    )
    .bind_id(profile.0)
    .fetch_optional(connection)
    .await?
    else {
        return Ok(None);
    };
    let moments = sql::<B>(
        "SELECT habit, own_words, local_time FROM reminder_moments WHERE profile_id = $1 ORDER BY position",
    )
    .bind_id(profile.0)
    .fetch_all(connection)
    .await?
    .iter()
    .map(moment_from_row)
    .collect::<StoreResult<Vec<_>>>()?;
    settings_from_row(&row, moments).map(Some)
}

/// A moment from a row whose columns are named `habit`, `own_words`, `local_time`.
fn moment_from_row<B: Backend>(row: &Row<B>) -> StoreResult<Moment> {
    moment_from_columns(
        &row.get::<String>("habit")?,
        row.get("own_words")?,
        &row.get::<String>("local_time")?,
    )
}

/// Settings from a row with `quiet_start`, `quiet_end` and `prescription_date`, and her moments.
fn settings_from_row<B: Backend>(
    row: &Row<B>,
    moments: Vec<Moment>,
) -> StoreResult<ReminderSettings> {
    Ok(ReminderSettings {
        plan: ReminderPlan {
            moments,
            quiet: QuietHours {
                start: time_from_text(&row.get::<String>("quiet_start")?)?,
                end: time_from_text(&row.get::<String>("quiet_end")?)?,
            },
        },
        prescription_date: row.optional_date("prescription_date")?,
    })
}

/// What judging a batch of claimed reminders reads about the mothers in it, in four statements
/// whatever their number (one by one, a batch of 500 cost 2,000 round trips): each existing
/// profile among `profiles` with her settings and push subscriptions.
pub async fn subjects<B: Backend>(
    connection: &mut Connection<B>,
    profiles: &[ProfileId],
) -> StoreResult<Vec<ReminderSubject>> {
    let ids = || ids_json(profiles.iter().map(|profile| profile.0));
    let ids_at_1 = B::IN_IDS_AT_1;
    let mut moments: HashMap<ProfileId, Vec<Moment>> = HashMap::new();
    let statement = format!(
        "SELECT profile_id, habit, own_words, local_time FROM reminder_moments
         WHERE profile_id {ids_at_1} ORDER BY profile_id, position"
    );
    for row in sql_from_parts::<B>(statement)
        .bind(ids())
        .fetch_all(&mut *connection)
        .await?
    {
        let profile = ProfileId(row.id("profile_id")?);
        moments
            .entry(profile)
            .or_default()
            .push(moment_from_row(&row)?);
    }
    let mut settings = HashMap::new();
    let statement = format!(
        "SELECT profile_id, quiet_start, quiet_end, prescription_date FROM reminder_settings
         WHERE profile_id {ids_at_1}"
    );
    for row in sql_from_parts::<B>(statement)
        .bind(ids())
        .fetch_all(&mut *connection)
        .await?
    {
        let profile = ProfileId(row.id("profile_id")?);
        let kept = settings_from_row(&row, moments.remove(&profile).unwrap_or_default())?;
        settings.insert(profile, kept);
    }
    let mut subscriptions: HashMap<ProfileId, Vec<PushSubscription>> = HashMap::new();
    let statement = format!(
        "SELECT profile_id, endpoint, p256dh, auth FROM push_subscriptions
         WHERE profile_id {ids_at_1} ORDER BY created_at, endpoint"
    );
    for row in sql_from_parts::<B>(statement)
        .bind(ids())
        .fetch_all(&mut *connection)
        .await?
    {
        subscriptions
            .entry(ProfileId(row.id("profile_id")?))
            .or_default()
            .push(PushSubscription {
                endpoint: row.get("endpoint")?,
                p256dh: row.get("p256dh")?,
                auth: row.get("auth")?,
            });
    }
    Ok(daily_loop::profiles::<B>(connection, profiles)
        .await?
        .into_iter()
        .map(|profile| ReminderSubject {
            settings: settings.remove(&profile.id),
            subscriptions: subscriptions.remove(&profile.id).unwrap_or_default(),
            profile,
        })
        .collect())
}

/// Replaces her settings and moments; inside the caller's transaction.
pub async fn write_settings_in<B: Backend>(
    transaction: &mut Connection<B>,
    profile: ProfileId,
    settings: &ReminderSettings,
) -> StoreResult<()> {
    sql::<B>(
        "INSERT INTO reminder_settings (profile_id, quiet_start, quiet_end, prescription_date)
         VALUES ($1, $2, $3, $4)
         ON CONFLICT (profile_id) DO UPDATE SET quiet_start = excluded.quiet_start,
             quiet_end = excluded.quiet_end, prescription_date = excluded.prescription_date",
    )
    .bind_id(profile.0)
    .bind(time_text(settings.plan.quiet.start))
    .bind(time_text(settings.plan.quiet.end))
    .bind_optional_date(settings.prescription_date)
    .execute(transaction)
    .await?;
    sql::<B>("DELETE FROM reminder_moments WHERE profile_id = $1")
        .bind_id(profile.0)
        .execute(transaction)
        .await?;
    for (position, moment) in settings.plan.moments.iter().enumerate() {
        sql::<B>(
            "INSERT INTO reminder_moments (profile_id, position, habit, own_words, local_time)
             VALUES ($1, $2, $3, $4, $5)",
        )
        .bind_id(profile.0)
        .bind(i32::try_from(position).unwrap_or(i32::MAX))
        .bind(moment.habit.as_str())
        .bind(moment.own_words.as_str())
        .bind(time_text(moment.time))
        .execute(transaction)
        .await?;
    }
    Ok(())
}

/// Replaces all her due reminders; inside the caller's transaction.
pub async fn write_queue_in<B: Backend>(
    transaction: &mut Connection<B>,
    profile: ProfileId,
    due: &[(String, Timestamp)],
) -> StoreResult<()> {
    sql::<B>("DELETE FROM reminder_queue WHERE profile_id = $1")
        .bind_id(profile.0)
        .execute(transaction)
        .await?;
    for (key, due_at) in due {
        sql::<B>(
            "INSERT INTO reminder_queue (profile_id, reminder_key, due_at) VALUES ($1, $2, $3)",
        )
        .bind_id(profile.0)
        .bind(key.as_str())
        .bind_at(*due_at)
        .execute(transaction)
        .await?;
    }
    Ok(())
}

pub async fn queue<B: Backend>(
    connection: &mut Connection<B>,
    profile: ProfileId,
) -> StoreResult<Vec<(String, Timestamp)>> {
    sql::<B>(
        "SELECT reminder_key, due_at FROM reminder_queue WHERE profile_id = $1 ORDER BY due_at, reminder_key",
    )
    .bind_id(profile.0)
    .fetch_all(connection)
    .await?
    .iter()
    .map(|row| Ok((row.get(0)?, row.at(1)?)))
    .collect()
}

pub async fn set_due<B: Backend>(
    connection: &mut Connection<B>,
    profile: ProfileId,
    key: &str,
    due_at: Timestamp,
) -> StoreResult<()> {
    sql::<B>(
        "INSERT INTO reminder_queue (profile_id, reminder_key, due_at) VALUES ($1, $2, $3)
         ON CONFLICT (profile_id, reminder_key) DO UPDATE
         SET due_at = excluded.due_at, claimed_by = NULL, lease_until = NULL",
    )
    .bind_id(profile.0)
    .bind(key)
    .bind_at(due_at)
    .execute(connection)
    .await?;
    Ok(())
}

/// The reminders a backend's claim returned (`profile_id, reminder_key, due_at`), soonest first.
pub fn claimed_from_rows<B: Backend>(rows: &[Row<B>]) -> StoreResult<Vec<ClaimedReminder>> {
    let mut claimed = rows
        .iter()
        .map(|row| {
            Ok(ClaimedReminder {
                profile: ProfileId(row.id(0)?),
                key: row.get(1)?,
                due_at: row.at(2)?,
            })
        })
        .collect::<StoreResult<Vec<_>>>()?;
    claimed.sort_by_key(|reminder| reminder.due_at);
    Ok(claimed)
}

/// Moves a claimed reminder to its next due time (or removes it), if `worker` still holds it.
pub async fn finish<B: Backend>(
    connection: &mut Connection<B>,
    worker: &str,
    reminder: &ClaimedReminder,
    next: Option<Timestamp>,
) -> StoreResult<()> {
    let statement = match next {
        Some(next) => sql::<B>(
            "UPDATE reminder_queue SET claimed_by = NULL, lease_until = NULL, due_at = $1
             WHERE profile_id = $2 AND reminder_key = $3 AND claimed_by = $4",
        )
        .bind_at(next),
        None => sql::<B>(
            "DELETE FROM reminder_queue
             WHERE profile_id = $1 AND reminder_key = $2 AND claimed_by = $3",
        ),
    };
    statement
        .bind_id(reminder.profile.0)
        .bind(reminder.key.as_str())
        .bind(worker)
        .execute(connection)
        .await?;
    Ok(())
}

/// Marks a reminder sent; `false` when it was marked already.
pub async fn mark_sent<B: Backend>(
    connection: &mut Connection<B>,
    profile: ProfileId,
    key: &str,
    due_at: Timestamp,
    sent_at: Timestamp,
) -> StoreResult<bool> {
    let inserted = sql::<B>(
        "INSERT INTO reminder_sends (profile_id, reminder_key, due_at, sent_at) VALUES ($1, $2, $3, $4)
         ON CONFLICT DO NOTHING",
    )
    .bind_id(profile.0)
    .bind(key)
    .bind_at(due_at)
    .bind_at(sent_at)
    .execute(connection)
    .await?;
    Ok(inserted > 0)
}

/// Settles a batch of claimed reminders; inside the caller's transaction. SQLite's way: two
/// statements a reminder cost nothing over a connection in the same process; PostgreSQL settles
/// a batch in three statements over arrays (store-postgres's `settle_in`).
pub async fn settle_in<B: Backend>(
    transaction: &mut Connection<B>,
    worker: &str,
    settled: &[SettledReminder],
    sent_at: Timestamp,
) -> StoreResult<Vec<bool>> {
    let mut marked = Vec::with_capacity(settled.len());
    for item in settled {
        let reminder = &item.reminder;
        marked.push(if item.send {
            mark_sent::<B>(
                transaction,
                reminder.profile,
                &reminder.key,
                reminder.due_at,
                sent_at,
            )
            .await?
        } else {
            false
        });
        finish::<B>(transaction, worker, reminder, item.next).await?;
    }
    Ok(marked)
}

pub async fn next_due<B: Backend>(
    connection: &mut Connection<B>,
) -> StoreResult<Option<Timestamp>> {
    sql::<B>("SELECT MIN(due_at) FROM reminder_queue")
        .fetch_one(connection)
        .await?
        .optional_at(0)
}

pub async fn save_subscription<B: Backend>(
    connection: &mut Connection<B>,
    profile: ProfileId,
    subscription: &PushSubscription,
    at: Timestamp,
) -> StoreResult<()> {
    sql::<B>(
        "INSERT INTO push_subscriptions (endpoint, profile_id, p256dh, auth, created_at)
         VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (endpoint) DO UPDATE SET profile_id = excluded.profile_id,
             p256dh = excluded.p256dh, auth = excluded.auth, created_at = excluded.created_at",
    )
    .bind(subscription.endpoint.as_str())
    .bind_id(profile.0)
    .bind(subscription.p256dh.as_str())
    .bind(subscription.auth.as_str())
    .bind_at(at)
    .execute(connection)
    .await?;
    Ok(())
}

/// Her push subscriptions with when each was saved, oldest first.
pub async fn subscriptions<B: Backend>(
    connection: &mut Connection<B>,
    profile: ProfileId,
) -> StoreResult<Vec<(PushSubscription, Timestamp)>> {
    sql::<B>(
        "SELECT endpoint, p256dh, auth, created_at FROM push_subscriptions
         WHERE profile_id = $1 ORDER BY created_at, endpoint",
    )
    .bind_id(profile.0)
    .fetch_all(connection)
    .await?
    .iter()
    .map(|row| {
        Ok((
            PushSubscription {
                endpoint: row.get(0)?,
                p256dh: row.get(1)?,
                auth: row.get(2)?,
            },
            row.at(3)?,
        ))
    })
    .collect()
}

pub async fn remove_subscription<B: Backend>(
    connection: &mut Connection<B>,
    profile: Option<ProfileId>,
    endpoint: &str,
) -> StoreResult<bool> {
    let removed = sql::<B>(
        "DELETE FROM push_subscriptions WHERE endpoint = $1 AND ($2 IS NULL OR profile_id = $2)",
    )
    .bind(endpoint)
    .bind_optional_id(profile.map(|id| id.0))
    .execute(connection)
    .await?;
    Ok(removed > 0)
}

pub async fn replace_calendar_token<B: Backend>(
    connection: &mut Connection<B>,
    profile: ProfileId,
    token_hash: &str,
    at: Timestamp,
) -> StoreResult<()> {
    sql::<B>(
        "INSERT INTO calendar_feeds (token_hash, profile_id, created_at) VALUES ($1, $2, $3)
         ON CONFLICT (profile_id) DO UPDATE SET token_hash = excluded.token_hash,
             created_at = excluded.created_at",
    )
    .bind(token_hash)
    .bind_id(profile.0)
    .bind_at(at)
    .execute(connection)
    .await?;
    Ok(())
}

pub async fn calendar_feed_profile<B: Backend>(
    connection: &mut Connection<B>,
    token_hash: &str,
) -> StoreResult<Option<ProfileId>> {
    sql::<B>("SELECT profile_id FROM calendar_feeds WHERE token_hash = $1")
        .bind(token_hash)
        .fetch_optional(connection)
        .await?
        .map(|row| row.id(0).map(ProfileId))
        .transpose()
}

pub async fn has_calendar_feed<B: Backend>(
    connection: &mut Connection<B>,
    profile: ProfileId,
) -> StoreResult<bool> {
    let count: i64 = sql::<B>("SELECT COUNT(*) FROM calendar_feeds WHERE profile_id = $1")
        .bind_id(profile.0)
        .fetch_one(connection)
        .await?
        .get(0)?;
    Ok(count > 0)
}

pub async fn vapid_private_key<B: Backend>(
    connection: &mut Connection<B>,
) -> StoreResult<Option<String>> {
    sql::<B>("SELECT secret FROM deployment_keys WHERE name = 'vapid'")
        .fetch_optional(connection)
        .await?
        .map(|row| row.get(0))
        .transpose()
}

/// The deployment's VAPID key: the one kept, or `candidate` when there was none.
pub async fn vapid_private_key_or_insert<B: Backend>(
    connection: &mut Connection<B>,
    candidate: &str,
    at: Timestamp,
) -> StoreResult<String> {
    sql::<B>(
        "INSERT INTO deployment_keys (name, secret, created_at) VALUES ('vapid', $1, $2)
         ON CONFLICT (name) DO NOTHING",
    )
    .bind(candidate)
    .bind_at(at)
    .execute(connection)
    .await?;
    sql::<B>("SELECT secret FROM deployment_keys WHERE name = 'vapid'")
        .fetch_one(connection)
        .await?
        .get(0)
}

/// Everything about reminders under one profile, for `migrate-data`.
pub async fn export<B: Backend>(
    connection: &mut Connection<B>,
    profile: ProfileId,
) -> StoreResult<ReminderDump> {
    let settings = settings::<B>(connection, profile).await?;
    let subscriptions = subscriptions::<B>(connection, profile).await?;
    let queue = sql::<B>(
        "SELECT reminder_key, due_at FROM reminder_queue WHERE profile_id = $1 ORDER BY reminder_key",
    )
    .bind_id(profile.0)
    .fetch_all(connection)
    .await?
    .iter()
    .map(|row| Ok((row.get(0)?, row.at(1)?)))
    .collect::<StoreResult<Vec<_>>>()?;
    let sends = sql::<B>(
        "SELECT reminder_key, due_at, sent_at FROM reminder_sends WHERE profile_id = $1
         ORDER BY due_at, reminder_key",
    )
    .bind_id(profile.0)
    .fetch_all(connection)
    .await?
    .iter()
    .map(|row| Ok((row.get(0)?, row.at(1)?, row.at(2)?)))
    .collect::<StoreResult<Vec<_>>>()?;
    let calendar_feed =
        sql::<B>("SELECT token_hash, created_at FROM calendar_feeds WHERE profile_id = $1")
            .bind_id(profile.0)
            .fetch_optional(connection)
            .await?
            .map(|row| StoreResult::Ok((row.get(0)?, row.at(1)?)))
            .transpose()?;
    Ok(ReminderDump {
        settings,
        subscriptions,
        queue,
        sends,
        calendar_feed,
    })
}

/// Writes what [`export`] read, inside the import's transaction.
pub async fn import_in<B: Backend>(
    transaction: &mut Connection<B>,
    profile: ProfileId,
    dump: &ReminderDump,
) -> StoreResult<()> {
    if let Some(settings) = &dump.settings {
        write_settings_in::<B>(transaction, profile, settings).await?;
    }
    for (subscription, at) in &dump.subscriptions {
        save_subscription::<B>(transaction, profile, subscription, *at).await?;
    }
    write_queue_in::<B>(transaction, profile, &dump.queue).await?;
    for (key, due_at, sent_at) in &dump.sends {
        mark_sent::<B>(transaction, profile, key, *due_at, *sent_at).await?;
    }
    if let Some((hash, at)) = &dump.calendar_feed {
        replace_calendar_token::<B>(transaction, profile, hash, *at).await?;
    }
    Ok(())
}
