//! Tables that only grow unless someone trims them: sessions, the answers
//! kept for retried pushes, sign-in throttle rows. The server runs this
//! every hour.

use super::db_error::OrInternal;
use super::{Db, sessions, throttle};
use crate::ApiError;
use chrono::{DateTime, Duration, Utc};

/// How long the answer to a pushed operation is kept for a retry. Past it,
/// a retried operation is applied again, which changes nothing: a card edit
/// carries its stamp (the merge keeps the newer), a call its operation id.
pub fn sync_op_keep() -> Duration {
    Duration::days(90)
}

/// Removes what is past its keeping time at `now`.
pub async fn purge(db: &Db, now: DateTime<Utc>, session_idle: Duration) -> Result<(), ApiError> {
    sessions::purge_expired(db, session_idle).await?;
    throttle::purge(db, now).await?;
    db.query("DELETE sync_op WHERE at < $before RETURN NONE")
        .bind(("before", now - sync_op_keep()))
        .await
        .or_internal()?
        .check()
        .or_internal()?;
    Ok(())
}
