//! The reminder scheduler, and keeping each mother's due reminders up to date.
//!
//! Due times live in the database, not in a server's memory: a restart loses none, and several
//! servers on one PostgreSQL database share the work. Each round a scheduler claims the reminders
//! now due under a lease, asks core whether each still rings (done, target met, quiet hours,
//! missed by more than half an hour while the server was down), marks it sent before sending it
//! (so no restart and no second server ever sends it twice), pushes it to her browsers, and
//! stores its next due time. Core decides; this module stores and sends.

use crate::i18n::{Lang, Tr};
use crate::notify::push::{Delivery, PushSender, Urgency};
use crate::state::AppState;
use crate::view::zone_of;
use hangmat_core::BirthDate;
use hangmat_core::progress::DayTally;
use hangmat_core::reminders::{
    Decision, DueContext, Habit, Moment, ReminderKind, ReminderPlan, decide, next_after_handled,
    upcoming,
};
use hangmat_core::timeline::local_date;
use hangmat_store::{
    ClaimedReminder, Profile, ProfileId, PushSubscription, ReminderSettings, ReminderSubject,
    SettledReminder, StoreResult,
};
use jiff::civil::Date;
use jiff::{SignedDuration, Timestamp};
use serde::Serialize;
use std::collections::HashMap;
use std::sync::Arc;
use std::time::Duration;

/// Her settings, or the defaults until she saves her own.
pub async fn settings_of(state: &AppState, profile: ProfileId) -> StoreResult<ReminderSettings> {
    Ok(or_default(state.store().reminder_settings(profile).await?))
}

/// Kept settings, or the defaults when she has saved none.
fn or_default(kept: Option<ReminderSettings>) -> ReminderSettings {
    kept.unwrap_or_else(|| ReminderSettings {
        plan: ReminderPlan::default_plan(),
        prescription_date: None,
    })
}

/// What her queue should hold from `now` on: nothing without a push subscription; else each
/// moment's next time, the milestones ahead, and a snooze she still has running.
pub async fn due_list(
    state: &AppState,
    profile: &Profile,
    settings: &ReminderSettings,
) -> StoreResult<Vec<(String, Timestamp)>> {
    let store = state.store();
    if store.push_subscriptions(profile.id).await?.is_empty() {
        return Ok(Vec::new());
    }
    let now = state.now();
    let snooze_key = ReminderKind::Snooze.key();
    let snooze = store
        .reminder_queue(profile.id)
        .await?
        .into_iter()
        .filter(|(key, due)| *key == snooze_key && *due > now);
    let plan = upcoming(
        &settings.plan,
        state.programme(),
        BirthDate::from_stored(profile.birth_date),
        settings.prescription_date,
        &zone_of(state, profile),
        now,
    );
    Ok(plan
        .into_iter()
        .map(|(kind, due)| (kind.key(), due))
        .chain(snooze)
        .collect())
}

/// Recomputes her queue after a change (a subscription added or removed, her time zone or birth
/// date changed).
pub async fn reschedule(state: &AppState, profile: &Profile) -> StoreResult<()> {
    let settings = settings_of(state, profile.id).await?;
    let due = due_list(state, profile, &settings).await?;
    state.store().replace_reminder_queue(profile.id, &due).await
}

/// What the service worker receives (and shows as a notification).
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct PushMessage {
    pub title: String,
    pub body: String,
    pub lang: &'static str,
    /// Replaces an earlier notification of the same kind rather than stacking.
    pub tag: String,
    /// Where tapping leads.
    pub url: &'static str,
    pub actions: Vec<PushAction>,
}

#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct PushAction {
    pub action: &'static str,
    pub title: String,
}

/// The name of a habit in her language, or her own words.
pub fn habit_label(t: &Tr, moment: &Moment) -> String {
    match moment.habit {
        Habit::OwnWords => moment.own_words.clone(),
        habit => t.get(&format!("reminders-habit-{}", habit.as_str())),
    }
}

/// The notification for a reminder, in her language. Discreet: a lock screen shows the app's name
/// and an everyday invitation, never what the exercises are for. Her own words stay in the app.
pub fn message(kind: ReminderKind, lang: Lang, plan: &ReminderPlan) -> PushMessage {
    let t = Tr::new(lang);
    let body = match kind {
        ReminderKind::Moment(index) => match plan.moments.get(usize::from(index)) {
            Some(moment) if moment.habit != Habit::OwnWords => {
                t.text("reminders-push-moment", "habit", &habit_label(&t, moment))
            }
            _ => t.get("reminders-push-moment-plain"),
        },
        ReminderKind::Snooze => t.get("reminders-push-snooze"),
        ReminderKind::Milestone(milestone) => {
            t.get(&format!("reminders-push-milestone-{}", milestone.as_str()))
        }
    };
    let mut actions = vec![PushAction {
        action: "open",
        title: t.get("reminders-action-open"),
    }];
    if !matches!(kind, ReminderKind::Milestone(_)) {
        actions.push(PushAction {
            action: "snooze",
            title: t.get("reminders-action-snooze"),
        });
    }
    PushMessage {
        title: "Hangmat".to_owned(),
        body,
        lang: lang.code(),
        tag: match kind {
            ReminderKind::Milestone(milestone) => format!("hangmat-{}", milestone.as_str()),
            _ => "hangmat-moment".to_owned(),
        },
        url: match kind {
            ReminderKind::Milestone(_) => "/today",
            _ => "/session",
        },
        actions,
    }
}

/// How long a claim holds before another server may take the reminder over.
const LEASE: SignedDuration = SignedDuration::from_mins(5);
/// Reminders claimed per round.
const BATCH: u32 = 500;
/// Reminders handled at once (each may wait on a push service).
const CONCURRENCY: usize = 256;
/// The longest a scheduler sleeps between rounds: another server may have added a sooner one.
const MAX_SLEEP: Duration = Duration::from_secs(15);

/// A scheduler: one per server, all sharing the queue in the database.
#[derive(Clone)]
pub struct Scheduler {
    state: AppState,
    sender: Arc<PushSender>,
    worker: Arc<str>,
}

/// What one round did, for logs and tests.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct RoundReport {
    pub claimed: usize,
    pub sent: usize,
    pub quiet: usize,
}

impl Scheduler {
    /// `worker` names this server in claims (unique per process).
    pub fn new(state: AppState, sender: Arc<PushSender>, worker: &str) -> Self {
        Self {
            state,
            sender,
            worker: worker.into(),
        }
    }

    /// Runs forever: a round whenever something is due, else sleeps until the next due time.
    pub async fn run(self) {
        loop {
            match self.round().await {
                Ok(report) if report.claimed > 0 => {
                    tracing::info!(
                        claimed = report.claimed,
                        sent = report.sent,
                        quiet = report.quiet,
                        "reminders handled"
                    );
                    continue;
                }
                Ok(_) => {}
                Err(error) => tracing::warn!(error = %error, "reminder round failed"),
            }
            let sleep = match self.state.store().next_reminder_due().await {
                Ok(Some(due)) => Duration::try_from(due.duration_since(self.state.now()))
                    .unwrap_or(Duration::ZERO)
                    .min(MAX_SLEEP),
                _ => MAX_SLEEP,
            };
            tokio::time::sleep(sleep.max(Duration::from_millis(50))).await;
        }
    }

    /// Claims and handles everything due now, in batches until none is left. Per batch: the
    /// reminders are judged (two reads for the whole batch), the batch is settled in one transaction (sent
    /// marks and next due times), and the messages go out in the background, at most
    /// [`CONCURRENCY`] at once, while the next batch is claimed.
    pub async fn round(&self) -> StoreResult<RoundReport> {
        let mut report = RoundReport::default();
        let limit = Arc::new(tokio::sync::Semaphore::new(CONCURRENCY));
        let mut sends = tokio::task::JoinSet::new();
        loop {
            let now = self.state.now();
            let claimed = self
                .state
                .store()
                .claim_due_reminders(&self.worker, now, now + LEASE, BATCH)
                .await?;
            if claimed.is_empty() {
                break;
            }
            report.claimed += claimed.len();
            crate::metrics::reminders(crate::metrics::Reminder::Due, claimed.len());
            for reminder in &claimed {
                crate::metrics::reminder_lateness(
                    Duration::try_from(now.duration_since(reminder.due_at)).unwrap_or_default(),
                );
            }
            let (settled, outgoing): (Vec<_>, Vec<_>) =
                self.judge_batch(claimed, now).await?.into_iter().unzip();
            let marks = self
                .state
                .store()
                .settle_reminders(&self.worker, &settled, now)
                .await?;
            for (marked, message) in marks.into_iter().zip(outgoing) {
                let Some(message) = message.filter(|_| marked) else {
                    report.quiet += 1;
                    continue;
                };
                let permit = limit.clone().acquire_owned().await;
                let this = self.clone();
                sends.spawn(async move {
                    let _permit = permit;
                    this.deliver(message, now).await
                });
            }
        }
        while let Some(joined) = sends.join_next().await {
            let result = match joined {
                Ok(Ok(true)) => {
                    report.sent += 1;
                    crate::metrics::Reminder::Sent
                }
                Ok(Ok(false)) => crate::metrics::Reminder::Failed,
                Ok(Err(error)) => {
                    tracing::warn!(error = %error, "a reminder failed");
                    crate::metrics::Reminder::Failed
                }
                Err(error) => {
                    tracing::warn!(error = %error, "a reminder task failed");
                    crate::metrics::Reminder::Failed
                }
            };
            crate::metrics::reminders(result, 1);
        }
        Ok(report)
    }

    /// Judges a claimed batch with two reads whatever its size: the mothers in it (profile,
    /// settings, push subscriptions), then their tallies of the days the reminders fall on.
    async fn judge_batch(
        &self,
        claimed: Vec<ClaimedReminder>,
        now: Timestamp,
    ) -> StoreResult<Vec<(SettledReminder, Option<Outgoing>)>> {
        let store = self.state.store();
        let mut ids: Vec<ProfileId> = claimed.iter().map(|reminder| reminder.profile).collect();
        ids.sort_unstable();
        ids.dedup();
        let subjects: HashMap<ProfileId, ReminderSubject> = store
            .reminder_subjects(&ids)
            .await?
            .into_iter()
            .map(|subject| (subject.profile.id, subject))
            .collect();
        let days: Vec<Option<Date>> = claimed
            .iter()
            .map(|reminder| {
                let subject = subjects.get(&reminder.profile)?;
                Some(local_date(
                    reminder.due_at,
                    &zone_of(&self.state, &subject.profile),
                ))
            })
            .collect();
        let mut tallies: HashMap<(ProfileId, Date), DayTally> = HashMap::new();
        if let (Some(from), Some(to)) = (days.iter().flatten().min(), days.iter().flatten().max()) {
            for (profile, tally) in store.day_tallies_of(&ids, *from, *to).await? {
                tallies.insert((profile, tally.date), tally);
            }
        }
        Ok(claimed
            .into_iter()
            .zip(days)
            .map(|(reminder, day)| {
                let subject = subjects.get(&reminder.profile);
                let tally = day.map(|day| {
                    tallies
                        .remove(&(reminder.profile, day))
                        .unwrap_or(DayTally::empty(day))
                });
                match (subject, tally) {
                    (Some(subject), Some(tally)) => self.judge(reminder, subject, &tally, now),
                    _ => (
                        SettledReminder {
                            reminder,
                            send: false,
                            next: None,
                        },
                        None,
                    ),
                }
            })
            .collect())
    }

    /// Decides whether a claimed reminder rings, and when it is due next.
    fn judge(
        &self,
        reminder: ClaimedReminder,
        subject: &ReminderSubject,
        tally: &DayTally,
        now: Timestamp,
    ) -> (SettledReminder, Option<Outgoing>) {
        let Some(kind) = ReminderKind::parse_key(&reminder.key) else {
            return (
                SettledReminder {
                    reminder,
                    send: false,
                    next: None,
                },
                None,
            );
        };
        let profile = &subject.profile;
        let settings = or_default(subject.settings.clone());
        let zone = zone_of(&self.state, profile);
        let context = DueContext {
            programme: self.state.programme(),
            birth: BirthDate::from_stored(profile.birth_date),
            zone: &zone,
            plan: &settings.plan,
            tally,
        };
        let send = decide(kind, reminder.due_at, now, context) == Decision::Send;
        let next = next_after_handled(kind, &settings.plan, &zone, reminder.due_at.max(now));
        let outgoing = send.then(|| {
            let lang = Lang::parse(&profile.language).unwrap_or(self.state.config().default_lang());
            Outgoing {
                profile: profile.id,
                subscriptions: subject.subscriptions.clone(),
                payload: serde_json::to_vec(&message(kind, lang, &settings.plan))
                    .unwrap_or_default(),
                urgency: match kind {
                    ReminderKind::Milestone(_) => Urgency::Normal,
                    _ => Urgency::High,
                },
            }
        });
        (
            SettledReminder {
                reminder,
                send,
                next,
            },
            outgoing,
        )
    }

    /// Sends one reminder to each of her browsers; a browser that is gone is forgotten, and when
    /// none is left her reminders stop. Answers whether any browser got it.
    async fn deliver(&self, message: Outgoing, now: Timestamp) -> StoreResult<bool> {
        let store = self.state.store();
        let mut delivered = false;
        let mut gone = false;
        for subscription in &message.subscriptions {
            match self
                .sender
                .send(subscription, &message.payload, message.urgency, now)
                .await
            {
                Delivery::Delivered => delivered = true,
                Delivery::Gone => {
                    gone = true;
                    store
                        .remove_push_subscription(Some(message.profile), &subscription.endpoint)
                        .await?;
                }
                Delivery::Failed => {}
            }
        }
        if gone && store.push_subscriptions(message.profile).await?.is_empty() {
            store.replace_reminder_queue(message.profile, &[]).await?;
        }
        Ok(delivered)
    }
}

/// A message on its way to her browsers (those she had when the batch was judged).
struct Outgoing {
    profile: ProfileId,
    subscriptions: Vec<PushSubscription>,
    payload: Vec<u8>,
    urgency: Urgency,
}
