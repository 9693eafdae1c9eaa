//! What a device keeps, behind a trait: IndexedDB in the browser, memory in
//! native tests. Each method is one atomic step, so a device that stops
//! between two calls restarts from a consistent state.

use super::hlc::Hlc;
use super::op::Op;
use super::protocol::{Cursor, RecordKey, Row};
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

/// What one step changes in the metadata. The store applies it to the
/// metadata *as stored*, inside the step's own transaction: a pull that
/// waited on the network while an edit was saved never writes back the
/// metadata it read before (that once handed a second operation the first
/// one's sequence number, and the outbox kept only the second).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct MetaChange {
    /// A stamp the clock has reached; kept if newer than the stored one.
    pub clock: Option<Hlc>,
    pub cursor: Option<Cursor>,
    pub last_sync: Option<DateTime<Utc>>,
    /// Records to ask for again at the next pull.
    pub refetch_add: Vec<RecordKey>,
    /// Records asked for again and answered.
    pub refetch_done: Vec<RecordKey>,
}

impl MetaChange {
    pub fn apply(&self, m: &mut Meta) {
        if let Some(c) = &self.clock
            && *c > m.clock
        {
            m.clock = c.clone();
        }
        if let Some(c) = &self.cursor {
            m.cursor = Some(c.clone());
        }
        if let Some(at) = self.last_sync {
            m.last_sync = Some(at);
        }
        m.refetch.retain(|k| !self.refetch_done.contains(k));
        for k in &self.refetch_add {
            if !m.refetch.contains(k) {
                m.refetch.push(k.clone());
            }
        }
    }
}

/// A local edit as the store takes it: the store gives the operation the
/// next sequence number in the same step, so two edits never share one.
pub fn take_seq(m: &mut Meta, op: &mut Op) {
    op.seq = m.next_seq;
    m.next_seq += 1;
}

pub use super::rejected::Rejected;

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("local storage failed: {0}")]
pub struct StoreError(pub String);

#[allow(async_fn_in_trait)]
pub trait LocalStore {
    async fn meta(&self) -> Result<Option<Meta>, StoreError>;
    /// The first metadata of a new device.
    async fn put_meta(&self, meta: &Meta) -> Result<(), StoreError>;
    /// Changes the stored metadata (see `MetaChange`).
    async fn update_meta(&self, change: &MetaChange) -> Result<(), StoreError>;
    async fn get(&self, key: &RecordKey) -> Result<Option<Row>, StoreError>;
    async fn all(&self, table: &str) -> Result<Vec<Row>, StoreError>;
    /// The records of one table that belong to the given cards (their
    /// calls, their conflicts), without reading the others.
    async fn of_clients(&self, table: &str, client_ids: &[String]) -> Result<Vec<Row>, StoreError>;
    /// A local edit: the record as it now looks, its operation queued under
    /// the next sequence number (`take_seq`; the one on `op` is replaced),
    /// and the clock advanced, all or nothing. An operation never replaces
    /// another in the outbox.
    async fn commit_local(&self, row: Row, op: Op, change: &MetaChange) -> Result<(), StoreError>;
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
        change: &MetaChange,
    ) -> Result<(), StoreError>;
    /// Forgets every record and the cursor (the outbox stays) before a full
    /// download, in one step.
    async fn clear_records(&self) -> Result<(), StoreError>;
    async fn rejected(&self) -> Result<Vec<Rejected>, StoreError>;
}
