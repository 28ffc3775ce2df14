//! The SQL both backends run, written once (feature `sql`).
//!
//! SQLite and PostgreSQL understand the same statements for almost everything Hangmat asks of
//! them, so each repository's queries live here, in one module per aggregate, as functions generic
//! over a [`Backend`]. A backend crate keeps only what truly differs: its pools and connection
//! set-up, SQLite's group commit and in-process caches, PostgreSQL's `FOR UPDATE SKIP LOCKED`
//! claims, its migrations, and how it keeps an id and a date ([`Backend::Id`], [`Backend::Date`]:
//! text on SQLite, `uuid` and `date` on PostgreSQL).
//!
//! Writing the shared SQL:
//! - Parameters are `$1`, `$2`, … and each first appears in the text in that order (`$1` before
//!   `$2`; reusing `$1` later is fine). sqlx numbers `$N` by N on both databases today, but SQLite
//!   itself numbers a `$N` by where it first appears, so statements written this way mean the same
//!   whoever numbers them. A test below reads every statement in this module and holds it to that.
//! - Integer columns are read as PostgreSQL declares them (`INTEGER` as `i32`, `SMALLINT` as `i16`,
//!   `BIGINT` as `i64`); SQLite gives any of them from its one integer type.
//! - Times are Unix milliseconds (`BIGINT`) on both.
//!
//! Where a repository is nothing but this SQL on a connection or in a transaction, it is
//! implemented here once for every [`SqlStore`] (staff, sharing, the audit log: sql/access.rs);
//! the others stay in the backends as thin calls into these modules, because around the shared
//! SQL they do something their own (SQLite's caches and group commit, which pool a write uses, a
//! claim with `SKIP LOCKED`). The one place a shared statement differs by backend is
//! [`Backend::LOCK_READ_ROWS`].
//!
//! The small wrappers below ([`Sql`], [`Row`]) exist because Rust does not carry a bound such as
//! "`i64` can be bound on this database" from a trait to the code that uses it; the traits
//! [`Binds`] and [`Reads`] name those bounds once, so the queries read as plain sqlx.

pub mod access;
pub mod care;
pub mod daily_loop;
pub mod diary;
pub mod leaks;
pub mod questionnaires;
pub mod reminders;

use crate::{AuditEntry, ListDays, ListedMother, StaffId, StoreError, StoreResult};
use futures_util::future::BoxFuture;
use jiff::Timestamp;
use jiff::civil::Date;
use sqlx::pool::PoolConnection;
use sqlx::{ColumnIndex, Database, Decode, Encode, Executor, IntoArguments, Type};
use std::future::Future;
use std::marker::PhantomData;
use uuid::Uuid;

/// A database the shared SQL runs on, and what it keeps differently.
pub trait Backend: Send + Sync + 'static {
    /// The sqlx driver, with every value type the shared SQL binds and reads.
    type Database: Runs
        + Keeps<i64>
        + Keeps<Option<i64>>
        + Keeps<i32>
        + Keeps<Option<i32>>
        + Keeps<i16>
        + Keeps<Option<i16>>
        + Keeps<bool>
        + Keeps<Option<bool>>
        + Keeps<String>
        + Keeps<Option<String>>
        + for<'a> Binds<&'a str>
        + for<'a> Binds<&'a String>
        + for<'a> Binds<&'a Option<String>>
        + Binds<Option<&'static str>>
        + Keeps<Self::Id>
        + Keeps<Option<Self::Id>>
        + Keeps<Self::Date>
        + Keeps<Option<Self::Date>>;
    /// How an id (a UUID) is kept.
    type Id: Send + 'static;
    /// How a calendar date is kept.
    type Date: Send + 'static;
    /// What a `SELECT` inside a write transaction ends with to keep the rows it read from
    /// changing until the commit: nothing on SQLite (a write transaction holds the whole file),
    /// ` FOR UPDATE` on PostgreSQL.
    const LOCK_READ_ROWS: &'static str;
    /// `IN (…)` over the ids of a JSON array bound as `$1` ([`ids_json`]): one statement, one
    /// prepared plan, whatever the number of ids. Statements name it `{ids_at_1}` in `format!`
    /// (the parameter-order test below reads that as `$1`). SQLite unpacks it with `json_each`,
    /// PostgreSQL with `jsonb_array_elements_text`.
    const IN_IDS_AT_1: &'static str;

    fn id(id: Uuid) -> Self::Id;
    fn uuid(kept: Self::Id) -> StoreResult<Uuid>;
    fn date(date: Date) -> Self::Date;
    fn from_date(kept: Self::Date) -> StoreResult<Date>;
    /// How many rows a statement changed (sqlx gives it per driver, not through a trait).
    fn rows_affected(result: &<Self::Database as Database>::QueryResult) -> u64;
}

/// A store on one of the sqlx databases, as the repositories that are nothing but shared SQL see
/// it: where a query runs. Those repositories come with it (`impl<S: SqlStore> StaffRepo for S`
/// and the others at the end of sql/access.rs); the backend says only which pool and which kind of
/// transaction.
pub trait SqlStore: Send + Sync {
    type Backend: Backend;

    /// A connection for a read, or for a write of one statement.
    fn connection(
        &self,
    ) -> impl Future<Output = StoreResult<PoolConnection<<Self::Backend as Backend>::Database>>> + Send;

    /// A transaction for a change of several statements that no other change may interleave with.
    fn begin(
        &self,
    ) -> impl Future<
        Output = StoreResult<sqlx::Transaction<'_, <Self::Backend as Backend>::Database>>,
    > + Send;

    /// The portal's list of her mothers: one query tuned in each database's own dialect.
    fn list_mothers(
        &self,
        staff: StaffId,
        days_in: &(dyn for<'z> Fn(&'z str) -> ListDays + Sync),
    ) -> impl Future<Output = StoreResult<Vec<ListedMother>>> + Send;

    /// Many audit lines in one statement (SQLite unpacks JSON, PostgreSQL arrays), in order.
    fn write_audit_lines(
        &self,
        entries: &[AuditEntry],
    ) -> impl Future<Output = StoreResult<()>> + Send;
}

/// The connection a shared query runs on: one from a pool, or a transaction (`&mut *transaction`).
pub type Connection<B> = <<B as Backend>::Database as Database>::Connection;

/// A value `DB` can take as a parameter.
pub trait Binds<T>: Database {
    fn bind_to(
        query: sqlx::query::Query<'static, Self, Self::Arguments>,
        value: T,
    ) -> sqlx::query::Query<'static, Self, Self::Arguments>;
}

impl<DB: Database, T> Binds<T> for DB
where
    T: for<'t> Encode<'t, DB> + Type<DB>,
{
    fn bind_to(
        query: sqlx::query::Query<'static, Self, Self::Arguments>,
        value: T,
    ) -> sqlx::query::Query<'static, Self, Self::Arguments> {
        query.bind(value)
    }
}

/// A column of a row: by position or by name.
#[derive(Debug, Clone, Copy)]
pub enum Column<'a> {
    At(usize),
    Named(&'a str),
}

impl From<usize> for Column<'_> {
    fn from(index: usize) -> Self {
        Self::At(index)
    }
}

impl<'a> From<&'a str> for Column<'a> {
    fn from(name: &'a str) -> Self {
        Self::Named(name)
    }
}

/// A value `DB` can give back from a column.
pub trait Reads<T>: Database {
    fn read(row: &Self::Row, column: Column<'_>) -> Result<T, sqlx::Error>;
}

impl<DB: Database, T> Reads<T> for DB
where
    T: for<'r> Decode<'r, DB> + Type<DB>,
    usize: ColumnIndex<DB::Row>,
    for<'a> &'a str: ColumnIndex<DB::Row>,
{
    fn read(row: &Self::Row, column: Column<'_>) -> Result<T, sqlx::Error> {
        use sqlx::Row as _;
        match column {
            Column::At(index) => row.try_get(index),
            Column::Named(name) => row.try_get(name),
        }
    }
}

/// A value `DB` both takes and gives back.
pub trait Keeps<T>: Binds<T> + Reads<T> {}

impl<DB: Binds<T> + Reads<T>, T> Keeps<T> for DB {}

/// Running a statement on a connection.
pub trait Runs: Database {
    fn execute_on<'c>(
        connection: &'c mut Self::Connection,
        query: sqlx::query::Query<'static, Self, Self::Arguments>,
    ) -> BoxFuture<'c, Result<Self::QueryResult, sqlx::Error>>;
    fn fetch_all_on<'c>(
        connection: &'c mut Self::Connection,
        query: sqlx::query::Query<'static, Self, Self::Arguments>,
    ) -> BoxFuture<'c, Result<Vec<Self::Row>, sqlx::Error>>;
    fn fetch_optional_on<'c>(
        connection: &'c mut Self::Connection,
        query: sqlx::query::Query<'static, Self, Self::Arguments>,
    ) -> BoxFuture<'c, Result<Option<Self::Row>, sqlx::Error>>;
}

impl<DB: Database> Runs for DB
where
    for<'c> &'c mut DB::Connection: Executor<'c, Database = DB>,
    DB::Arguments: IntoArguments<DB>,
{
    fn execute_on<'c>(
        connection: &'c mut Self::Connection,
        query: sqlx::query::Query<'static, Self, Self::Arguments>,
    ) -> BoxFuture<'c, Result<Self::QueryResult, sqlx::Error>> {
        connection.execute(query)
    }

    fn fetch_all_on<'c>(
        connection: &'c mut Self::Connection,
        query: sqlx::query::Query<'static, Self, Self::Arguments>,
    ) -> BoxFuture<'c, Result<Vec<Self::Row>, sqlx::Error>> {
        connection.fetch_all(query)
    }

    fn fetch_optional_on<'c>(
        connection: &'c mut Self::Connection,
        query: sqlx::query::Query<'static, Self, Self::Arguments>,
    ) -> BoxFuture<'c, Result<Option<Self::Row>, sqlx::Error>> {
        connection.fetch_optional(query)
    }
}

/// A database error, cause kept for the logs.
pub fn database(error: impl std::error::Error + Send + Sync + 'static) -> StoreError {
    StoreError::Database(Box::new(error))
}

/// A unique-constraint violation means an id or name is taken; anything else is a database error.
pub fn taken_or_database(error: sqlx::Error) -> StoreError {
    match &error {
        sqlx::Error::Database(db) if db.is_unique_violation() => StoreError::IdTaken,
        _ => database(error),
    }
}

/// Ids as the JSON array that [`Backend::IN_IDS_AT_1`] unpacks.
/// (A UUID's text is hex digits and hyphens: nothing in it needs escaping.)
pub fn ids_json(ids: impl IntoIterator<Item = Uuid>) -> String {
    let quoted: Vec<String> = ids.into_iter().map(|id| format!("\"{id}\"")).collect();
    format!("[{}]", quoted.join(","))
}

/// A stored time (Unix milliseconds).
pub fn millis(at: Timestamp) -> i64 {
    at.as_millisecond()
}

pub fn timestamp_from_millis(value: i64) -> StoreResult<Timestamp> {
    Timestamp::from_millisecond(value)
        .map_err(|_| StoreError::Corrupt(format!("timestamp {value}")))
}

/// A count kept in an `INTEGER` column (never negative).
pub fn count_from(value: i32, what: &str) -> StoreResult<u32> {
    u32::try_from(value).map_err(|_| StoreError::Corrupt(format!("{what} {value}")))
}

/// A count to keep in an `INTEGER` column.
pub fn small(value: u32) -> i32 {
    i32::try_from(value).unwrap_or(i32::MAX)
}

/// One statement of the shared SQL, with its parameters: `sql::<B>("…").bind(…).execute(…)`.
pub struct Sql<B: Backend> {
    query: sqlx::query::Query<'static, B::Database, <B::Database as Database>::Arguments>,
    on_error: fn(sqlx::Error) -> StoreError,
    backend: PhantomData<B>,
}

/// A statement of fixed text.
pub fn sql<B: Backend>(text: &'static str) -> Sql<B> {
    Sql {
        query: sqlx::query(text),
        on_error: database,
        backend: PhantomData,
    }
}

/// A statement put together from fixed pieces (column lists, table names), never from input.
pub fn sql_from_parts<B: Backend>(text: String) -> Sql<B> {
    Sql {
        query: sqlx::query(sqlx::AssertSqlSafe(text)),
        on_error: database,
        backend: PhantomData,
    }
}

impl<B: Backend> Sql<B> {
    pub fn bind<T>(mut self, value: T) -> Self
    where
        B::Database: Binds<T>,
    {
        self.query = <B::Database as Binds<T>>::bind_to(self.query, value);
        self
    }

    pub fn bind_id(self, id: Uuid) -> Self {
        self.bind(B::id(id))
    }

    pub fn bind_optional_id(self, id: Option<Uuid>) -> Self {
        self.bind(id.map(B::id))
    }

    pub fn bind_date(self, date: Date) -> Self {
        self.bind(B::date(date))
    }

    pub fn bind_optional_date(self, date: Option<Date>) -> Self {
        self.bind(date.map(B::date))
    }

    /// A time, as Unix milliseconds.
    pub fn bind_at(self, at: Timestamp) -> Self {
        self.bind(millis(at))
    }

    pub fn bind_optional_at(self, at: Option<Timestamp>) -> Self {
        self.bind(at.map(millis))
    }

    /// A unique-constraint violation answers [`StoreError::IdTaken`].
    pub fn taken_if_duplicate(mut self) -> Self {
        self.on_error = taken_or_database;
        self
    }

    /// Runs the statement; answers how many rows it changed.
    pub async fn execute(self, connection: &mut Connection<B>) -> StoreResult<u64> {
        let result = B::Database::execute_on(connection, self.query)
            .await
            .map_err(self.on_error)?;
        Ok(B::rows_affected(&result))
    }

    pub async fn fetch_all(self, connection: &mut Connection<B>) -> StoreResult<Vec<Row<B>>> {
        let rows = B::Database::fetch_all_on(connection, self.query)
            .await
            .map_err(self.on_error)?;
        Ok(rows.into_iter().map(Row::new).collect())
    }

    pub async fn fetch_optional(
        self,
        connection: &mut Connection<B>,
    ) -> StoreResult<Option<Row<B>>> {
        let row = B::Database::fetch_optional_on(connection, self.query)
            .await
            .map_err(self.on_error)?;
        Ok(row.map(Row::new))
    }

    /// The one row the statement gives; none is a database error.
    pub async fn fetch_one(self, connection: &mut Connection<B>) -> StoreResult<Row<B>> {
        self.fetch_optional(connection)
            .await?
            .ok_or_else(|| database(sqlx::Error::RowNotFound))
    }
}

/// A row a shared query read, with its columns turned into core's types.
pub struct Row<B: Backend> {
    row: <B::Database as Database>::Row,
}

impl<B: Backend> Row<B> {
    /// A row read through sqlx directly (a backend's own query).
    pub fn new(row: <B::Database as Database>::Row) -> Self {
        Self { row }
    }

    /// The row as sqlx gave it.
    pub fn raw(&self) -> &<B::Database as Database>::Row {
        &self.row
    }

    pub fn get<'a, T>(&self, column: impl Into<Column<'a>>) -> StoreResult<T>
    where
        B::Database: Reads<T>,
    {
        <B::Database as Reads<T>>::read(&self.row, column.into()).map_err(database)
    }

    pub fn id<'a>(&self, column: impl Into<Column<'a>>) -> StoreResult<Uuid> {
        B::uuid(self.get(column)?)
    }

    pub fn optional_id<'a>(&self, column: impl Into<Column<'a>>) -> StoreResult<Option<Uuid>> {
        self.get::<Option<B::Id>>(column)?.map(B::uuid).transpose()
    }

    pub fn date<'a>(&self, column: impl Into<Column<'a>>) -> StoreResult<Date> {
        B::from_date(self.get(column)?)
    }

    pub fn optional_date<'a>(&self, column: impl Into<Column<'a>>) -> StoreResult<Option<Date>> {
        self.get::<Option<B::Date>>(column)?
            .map(B::from_date)
            .transpose()
    }

    /// A time kept as Unix milliseconds.
    pub fn at<'a>(&self, column: impl Into<Column<'a>>) -> StoreResult<Timestamp> {
        timestamp_from_millis(self.get(column)?)
    }

    pub fn optional_at<'a>(&self, column: impl Into<Column<'a>>) -> StoreResult<Option<Timestamp>> {
        self.get::<Option<i64>>(column)?
            .map(timestamp_from_millis)
            .transpose()
    }

    /// A count kept in an `INTEGER` column.
    pub fn count(&self, column: &str) -> StoreResult<u32> {
        count_from(self.get(column)?, column)
    }
}

#[cfg(test)]
mod tests {
    /// Every string literal in the shared SQL's source files.
    fn literals() -> Vec<(&'static str, String)> {
        let files = [
            ("sql.rs", include_str!("sql.rs")),
            ("sql/access.rs", include_str!("sql/access.rs")),
            ("sql/care.rs", include_str!("sql/care.rs")),
            ("sql/daily_loop.rs", include_str!("sql/daily_loop.rs")),
            ("sql/leaks.rs", include_str!("sql/leaks.rs")),
            (
                "sql/questionnaires.rs",
                include_str!("sql/questionnaires.rs"),
            ),
            ("sql/reminders.rs", include_str!("sql/reminders.rs")),
        ];
        let mut found = Vec::new();
        for (name, source) in files {
            // Code only: not comments, and not these tests (their statements are wrong on purpose).
            let code: String = source
                .split("#[cfg(test)]")
                .next()
                .unwrap_or_default()
                .lines()
                .filter(|line| !line.trim_start().starts_with("//"))
                .collect::<Vec<_>>()
                .join("\n");
            let mut rest = code.as_str();
            while let Some(start) = rest.find('"') {
                let after = &rest[start + 1..];
                let Some(end) = after.find('"') else { break };
                found.push((name, after[..end].to_owned()));
                rest = &after[end + 1..];
            }
        }
        found
    }

    /// The `$N` parameters of a statement in the order they first appear. A statement made
    /// with `format!` names [`Backend::IN_IDS_AT_1`] as `{ids_at_1}`: that is its `$1`.
    fn first_appearances(text: &str) -> Vec<u32> {
        let text = text.replace("{ids_at_1}", "$1");
        let text = text.as_str();
        let mut order = Vec::new();
        for (i, c) in text.char_indices() {
            if c != '$' {
                continue;
            }
            let digits: String = text[i + 1..]
                .chars()
                .take_while(char::is_ascii_digit)
                .collect();
            if let Ok(n) = digits.parse::<u32>()
                && !order.contains(&n)
            {
                order.push(n);
            }
        }
        order
    }

    #[test]
    fn shared_statements_use_their_parameters_in_order_of_first_appearance() {
        let mut checked = 0;
        for (file, text) in literals() {
            let order = first_appearances(&text);
            if order.is_empty() {
                continue;
            }
            checked += 1;
            let expected: Vec<u32> = (1..=u32::try_from(order.len()).unwrap_or(0)).collect();
            assert_eq!(
                order, expected,
                "{file}: parameters must first appear as $1, $2, …: {text}"
            );
        }
        assert!(checked > 10, "only {checked} statements found");
    }

    #[test]
    fn the_order_check_sees_a_reversed_statement() {
        assert_eq!(first_appearances("SELECT $2, $1, $2"), vec![2, 1]);
        assert_eq!(
            first_appearances("UPDATE t SET a = $1 WHERE b = $2 AND c < $1"),
            vec![1, 2]
        );
    }
}
