//! The change counter and the database's identity: every synced row carries
//! the counter's value when it was written (its `version`), and a device's
//! cursor names the identity (`epoch`) and the version it has reached.

use super::Db;
use super::db_error::OrInternal;
use crate::ApiError;

/// Bumps the card change counter inside the caller's transaction; every
/// changed card carries the new value in `version`, so readers can ask for
/// "everything after version N" (see `search_index`). Transactions bumping the
/// same counter row conflict and commit in version order.
pub const NEXT_VERSION: &str = "UPSERT counter:clients SET value = IF value = NONE THEN 1 ELSE value + 1 END; \
    LET $version = (SELECT VALUE value FROM ONLY counter:clients);";

/// This database's identity (see migration 0002).
pub async fn epoch(db: &Db) -> Result<String, ApiError> {
    let mut res = db
        .query("SELECT VALUE value FROM ONLY meta:epoch")
        .await
        .or_internal()?;
    let epoch: Option<String> = res.take(0).or_internal()?;
    epoch.ok_or_else(|| ApiError::Internal("database has no epoch (migration 2)".into()))
}

/// The counter now: the version of the newest write.
pub async fn current(db: &Db) -> Result<i64, ApiError> {
    let mut res = db
        .query("SELECT VALUE value FROM ONLY counter:clients")
        .await
        .or_internal()?;
    let v: Option<i64> = res.take(0).or_internal()?;
    Ok(v.unwrap_or(0))
}
