//! The audit trail: who changed what, when. The access-model issue derives it
//! from sync operations; until then each change writes one entry itself.

use super::Db;
use super::db_error::OrInternal;
use crate::api::ApiError;

pub async fn record(
    db: &Db,
    actor_id: &str,
    action: &str,
    record_id: &str,
    changes: serde_json::Value,
) -> Result<(), ApiError> {
    db.query(
        "CREATE audit CONTENT { at: time::now(), actor: $actor, action: $action, \
         record: $record, changes: $changes }",
    )
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

/// Field-by-field differences between two JSON objects:
/// `{ field: { "old": …, "new": … } }` for each field that changed.
pub fn diff(old: &serde_json::Value, new: &serde_json::Value) -> serde_json::Value {
    let empty = serde_json::Map::new();
    let o = old.as_object().unwrap_or(&empty);
    let n = new.as_object().unwrap_or(&empty);
    let mut out = serde_json::Map::new();
    for key in o.keys().chain(n.keys()) {
        let (a, b) = (o.get(key), n.get(key));
        if a != b && !out.contains_key(key) {
            out.insert(
                key.clone(),
                serde_json::json!({ "old": a.cloned(), "new": b.cloned() }),
            );
        }
    }
    serde_json::Value::Object(out)
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    #[test]
    fn diff_lists_only_changed_fields() {
        let d = super::diff(&json!({"a": 1, "b": 2}), &json!({"a": 1, "b": 3, "c": 4}));
        assert_eq!(
            d,
            json!({"b": {"old": 2, "new": 3}, "c": {"old": null, "new": 4}})
        );
    }
}
