//! The audit trail as people read it: a card's history, and the search
//! heads and directors run by person and period.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// One recorded change or event.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AuditEntry {
    pub at: DateTime<Utc>,
    pub actor_id: String,
    pub actor_name: String,
    /// What happened: `client.update`, `cover.create`, `session.sign_in`,
    /// `export.clients`, …
    pub action: String,
    /// The record it concerns (a card id, `cover:…`, `user:…`).
    pub record: String,
    /// `{ field: { old, new } }` for changes; facts for events.
    pub changes: serde_json::Value,
    /// The device: a sync device id, or the browser of an online action.
    pub device: Option<String>,
    /// The owner a deputy acted for.
    pub on_behalf_of: Option<String>,
    pub on_behalf_name: Option<String>,
}

/// What the audit search asks for.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditQuery {
    /// `None`: everyone the asker leads.
    pub user_id: Option<String>,
    pub from: DateTime<Utc>,
    pub to: DateTime<Utc>,
}

/// Most entries one search returns (newest first).
pub const MAX_ENTRIES: usize = 500;

/// The field changes of an entry as (field, old, new) text, for display.
pub fn field_changes(changes: &serde_json::Value) -> Vec<(String, String, String)> {
    let Some(map) = changes.as_object() else {
        return Vec::new();
    };
    let text = |v: Option<&serde_json::Value>| match v {
        None | Some(serde_json::Value::Null) => String::new(),
        Some(serde_json::Value::String(s)) => s.clone(),
        Some(other) => other.to_string(),
    };
    map.iter()
        .filter_map(|(k, v)| {
            let o = v.as_object()?;
            if !o.contains_key("old") && !o.contains_key("new") {
                return None;
            }
            Some((k.clone(), text(o.get("old")), text(o.get("new"))))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn field_changes_read_old_and_new_as_text() {
        let c = json!({
            "city": {"old": "Rīga", "new": "Jelgava"},
            "credit_limit": {"old": null, "new": "1500.00"},
            "tags": {"old": ["a"], "new": ["a", "b"]},
            "ip": "127.0.0.1"
        });
        let mut got = field_changes(&c);
        got.sort();
        assert_eq!(
            got,
            vec![
                ("city".into(), "Rīga".into(), "Jelgava".into()),
                ("credit_limit".into(), "".into(), "1500.00".into()),
                ("tags".into(), "[\"a\"]".into(), "[\"a\",\"b\"]".into()),
            ]
        );
        assert!(field_changes(&json!("x")).is_empty());
    }
}
