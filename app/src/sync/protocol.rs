//! What crosses the wire between a device and the server.

use super::merge::Conflict;
use super::op::Op;
use serde::{Deserialize, Serialize};

/// Operations in the order the device made them. The server applies a batch
/// in one transaction and answers one ack per operation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PushBatch {
    pub device_id: String,
    pub ops: Vec<Op>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AckStatus {
    Applied,
    /// Applied earlier (a retry after a lost answer): drop it from the outbox.
    Duplicate,
    /// Refused for good (the reason is shown to the user); never blocks the queue.
    Rejected {
        reason: String,
    },
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Ack {
    pub op_id: String,
    pub status: AckStatus,
    /// Values this operation overwrote or lost to, kept for the user.
    pub conflicts: Vec<Conflict>,
}

/// "Everything newer than my cursor", one page at a time.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PullRequest {
    /// The server version the device has everything up to; `None` first time.
    pub cursor: Option<i64>,
    pub limit: u32,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PullAnswer {
    Page {
        /// Records as JSON objects with their `id`, `table` and `version`.
        records: Vec<serde_json::Value>,
        /// Ids of records deleted or no longer visible to this user.
        gone: Vec<String>,
        next_cursor: i64,
        more: bool,
    },
    /// The cursor cannot be served (too old, or the server lost its state):
    /// download everything again, keeping the unsent outbox.
    Reset,
}
