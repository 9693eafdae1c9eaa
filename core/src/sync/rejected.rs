//! Operations the server refused, kept on the device for the person to see:
//! which card each was about, and how many came since they last looked.

use super::op::{Op, OpKind};
use super::tables;
use crate::ApiError;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// An operation the server refused, kept for the user to see.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Rejected {
    pub op: Op,
    pub reason: ApiError,
    pub at: DateTime<Utc>,
    /// The card the change was about and its name, as the device held them
    /// when the refusal came: the refetch that follows may remove the card
    /// (when its user may no longer see it), and the person still needs to
    /// know which one it was. Absent in refusals kept by older builds.
    #[serde(default)]
    pub client_id: Option<String>,
    #[serde(default)]
    pub card_name: Option<String>,
}

fn field<'a>(op: &'a Op, name: &str) -> Option<&'a str> {
    match &op.kind {
        OpKind::Patch { fields, .. } => fields.get(name).and_then(|v| v.as_str()),
        OpKind::Delete => None,
    }
}

/// The client card an operation names: the card itself, or the client a
/// call, follow-up or other record was created for.
pub fn client_of_op(op: &Op) -> Option<&str> {
    if op.table == tables::CLIENT {
        Some(&op.record_id)
    } else {
        field(op, "client_id")
    }
}

/// The card's name as a card operation wrote it (a new card, a renamed one).
pub fn name_in_op(op: &Op) -> Option<&str> {
    (op.table == tables::CLIENT)
        .then(|| field(op, "name"))
        .flatten()
}

impl Rejected {
    /// The card the refused change was about.
    pub fn client(&self) -> Option<&str> {
        self.client_id.as_deref().or_else(|| client_of_op(&self.op))
    }

    /// The card's name when the refusal came.
    pub fn name(&self) -> Option<&str> {
        self.card_name.as_deref().or_else(|| name_in_op(&self.op))
    }
}

/// How many refusals came after `seen`, the newest the person has looked at
/// (all of them when they never looked).
pub fn unseen(list: &[Rejected], seen: Option<DateTime<Utc>>) -> usize {
    list.iter()
        .filter(|r| seen.is_none_or(|s| r.at > s))
        .count()
}

/// The newest refusal in `list`: what the person has seen once they look.
pub fn newest(list: &[Rejected]) -> Option<DateTime<Utc>> {
    list.iter().map(|r| r.at).max()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sync::hlc::Hlc;
    use std::collections::BTreeMap;

    fn refused(table: &str, record: &str, fields: &[(&str, &str)], at: i64) -> Rejected {
        Rejected {
            op: Op {
                op_id: format!("op-{record}-{at}"),
                device_id: "d".into(),
                seq: 1,
                table: table.into(),
                record_id: record.into(),
                hlc: Hlc {
                    millis: 1,
                    counter: 0,
                    device: "d".into(),
                },
                kind: OpKind::Patch {
                    fields: fields
                        .iter()
                        .map(|(k, v)| (k.to_string(), serde_json::json!(v)))
                        .collect(),
                    base: BTreeMap::new(),
                },
            },
            reason: ApiError::Forbidden,
            at: DateTime::from_timestamp(at, 0).unwrap(),
            client_id: None,
            card_name: None,
        }
    }

    #[test]
    fn a_refusal_names_its_card() {
        let card = refused(
            tables::CLIENT,
            "c1",
            &[("name", "SIA Koks"), ("city", "Cēsis")],
            1,
        );
        assert_eq!(card.client(), Some("c1"));
        assert_eq!(card.name(), Some("SIA Koks"));
        let call = refused(tables::CALL_LOG, "k1", &[("client_id", "c2")], 1);
        assert_eq!(call.client(), Some("c2"));
        assert_eq!(call.name(), None);
        // What the device knew when the refusal came wins.
        let mut edit = refused(tables::FOLLOW_UP, "f1", &[("note", "x")], 1);
        assert_eq!(edit.client(), None);
        edit.client_id = Some("c3".into());
        edit.card_name = Some("SIA Ozols".into());
        assert_eq!(
            (edit.client(), edit.name()),
            (Some("c3"), Some("SIA Ozols"))
        );
    }

    #[test]
    fn only_refusals_after_the_last_look_are_new() {
        let list = [
            refused(tables::CLIENT, "a", &[], 10),
            refused(tables::CLIENT, "b", &[], 20),
        ];
        assert_eq!(unseen(&list, None), 2);
        assert_eq!(unseen(&list, DateTime::from_timestamp(10, 0)), 1);
        assert_eq!(unseen(&list, newest(&list)), 0);
        assert_eq!(newest(&[]), None);
    }
}
