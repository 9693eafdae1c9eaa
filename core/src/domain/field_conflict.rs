//! A field value that lost to a concurrent edit by someone else, on a card
//! or on a record about the card's client that merges the same way (a
//! contract). Kept so nobody's typing disappears silently: the card shows
//! it, one tap restores it.

use crate::sync::hlc::Hlc;
use crate::sync::protocol::RecordKey;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldConflict {
    pub id: String,
    pub client_id: String,
    /// The record the field belongs to when it is not the card itself (a
    /// contract of the client).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub record: Option<RecordKey>,
    /// The field, as operations name it (`city`, `contacts`, …).
    pub field: String,
    /// The value that lost, as the operation carried it.
    pub lost_value: serde_json::Value,
    /// Who wrote the losing value, and when (by their device's clock).
    pub lost_by: String,
    /// Their name, for the card (filled by the server; devices may not know
    /// every colleague).
    #[serde(default)]
    pub lost_by_name: String,
    pub lost_hlc: Hlc,
    /// Who wrote the value that won.
    pub winner_by: String,
    pub winner_hlc: Hlc,
    /// Restored or dismissed.
    pub resolved: bool,
}
