//! Her bladder diaries: each diary (who asked for it, when it began, how many days it runs) and
//! its entries under ids her page made, so a form sent twice counts once.
//!
//! A leak during her diary is not an entry of its own: it is a leak of her leak log (the `leaks`
//! table), and a diary's entries include the leaks inside its span. One place for each thing: a
//! leak she tapped on Today during her diary counts in the diary too.

use crate::{ProfileId, StoreResult, Written};
use async_trait::async_trait;
use hangmat_core::diary::{AskedBy, Entry, Span};
use jiff::Timestamp;
use jiff::civil::Date;
use uuid::Uuid;

/// A diary as kept: asked for (by her or her physiotherapist), then started, then over.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct StoredDiary {
    pub id: Uuid,
    pub asked_by: AskedBy,
    pub asked_at: Timestamp,
    pub planned_days: u32,
    /// When she began it; `None` while a request waits for her.
    pub started: Option<Timestamp>,
    /// When she ended it before its planned days were over.
    pub ended: Option<Timestamp>,
}

impl StoredDiary {
    /// Its span once she has started it.
    pub fn span(&self) -> Option<Span> {
        self.started.map(|started| Span {
            started,
            planned_days: self.planned_days,
            ended: self.ended,
        })
    }
}

/// One line of a diary with its id (a leak's line carries the leak's id).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DiaryLine {
    pub id: Uuid,
    pub entry: Entry,
}

/// Her diaries and their own entries (the leaks are in her leak log), for moving or exporting.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DiaryDump {
    pub diaries: Vec<StoredDiary>,
    /// (diary id, line, received at); never a leak.
    pub entries: Vec<(Uuid, DiaryLine, Timestamp)>,
}

#[async_trait]
pub trait DiaryRepo: Send + Sync {
    /// Keeps a diary under the id her page (or the portal's form) made; the same id again is
    /// `AlreadyThere` and changes nothing; someone else's id is refused.
    async fn ask_for_diary(&self, profile: ProfileId, diary: &StoredDiary) -> StoreResult<Written>;
    /// Starts a diary that waits for her; answers whether it did (not hers, or already started:
    /// false).
    async fn start_diary(&self, profile: ProfileId, id: Uuid, at: Timestamp) -> StoreResult<bool>;
    /// Ends her started diary at `at`; answers whether it did.
    async fn end_diary(&self, profile: ProfileId, id: Uuid, at: Timestamp) -> StoreResult<bool>;
    /// Her diaries, the latest asked for first.
    async fn diaries(&self, profile: ProfileId) -> StoreResult<Vec<StoredDiary>>;
    /// Saves an entry of her diary `diary` under its page-made id. A leak goes to her leak log
    /// (counted on `leak_date`, her local day). A retry is `AlreadyThere`; an id of someone else,
    /// or a diary not hers, is refused ([`crate::StoreError::IdTaken`]).
    async fn save_diary_entry(
        &self,
        profile: ProfileId,
        diary: Uuid,
        line: &DiaryLine,
        leak_date: Date,
        received_at: Timestamp,
    ) -> StoreResult<Written>;
    /// Her diary's lines inside its span, in time order: its own entries and her leaks (none for
    /// a diary not hers or not started).
    async fn diary_lines(&self, profile: ProfileId, diary: Uuid) -> StoreResult<Vec<DiaryLine>>;
    /// Removes a line of hers (a diary entry or a leak); answers whether there was one.
    async fn remove_diary_line(&self, profile: ProfileId, id: Uuid) -> StoreResult<bool>;
    /// Her latest measured amounts of voids (`drinks` false) or drinks, newest first, at most 20.
    async fn latest_amounts(&self, profile: ProfileId, drinks: bool) -> StoreResult<Vec<u32>>;
}
