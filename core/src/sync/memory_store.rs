//! A `LocalStore` in memory, for native tests and benchmarks. Cloning shares
//! the data, the way a restarted device finds its IndexedDB again.

use super::op::Op;
use super::protocol::{RecordKey, Row};
use super::store::{LocalStore, Meta, MetaChange, Rejected, StoreError, take_seq};
use std::collections::BTreeMap;
use std::sync::{Arc, Mutex};

#[derive(Debug, Default)]
struct Data {
    meta: Option<Meta>,
    records: BTreeMap<RecordKey, Row>,
    outbox: Vec<Op>,
    rejected: Vec<Rejected>,
}

#[derive(Debug, Clone, Default)]
pub struct MemoryStore {
    data: Arc<Mutex<Data>>,
}

impl MemoryStore {
    fn with<T>(&self, f: impl FnOnce(&mut Data) -> T) -> Result<T, StoreError> {
        let mut d = self
            .data
            .lock()
            .map_err(|_| StoreError("poisoned".into()))?;
        Ok(f(&mut d))
    }
}

impl LocalStore for MemoryStore {
    async fn meta(&self) -> Result<Option<Meta>, StoreError> {
        self.with(|d| d.meta.clone())
    }

    async fn put_meta(&self, meta: &Meta) -> Result<(), StoreError> {
        self.with(|d| d.meta = Some(meta.clone()))
    }

    async fn update_meta(&self, change: &MetaChange) -> Result<(), StoreError> {
        self.with(|d| d.meta.as_mut().map(|m| change.apply(m)))?
            .ok_or_else(|| StoreError("device metadata missing".into()))
    }

    async fn get(&self, key: &RecordKey) -> Result<Option<Row>, StoreError> {
        self.with(|d| d.records.get(key).cloned())
    }

    async fn all(&self, table: &str) -> Result<Vec<Row>, StoreError> {
        self.with(|d| {
            d.records
                .iter()
                .filter(|(k, _)| k.table == table)
                .map(|(_, r)| r.clone())
                .collect()
        })
    }

    async fn of_clients(&self, table: &str, client_ids: &[String]) -> Result<Vec<Row>, StoreError> {
        self.with(|d| {
            d.records
                .iter()
                .filter(|(k, r)| {
                    k.table == table
                        && r.client_id()
                            .is_some_and(|c| client_ids.iter().any(|i| i == c))
                })
                .map(|(_, r)| r.clone())
                .collect()
        })
    }

    async fn commit_local(
        &self,
        row: Row,
        mut op: Op,
        change: &MetaChange,
    ) -> Result<(), StoreError> {
        self.with(|d| {
            let m = d
                .meta
                .as_mut()
                .ok_or_else(|| StoreError("device metadata missing".into()))?;
            take_seq(m, &mut op);
            change.apply(m);
            // As IndexedDB's outbox, keyed by sequence (ascending here): a
            // taken one is an error, never a silent replacement.
            if d.outbox.last().is_some_and(|o| o.seq >= op.seq) {
                return Err(StoreError(format!("operation {} already queued", op.seq)));
            }
            d.records.insert(row.key(), row);
            d.outbox.push(op);
            Ok(())
        })?
    }

    async fn outbox(&self) -> Result<Vec<Op>, StoreError> {
        self.with(|d| d.outbox.clone())
    }

    async fn outbox_head(&self, n: usize) -> Result<Vec<Op>, StoreError> {
        self.with(|d| d.outbox.iter().take(n).cloned().collect())
    }

    async fn settle(&self, done: &[String], rejected: Vec<Rejected>) -> Result<(), StoreError> {
        let done: std::collections::HashSet<&String> = done.iter().collect();
        self.with(|d| {
            d.outbox.retain(|o| !done.contains(&o.op_id));
            d.rejected.extend(rejected);
        })
    }

    async fn apply_page(
        &self,
        rows: Vec<Row>,
        gone: Vec<RecordKey>,
        change: &MetaChange,
    ) -> Result<(), StoreError> {
        self.with(|d| {
            for k in gone {
                d.records.remove(&k);
            }
            for r in rows {
                d.records.insert(r.key(), r);
            }
            if let Some(m) = d.meta.as_mut() {
                change.apply(m);
            }
        })
    }

    async fn clear_records(&self) -> Result<(), StoreError> {
        self.with(|d| {
            d.records.clear();
            if let Some(m) = d.meta.as_mut() {
                m.cursor = None;
            }
        })
    }

    async fn rejected(&self) -> Result<Vec<Rejected>, StoreError> {
        self.with(|d| d.rejected.clone())
    }
}
