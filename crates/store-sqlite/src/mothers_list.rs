//! The portal's list of her mothers on SQLite: one row per mother, aggregated in SQL, scoped to
//! the physiotherapist's active links, in one read transaction (the zones and the list from one
//! snapshot).
//!
//! sqlx hands every row over from SQLite's worker thread on its own, so a row costs more than the
//! work behind it: the list asks for one row per mother, never one per day or session. Each
//! mother's week is cut in SQL from her zone's days (the caller's calendar, passed as JSON); her
//! week's five numbers come back packed in one text column, `sessions:contractions:easy:fine:hard`,
//! her prescription as `field=value` lines.
//!
//! Plan on the scale benchmark's database (10,000 mothers, 2.4 M outcomes, 500 linked), from
//! `EXPLAIN QUERY PLAN`: her links, each profile by its key, her zone's days from the calendar (a
//! few rows), then per mother subqueries that each seek one index: her latest hold
//! (`hold_changes_profile`, newest first, one row); her last outcome and last tap in the lookback
//! (`MAX(local_date)` on `session_outcomes_profile_day` / `coordination_taps_profile_day`: one seek,
//! not a scan of her history); her week's outcomes and taps (the same indexes over her seven days
//! only); her physiotherapy sessions and prescription (primary keys). A temporary B-tree sorts only
//! her links by label.

use crate::SqliteStore;
use crate::backend::Db;
use crate::rows::{count_at, database, date_from_text, optional_count_at};
use futures_util::TryStreamExt;
use hangmat_core::follow_up::RatingCounts;
use hangmat_core::outcome::Rating;
use hangmat_store::sql::Row as SharedRow;
use hangmat_store::sql::access::{LINK_COLUMNS, link_from_row};
use hangmat_store::sql::daily_loop::profile_from_columns;
use hangmat_store::{
    ListCalendar, ListDays, ListedMother, StaffId, StoreError, StoreResult, WeekTally,
    prescription_from_settings,
};
use jiff::civil::Date;
use sqlx::Row;
use sqlx::sqlite::SqliteRow;

fn optional_date_at(row: &SqliteRow, column: &str) -> StoreResult<Option<Date>> {
    row.try_get::<Option<String>, _>(column)
        .map_err(database)?
        .map(|text| date_from_text(&text))
        .transpose()
}

/// Her week from its packed column.
fn week_at(row: &SqliteRow) -> StoreResult<(u32, u32, RatingCounts)> {
    let text: String = row.try_get("week").map_err(database)?;
    let corrupt = || StoreError::Corrupt(format!("list week {text}"));
    let numbers = text
        .split(':')
        .map(|part| part.parse().map_err(|_| corrupt()))
        .collect::<StoreResult<Vec<u32>>>()?;
    match numbers[..] {
        [sessions, contractions, easy, fine, hard] => {
            Ok((sessions, contractions, RatingCounts { easy, fine, hard }))
        }
        _ => Err(corrupt()),
    }
}

pub(crate) async fn listed_mothers(
    store: &SqliteStore,
    staff: StaffId,
    days_in: &(dyn for<'z> Fn(&'z str) -> ListDays + Sync),
) -> StoreResult<Vec<ListedMother>> {
    let staff = staff.to_string();
    let mut transaction = store.pool.begin().await.map_err(database)?;
    let zones: Vec<String> = sqlx::query_scalar(
        "SELECT DISTINCT p.time_zone FROM links l JOIN profiles p ON p.id = l.profile_id
         WHERE l.staff_id = ?1 AND l.ended_at IS NULL",
    )
    .bind(&staff)
    .fetch_all(&mut *transaction)
    .await
    .map_err(database)?;
    let calendar = ListCalendar::new(zones, days_in);
    let calendar_json = serde_json::to_string(
        &calendar
            .zones()
            .map(|(zone, days)| {
                [
                    zone.clone(),
                    days.week_start.to_string(),
                    days.today.to_string(),
                    days.lookback.to_string(),
                ]
            })
            .collect::<Vec<_>>(),
    )
    .map_err(database)?;

    let query = sqlx::AssertSqlSafe(format!(
        "WITH calendar AS (
             SELECT value ->> 0 AS zone, value ->> 1 AS week_start, value ->> 2 AS today,
                    value ->> 3 AS lookback
             FROM json_each(?2)
         ),
         mothers AS (
             SELECT {LINK_COLUMNS}, p.created_at AS profile_created_at, p.language, p.birth_date,
                    p.time_zone, c.week_start, c.today, c.lookback
             FROM links l JOIN profiles p ON p.id = l.profile_id
                  JOIN calendar c ON c.zone = p.time_zone
             WHERE l.staff_id = ?1 AND l.ended_at IS NULL
         )
         SELECT m.id, m.profile_id, m.staff_id, m.label, m.created_at, m.ended_at, m.ended_by,
                m.profile_created_at, m.language, m.birth_date, m.time_zone,
                (SELECT h.hold_counts FROM hold_changes h WHERE h.profile_id = m.profile_id
                  ORDER BY h.seq DESC LIMIT 1) AS hold_counts,
                (SELECT MAX(o.local_date) FROM session_outcomes o WHERE o.profile_id = m.profile_id
                    AND o.local_date BETWEEN m.lookback AND m.today) AS last_session,
                (SELECT MAX(t.local_date) FROM coordination_taps t WHERE t.profile_id = m.profile_id
                    AND t.local_date BETWEEN m.lookback AND m.today) AS last_tap,
                (SELECT COUNT(*) FILTER (WHERE o.completed) || ':' || COALESCE(SUM(o.contractions), 0)
                        || ':' || COUNT(*) FILTER (WHERE o.rating = ?3)
                        || ':' || COUNT(*) FILTER (WHERE o.rating = ?4)
                        || ':' || COUNT(*) FILTER (WHERE o.rating = ?5)
                   FROM session_outcomes o WHERE o.profile_id = m.profile_id
                    AND o.local_date BETWEEN m.week_start AND m.today) AS week,
                (SELECT COUNT(*) FROM coordination_taps t WHERE t.profile_id = m.profile_id
                    AND t.local_date BETWEEN m.week_start AND m.today) AS week_taps,
                (SELECT COUNT(*) FROM physio_sessions s
                  WHERE s.profile_id = m.profile_id) AS physio_sessions_done,
                (SELECT group_concat(s.field || '=' || s.value, char(10))
                   FROM prescription_settings s WHERE s.profile_id = m.profile_id) AS settings,
                (SELECT r.score FROM questionnaire_responses r
                  WHERE r.profile_id = m.profile_id AND r.questionnaire = ?6
                  ORDER BY r.authored_at DESC LIMIT 1) AS latest_score
         FROM mothers m
         ORDER BY m.label, m.id"
    ));
    let mut mothers = Vec::new();
    let mut rows = sqlx::query(query)
        .bind(&staff)
        .bind(&calendar_json)
        .bind(Rating::Easy.as_str())
        .bind(Rating::Fine.as_str())
        .bind(Rating::Hard.as_str())
        .bind(hangmat_store::LIST_QUESTIONNAIRE)
        .fetch(&mut *transaction);
    while let Some(row) = rows.try_next().await.map_err(database)? {
        let shared = SharedRow::<Db>::new(row);
        let row = shared.raw();
        let profile = profile_from_columns(&shared, "profile_id", "profile_created_at")?;
        let days = calendar.days(&profile.time_zone)?;
        let (sessions, session_contractions, ratings) = week_at(row)?;
        let settings: Option<String> = row.try_get("settings").map_err(database)?;
        mothers.push(ListedMother {
            link: link_from_row(&shared)?,
            profile,
            days,
            week: WeekTally {
                sessions,
                session_contractions,
                taps: count_at(row, "week_taps")?,
                ratings,
            },
            last_active: optional_date_at(row, "last_session")?
                .max(optional_date_at(row, "last_tap")?),
            hold_counts: optional_count_at(row, "hold_counts")?,
            physio_sessions_done: count_at(row, "physio_sessions_done")?,
            prescription: prescription_from_settings(settings.as_deref().unwrap_or("").lines())?,
            latest_score: row.try_get("latest_score").map_err(database)?,
        });
    }
    drop(rows);
    transaction.commit().await.map_err(database)?;
    Ok(mothers)
}
