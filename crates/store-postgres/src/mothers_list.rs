//! The portal's list of her mothers on PostgreSQL: the SQLite backend's query in PostgreSQL's
//! dialect (the calendar as arrays, her week as a lateral aggregate, her prescription as an
//! array), one row per mother, scoped to the physiotherapist's active links, in one read-only
//! repeatable-read transaction. Per mother, her latest hold and her last outcome and tap are
//! single index seeks (`hold_changes_profile`, `session_outcomes_profile_day`,
//! `coordination_taps_profile_day`); her week reads those indexes over her seven days only.

use crate::backend::Db;
use crate::{PgStore, count, database, date};
use futures_util::TryStreamExt;
use hangmat_core::follow_up::RatingCounts;
use hangmat_core::outcome::Rating;
use hangmat_store::sql::Row as SharedRow;
use hangmat_store::sql::access::{LINK_COLUMNS, link_from_row};
use hangmat_store::sql::daily_loop::profile_from_columns;
use hangmat_store::{
    ListCalendar, ListDays, ListedMother, StaffId, StoreResult, WeekTally,
    prescription_from_settings,
};
use jiff::civil::Date;
use sqlx::Row;
use sqlx::postgres::PgRow;

fn count_at(row: &PgRow, column: &str) -> StoreResult<u32> {
    count(row.try_get(column).map_err(database)?)
}

fn optional_date_at(row: &PgRow, column: &str) -> StoreResult<Option<Date>> {
    row.try_get::<Option<String>, _>(column)
        .map_err(database)?
        .map(|text| date(&text))
        .transpose()
}

pub(crate) async fn listed_mothers(
    store: &PgStore,
    staff: StaffId,
    days_in: &(dyn for<'z> Fn(&'z str) -> ListDays + Sync),
) -> StoreResult<Vec<ListedMother>> {
    let mut transaction = store
        .pool
        .begin_with("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")
        .await
        .map_err(database)?;
    let zones: Vec<String> = sqlx::query_scalar(
        "SELECT DISTINCT p.time_zone FROM links l JOIN profiles p ON p.id = l.profile_id
         WHERE l.staff_id = $1 AND l.ended_at IS NULL",
    )
    .bind(staff.0)
    .fetch_all(&mut *transaction)
    .await
    .map_err(database)?;
    let calendar = ListCalendar::new(zones, days_in);
    let (zones, days): (Vec<&String>, Vec<&ListDays>) = calendar.zones().unzip();
    let column = |day: fn(&ListDays) -> Date| -> Vec<String> {
        days.iter().map(|days| day(days).to_string()).collect()
    };

    let query = sqlx::AssertSqlSafe(format!(
        "WITH calendar AS (
             SELECT * FROM unnest($2::text[], $3::date[], $4::date[], $5::date[])
                    AS c (zone, week_start, today, lookback)
         ),
         mothers AS (
             SELECT {LINK_COLUMNS}, p.created_at AS profile_created_at, p.language,
                    p.birth_date, p.time_zone, c.week_start, c.today,
                    c.lookback
             FROM links l JOIN profiles p ON p.id = l.profile_id
                  JOIN calendar c ON c.zone = p.time_zone
             WHERE l.staff_id = $1 AND l.ended_at IS NULL
         )
         SELECT m.*, w.*,
                (SELECT h.hold_counts FROM hold_changes h WHERE h.profile_id = m.profile_id
                  ORDER BY h.seq DESC LIMIT 1) AS hold_counts,
                (SELECT MAX(o.local_date)::text FROM session_outcomes o
                  WHERE o.profile_id = m.profile_id
                    AND o.local_date BETWEEN m.lookback AND m.today) AS last_session,
                (SELECT MAX(t.local_date)::text FROM coordination_taps t
                  WHERE t.profile_id = m.profile_id
                    AND t.local_date BETWEEN m.lookback AND m.today) AS last_tap,
                (SELECT COUNT(*)::int FROM coordination_taps t WHERE t.profile_id = m.profile_id
                    AND t.local_date BETWEEN m.week_start AND m.today) AS week_taps,
                (SELECT COUNT(*)::int FROM physio_sessions s
                  WHERE s.profile_id = m.profile_id) AS physio_sessions_done,
                ARRAY(SELECT s.field || '=' || s.value FROM prescription_settings s
                       WHERE s.profile_id = m.profile_id) AS settings,
                (SELECT r.score FROM questionnaire_responses r
                  WHERE r.profile_id = m.profile_id AND r.questionnaire = $9
                  ORDER BY r.authored_at DESC LIMIT 1) AS latest_score
         FROM mothers m
         CROSS JOIN LATERAL (
             SELECT (COUNT(*) FILTER (WHERE o.completed))::int AS week_sessions,
                    COALESCE(SUM(o.contractions), 0)::int AS week_contractions,
                    (COUNT(*) FILTER (WHERE o.rating = $6))::int AS week_easy,
                    (COUNT(*) FILTER (WHERE o.rating = $7))::int AS week_fine,
                    (COUNT(*) FILTER (WHERE o.rating = $8))::int AS week_hard
             FROM session_outcomes o
             WHERE o.profile_id = m.profile_id AND o.local_date BETWEEN m.week_start AND m.today
         ) w
         ORDER BY m.label, m.id"
    ));
    let mut mothers = Vec::new();
    let mut rows = sqlx::query(query)
        .bind(staff.0)
        .bind(zones)
        .bind(column(|days| days.week_start))
        .bind(column(|days| days.today))
        .bind(column(|days| days.lookback))
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
        let settings: Vec<String> = row.try_get("settings").map_err(database)?;
        let hold: Option<i32> = row.try_get("hold_counts").map_err(database)?;
        mothers.push(ListedMother {
            link: link_from_row(&shared)?,
            profile,
            days,
            week: WeekTally {
                sessions: count_at(row, "week_sessions")?,
                session_contractions: count_at(row, "week_contractions")?,
                taps: count_at(row, "week_taps")?,
                ratings: RatingCounts {
                    easy: count_at(row, "week_easy")?,
                    fine: count_at(row, "week_fine")?,
                    hard: count_at(row, "week_hard")?,
                },
            },
            last_active: optional_date_at(row, "last_session")?
                .max(optional_date_at(row, "last_tap")?),
            hold_counts: hold.map(count).transpose()?,
            physio_sessions_done: count_at(row, "physio_sessions_done")?,
            prescription: prescription_from_settings(settings.iter().map(String::as_str))?,
            latest_score: row.try_get("latest_score").map_err(database)?,
        });
    }
    drop(rows);
    transaction.commit().await.map_err(database)?;
    Ok(mothers)
}
