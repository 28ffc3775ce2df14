//! Her care in SQLite: the shared SQL (`hangmat_store::sql::care`), her prescription kept in the
//! read cache (cache.rs: every request of hers reads it), and counting sessions for many mothers in
//! chunks of bound parameters (SQLite has no arrays).

use crate::SqliteStore;
use crate::backend::Db;
use crate::rows::database;
use async_trait::async_trait;
use hangmat_core::prescription::Prescription;
use hangmat_store::sql::{SqlStore, care, sql_from_parts};
use hangmat_store::{
    PhysioSessionRecord, PhysioSessionRepo, PrescriptionChange, PrescriptionRepo,
    PrescriptionUpdate, PrescriptionWrite, ProfileId, StoreResult,
};
use std::collections::BTreeMap;

#[async_trait]
impl PrescriptionRepo for SqliteStore {
    async fn prescription(&self, profile: ProfileId) -> StoreResult<Prescription> {
        let since = match self.prescriptions.get(&profile) {
            Ok(prescription) => return Ok(prescription),
            Err(since) => since,
        };
        let mut connection = self.pool.acquire().await.map_err(database)?;
        let prescription = care::prescription::<Db>(&mut connection, profile).await?;
        self.prescriptions
            .offer(since, profile, prescription.clone());
        Ok(prescription)
    }

    async fn save_prescription(
        &self,
        profile: ProfileId,
        update: &PrescriptionUpdate,
    ) -> StoreResult<PrescriptionWrite> {
        let mut transaction = self.begin().await?;
        let written = care::save_prescription_in::<Db>(&mut transaction, profile, update).await?;
        transaction.commit().await.map_err(database)?;
        self.prescriptions.forget(&profile);
        Ok(written)
    }

    async fn prescription_history(
        &self,
        profile: ProfileId,
        limit: u32,
    ) -> StoreResult<Vec<PrescriptionChange>> {
        let mut connection = self.pool.acquire().await.map_err(database)?;
        care::history::<Db>(&mut connection, profile, limit).await
    }
}

#[async_trait]
impl PhysioSessionRepo for SqliteStore {
    async fn save_physio_session(
        &self,
        profile: ProfileId,
        record: &PhysioSessionRecord,
    ) -> StoreResult<()> {
        let mut connection = self.writer.acquire().await.map_err(database)?;
        care::save_session::<Db>(&mut connection, profile, record).await
    }

    async fn physio_sessions(&self, profile: ProfileId) -> StoreResult<Vec<PhysioSessionRecord>> {
        let mut connection = self.pool.acquire().await.map_err(database)?;
        care::sessions::<Db>(&mut connection, profile).await
    }

    async fn physio_sessions_done(
        &self,
        profiles: &[ProfileId],
    ) -> StoreResult<BTreeMap<ProfileId, u32>> {
        let mut done = BTreeMap::new();
        let mut connection = self.pool.acquire().await.map_err(database)?;
        // SQLite limits bound parameters per statement; 500 per query stays far below it.
        for chunk in profiles.chunks(500) {
            let marks = vec!["?"; chunk.len()].join(",");
            let mut statement = sql_from_parts::<Db>(format!(
                "SELECT profile_id, COUNT(*) FROM physio_sessions WHERE profile_id IN ({marks}) GROUP BY profile_id"
            ));
            for profile in chunk {
                statement = statement.bind_id(profile.0);
            }
            for row in statement.fetch_all(&mut connection).await? {
                let count: i64 = row.get(1)?;
                done.insert(ProfileId(row.id(0)?), u32::try_from(count).unwrap_or(0));
            }
        }
        Ok(done)
    }
}
