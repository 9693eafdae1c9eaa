//! The audit trail as people read it: a card's history, and the search
//! heads and directors run by person and period.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// One recorded change or event.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AuditEntry {
    /// When the server recorded it.
    pub at: DateTime<Utc>,
    /// When a change that came by sync was made on its device (its
    /// operation's stamp, never later than `at`): work done offline at a
    /// fair reads as done then, and changes sent together keep their order.
    #[serde(default)]
    pub made_at: Option<DateTime<Utc>>,
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

impl AuditEntry {
    /// When the change was made, as people read it.
    pub fn when(&self) -> DateTime<Utc> {
        self.made_at.unwrap_or(self.at)
    }

    /// When it reached the server, if that was a minute or more after it
    /// was made (sent later, from a device that was offline).
    pub fn received_later(&self) -> Option<DateTime<Utc>> {
        (self.at - self.when() >= chrono::Duration::minutes(1)).then_some(self.at)
    }
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

    fn entry(at: &str, made_at: Option<&str>) -> AuditEntry {
        let t = |s: &str| s.parse::<DateTime<Utc>>().unwrap();
        AuditEntry {
            at: t(at),
            made_at: made_at.map(t),
            actor_id: "u1".into(),
            actor_name: "Ilze".into(),
            action: "client.update".into(),
            record: "c1".into(),
            changes: json!({}),
            device: None,
            on_behalf_of: None,
            on_behalf_name: None,
        }
    }

    #[test]
    fn offline_work_reads_as_made_and_says_when_it_arrived() {
        let offline = entry("2026-12-02T18:00:00Z", Some("2026-12-02T10:15:00Z"));
        assert_eq!(
            offline.when(),
            "2026-12-02T10:15:00Z".parse::<DateTime<Utc>>().unwrap()
        );
        assert_eq!(offline.received_later(), Some(offline.at));
        let online = entry("2026-12-02T18:00:00Z", Some("2026-12-02T17:59:30Z"));
        assert_eq!(online.received_later(), None);
        let server = entry("2026-12-02T18:00:00Z", None);
        assert_eq!((server.when(), server.received_later()), (server.at, None));
    }

    #[test]
    fn field_changes_read_old_and_new_as_text() {
        let c = json!({
            "city": {"old": "Rīga", "new": "Jelgava"},
            "credit_limit": {"old": null, "new": "1500.00"},
            "tags": {"old": ["a"], "new": ["a", "b"]},
            "ip": "127.0.0.1"
        });
        let mut got = field_changes(&c);
        crate::sort::natural(&mut got);
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
