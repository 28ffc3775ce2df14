//! Her reminders as an iCalendar feed (RFC 5545), for phones where Web Push is not available.
//!
//! Each moment is a daily event at her local time with her zone's TZID (so a daylight-saving
//! change keeps it at 08:30), each milestone an all-day event. RFC 5545 asks for a VTIMEZONE for
//! every TZID used; it is written from the bundled tz database's transitions around today, so a
//! calendar that does not know the zone's name still places the times right. Texts are as
//! discreet as the notifications: the feed may show on a lock screen too.

use crate::i18n::Tr;
use crate::notify::scheduler::habit_label;
use hangmat_core::reminders::{Habit, milestone_dates};
use hangmat_core::{BirthDate, Programme};
use hangmat_store::{Profile, ReminderSettings};
use icalendar::{Alarm, Calendar, CalendarComponent, Component, EventLike, Property};
use jiff::tz::{Offset, TimeZone};
use jiff::{SignedDuration, Timestamp, ToSpan};
use sha2::{Digest, Sha256};

/// How long a moment's event lasts in her calendar.
const MOMENT_MINUTES: i64 = 10;
/// The zone transitions written into the VTIMEZONE: a year back, two years ahead.
const TRANSITIONS_BACK_DAYS: i64 = 366;
const TRANSITIONS_AHEAD_DAYS: i64 = 2 * 366;

fn ical_offset(offset: Offset) -> String {
    let seconds = offset.seconds();
    let sign = if seconds < 0 { '-' } else { '+' };
    let seconds = seconds.unsigned_abs();
    format!("{sign}{:02}{:02}", seconds / 3600, (seconds % 3600) / 60)
}

/// A VTIMEZONE for `zone` with its transitions around `now` (or one fixed offset).
fn vtimezone(zone_name: &str, zone: &TimeZone, now: Timestamp) -> String {
    let from = now - SignedDuration::from_hours(24 * TRANSITIONS_BACK_DAYS);
    let until = now + SignedDuration::from_hours(24 * TRANSITIONS_AHEAD_DAYS);
    let mut text = format!("BEGIN:VTIMEZONE\r\nTZID:{zone_name}\r\n");
    let mut before = zone.to_offset(from);
    let mut wrote = false;
    for transition in zone.following(from) {
        if transition.timestamp() > until {
            break;
        }
        let kind = if transition.dst().is_dst() {
            "DAYLIGHT"
        } else {
            "STANDARD"
        };
        // DTSTART of an observance is in the local time before the change.
        let start = before.to_datetime(transition.timestamp());
        text.push_str(&format!(
            "BEGIN:{kind}\r\nDTSTART:{}\r\nTZOFFSETFROM:{}\r\nTZOFFSETTO:{}\r\nEND:{kind}\r\n",
            start.strftime("%Y%m%dT%H%M%S"),
            ical_offset(before),
            ical_offset(transition.offset()),
        ));
        before = transition.offset();
        wrote = true;
    }
    if !wrote {
        let offset = ical_offset(zone.to_offset(now));
        text.push_str(&format!(
            "BEGIN:STANDARD\r\nDTSTART:19700101T000000\r\nTZOFFSETFROM:{offset}\r\nTZOFFSETTO:{offset}\r\nEND:STANDARD\r\n"
        ));
    }
    text.push_str("END:VTIMEZONE\r\n");
    text
}

/// A stable event id: the same moment keeps its id across refreshes, and ids reveal nothing.
fn uid(profile: &Profile, what: &str) -> String {
    let digest = Sha256::digest(format!("{}/{what}", profile.id).as_bytes());
    let hex: String = digest[..12].iter().map(|b| format!("{b:02x}")).collect();
    format!("{hex}-{what}@hangmat")
}

/// The feed's text.
pub fn feed(
    programme: &Programme,
    profile: &Profile,
    settings: &ReminderSettings,
    zone: &TimeZone,
    t: &Tr,
    now: Timestamp,
) -> String {
    let zone_name = zone.iana_name().unwrap_or("UTC").to_owned();
    let mut calendar = Calendar::new();
    calendar.name("Hangmat").timezone(zone_name.as_str());
    calendar.append_property(Property::new("PRODID", "-//Hangmat//Reminders//EN"));
    calendar.append_property(
        Property::new("REFRESH-INTERVAL", "PT12H")
            .add_parameter("VALUE", "DURATION")
            .done(),
    );
    match vtimezone(&zone_name, zone, now).parse::<CalendarComponent>() {
        Ok(component) => {
            calendar.push(component);
        }
        Err(error) => tracing::warn!(error = %error, "cannot write the VTIMEZONE"),
    }
    let stamp = now.strftime("%Y%m%dT%H%M%SZ").to_string();
    let first_day = jiff::civil::Date::max(
        profile.birth_date,
        hangmat_core::timeline::local_date(now, zone)
            .checked_sub(7.days())
            .unwrap_or(profile.birth_date),
    );
    for (index, moment) in settings.plan.moments.iter().enumerate() {
        let start = jiff::civil::DateTime::from_parts(first_day, moment.time);
        let summary = match moment.habit {
            Habit::OwnWords => t.get("reminders-calendar-moment-plain"),
            _ => t.text(
                "reminders-calendar-moment",
                "habit",
                &habit_label(t, moment),
            ),
        };
        let mut event = icalendar::Event::new();
        event
            .uid(&uid(profile, &format!("moment-{index}")))
            .summary(&summary)
            .description(&t.get("reminders-calendar-moment-description"))
            .append_property(
                Property::new("DTSTART", start.strftime("%Y%m%dT%H%M%S").to_string())
                    .add_parameter("TZID", &zone_name)
                    .done(),
            )
            .add_property("DURATION", format!("PT{MOMENT_MINUTES}M"))
            .add_property("RRULE", "FREQ=DAILY")
            .add_property("DTSTAMP", stamp.as_str())
            .alarm(Alarm::display(&summary, chrono::Duration::zero()));
        calendar.push(event.done());
    }
    let birth = BirthDate::from_stored(profile.birth_date);
    for (milestone, date) in milestone_dates(programme, birth, settings.prescription_date) {
        let mut event = icalendar::Event::new();
        let end = date.tomorrow().unwrap_or(date);
        event
            .uid(&uid(profile, milestone.as_str()))
            .summary(&t.get(&format!("reminders-calendar-{}", milestone.as_str())))
            .append_property(
                Property::new("DTSTART", date.strftime("%Y%m%d").to_string())
                    .add_parameter("VALUE", "DATE")
                    .done(),
            )
            .append_property(
                Property::new("DTEND", end.strftime("%Y%m%d").to_string())
                    .add_parameter("VALUE", "DATE")
                    .done(),
            )
            .add_property("DTSTAMP", stamp.as_str());
        calendar.push(event.done());
    }
    calendar.done().to_string()
}
