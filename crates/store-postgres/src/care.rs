//! Her care in PostgreSQL: the shared SQL (`hangmat_store::sql::care`), and counting sessions for
//! many mothers with their ids as one array.

use crate::backend::Db;
use crate::{PgStore, database};
use async_trait::async_trait;
use hangmat_core::prescription::Prescription;
use hangmat_store::sql::{SqlStore, care, sql};
use hangmat_store::{
    PhysioSessionRecord, PhysioSessionRepo, PrescriptionChange, PrescriptionRepo,
    PrescriptionUpdate, PrescriptionWrite, ProfileId, StoreResult,
};
use std::collections::BTreeMap;
use uuid::Uuid;

#[async_trait]
impl PrescriptionRepo for PgStore {
    async fn prescription(&self, profile: ProfileId) -> StoreResult<Prescription> {
        let mut connection = self.pool.acquire().await.map_err(database)?;
        care::prescription::<Db>(&mut connection, profile).await
    }

    async fn save_prescription(
        &self,
        profile: ProfileId,
        update: &PrescriptionUpdate,
    ) -> StoreResult<PrescriptionWrite> {
        let mut transaction = self.begin().await?;
        let written = care::save_prescription_in::<Db>(&mut transaction, profile, update).await?;
        transaction.commit().await.map_err(database)?;
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
impl PhysioSessionRepo for PgStore {
    async fn save_physio_session(
        &self,
        profile: ProfileId,
        record: &PhysioSessionRecord,
    ) -> StoreResult<()> {
        let mut connection = self.pool.acquire().await.map_err(database)?;
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
        let ids: Vec<Uuid> = profiles.iter().map(|profile| profile.0).collect();
        let mut connection = self.pool.acquire().await.map_err(database)?;
        let rows = sql::<Db>(
            "SELECT profile_id, COUNT(*) FROM physio_sessions WHERE profile_id = ANY($1) GROUP BY profile_id",
        )
        .bind(ids)
        .fetch_all(&mut connection)
        .await?;
        let mut done = BTreeMap::new();
        for row in rows {
            let count: i64 = row.get(1)?;
            done.insert(ProfileId(row.id(0)?), u32::try_from(count).unwrap_or(0));
        }
        Ok(done)
    }
}
