//! The mother's daily loop's SQL for both backends: her hold.

use super::{Backend, Connection, small, sql};
use crate::{HoldChange, ProfileId, StoreResult};

/// Records a change of her hold, on a connection or in a transaction.
pub async fn insert_hold<B: Backend>(
    connection: &mut Connection<B>,
    profile: ProfileId,
    change: &HoldChange,
) -> StoreResult<()> {
    sql::<B>(
        "INSERT INTO hold_changes (profile_id, hold_counts, set_by, set_at) VALUES ($1, $2, $3, $4)",
    )
    .bind_id(profile.0)
    .bind(small(change.hold_counts))
    .bind(change.set_by.as_str())
    .bind_at(change.set_at)
    .execute(connection)
    .await?;
    Ok(())
}
