//! A `LocalStore` that reports each stored change of a record, after it is
//! stored: what keeps the app's in-memory mirror (`mirror.rs`) current
//! without reading every record again. Changes made by another tab on the
//! same IndexedDB do not pass here; the app hears of those separately.

use super::op::Op;
use super::protocol::{RecordKey, Row};
use super::store::{LocalStore, Meta, MetaChange, Rejected, StoreError};
use std::rc::Rc;

/// One stored change of the records. Most are `Put`s of the row itself;
/// boxing it would cost an allocation per pulled row for nothing.
#[allow(clippy::large_enum_variant)]
#[derive(Debug, Clone, PartialEq)]
pub enum Change {
    Put(Row),
    Remove(RecordKey),
    /// Every record forgotten (before a full download).
    Clear,
}

pub type Watcher = Rc<dyn Fn(Vec<Change>)>;

#[derive(Clone)]
pub struct Watched<S> {
    inner: S,
    watcher: Watcher,
}

impl<S> Watched<S> {
    pub fn new(inner: S, watcher: Watcher) -> Watched<S> {
        Watched { inner, watcher }
    }

    pub fn inner(&self) -> &S {
        &self.inner
    }
}

impl<S: LocalStore> LocalStore for Watched<S> {
    async fn meta(&self) -> Result<Option<Meta>, StoreError> {
        self.inner.meta().await
    }

    async fn put_meta(&self, meta: &Meta) -> Result<(), StoreError> {
        self.inner.put_meta(meta).await
    }

    async fn update_meta(&self, change: &MetaChange) -> Result<(), StoreError> {
        self.inner.update_meta(change).await
    }

    async fn get(&self, key: &RecordKey) -> Result<Option<Row>, StoreError> {
        self.inner.get(key).await
    }

    async fn all(&self, table: &str) -> Result<Vec<Row>, StoreError> {
        self.inner.all(table).await
    }

    async fn of_clients(&self, table: &str, client_ids: &[String]) -> Result<Vec<Row>, StoreError> {
        self.inner.of_clients(table, client_ids).await
    }

    async fn commit_local(&self, row: Row, op: Op, change: &MetaChange) -> Result<(), StoreError> {
        self.inner.commit_local(row.clone(), op, change).await?;
        (self.watcher)(vec![Change::Put(row)]);
        Ok(())
    }

    async fn outbox(&self) -> Result<Vec<Op>, StoreError> {
        self.inner.outbox().await
    }

    async fn outbox_head(&self, n: usize) -> Result<Vec<Op>, StoreError> {
        self.inner.outbox_head(n).await
    }

    async fn settle(&self, done: &[String], rejected: Vec<Rejected>) -> Result<(), StoreError> {
        self.inner.settle(done, rejected).await
    }

    async fn apply_page(
        &self,
        rows: Vec<Row>,
        gone: Vec<RecordKey>,
        change: &MetaChange,
    ) -> Result<(), StoreError> {
        // The stores remove the gone records first, then write the rows.
        let changes: Vec<Change> = gone
            .iter()
            .cloned()
            .map(Change::Remove)
            .chain(rows.iter().cloned().map(Change::Put))
            .collect();
        self.inner.apply_page(rows, gone, change).await?;
        (self.watcher)(changes);
        Ok(())
    }

    async fn clear_records(&self) -> Result<(), StoreError> {
        self.inner.clear_records().await?;
        (self.watcher)(vec![Change::Clear]);
        Ok(())
    }

    async fn rejected(&self) -> Result<Vec<Rejected>, StoreError> {
        self.inner.rejected().await
    }
}
