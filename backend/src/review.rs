//! Work handed in by a signed-out device (a lost phone signed out from
//! elsewhere, or a deactivated user's): each unsent operation is kept for
//! the head of the user's department, or a director, to review, instead of
//! being applied or lost. Items are keyed by user and op id, so a retried
//! hand-in stores each once and no one can overwrite another user's items;
//! a user has at most [`MAX_OPEN_PER_USER`] open items.

use super::access::Scope;
use super::db_error::OrInternal;
use super::users::{self, UserRow};
use super::{Db, audit};
use crate::ApiError;
use crate::domain::review::ReviewItem;
use crate::domain::user::{Me, Role};
use crate::sync::op::{Op, OpKind};
use crate::sync::protocol::{Ack, AckStatus, PushBatch};
use crate::sync::tables;
use chrono::{DateTime, Utc};
use sha2::{Digest, Sha256};
use surrealdb::types::SurrealValue;

/// Most open items one user's devices may hand in; the rest is refused
/// unstored (a signed-out token must not be able to fill the database).
pub const MAX_OPEN_PER_USER: i64 = 2000;

/// The item's key: the user and the operation, so one user's device cannot
/// touch an item another user's device handed in.
fn item_id(user: &str, op_id: &str) -> String {
    hex::encode(&Sha256::digest(format!("{user}\u{0}{op_id}").as_bytes())[..16])
}

/// Stores the batch for review and refuses each operation, so the device
/// drops them from its outbox and wipes.
pub async fn hand_in(db: &Db, user: &UserRow, batch: &PushBatch) -> Result<Vec<Ack>, ApiError> {
    let mut res = db
        .query("RETURN count(SELECT id FROM review WHERE user = $user AND done_by = NONE)")
        .bind(("user", user.id.clone()))
        .await
        .or_internal()?;
    let open: Option<i64> = res.take(0).or_internal()?;
    let room = (MAX_OPEN_PER_USER - open.unwrap_or(0)).max(0) as usize;
    if room < batch.ops.len() {
        tracing::warn!(
            user = %user.id,
            handed_in = batch.ops.len(),
            room,
            "review: a signed-out device handed in more than its user may keep"
        );
    }
    for op in batch.ops.iter().take(room) {
        let text = serde_json::to_string(op).map_err(|e| ApiError::Internal(e.to_string()))?;
        db.query(
            "UPSERT type::record('review', $id) CONTENT { user: $user, department: $dep, \
             device: $device, table: $table, record: $record, op: $op, at: time::now() } \
             RETURN NONE",
        )
        .bind(("id", item_id(&user.id, &op.op_id)))
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

/// The client an operation is about, if it names one.
fn client_of(table: &str, record: &str, op: &Op) -> Option<String> {
    if table == tables::CLIENT {
        return Some(record.to_string());
    }
    match &op.kind {
        OpKind::Patch { fields, .. } => fields
            .get("client_id")
            .and_then(|v| v.as_str())
            .map(str::to_string),
        OpKind::Delete => None,
    }
}

/// Open items for `me`: a head's department, a director's everyone. The
/// values an item carries are shown only when `me` works its client (or
/// the client does not exist yet: a new card of the user's own); otherwise
/// the item says who did what to which record, without the values.
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
    let ops: Vec<Option<Op>> = rows
        .iter()
        .map(|r| serde_json::from_str::<Op>(&r.op).ok())
        .collect();
    let clients: Vec<Option<String>> = rows
        .iter()
        .zip(&ops)
        .map(|(r, op)| {
            op.as_ref()
                .and_then(|op| client_of(&r.table, &r.record, op))
        })
        .collect();
    let owners = super::owners::owners_of(db, clients.iter().flatten().cloned().collect()).await?;
    let scope = Scope::load(db, me, super::clock::now()).await?;
    Ok(rows
        .into_iter()
        .zip(ops)
        .zip(clients)
        .map(|((r, op), client)| {
            let may_see = match client.as_ref() {
                Some(c) => owners.get(c).is_none_or(|owner| scope.works(c, owner)),
                None => true,
            };
            let fields = op
                .filter(|_| may_see)
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
