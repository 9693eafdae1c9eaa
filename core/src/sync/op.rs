//! Operations: what a device did, sent to the server and applied once.

use super::hlc::Hlc;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// A field value as it travels: plain JSON (strings, numbers as strings for
/// money, arrays, null for "cleared").
pub type FieldValue = serde_json::Value;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum OpKind {
    /// Sets fields. `base` is the stamp each field had on the device when the
    /// user changed it: equal to the server's stamp means "I saw the current
    /// value" (a plain edit); older means the edit was concurrent with another.
    Patch {
        fields: BTreeMap<String, FieldValue>,
        base: BTreeMap<String, Hlc>,
    },
    /// Marks the record deleted (kept as a tombstone so devices learn of it).
    Delete,
}

/// One operation on one record. Ids are UUIDv7 strings made on the device, so
/// a retried push is recognised as the same operation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Op {
    pub op_id: String,
    pub device_id: String,
    /// Order of the op on its device.
    pub seq: u64,
    pub table: String,
    pub record_id: String,
    pub hlc: Hlc,
    pub kind: OpKind,
}

impl Op {
    /// When the operation was made, by its stamp (a push refuses stamps
    /// that are not plausible and clamps the rest to the server's clock
    /// first, so there this is always a real time). An implausible stamp
    /// reads as the latest representable time, never as 1970: it can only
    /// ever fall after a cut-off, not before one.
    pub fn made_at(&self) -> chrono::DateTime<chrono::Utc> {
        i64::try_from(self.hlc.millis)
            .ok()
            .and_then(chrono::DateTime::from_timestamp_millis)
            .unwrap_or(chrono::DateTime::<chrono::Utc>::MAX_UTC)
    }
}
