//! Each client's last contact (the latest call either way), over the calls a
//! device or a test holds. The device's mirror keeps it as calls arrive, so
//! Today looks up a manager's own cards in it instead of passing over every
//! one of their hundred thousand calls at each visit.

use crate::domain::call_log::CallLog;
use crate::domain::client::ClientCard;
use chrono::{DateTime, Utc};
use rustc_hash::FxHashMap;

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LastContacts {
    at: FxHashMap<String, DateTime<Utc>>,
}

impl LastContacts {
    pub fn of<'a>(calls: impl IntoIterator<Item = &'a CallLog>) -> LastContacts {
        let mut last = LastContacts::default();
        for call in calls {
            last.add(call);
        }
        last
    }

    /// The latest call with `client_id`; `None`: never.
    pub fn get(&self, client_id: &str) -> Option<DateTime<Utc>> {
        self.at.get(client_id).copied()
    }

    /// Each of `cards`' last contact, in the same order.
    pub fn of_cards(&self, cards: &[ClientCard]) -> Vec<Option<DateTime<Utc>>> {
        cards.iter().map(|c| self.get(&c.id)).collect()
    }

    /// Counts `call` in (its client's last contact can only move later).
    pub fn add(&mut self, call: &CallLog) {
        let at = call.fields.at;
        match self.at.get_mut(call.fields.client_id.as_str()) {
            Some(last) => *last = (*last).max(at),
            None => {
                self.at.insert(call.fields.client_id.clone(), at);
            }
        }
    }

    /// Whether taking `call` away could move its client's last contact
    /// earlier: it is that contact. Then the holder counts again from the
    /// calls left ([`LastContacts::of`]); any other call leaves it as it is.
    pub fn rests_on(&self, call: &CallLog) -> bool {
        self.get(&call.fields.client_id) == Some(call.fields.at)
    }
}

#[cfg(test)]
#[allow(clippy::disallowed_methods)] // tests build their JSON any way
pub(crate) mod tests {
    use super::*;

    /// A connected outgoing call with `client` at `at` (RFC 3339); the
    /// calling rules' tests share it.
    pub(crate) fn call(client: &str, at: &str) -> CallLog {
        serde_json::from_value(serde_json::json!({
            "id": format!("{client}-{at}"), "by": "me", "on_behalf_of": null,
            "logged_at": at,
            "fields": {"client_id": client, "contact_id": null, "at": at,
                "direction": "outgoing", "outcome": "connected", "kind": "ordinary",
                "duration_s": 60, "note": null},
        }))
        .unwrap()
    }

    #[test]
    fn the_latest_call_per_client_in_any_order() {
        let calls = [
            call("a", "2026-03-01T08:00:00Z"),
            call("a", "2026-03-05T08:00:00Z"),
            call("a", "2026-03-03T08:00:00Z"),
            call("b", "2026-03-02T08:00:00Z"),
        ];
        let last = LastContacts::of(&calls);
        assert_eq!(last.get("a"), Some("2026-03-05T08:00:00Z".parse().unwrap()));
        assert_eq!(last.get("b"), Some("2026-03-02T08:00:00Z".parse().unwrap()));
        assert_eq!(last.get("c"), None);
        assert!(last.rests_on(&calls[1]));
        let card = |id: &str| -> ClientCard {
            serde_json::from_value(serde_json::json!({
                "id": id, "owner_id": "me", "owner_name": "", "archived": false,
                "created_at": "2025-01-01T08:00:00Z", "created_by": "me",
                "updated_at": "2025-01-01T08:00:00Z", "updated_by": "me",
                "contacts": [],
                "fields": crate::domain::client_input::ClientInput {
                    name: format!("SIA {id}"),
                    ..Default::default()
                }.validate(chrono::NaiveDate::from_ymd_opt(2026, 1, 1).unwrap()).unwrap().fields,
            }))
            .unwrap()
        };
        assert_eq!(
            last.of_cards(&[card("c"), card("b"), card("a")]),
            [
                None,
                Some("2026-03-02T08:00:00Z".parse().unwrap()),
                Some("2026-03-05T08:00:00Z".parse().unwrap())
            ]
        );
        assert!(!last.rests_on(&calls[0]));
    }
}
