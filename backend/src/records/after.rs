//! A batch sent behind another (`PushBatch::after`) is written only once
//! the operation it names has its answer, so batches a device sends back to
//! back are applied in the order they were made.

use super::commits;
use crate::db_error::OrInternal;
use crate::sync::kind::Merge;
use crate::sync::protocol::OpRef;
use crate::{ApiError, Db};
use std::time::{Duration, Instant};
use surrealdb::types::RecordId;

/// How long a batch waits for the one before it. That one was sent first,
/// so it is normally being written already; if it never comes (lost, or
/// refused as a whole) the device sends both again.
const WAIT: Duration = Duration::from_secs(20);

/// How often to look when the batch before is written by another process
/// (one of this process's wakes the waiter at once).
const POLL: Duration = Duration::from_millis(25);

/// Waits until operation `after` has its answer.
pub async fn wait_for(db: &Db, after: &OpRef) -> Result<(), ApiError> {
    let started = Instant::now();
    loop {
        let written = commits::written().notified();
        tokio::pin!(written);
        // Listening before looking, so a write in between is not missed.
        written.as_mut().enable();
        if answered(db, after).await? {
            return Ok(());
        }
        if started.elapsed() >= WAIT {
            return Err(ApiError::Network(
                "the batch sent before this one has no answer yet; send both again".into(),
            ));
        }
        tokio::select! {
            _ = written => {}
            _ = tokio::time::sleep(POLL) => {}
        }
    }
}

/// Whether operation `op` has its answer: an answer row, or the
/// append-only record it created.
async fn answered(db: &Db, op: &OpRef) -> Result<bool, ApiError> {
    let mut res = db
        .query("SELECT VALUE status FROM ONLY $op")
        .bind(("op", RecordId::new("sync_op", op.op_id.as_str())))
        .await
        .or_internal()?;
    let status: Option<String> = res.take(0).or_internal()?;
    if status.is_some() {
        return Ok(true);
    }
    let Some(table) = super::tables()
        .into_iter()
        .find(|t| t.pull().kind().table == op.table && t.pull().kind().merge == Merge::AppendOnly)
    else {
        return Ok(false);
    };
    let mut batch = table.batch();
    batch.load(db, vec![op.record_id.clone()]).await?;
    Ok(batch.made_by(&op.record_id, &op.op_id))
}
