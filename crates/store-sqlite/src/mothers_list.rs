//! The portal's list of her mothers on SQLite: four queries in one read transaction (one snapshot
//! of her links), each scoped to the physiotherapist's active links, their rows streamed and
//! folded as they come (never all held at once).
//!
//! Plans on the scale benchmark's database (10,000 mothers, 2.4 M outcomes, 500 linked), from
//! `EXPLAIN QUERY PLAN`; none sorts more than her links:
//! - mothers: her links (`links_staff`), each profile by its key, and per mother four correlated
//!   subqueries that each seek one index: the latest hold (`hold_changes_profile`, newest `seq`
//!   first, one row), the last outcome and the last tap before the window (`MAX(local_date)` on
//!   `session_outcomes_profile_day` / `coordination_taps_profile_day`: one seek, not a scan of her
//!   history), the physiotherapy sessions (covering primary key). A temporary B-tree sorts only
//!   the rows of her links by label.
//! - sessions per day and taps per day: the linked profiles as a `LIST SUBQUERY`, then the
//!   `(profile_id, local_date)` index over the window only; the index order is the `GROUP BY`'s,
//!   so nothing is sorted. Ratings are counted per day (`FILTER`), not returned as rows.
//! - prescription settings: by the primary key `(profile_id, field)`.

use crate::SqliteStore;
use crate::access::{LINK_COLUMNS, link_from_row};
use crate::rows::{count_at, database, date_from_text, optional_count_at, uuid_from_text};
use futures_util::TryStreamExt;
use hangmat_core::follow_up::RatingCounts;
use hangmat_core::outcome::Rating;
use hangmat_store::{
    ListAssembly, ListedMother, ListedMotherHead, ProfileId, StaffId, StoreResult,
};
use jiff::civil::Date;
use sqlx::Row;
use sqlx::sqlite::SqliteRow;

/// The profiles of the physiotherapist's (`?1`) active links: the scope of every query below.
const LINKED: &str = "SELECT profile_id FROM links WHERE staff_id = ?1 AND ended_at IS NULL";

fn profile_at(row: &SqliteRow, column: &str) -> StoreResult<ProfileId> {
    Ok(ProfileId(uuid_from_text(
        &row.try_get::<String, _>(column).map_err(database)?,
    )?))
}

fn date_at(row: &SqliteRow, column: &str) -> StoreResult<Date> {
    date_from_text(&row.try_get::<String, _>(column).map_err(database)?)
}

fn optional_date_at(row: &SqliteRow, column: &str) -> StoreResult<Option<Date>> {
    row.try_get::<Option<String>, _>(column)
        .map_err(database)?
        .map(|text| date_from_text(&text))
        .transpose()
}

pub(crate) async fn listed_mothers(
    store: &SqliteStore,
    staff: StaffId,
    from: Date,
    to: Date,
) -> StoreResult<Vec<ListedMother>> {
    let mut transaction = store.pool.begin().await.map_err(database)?;
    let (staff, from, to) = (staff.to_string(), from.to_string(), to.to_string());
    let mut list = ListAssembly::default();

    let query = sqlx::AssertSqlSafe(format!(
        "SELECT {LINK_COLUMNS}, p.created_at AS profile_created_at, p.language, p.birth_date,
                p.time_zone,
                (SELECT h.hold_counts FROM hold_changes h WHERE h.profile_id = l.profile_id
                  ORDER BY h.seq DESC LIMIT 1) AS hold_counts,
                (SELECT MAX(o.local_date) FROM session_outcomes o
                  WHERE o.profile_id = l.profile_id AND o.local_date < ?2) AS sessions_before,
                (SELECT MAX(t.local_date) FROM coordination_taps t
                  WHERE t.profile_id = l.profile_id AND t.local_date < ?2) AS taps_before,
                (SELECT COUNT(*) FROM physio_sessions s
                  WHERE s.profile_id = l.profile_id) AS physio_sessions_done
         FROM links l JOIN profiles p ON p.id = l.profile_id
         WHERE l.staff_id = ?1 AND l.ended_at IS NULL
         ORDER BY l.label, l.id"
    ));
    let mut rows = sqlx::query(query)
        .bind(&staff)
        .bind(&from)
        .fetch(&mut *transaction);
    while let Some(row) = rows.try_next().await.map_err(database)? {
        list.push_mother(ListedMotherHead {
            link: link_from_row(&row)?,
            profile: crate::profile_from_columns(&row, "profile_id", "profile_created_at")?,
            sessions_before: optional_date_at(&row, "sessions_before")?,
            taps_before: optional_date_at(&row, "taps_before")?,
            hold_counts: optional_count_at(&row, "hold_counts")?,
            physio_sessions_done: count_at(&row, "physio_sessions_done")?,
        });
    }
    drop(rows);

    let query = sqlx::AssertSqlSafe(format!(
        "SELECT o.profile_id, o.local_date, COUNT(*) AS sessions,
                SUM(o.contractions) AS contractions,
                COUNT(*) FILTER (WHERE o.rating = ?4) AS easy,
                COUNT(*) FILTER (WHERE o.rating = ?5) AS fine,
                COUNT(*) FILTER (WHERE o.rating = ?6) AS hard
         FROM session_outcomes o
         WHERE o.profile_id IN ({LINKED}) AND o.local_date BETWEEN ?2 AND ?3
         GROUP BY o.profile_id, o.local_date"
    ));
    let mut rows = sqlx::query(query)
        .bind(&staff)
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
            profile_at(&row, "profile_id")?,
            date_at(&row, "local_date")?,
            count_at(&row, "sessions")?,
            count_at(&row, "contractions")?,
            ratings,
        );
    }
    drop(rows);

    let query = sqlx::AssertSqlSafe(format!(
        "SELECT t.profile_id, t.local_date, COUNT(*) AS taps FROM coordination_taps t
         WHERE t.profile_id IN ({LINKED}) AND t.local_date BETWEEN ?2 AND ?3
         GROUP BY t.profile_id, t.local_date"
    ));
    let mut rows = sqlx::query(query)
        .bind(&staff)
        .bind(&from)
        .bind(&to)
        .fetch(&mut *transaction);
    while let Some(row) = rows.try_next().await.map_err(database)? {
        list.add_taps(
            profile_at(&row, "profile_id")?,
            date_at(&row, "local_date")?,
            count_at(&row, "taps")?,
        );
    }
    drop(rows);

    let query = sqlx::AssertSqlSafe(format!(
        "SELECT profile_id, field, value FROM prescription_settings
         WHERE profile_id IN ({LINKED})"
    ));
    let mut rows = sqlx::query(query).bind(&staff).fetch(&mut *transaction);
    while let Some(row) = rows.try_next().await.map_err(database)? {
        list.add_prescription_setting(
            profile_at(&row, "profile_id")?,
            row.try_get("field").map_err(database)?,
            row.try_get("value").map_err(database)?,
        );
    }
    drop(rows);
    transaction.commit().await.map_err(database)?;
    list.finish()
}
