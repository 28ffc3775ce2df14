//! Her data export (GDPR access and portability) as one typed document: her profile, the devices
//! signed in to it, hold history, session outcomes, coordination taps, leaks, bladder diaries,
//! questionnaire responses (and occasions she put off), passkeys, sharing codes,
//! links (with the physiotherapist's name), her care (prescription, its history, physiotherapy
//! sessions), her reminders (moments in her own words, quiet hours, prescription date, where
//! pushes go, whether a calendar feed exists, what is due and what was sent) and who looked at her
//! data. A test fills every table that can hold her data and finds each in this document.
//!
//! The shape is a type, so a field cannot go missing silently and the document's parts are
//! named where they are made. Secrets (recovery code hash, device tokens, passkey keys) are left
//! out: they are not about her; so are a push subscription's keys (its endpoint is shown: it says
//! which push service her phone uses).

use crate::state::AppState;
use hangmat_core::outcome::{PartDone, Rating};
use hangmat_store::{CareDump, ProfileId, ReminderDump, StoreResult, time_text};
use jiff::Timestamp;
use jiff::civil::Date;
use serde::Serialize;
use uuid::Uuid;

/// The whole export.
#[derive(Debug, Serialize)]
pub struct HerData {
    pub exported_at: Timestamp,
    pub profile: ProfileData,
    pub devices: Vec<DeviceData>,
    pub hold_changes: Vec<HoldChangeData>,
    pub session_outcomes: Vec<OutcomeData>,
    pub coordination_taps: Vec<TapData>,
    pub leaks: Vec<LeakData>,
    pub questionnaires: QuestionnairesData,
    /// Her bladder diaries with their entries (a diary's leaks are in `leaks`).
    pub diaries: Vec<DiaryData>,
    pub passkeys: Vec<PasskeyData>,
    pub sharing_codes: Vec<SharingCodeData>,
    pub links: Vec<LinkData>,
    pub care: CareData,
    pub reminders: RemindersData,
    pub access_log: Vec<AccessData>,
}

/// Her reminders as she set them.
#[derive(Debug, Serialize)]
pub struct RemindersData {
    pub moments: Vec<MomentData>,
    pub quiet_hours: Option<QuietHoursData>,
    pub prescription_date: Option<Date>,
    pub push_subscriptions: Vec<PushSubscriptionData>,
    pub calendar_feed: Option<CalendarFeedData>,
    /// Reminders waiting to ring (a snooze moves one).
    pub due: Vec<DueReminderData>,
    pub sent: Vec<SentReminderData>,
}

#[derive(Debug, Serialize)]
pub struct DueReminderData {
    pub reminder: String,
    pub due_at: Timestamp,
}

#[derive(Debug, Serialize)]
pub struct SentReminderData {
    pub reminder: String,
    pub due_at: Timestamp,
    pub sent_at: Timestamp,
}

/// A phone or browser signed in to her profile (its token is a secret, left out).
#[derive(Debug, Serialize)]
pub struct DeviceData {
    pub signed_in_at: Timestamp,
}

/// A code she made to share her data with a physiotherapist (the code itself is not kept).
#[derive(Debug, Serialize)]
pub struct SharingCodeData {
    pub created_at: Timestamp,
    pub expires_at: Timestamp,
    pub used_at: Option<Timestamp>,
}

#[derive(Debug, Serialize)]
pub struct MomentData {
    pub habit: &'static str,
    pub own_words: String,
    pub time: String,
}

#[derive(Debug, Serialize)]
pub struct QuietHoursData {
    pub start: String,
    pub end: String,
}

#[derive(Debug, Serialize)]
pub struct PushSubscriptionData {
    pub endpoint: String,
    pub stored_at: Timestamp,
}

/// That a feed exists and since when (its address is a secret only her phone holds).
#[derive(Debug, Serialize)]
pub struct CalendarFeedData {
    pub created_at: Timestamp,
}

#[derive(Debug, Serialize)]
pub struct ProfileData {
    pub created_at: Timestamp,
    pub language: String,
    pub birth_date: Date,
    pub time_zone: String,
}

#[derive(Debug, Serialize)]
pub struct HoldChangeData {
    pub hold_counts: u32,
    pub set_by: &'static str,
    pub set_at: Timestamp,
}

#[derive(Debug, Serialize)]
pub struct OutcomeData {
    pub id: Uuid,
    pub started_at: Timestamp,
    pub ended_at: Timestamp,
    pub local_date: Date,
    pub position: String,
    pub hold_counts: u32,
    pub completed: bool,
    pub parts: Vec<PartDone>,
    pub rating: Option<Rating>,
    pub held_every_count: Option<bool>,
    pub received_at: Timestamp,
}

/// A leak she noted, with the details she chose to add.
#[derive(Debug, Serialize)]
pub struct LeakData {
    pub id: Uuid,
    pub at: Timestamp,
    pub local_date: Date,
    pub amount: Option<&'static str>,
    pub activity: Option<&'static str>,
    pub received_at: Timestamp,
}

/// Her questionnaire responses (each the FHIR QuestionnaireResponse she gave, with its score)
/// and the occasions she put off.
#[derive(Debug, Serialize)]
pub struct QuestionnairesData {
    pub responses: Vec<QuestionnaireResponseData>,
    pub not_now: Vec<NotNowData>,
}

#[derive(Debug, Serialize)]
pub struct QuestionnaireResponseData {
    pub id: Uuid,
    pub questionnaire: String,
    pub occasion_day: Option<u32>,
    pub authored_at: Timestamp,
    pub local_date: Date,
    pub score: Option<i64>,
    /// The QuestionnaireResponse as stored (JSON; null if unreadable).
    pub response: serde_json::Value,
    pub received_at: Timestamp,
}

#[derive(Debug, Serialize)]
pub struct NotNowData {
    pub questionnaire: String,
    pub occasion_day: u32,
    pub at: Timestamp,
}

#[derive(Debug, Serialize)]
pub struct TapData {
    pub id: Uuid,
    pub at: Timestamp,
    pub local_date: Date,
}

#[derive(Debug, Serialize)]
pub struct PasskeyData {
    pub created_at: Timestamp,
    pub last_used_at: Option<Timestamp>,
}

#[derive(Debug, Serialize)]
pub struct LinkData {
    pub physiotherapist: String,
    pub created_at: Timestamp,
    pub ended_at: Option<Timestamp>,
    pub ended_by: Option<&'static str>,
}

/// Her care with the stored field names and values.
#[derive(Debug, Serialize)]
pub struct CareData {
    pub prescription: Vec<PrescribedData>,
    pub prescription_changes: Vec<ChangeData>,
    pub physiotherapy_sessions: Vec<PhysioSessionData>,
}

#[derive(Debug, Serialize)]
pub struct PrescribedData {
    pub field: String,
    pub value: String,
}

#[derive(Debug, Serialize)]
pub struct ChangeData {
    pub at: Timestamp,
    pub by: String,
    pub field: String,
    pub old: String,
    pub new: String,
}

#[derive(Debug, Serialize)]
pub struct PhysioSessionData {
    pub number: u32,
    pub date: Date,
    pub contraction: &'static str,
    pub faults: String,
    pub can_relax: Option<bool>,
    pub knack_on_cough: Option<bool>,
    pub oxford: Option<u8>,
    pub perfect: Option<String>,
    pub endurance_seconds: Option<u8>,
    pub repetitions: Option<u8>,
    pub fast: Option<u8>,
    pub pain: Option<u8>,
    pub notes: String,
    pub home_programme: String,
    pub recorded_by: String,
    pub recorded_at: Timestamp,
}

#[derive(Debug, Serialize)]
pub struct AccessData {
    pub at: Timestamp,
    pub who: String,
    pub action: String,
}

/// Everything stored about her, or `None` when her profile is gone.
pub async fn her_data(state: &AppState, id: ProfileId) -> StoreResult<Option<HerData>> {
    let store = state.store();
    let Some(dump) = store.export_profile(id).await? else {
        return Ok(None);
    };
    let links = store.links_of_profile(id).await?;
    let audit = store.audit_of_profile(id, u32::MAX).await?;
    let profile = &dump.profile;
    Ok(Some(HerData {
        exported_at: state.now(),
        profile: ProfileData {
            created_at: profile.created_at,
            language: profile.language.clone(),
            birth_date: profile.birth_date,
            time_zone: profile.time_zone.clone(),
        },
        devices: dump
            .device_sessions
            .iter()
            .map(|(_, created_at)| DeviceData {
                signed_in_at: *created_at,
            })
            .collect(),
        hold_changes: dump
            .holds
            .iter()
            .map(|hold| HoldChangeData {
                hold_counts: hold.hold_counts,
                set_by: hold.set_by.as_str(),
                set_at: hold.set_at,
            })
            .collect(),
        session_outcomes: dump
            .outcomes
            .into_iter()
            .map(|(stored, received_at)| {
                let outcome = stored.outcome;
                OutcomeData {
                    id: stored.id,
                    started_at: outcome.started_at,
                    ended_at: outcome.ended_at,
                    local_date: outcome.local_date,
                    position: outcome.position,
                    hold_counts: outcome.hold_counts,
                    completed: outcome.completed,
                    parts: outcome.parts,
                    rating: outcome.rating,
                    held_every_count: outcome.held_every_count,
                    received_at,
                }
            })
            .collect(),
        coordination_taps: dump
            .taps
            .iter()
            .map(|(id, tap)| TapData {
                id: *id,
                at: tap.at,
                local_date: tap.local_date,
            })
            .collect(),
        diaries: diary_data(&dump.diary),
        leaks: dump
            .leaks
            .iter()
            .map(|(id, leak, received_at)| LeakData {
                id: *id,
                at: leak.at,
                local_date: leak.local_date,
                amount: leak.amount.map(|amount| amount.as_str()),
                activity: leak.activity.map(|activity| activity.as_str()),
                received_at: *received_at,
            })
            .collect(),
        questionnaires: QuestionnairesData {
            responses: dump
                .questionnaires
                .responses
                .iter()
                .map(|(response, received_at)| QuestionnaireResponseData {
                    id: response.id,
                    questionnaire: response.questionnaire.clone(),
                    occasion_day: response.occasion,
                    authored_at: response.authored_at,
                    local_date: response.local_date,
                    score: response.score,
                    response: serde_json::from_str(&response.response)
                        .unwrap_or(serde_json::Value::Null),
                    received_at: *received_at,
                })
                .collect(),
            not_now: dump
                .questionnaires
                .skipped
                .iter()
                .map(|skipped| NotNowData {
                    questionnaire: skipped.questionnaire.clone(),
                    occasion_day: skipped.occasion,
                    at: skipped.at,
                })
                .collect(),
        },
        passkeys: dump
            .sharing
            .passkeys
            .iter()
            .map(|passkey| PasskeyData {
                created_at: passkey.created_at,
                last_used_at: passkey.last_used_at,
            })
            .collect(),
        sharing_codes: dump
            .sharing
            .link_codes
            .iter()
            .map(|code| SharingCodeData {
                created_at: code.created_at,
                expires_at: code.expires_at,
                used_at: code.used_at,
            })
            .collect(),
        links: links
            .into_iter()
            .map(|shown| LinkData {
                physiotherapist: shown.staff_display_name,
                created_at: shown.link.created_at,
                ended_at: shown.link.ended_at,
                ended_by: shown.link.ended_by.map(|by| by.as_str()),
            })
            .collect(),
        care: care_data(&dump.care),
        reminders: reminders_data(&dump.reminders),
        access_log: audit
            .into_iter()
            .map(|line| AccessData {
                at: line.entry.at,
                who: line.staff_display_name,
                action: line.entry.action,
            })
            .collect(),
    }))
}

fn reminders_data(reminders: &ReminderDump) -> RemindersData {
    let settings = reminders.settings.as_ref();
    RemindersData {
        moments: settings
            .map(|settings| {
                settings
                    .plan
                    .moments
                    .iter()
                    .map(|moment| MomentData {
                        habit: moment.habit.as_str(),
                        own_words: moment.own_words.clone(),
                        time: time_text(moment.time),
                    })
                    .collect()
            })
            .unwrap_or_default(),
        quiet_hours: settings.map(|settings| QuietHoursData {
            start: time_text(settings.plan.quiet.start),
            end: time_text(settings.plan.quiet.end),
        }),
        prescription_date: settings.and_then(|settings| settings.prescription_date),
        push_subscriptions: reminders
            .subscriptions
            .iter()
            .map(|(subscription, stored_at)| PushSubscriptionData {
                endpoint: subscription.endpoint.clone(),
                stored_at: *stored_at,
            })
            .collect(),
        calendar_feed: reminders
            .calendar_feed
            .as_ref()
            .map(|(_, created_at)| CalendarFeedData {
                created_at: *created_at,
            }),
        due: reminders
            .queue
            .iter()
            .map(|(key, due_at)| DueReminderData {
                reminder: key.clone(),
                due_at: *due_at,
            })
            .collect(),
        sent: reminders
            .sends
            .iter()
            .map(|(key, due_at, sent_at)| SentReminderData {
                reminder: key.clone(),
                due_at: *due_at,
                sent_at: *sent_at,
            })
            .collect(),
    }
}

fn care_data(care: &CareDump) -> CareData {
    CareData {
        prescription: care
            .prescription
            .entries()
            .iter()
            .map(|(field, value)| PrescribedData {
                field: field.key(),
                value: value.to_text(),
            })
            .collect(),
        prescription_changes: care
            .history
            .iter()
            .map(|recorded| ChangeData {
                at: recorded.at,
                by: recorded.by.display_name.clone(),
                field: recorded.change.field.key(),
                old: recorded.change.old.to_text(),
                new: recorded.change.new.to_text(),
            })
            .collect(),
        physiotherapy_sessions: care
            .sessions
            .iter()
            .map(|record| {
                let session = &record.session;
                let (contraction, faults) = session.contraction.to_stored();
                PhysioSessionData {
                    number: session.number,
                    date: session.date,
                    contraction,
                    faults,
                    can_relax: session.can_relax,
                    knack_on_cough: session.knack_on_cough,
                    oxford: session.oxford.map(|grade| grade.value()),
                    perfect: session.perfect_profile(),
                    endurance_seconds: session.perfect.endurance_seconds,
                    repetitions: session.perfect.repetitions,
                    fast: session.perfect.fast,
                    pain: session.pain,
                    notes: session.notes.clone(),
                    home_programme: session.home_programme.clone(),
                    recorded_by: record.recorded_by.display_name.clone(),
                    recorded_at: record.recorded_at,
                }
            })
            .collect(),
    }
}

/// A bladder diary of hers: who asked for it, when it ran, and its entries.
#[derive(Debug, Serialize)]
pub struct DiaryData {
    pub id: Uuid,
    pub asked_by: &'static str,
    pub asked_at: Timestamp,
    pub planned_days: u32,
    pub started_at: Option<Timestamp>,
    pub ended_at: Option<Timestamp>,
    pub entries: Vec<DiaryEntryData>,
}

/// One entry of her diary as she logged it.
#[derive(Debug, Serialize)]
pub struct DiaryEntryData {
    pub id: Uuid,
    pub at: Timestamp,
    /// What she logged with its details, in core's names.
    #[serde(flatten)]
    pub entry: DiaryEntryKind,
    pub received_at: Timestamp,
}

#[derive(Debug, Serialize)]
#[serde(tag = "kind", rename_all = "kebab-case")]
pub enum DiaryEntryKind {
    Void {
        volume_ml: Option<u32>,
        urgency: Option<u8>,
        first_of_morning: bool,
    },
    Drink {
        volume_ml: u32,
        drink: Option<&'static str>,
    },
    Leak,
    PadChanged,
    WentToSleep,
    WokeUp,
}

fn diary_data(dump: &hangmat_store::DiaryDump) -> Vec<DiaryData> {
    use hangmat_core::diary::Entry;
    dump.diaries
        .iter()
        .map(|diary| DiaryData {
            id: diary.id,
            asked_by: diary.asked_by.as_str(),
            asked_at: diary.asked_at,
            planned_days: diary.planned_days,
            started_at: diary.started,
            ended_at: diary.ended,
            entries: dump
                .entries
                .iter()
                .filter(|(of, ..)| *of == diary.id)
                .map(|(_, line, received_at)| DiaryEntryData {
                    id: line.id,
                    at: line.entry.at(),
                    entry: match &line.entry {
                        Entry::Void {
                            volume_ml,
                            urgency,
                            first_of_morning,
                            ..
                        } => DiaryEntryKind::Void {
                            volume_ml: *volume_ml,
                            urgency: *urgency,
                            first_of_morning: *first_of_morning,
                        },
                        Entry::Drink {
                            volume_ml, kind, ..
                        } => DiaryEntryKind::Drink {
                            volume_ml: *volume_ml,
                            drink: kind.map(|kind| kind.as_str()),
                        },
                        Entry::Leak { .. } => DiaryEntryKind::Leak,
                        Entry::PadChanged { .. } => DiaryEntryKind::PadChanged,
                        Entry::WentToSleep { .. } => DiaryEntryKind::WentToSleep,
                        Entry::WokeUp { .. } => DiaryEntryKind::WokeUp,
                    },
                    received_at: *received_at,
                })
                .collect(),
        })
        .collect()
}
