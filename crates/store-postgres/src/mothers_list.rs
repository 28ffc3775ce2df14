//! The portal's list of her mothers on PostgreSQL: the SQLite backend's four queries in
//! PostgreSQL's dialect, in one read-only repeatable-read transaction (one snapshot of her links),
//! each scoped to the physiotherapist's active links, their rows streamed and folded as they come.
//! Per mother, her latest hold and her last outcome and tap before the window are single index
//! seeks (`hold_changes_profile`, `session_outcomes_profile_day`, `coordination_taps_profile_day`);
//! days are aggregated over the window only, and ratings counted per day (`FILTER`).

use crate::access::{LINK_COLUMNS, link_from_row};
use crate::{PgStore, count, database, date, profile_from_columns};
use futures_util::TryStreamExt;
use hangmat_core::follow_up::RatingCounts;
use hangmat_core::outcome::Rating;
use hangmat_store::{
    ListAssembly, ListedMother, ListedMotherHead, ProfileId, StaffId, StoreResult,
};
use jiff::civil::Date;
use sqlx::Row;
use sqlx::postgres::PgRow;

/// The profiles of the physiotherapist's (`$1`) active links: the scope of every query below.
const LINKED: &str = "SELECT profile_id FROM links WHERE staff_id = $1 AND ended_at IS NULL";

fn count_at(row: &PgRow, column: &str) -> StoreResult<u32> {
    count(row.try_get(column).map_err(database)?)
}

fn date_at(row: &PgRow, column: &str) -> StoreResult<Date> {
    date(&row.try_get::<String, _>(column).map_err(database)?)
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
    from: Date,
    to: Date,
) -> StoreResult<Vec<ListedMother>> {
    let mut transaction = store
        .pool
        .begin_with("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")
        .await
        .map_err(database)?;
    let (from, to) = (from.to_string(), to.to_string());
    let mut list = ListAssembly::default();

    let query = sqlx::AssertSqlSafe(format!(
        "SELECT {LINK_COLUMNS}, p.created_at AS profile_created_at, p.language,
                p.birth_date::text AS birth_date, p.time_zone,
                (SELECT h.hold_counts FROM hold_changes h WHERE h.profile_id = l.profile_id
                  ORDER BY h.seq DESC LIMIT 1) AS hold_counts,
                (SELECT MAX(o.local_date)::text FROM session_outcomes o
                  WHERE o.profile_id = l.profile_id AND o.local_date < $2::date) AS sessions_before,
                (SELECT MAX(t.local_date)::text FROM coordination_taps t
                  WHERE t.profile_id = l.profile_id AND t.local_date < $2::date) AS taps_before,
                (SELECT COUNT(*)::int FROM physio_sessions s
                  WHERE s.profile_id = l.profile_id) AS physio_sessions_done
         FROM links l JOIN profiles p ON p.id = l.profile_id
         WHERE l.staff_id = $1 AND l.ended_at IS NULL
         ORDER BY l.label, l.id"
    ));
    let mut rows = sqlx::query(query)
        .bind(staff.0)
        .bind(&from)
        .fetch(&mut *transaction);
    while let Some(row) = rows.try_next().await.map_err(database)? {
        let hold: Option<i32> = row.try_get("hold_counts").map_err(database)?;
        list.push_mother(ListedMotherHead {
            link: link_from_row(&row)?,
            profile: profile_from_columns(&row, "profile_id", "profile_created_at")?,
            sessions_before: optional_date_at(&row, "sessions_before")?,
            taps_before: optional_date_at(&row, "taps_before")?,
            hold_counts: hold.map(count).transpose()?,
            physio_sessions_done: count_at(&row, "physio_sessions_done")?,
        });
    }
    drop(rows);

    let query = sqlx::AssertSqlSafe(format!(
        "SELECT o.profile_id, o.local_date::text AS local_date, COUNT(*)::int AS sessions,
                SUM(o.contractions)::int AS contractions,
                (COUNT(*) FILTER (WHERE o.rating = $4))::int AS easy,
                (COUNT(*) FILTER (WHERE o.rating = $5))::int AS fine,
                (COUNT(*) FILTER (WHERE o.rating = $6))::int AS hard
         FROM session_outcomes o
         WHERE o.profile_id IN ({LINKED}) AND o.local_date BETWEEN $2::date AND $3::date
         GROUP BY o.profile_id, o.local_date"
    ));
    let mut rows = sqlx::query(query)
        .bind(staff.0)
        .bind(&from)
        .bind(&to)
        .bind(Rating::Easy.as_str())
        .bind(Rating::Fine.as_str())
        .bind(Rating::Hard.as_str())
        .fetch(&mut *transaction);
    while let Some(row) = rows.try_next().await.map_err(database)? {
        let ratings = RatingCounts {
            easy: count_at(&row, "easy")?,
            fine: count_at(&row, "fine")?,
            hard: count_at(&row, "hard")?,
        };
        list.add_sessions(
            ProfileId(row.try_get("profile_id").map_err(database)?),
            date_at(&row, "local_date")?,
            count_at(&row, "sessions")?,
            count_at(&row, "contractions")?,
            ratings,
        );
    }
    drop(rows);

    let query = sqlx::AssertSqlSafe(format!(
        "SELECT t.profile_id, t.local_date::text AS local_date, COUNT(*)::int AS taps
         FROM coordination_taps t
         WHERE t.profile_id IN ({LINKED}) AND t.local_date BETWEEN $2::date AND $3::date
         GROUP BY t.profile_id, t.local_date"
    ));
    let mut rows = sqlx::query(query)
        .bind(staff.0)
        .bind(&from)
        .bind(&to)
        .fetch(&mut *transaction);
    while let Some(row) = rows.try_next().await.map_err(database)? {
        list.add_taps(
            ProfileId(row.try_get("profile_id").map_err(database)?),
            date_at(&row, "local_date")?,
            count_at(&row, "taps")?,
        );
    }
    drop(rows);

    let query = sqlx::AssertSqlSafe(format!(
        "SELECT profile_id, field, value FROM prescription_settings
         WHERE profile_id IN ({LINKED})"
    ));
    let mut rows = sqlx::query(query).bind(staff.0).fetch(&mut *transaction);
    while let Some(row) = rows.try_next().await.map_err(database)? {
        list.add_prescription_setting(
            ProfileId(row.try_get("profile_id").map_err(database)?),
            row.try_get("field").map_err(database)?,
            row.try_get("value").map_err(database)?,
        );
    }
    drop(rows);
    transaction.commit().await.map_err(database)?;
    list.finish()
}
