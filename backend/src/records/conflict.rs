//! The field conflict kind's server half: conflicts are made by the merge
//! of cards (see `client.rs`) and of the kinds that keep their lost values
//! (`by_field::Merged::kept`); a device only marks one dealt with, for a
//! client its user works.

use super::by_field::of_client_row;
use super::{Cx, Record};
use crate::ApiError;
use crate::access::Sight;
use crate::domain::field_conflict::FieldConflict;
use crate::sync::hlc::Hlc;
use crate::sync::kind::Kind;
use crate::sync::op::Op;
use crate::sync::protocol::{RecordKey, Row};
use chrono::{DateTime, Utc};
use std::collections::HashMap;
use surrealdb::types::SurrealValue;

pub use crate::sync::kinds::conflict::KIND;

/// A field conflict as stored.
#[derive(Debug, Clone, SurrealValue)]
pub struct ConflictDoc {
    pub id: String,
    pub client: String,
    /// The record the field is on when it is not the card (a contract).
    pub record_table: Option<String>,
    pub record_id: Option<String>,
    pub field: String,
    pub lost_value: serde_json::Value,
    pub lost_by: String,
    pub lost_hlc: serde_json::Value,
    pub winner_by: String,
    pub winner_hlc: serde_json::Value,
    pub resolved: bool,
    pub at: DateTime<Utc>,
    /// The client's owner (see `CallDoc::owner`).
    pub owner: Option<String>,
    pub version: i64,
}

pub const CONFLICT_FIELDS: &str = "record::id(id) AS id, client, record_table, record_id, \
    field, lost_value, lost_by, \
    lost_hlc, winner_by, winner_hlc, resolved, at, owner, version";

impl ConflictDoc {
    /// A conflict the merge just found, on a card owned by `owner`.
    pub fn new(c: &FieldConflict, owner: Option<String>, at: DateTime<Utc>) -> ConflictDoc {
        let hlc = |h: &Hlc| serde_json::to_value(h).unwrap_or_default();
        ConflictDoc {
            id: c.id.clone(),
            client: c.client_id.clone(),
            record_table: c.record.as_ref().map(|r| r.table.clone()),
            record_id: c.record.as_ref().map(|r| r.id.clone()),
            field: c.field.clone(),
            lost_value: c.lost_value.clone(),
            lost_by: c.lost_by.clone(),
            lost_hlc: hlc(&c.lost_hlc),
            winner_by: c.winner_by.clone(),
            winner_hlc: hlc(&c.winner_hlc),
            resolved: false,
            at,
            owner,
            version: 0,
        }
    }

    fn conflict(self, names: &HashMap<String, String>) -> FieldConflict {
        let hlc =
            |v: serde_json::Value| serde_json::from_value(v).unwrap_or_else(|_| Hlc::zero(""));
        FieldConflict {
            id: self.id,
            client_id: self.client,
            record: self
                .record_table
                .zip(self.record_id)
                .map(|(table, id)| RecordKey { table, id }),
            field: self.field,
            lost_value: self.lost_value,
            lost_by_name: names
                .get(&self.lost_by)
                .cloned()
                .unwrap_or_else(|| self.lost_by.clone()),
            lost_by: self.lost_by,
            lost_hlc: hlc(self.lost_hlc),
            winner_by: self.winner_by,
            winner_hlc: hlc(self.winner_hlc),
            resolved: self.resolved,
        }
    }
}

/// The conflict kind, for the engine.
pub struct Conflicts;

impl Record for Conflicts {
    const KIND: &'static Kind = &KIND;
    type Doc = ConflictDoc;
    const FIELDS: &'static str = CONFLICT_FIELDS;

    of_client_row!(ConflictDoc);

    /// Whatever the operation says, it means "dealt with".
    async fn apply<'a>(
        cx: &'a Cx<'a>,
        _op: &'a Op,
        current: Option<&'a ConflictDoc>,
    ) -> Result<ConflictDoc, ApiError> {
        let mut doc = current.cloned().ok_or(ApiError::NotFound)?;
        cx.working(&doc.client)?;
        doc.resolved = true;
        Ok(doc)
    }

    fn row(doc: ConflictDoc, names: &HashMap<String, String>, _sight: Sight) -> Row {
        Row::Conflict {
            conflict: doc.conflict(names),
        }
    }
}
