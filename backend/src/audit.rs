//! The audit trail: who changed what, when, from which device. Changes to
//! cards are written by the push from their sync operations (one write
//! path); call logs and follow-ups are their own records (author, device,
//! operation). Settings, covers, sign-ins and exports write an entry here.

use super::Db;
use super::db_error::OrInternal;
use crate::ApiError;
use crate::domain::audit::{AuditEntry, MAX_ENTRIES};
use chrono::{DateTime, Utc};
use std::collections::HashMap;
use surrealdb::types::SurrealValue;

pub async fn record(
    db: &Db,
    actor_id: &str,
    action: &str,
    record_id: &str,
    changes: serde_json::Value,
) -> Result<(), ApiError> {
    let device = super::request::request_info().user_agent;
    record_from(db, actor_id, action, record_id, changes, device.as_deref()).await
}

/// An entry naming the device (the browser's user agent) it came from.
pub async fn record_from(
    db: &Db,
    actor_id: &str,
    action: &str,
    record_id: &str,
    changes: serde_json::Value,
    device: Option<&str>,
) -> Result<(), ApiError> {
    db.query(
        "CREATE audit CONTENT { at: time::now(), actor: $actor, action: $action, \
         record: $record, changes: $changes, device: $device }",
    )
    .bind(("device", device.map(str::to_string)))
    .bind(("actor", actor_id.to_string()))
    .bind(("action", action.to_string()))
    .bind(("record", record_id.to_string()))
    .bind(("changes", changes))
    .await
    .or_internal()?
    .check()
    .or_internal()?;
    Ok(())
}

#[derive(Debug, Clone, SurrealValue)]
struct EntryRow {
    at: DateTime<Utc>,
    made_at: Option<DateTime<Utc>>,
    actor: String,
    action: String,
    record: String,
    changes: serde_json::Value,
    device: Option<String>,
    on_behalf_of: Option<String>,
}

const ENTRY_FIELDS: &str = "at, made_at, actor, action, record, changes, device, on_behalf_of";

fn entries(rows: Vec<EntryRow>, names: &HashMap<String, String>) -> Vec<AuditEntry> {
    rows.into_iter()
        .map(|r| AuditEntry {
            actor_name: names.get(&r.actor).cloned().unwrap_or_default(),
            on_behalf_name: r.on_behalf_of.as_ref().and_then(|o| names.get(o).cloned()),
            at: r.at,
            made_at: r.made_at,
            actor_id: r.actor,
            action: r.action,
            record: r.record,
            changes: r.changes,
            device: r.device,
            on_behalf_of: r.on_behalf_of,
        })
        .collect()
}

/// One record's history, newest first (the caller checks it may see it).
pub async fn history(db: &Db, record_id: &str) -> Result<Vec<AuditEntry>, ApiError> {
    let mut res = db
        .query(format!(
            "SELECT {ENTRY_FIELDS} FROM audit WHERE record = $record ORDER BY at DESC, made_at DESC, id DESC LIMIT $n"
        ))
        .bind(("record", record_id.to_string()))
        .bind(("n", MAX_ENTRIES as i64))
        .await
        .or_internal()?;
    let rows: Vec<EntryRow> = res.take(0).or_internal()?;
    Ok(entries(rows, &super::users::names(db).await?))
}

/// Entries by these people (`None`: anyone) in `[from, to)`, newest first.
pub async fn search(
    db: &Db,
    actors: Option<Vec<String>>,
    from: DateTime<Utc>,
    to: DateTime<Utc>,
) -> Result<Vec<AuditEntry>, ApiError> {
    let mut res = db
        .query(format!(
            "SELECT {ENTRY_FIELDS} FROM audit WHERE at >= $from AND at < $to \
             AND ($anyone OR actor IN $actors) ORDER BY at DESC, made_at DESC, id DESC LIMIT $n"
        ))
        .bind(("from", from))
        .bind(("to", to))
        .bind(("anyone", actors.is_none()))
        .bind(("actors", actors.unwrap_or_default()))
        .bind(("n", MAX_ENTRIES as i64))
        .await
        .or_internal()?;
    let rows: Vec<EntryRow> = res.take(0).or_internal()?;
    Ok(entries(rows, &super::users::names(db).await?))
}

/// Field-by-field differences between two JSON objects:
/// `{ field: { "old": …, "new": … } }` for each field that changed. A field
/// blank before and after (absent, null, "", false, empty) did not change:
/// a new card's history lists what was filled in, not every empty field.
pub fn diff(old: &serde_json::Value, new: &serde_json::Value) -> serde_json::Value {
    let empty = serde_json::Map::new();
    let o = old.as_object().unwrap_or(&empty);
    let n = new.as_object().unwrap_or(&empty);
    let mut out = serde_json::Map::new();
    for key in o.keys().chain(n.keys()) {
        let (a, b) = (o.get(key), n.get(key));
        if a != b && !(blank(a) && blank(b)) && !out.contains_key(key) {
            out.insert(
                key.clone(),
                serde_json::json!({ "old": a.cloned(), "new": b.cloned() }),
            );
        }
    }
    serde_json::Value::Object(out)
}

fn blank(v: Option<&serde_json::Value>) -> bool {
    use serde_json::Value;
    match v {
        None | Some(Value::Null) | Some(Value::Bool(false)) => true,
        Some(Value::String(s)) => s.is_empty(),
        Some(Value::Array(a)) => a.is_empty(),
        Some(Value::Object(o)) => o.is_empty(),
        Some(Value::Number(_)) | Some(Value::Bool(true)) => false,
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    #[test]
    fn a_field_blank_before_and_after_is_no_change() {
        let d = super::diff(
            &json!(null),
            &json!({"name": "SIA Koks", "city": "", "tags": [], "archived": false, "notes": null}),
        );
        assert_eq!(d, json!({"name": {"old": null, "new": "SIA Koks"}}));
        // Emptied or filled is a change, and so is a zero.
        let d = super::diff(
            &json!({"city": "Rīga", "archived": true, "limit": null}),
            &json!({"city": "", "archived": false, "limit": 0}),
        );
        assert_eq!(d.as_object().unwrap().len(), 3);
    }

    #[test]
    fn diff_lists_only_changed_fields() {
        let d = super::diff(&json!({"a": 1, "b": 2}), &json!({"a": 1, "b": 3, "c": 4}));
        assert_eq!(
            d,
            json!({"b": {"old": 2, "new": 3}, "c": {"old": null, "new": 4}})
        );
    }
}
