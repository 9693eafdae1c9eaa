//! What a device keeps, behind a trait: IndexedDB in the browser, memory in
//! native tests. Each method is one atomic step, so a device that stops
//! between two calls restarts from a consistent state.

use super::hlc::Hlc;
use super::op::Op;
use super::protocol::{Cursor, RecordKey, Row};
use crate::ApiError;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// Sync metadata, one per device and user.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Meta {
    pub device_id: String,
    pub user_id: String,
    /// The clock's last stamp (restored on restart so it never goes back).
    pub clock: Hlc,
    /// Order of the next local operation.
    pub next_seq: u64,
    pub cursor: Option<Cursor>,
    pub last_sync: Option<DateTime<Utc>>,
    /// Records to ask for again at the next pull (see `PullRequest::refetch`).
    #[serde(default)]
    pub refetch: Vec<RecordKey>,
}

/// An operation the server refused, kept for the user to see.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Rejected {
    pub op: Op,
    pub reason: ApiError,
    pub at: DateTime<Utc>,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("local storage failed: {0}")]
pub struct StoreError(pub String);

#[allow(async_fn_in_trait)]
pub trait LocalStore {
    async fn meta(&self) -> Result<Option<Meta>, StoreError>;
    async fn put_meta(&self, meta: &Meta) -> Result<(), StoreError>;
    async fn get(&self, key: &RecordKey) -> Result<Option<Row>, StoreError>;
    async fn all(&self, table: &str) -> Result<Vec<Row>, StoreError>;
    /// The records of one table that belong to one card (its calls, its
    /// conflicts), without reading the others.
    async fn of_client(&self, table: &str, client_id: &str) -> Result<Vec<Row>, StoreError>;
    /// A local edit: the record as it now looks, its operation queued, and
    /// the advanced metadata, all or nothing.
    async fn commit_local(&self, row: Row, op: Op, meta: &Meta) -> Result<(), StoreError>;
    /// Queued operations in the order they were made.
    async fn outbox(&self) -> Result<Vec<Op>, StoreError>;
    /// The first `n` queued operations (what the next push sends).
    async fn outbox_head(&self, n: usize) -> Result<Vec<Op>, StoreError>;
    /// Removes answered operations and keeps the refused ones for the user.
    async fn settle(&self, done: &[String], rejected: Vec<Rejected>) -> Result<(), StoreError>;
    /// A pulled page: rows written, gone rows removed, cursor advanced, all or nothing.
    async fn apply_page(
        &self,
        rows: Vec<Row>,
        gone: Vec<RecordKey>,
        meta: &Meta,
    ) -> Result<(), StoreError>;
    /// Forgets every record (the outbox stays) before a full download.
    async fn clear_records(&self) -> Result<(), StoreError>;
    async fn rejected(&self) -> Result<Vec<Rejected>, StoreError>;
}
