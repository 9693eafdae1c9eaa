//! Work handed in by a deactivated user's device: each unsent operation is
//! kept (keyed by its op id, so a retried hand-in stores it once) for the
//! head of the user's department, or a director, to review.

use super::db_error::OrInternal;
use super::users::{self, UserRow};
use super::{Db, audit};
use crate::api::ApiError;
use crate::domain::review::ReviewItem;
use crate::domain::user::{Me, Role};
use crate::sync::op::OpKind;
use crate::sync::protocol::{Ack, AckStatus, PushBatch};
use chrono::{DateTime, Utc};
use surrealdb::types::SurrealValue;

/// Stores the batch for review and refuses each operation, so the device
/// drops them from its outbox and wipes.
pub async fn hand_in(db: &Db, user: &UserRow, batch: &PushBatch) -> Result<Vec<Ack>, ApiError> {
    for op in &batch.ops {
        let text = serde_json::to_string(op).map_err(|e| ApiError::Internal(e.to_string()))?;
        db.query(
            "UPSERT type::record('review', $id) CONTENT { user: $user, department: $dep, \
             device: $device, table: $table, record: $record, op: $op, at: time::now() } \
             RETURN NONE",
        )
        .bind(("id", op.op_id.clone()))
        .bind(("user", user.id.clone()))
        .bind(("dep", user.department.clone()))
        .bind(("device", batch.device_id.clone()))
        .bind(("table", op.table.clone()))
        .bind(("record", op.record_id.clone()))
        .bind(("op", text))
        .await
        .or_internal()?
        .check()
        .or_internal()?;
    }
    Ok(batch
        .ops
        .iter()
        .map(|op| Ack {
            op_id: op.op_id.clone(),
            status: AckStatus::Rejected {
                reason: ApiError::SignedOut,
            },
        })
        .collect())
}

#[derive(Debug, Clone, SurrealValue)]
struct Row {
    id: String,
    user: String,
    device: String,
    table: String,
    record: String,
    op: String,
    at: DateTime<Utc>,
}

/// Open items for `me`: a head's department, a director's everyone.
pub async fn list(db: &Db, me: &Me) -> Result<Vec<ReviewItem>, ApiError> {
    let mut res = db
        .query(
            "SELECT record::id(id) AS id, user, device, table, record, op, at FROM review \
             WHERE done_by = NONE AND ($all OR (department != NONE AND department = $dep)) \
             ORDER BY at ASC LIMIT 500",
        )
        .bind(("all", me.role == Role::Director))
        .bind(("dep", me.department.clone()))
        .await
        .or_internal()?;
    let rows: Vec<Row> = res.take(0).or_internal()?;
    let names = users::names(db).await?;
    Ok(rows
        .into_iter()
        .map(|r| {
            let fields = serde_json::from_str::<crate::sync::op::Op>(&r.op)
                .ok()
                .and_then(|op| match op.kind {
                    OpKind::Patch { fields, .. } => serde_json::to_value(fields).ok(),
                    OpKind::Delete => None,
                })
                .unwrap_or(serde_json::Value::Null);
            ReviewItem {
                user_name: names.get(&r.user).cloned().unwrap_or_default(),
                id: r.id,
                user_id: r.user,
                device: r.device,
                table: r.table,
                record: r.record,
                fields,
                at: r.at,
            }
        })
        .collect())
}

/// Marks an item reviewed, if it is one `me` reviews.
pub async fn done(db: &Db, me: &Me, id: &str) -> Result<(), ApiError> {
    if !list(db, me).await?.iter().any(|i| i.id == id) {
        return Err(ApiError::NotFound);
    }
    db.query("UPDATE type::record('review', $id) SET done_by = $me RETURN NONE")
        .bind(("id", id.to_string()))
        .bind(("me", me.id.clone()))
        .await
        .or_internal()?
        .check()
        .or_internal()?;
    audit::record(
        db,
        &me.id,
        "review.done",
        &format!("review:{id}"),
        serde_json::json!({}),
    )
    .await
}
