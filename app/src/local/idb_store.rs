//! `LocalStore` in IndexedDB, one database per signed-in user. Values are
//! JSON strings: one encoding with the wire, and no schema upgrade when a
//! record type grows a field. Records are kept as each table's log of
//! chunks (`sync/chunks.rs` has the rules): the browser pays per stored
//! value, and a download of 120,000 records is sixty values, not 120,000.
//! Every method is one IndexedDB transaction (a compaction follows in one
//! of its own).

use crate::sync::chunks::{self, ChunkIds, Place};
use crate::sync::op::Op;
use crate::sync::protocol::{RecordKey, Row};
use crate::sync::store::{LocalStore, Meta, MetaChange, Rejected, StoreError, take_seq};
use idb::{
    Database, DatabaseEvent, Factory, KeyRange, ObjectStore, ObjectStoreParams, Query,
    TransactionMode,
};
use js_sys::Reflect;
use kartoteka_core::sort;
use serde::Serialize;
use serde::de::DeserializeOwned;
use std::collections::BTreeMap;
use wasm_bindgen::{JsCast, JsValue};

/// 2 brought the chunks; 1 kept a value per record (`RECORDS`, moved into
/// chunks when a device first opens on version 2).
const VERSION: u32 = 2;
const RECORDS: &str = "records";
const CHUNKS: &str = "chunks";
const CHUNK_IDS: &str = "chunk_ids";
const OUTBOX: &str = "outbox";
const META: &str = "meta";
const REJECTED: &str = "rejected";
const META_KEY: &str = "meta";
/// The next chunk's number, kept in `META` beside the metadata and taken
/// inside each write, so two tabs never write the same chunk.
const CHUNK_SEQ_KEY: &str = "chunk_seq";
/// A version 1 record's JSON, inside its stored object.
const ROW_FIELD: &str = "row";
/// More chunks than this in a table and it is written again whole after a
/// write (counting them is cheap; reading their indexes is not).
const MAX_CHUNKS: u32 = 256;

pub struct IdbStore {
    db: Database,
}

fn err(e: impl std::fmt::Display) -> StoreError {
    StoreError(e.to_string())
}

/// The database name for a user: their data never mixes with another's.
pub fn database_name(user_id: &str) -> String {
    format!("kartoteka-{user_id}")
}

/// A chunk's key: its table, then its number, zero-padded so keys sort in
/// the order the chunks were written.
fn chunk_key(table: &str, seq: u64) -> JsValue {
    JsValue::from_str(&format!("{table}/{seq:012}"))
}

fn encode<T: Serialize>(v: &T) -> Result<JsValue, StoreError> {
    serde_json::to_string(v)
        .map(|s| JsValue::from_str(&s))
        .map_err(err)
}

fn decode<T: DeserializeOwned>(v: &JsValue) -> Result<T, StoreError> {
    let s = v
        .as_string()
        .ok_or_else(|| err("stored value is not text"))?;
    // Bytes, as every other reader in the app: one reader type keeps one
    // copy of each type's reader in the wasm.
    serde_json::from_slice(s.as_bytes()).map_err(err)
}

/// A chunk's rows as UTF-8 JSON in a byte array: copied into IndexedDB as
/// they are, not converted to JavaScript's UTF-16 text (the conversion each
/// way was a tenth of a first download on a slow phone).
fn encode_rows(rows: &[Row]) -> Result<JsValue, StoreError> {
    let bytes = serde_json::to_vec(rows).map_err(err)?;
    Ok(js_sys::Uint8Array::from(bytes.as_slice()).into())
}

/// A chunk's rows, kept as bytes, or as text by an earlier build.
fn decode_rows(v: &JsValue) -> Result<Vec<Row>, StoreError> {
    match v.dyn_ref::<js_sys::Uint8Array>() {
        Some(bytes) => serde_json::from_slice(&bytes.to_vec()).map_err(err),
        None => decode(v),
    }
}

/// One table's chunks as read in one transaction: their keys and indexes
/// in order (`ChunkIds`), and, when asked for, their rows.
struct TableRead {
    keys: Vec<JsValue>,
    indexes: Vec<ChunkIds>,
}

/// Writes grouped by table, in a fixed order, each table's part in the
/// order it was given.
type ByTable = BTreeMap<String, (Vec<Row>, Vec<String>)>;

fn by_table(rows: Vec<Row>, gone: Vec<RecordKey>) -> ByTable {
    let mut out = ByTable::new();
    for k in gone {
        out.entry(k.table).or_default().1.push(k.id);
    }
    for r in rows {
        out.entry(r.key().table).or_default().0.push(r);
    }
    out
}

impl IdbStore {
    pub async fn open(user_id: &str) -> Result<IdbStore, StoreError> {
        let factory = Factory::new().map_err(err)?;
        let mut req = factory
            .open(&database_name(user_id), Some(VERSION))
            .map_err(err)?;
        req.on_upgrade_needed(|event| {
            let Ok(db) = event.database() else {
                return;
            };
            let names = db.store_names();
            for name in [CHUNKS, CHUNK_IDS, OUTBOX, META, REJECTED] {
                if !names.iter().any(|n| n == name) {
                    let _ = db.create_object_store(name, ObjectStoreParams::new());
                }
            }
        });
        let mut db = req.await.map_err(err)?;
        // A newer version of the app opened this database in another tab
        // and waits for this one to let go: this tab's code is the older
        // one, so it reloads onto the newer.
        db.on_version_change(|event| {
            if let Some(target) = event.target()
                && let Ok(close) = Reflect::get(&target, &"close".into())
                && let Ok(close) = close.dyn_into::<js_sys::Function>()
            {
                let _ = close.call0(&target);
            }
            if let Some(w) = web_sys::window() {
                let _ = w.location().reload();
            }
        });
        let store = IdbStore { db };
        store.move_version_1_records().await?;
        Ok(store)
    }

    /// Removes a user's data from this device (after sign-out).
    pub async fn delete(user_id: &str) -> Result<(), StoreError> {
        let factory = Factory::new().map_err(err)?;
        factory
            .delete(&database_name(user_id))
            .map_err(err)?
            .await
            .map_err(err)
    }

    pub fn close(&self) {
        self.db.close();
    }

    fn tx(&self, stores: &[&str], mode: TransactionMode) -> Result<idb::Transaction, StoreError> {
        self.db.transaction(stores, mode).map_err(err)
    }

    async fn finish(tx: idb::Transaction) -> Result<(), StoreError> {
        let result = tx.await.map_err(err)?;
        if result.is_committed() {
            Ok(())
        } else {
            Err(err("the browser aborted the write"))
        }
    }

    /// A device that kept a value per record (version 1) has them moved
    /// into chunks, in one step, the first time it opens on version 2.
    async fn move_version_1_records(&self) -> Result<(), StoreError> {
        if !self.db.store_names().iter().any(|n| n == RECORDS) {
            return Ok(());
        }
        let tx = self.tx(
            &[RECORDS, CHUNKS, CHUNK_IDS, META],
            TransactionMode::ReadWrite,
        )?;
        let records = tx.object_store(RECORDS).map_err(err)?;
        let values = records
            .get_all(None, None)
            .map_err(err)?
            .await
            .map_err(err)?;
        if values.is_empty() {
            return Ok(());
        }
        let rows = values
            .iter()
            .map(|v| {
                let json = Reflect::get(v, &ROW_FIELD.into())
                    .map_err(|_| err("stored record has no row"))?;
                decode::<Row>(&json)
            })
            .collect::<Result<Vec<Row>, StoreError>>()?;
        Self::append_in(&tx, by_table(rows, Vec::new())).await?;
        records.clear().map_err(err)?;
        Self::finish(tx).await
    }

    /// The metadata as stored, read inside `tx` (which then keeps it until
    /// the change is written: no other writer comes between).
    async fn meta_in(m: &ObjectStore) -> Result<Meta, StoreError> {
        let v = m
            .get(JsValue::from_str(META_KEY))
            .map_err(err)?
            .await
            .map_err(err)?
            .ok_or_else(|| err("device metadata missing"))?;
        decode(&v)
    }

    fn put_meta_in(m: &ObjectStore, meta: &Meta) -> Result<(), StoreError> {
        m.put(&encode(meta)?, Some(&JsValue::from_str(META_KEY)))
            .map_err(err)?;
        Ok(())
    }

    /// Appends each table's rows and removals as new chunks, inside `tx`
    /// (which holds `CHUNKS`, `CHUNK_IDS` and `META`).
    async fn append_in(tx: &idb::Transaction, writes: ByTable) -> Result<(), StoreError> {
        let m = tx.object_store(META).map_err(err)?;
        let chunks = tx.object_store(CHUNKS).map_err(err)?;
        let ids = tx.object_store(CHUNK_IDS).map_err(err)?;
        let key = JsValue::from_str(CHUNK_SEQ_KEY);
        let mut seq = m
            .get(key.clone())
            .map_err(err)?
            .await
            .map_err(err)?
            .and_then(|v| v.as_f64())
            .unwrap_or(0.0) as u64;
        for (table, (rows, gone)) in writes {
            for (index, part) in chunks::pack(rows, gone) {
                let k = chunk_key(&table, seq);
                seq += 1;
                chunks.put(&encode_rows(&part)?, Some(&k)).map_err(err)?;
                ids.put(&encode(&index)?, Some(&k)).map_err(err)?;
            }
        }
        m.put(&JsValue::from_f64(seq as f64), Some(&key))
            .map_err(err)?;
        Ok(())
    }

    fn table_range(table: &str) -> Result<Query, StoreError> {
        let range = KeyRange::bound(
            &JsValue::from_str(&format!("{table}/")),
            &JsValue::from_str(&format!("{table}/\u{ffff}")),
            None,
            None,
        )
        .map_err(err)?;
        Ok(Query::from(range))
    }

    /// A table's chunk keys and indexes, read in `tx`.
    async fn indexes_in(tx: &idb::Transaction, table: &str) -> Result<TableRead, StoreError> {
        let ids = tx.object_store(CHUNK_IDS).map_err(err)?;
        let keys = ids
            .get_all_keys(Some(Self::table_range(table)?), None)
            .map_err(err)?
            .await
            .map_err(err)?;
        let values = ids
            .get_all(Some(Self::table_range(table)?), None)
            .map_err(err)?
            .await
            .map_err(err)?;
        let indexes = values
            .iter()
            .map(decode)
            .collect::<Result<Vec<ChunkIds>, StoreError>>()?;
        if keys.len() != indexes.len() {
            return Err(err("chunk keys and indexes differ"));
        }
        Ok(TableRead { keys, indexes })
    }

    /// Every chunk's rows of a table, in order, read in `tx`.
    async fn chunks_in(tx: &idb::Transaction, table: &str) -> Result<Vec<Vec<Row>>, StoreError> {
        let chunks = tx.object_store(CHUNKS).map_err(err)?;
        let values = chunks
            .get_all(Some(Self::table_range(table)?), None)
            .map_err(err)?
            .await
            .map_err(err)?;
        values.iter().map(decode_rows).collect()
    }

    /// The rows at `places`, reading each chunk they are in once.
    async fn rows_at(
        tx: &idb::Transaction,
        read: &TableRead,
        places: &[Place],
    ) -> Result<Vec<Row>, StoreError> {
        let chunks = tx.object_store(CHUNKS).map_err(err)?;
        let mut out = Vec::with_capacity(places.len());
        let mut at = 0;
        while at < places.len() {
            let chunk = places[at].chunk;
            let key = read
                .keys
                .get(chunk)
                .ok_or_else(|| err("chunk out of range"))?;
            let value = chunks
                .get(key.clone())
                .map_err(err)?
                .await
                .map_err(err)?
                .ok_or_else(|| err("a chunk's rows are missing"))?;
            let mut rows: Vec<Option<Row>> = decode_rows(&value)?.into_iter().map(Some).collect();
            while at < places.len() && places[at].chunk == chunk {
                let row = rows
                    .get_mut(places[at].row)
                    .and_then(Option::take)
                    .ok_or_else(|| err("a chunk's row is missing"))?;
                out.push(row);
                at += 1;
            }
        }
        Ok(out)
    }

    /// Writes a table again whole, without its shadowed copies and
    /// removals, in one step.
    async fn compact(&self, table: &str) -> Result<(), StoreError> {
        let tx = self.tx(&[CHUNKS, CHUNK_IDS, META], TransactionMode::ReadWrite)?;
        let read = Self::indexes_in(&tx, table).await?;
        let rows = chunks::fold(&read.indexes, Self::chunks_in(&tx, table).await?);
        for store in [CHUNKS, CHUNK_IDS] {
            tx.object_store(store)
                .map_err(err)?
                .delete(Self::table_range(table)?)
                .map_err(err)?;
        }
        let mut writes = ByTable::new();
        writes.insert(table.to_string(), (rows, Vec::new()));
        Self::append_in(&tx, writes).await?;
        Self::finish(tx).await
    }

    /// Compacts the tables a write touched that have grown too many chunks.
    /// The write is done by then, so a failure here is only reported: the
    /// chunks stay as they are, readable, and the next write tries again.
    async fn compact_if_long(&self, tables: Vec<String>) {
        for table in tables {
            if let Err(e) = self.compact_one_if_long(&table).await {
                leptos::logging::warn!("compacting {table}: {e}");
            }
        }
    }

    async fn compact_one_if_long(&self, table: &str) -> Result<(), StoreError> {
        let tx = self.tx(&[CHUNK_IDS], TransactionMode::ReadOnly)?;
        let n = tx
            .object_store(CHUNK_IDS)
            .map_err(err)?
            .count(Some(Self::table_range(table)?))
            .map_err(err)?
            .await
            .map_err(err)?;
        if n > MAX_CHUNKS {
            self.compact(table).await?;
        }
        Ok(())
    }
}

impl LocalStore for IdbStore {
    async fn meta(&self) -> Result<Option<Meta>, StoreError> {
        let tx = self.tx(&[META], TransactionMode::ReadOnly)?;
        let store = tx.object_store(META).map_err(err)?;
        let v = store
            .get(JsValue::from_str(META_KEY))
            .map_err(err)?
            .await
            .map_err(err)?;
        v.map(|v| decode(&v)).transpose()
    }

    async fn put_meta(&self, meta: &Meta) -> Result<(), StoreError> {
        let tx = self.tx(&[META], TransactionMode::ReadWrite)?;
        let store = tx.object_store(META).map_err(err)?;
        store
            .put(&encode(meta)?, Some(&JsValue::from_str(META_KEY)))
            .map_err(err)?;
        Self::finish(tx).await
    }

    async fn update_meta(&self, change: &MetaChange) -> Result<(), StoreError> {
        let tx = self.tx(&[META], TransactionMode::ReadWrite)?;
        let m = tx.object_store(META).map_err(err)?;
        let mut meta = Self::meta_in(&m).await?;
        change.apply(&mut meta);
        Self::put_meta_in(&m, &meta)?;
        Self::finish(tx).await
    }

    async fn get(&self, key: &RecordKey) -> Result<Option<Row>, StoreError> {
        let tx = self.tx(&[CHUNKS, CHUNK_IDS], TransactionMode::ReadOnly)?;
        let read = Self::indexes_in(&tx, &key.table).await?;
        let Some(place) = chunks::locate(&read.indexes, &key.id) else {
            return Ok(None);
        };
        Ok(Self::rows_at(&tx, &read, &[place]).await?.pop())
    }

    async fn all(&self, table: &str) -> Result<Vec<Row>, StoreError> {
        let tx = self.tx(&[CHUNKS, CHUNK_IDS], TransactionMode::ReadOnly)?;
        let read = Self::indexes_in(&tx, table).await?;
        let rows = chunks::fold(&read.indexes, Self::chunks_in(&tx, table).await?);
        // A read that fills the app's memory is where the shadowed copies
        // are counted anyway; a failed compaction leaves the rows readable.
        if chunks::needs_compaction(&read.indexes, rows.len())
            && let Err(e) = self.compact(table).await
        {
            leptos::logging::warn!("compacting {table}: {e}");
        }
        Ok(rows)
    }

    async fn of_clients(&self, table: &str, client_ids: &[String]) -> Result<Vec<Row>, StoreError> {
        let tx = self.tx(&[CHUNKS, CHUNK_IDS], TransactionMode::ReadOnly)?;
        let read = Self::indexes_in(&tx, table).await?;
        let places = chunks::of_clients(&read.indexes, client_ids);
        let mut rows = Self::rows_at(&tx, &read, &places).await?;
        sort::by_key(&mut rows, |r| r.key().id);
        Ok(rows)
    }

    async fn commit_local(
        &self,
        row: Row,
        mut op: Op,
        change: &MetaChange,
    ) -> Result<(), StoreError> {
        let table = row.key().table;
        let tx = self.tx(
            &[CHUNKS, CHUNK_IDS, OUTBOX, META],
            TransactionMode::ReadWrite,
        )?;
        let m = tx.object_store(META).map_err(err)?;
        let mut meta = Self::meta_in(&m).await?;
        take_seq(&mut meta, &mut op);
        change.apply(&mut meta);
        Self::append_in(&tx, by_table(vec![row], Vec::new())).await?;
        let outbox = tx.object_store(OUTBOX).map_err(err)?;
        // `add`, not `put`: a taken sequence number fails the whole edit
        // rather than replace the operation queued under it.
        outbox
            .add(&encode(&op)?, Some(&JsValue::from_f64(op.seq as f64)))
            .map_err(err)?;
        Self::put_meta_in(&m, &meta)?;
        Self::finish(tx).await?;
        self.compact_if_long(vec![table]).await;
        Ok(())
    }

    async fn outbox(&self) -> Result<Vec<Op>, StoreError> {
        let tx = self.tx(&[OUTBOX], TransactionMode::ReadOnly)?;
        let store = tx.object_store(OUTBOX).map_err(err)?;
        // Keys are the ops' sequence numbers, so this is their order.
        let values = store.get_all(None, None).map_err(err)?.await.map_err(err)?;
        values.iter().map(decode).collect()
    }

    async fn outbox_head(&self, n: usize) -> Result<Vec<Op>, StoreError> {
        let tx = self.tx(&[OUTBOX], TransactionMode::ReadOnly)?;
        let store = tx.object_store(OUTBOX).map_err(err)?;
        let limit = u32::try_from(n).unwrap_or(u32::MAX);
        let values = store
            .get_all(None, Some(limit))
            .map_err(err)?
            .await
            .map_err(err)?;
        values.iter().map(decode).collect()
    }

    async fn settle(&self, done: &[String], rejected: Vec<Rejected>) -> Result<(), StoreError> {
        let queued = self.outbox().await?;
        let done: std::collections::HashSet<&String> = done.iter().collect();
        let tx = self.tx(&[OUTBOX, REJECTED], TransactionMode::ReadWrite)?;
        let outbox = tx.object_store(OUTBOX).map_err(err)?;
        for op in queued.iter().filter(|o| done.contains(&o.op_id)) {
            outbox
                .delete(JsValue::from_f64(op.seq as f64))
                .map_err(err)?;
        }
        let store = tx.object_store(REJECTED).map_err(err)?;
        for r in &rejected {
            store
                .put(&encode(r)?, Some(&JsValue::from_str(&r.op.op_id)))
                .map_err(err)?;
        }
        Self::finish(tx).await
    }

    async fn apply_page(
        &self,
        rows: Vec<Row>,
        gone: Vec<RecordKey>,
        change: &MetaChange,
    ) -> Result<(), StoreError> {
        let writes = by_table(rows, gone);
        let tables: Vec<String> = writes.keys().cloned().collect();
        let tx = self.tx(&[CHUNKS, CHUNK_IDS, META], TransactionMode::ReadWrite)?;
        let m = tx.object_store(META).map_err(err)?;
        let mut meta = Self::meta_in(&m).await?;
        change.apply(&mut meta);
        Self::append_in(&tx, writes).await?;
        Self::put_meta_in(&m, &meta)?;
        Self::finish(tx).await?;
        self.compact_if_long(tables).await;
        Ok(())
    }

    async fn clear_records(&self) -> Result<(), StoreError> {
        let tx = self.tx(&[CHUNKS, CHUNK_IDS, META], TransactionMode::ReadWrite)?;
        let m = tx.object_store(META).map_err(err)?;
        let mut meta = Self::meta_in(&m).await?;
        meta.cursor = None;
        for store in [CHUNKS, CHUNK_IDS] {
            tx.object_store(store).map_err(err)?.clear().map_err(err)?;
        }
        Self::put_meta_in(&m, &meta)?;
        Self::finish(tx).await
    }

    async fn rejected(&self) -> Result<Vec<Rejected>, StoreError> {
        let tx = self.tx(&[REJECTED], TransactionMode::ReadOnly)?;
        let store = tx.object_store(REJECTED).map_err(err)?;
        let values = store.get_all(None, None).map_err(err)?.await.map_err(err)?;
        values.iter().map(decode).collect()
    }
}
