//! Work a deactivated user's device handed in at its last contact: their
//! unsent operations, kept for their head to review instead of lost.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ReviewItem {
    pub id: String,
    pub user_id: String,
    pub user_name: String,
    pub device: String,
    /// `client`, `call_log`, `follow_up`, …
    pub table: String,
    pub record: String,
    /// The fields the operation set, as the device sent them.
    pub fields: serde_json::Value,
    pub at: DateTime<Utc>,
}
