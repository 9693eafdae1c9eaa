//! `LocalStore` in IndexedDB, one database per signed-in user. Values are
//! JSON strings: one encoding with the wire, and no schema upgrade when a
//! record type grows a field. Every method is one IndexedDB transaction.

use crate::sync::op::Op;
use crate::sync::protocol::{RecordKey, Row};
use crate::sync::store::{LocalStore, Meta, MetaChange, Rejected, StoreError, take_seq};
use idb::{
    Database, DatabaseEvent, Factory, KeyPath, KeyRange, ObjectStoreParams, Query, TransactionMode,
};
use js_sys::{Object, Reflect};
use serde::Serialize;
use serde::de::DeserializeOwned;
use wasm_bindgen::JsValue;

const VERSION: u32 = 1;
const RECORDS: &str = "records";
const OUTBOX: &str = "outbox";
const META: &str = "meta";
const REJECTED: &str = "rejected";
const META_KEY: &str = "meta";
const BY_CLIENT: &str = "by_client";
const CLIENT_FIELD: &str = "client";
const ROW_FIELD: &str = "row";

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

fn record_key(k: &RecordKey) -> JsValue {
    JsValue::from_str(&format!("{}/{}", k.table, k.id))
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
    serde_json::from_str(&s).map_err(err)
}

/// A record as stored: its JSON, and the card it belongs to for the index.
fn stored_row(row: &Row) -> Result<JsValue, StoreError> {
    let o = Object::new();
    Reflect::set(&o, &ROW_FIELD.into(), &encode(row)?).map_err(|_| err("cannot build record"))?;
    // Reference data belongs to no card: left out of the client index.
    if let Some(client) = row.client_id() {
        Reflect::set(&o, &CLIENT_FIELD.into(), &client.into())
            .map_err(|_| err("cannot build record"))?;
    }
    Ok(o.into())
}

fn row_of(v: &JsValue) -> Result<Row, StoreError> {
    let json = Reflect::get(v, &ROW_FIELD.into()).map_err(|_| err("stored record has no row"))?;
    decode(&json)
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
            for name in [RECORDS, OUTBOX, META, REJECTED] {
                if !names.iter().any(|n| n == name)
                    && let Ok(store) = db.create_object_store(name, ObjectStoreParams::new())
                    && name == RECORDS
                {
                    // A card's calls and conflicts without reading every record.
                    let _ = store.create_index(BY_CLIENT, KeyPath::new_single(CLIENT_FIELD), None);
                }
            }
        });
        let db = req.await.map_err(err)?;
        Ok(IdbStore { db })
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

    /// The metadata as stored, read inside `tx` (which then keeps it until
    /// the change is written: no other writer comes between).
    async fn meta_in(m: &idb::ObjectStore) -> Result<Meta, StoreError> {
        let v = m
            .get(JsValue::from_str(META_KEY))
            .map_err(err)?
            .await
            .map_err(err)?
            .ok_or_else(|| err("device metadata missing"))?;
        decode(&v)
    }

    fn put_meta_in(m: &idb::ObjectStore, meta: &Meta) -> Result<(), StoreError> {
        m.put(&encode(meta)?, Some(&JsValue::from_str(META_KEY)))
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

    /// How many records of a table the device holds.
    pub async fn count(&self, table: &str) -> Result<u32, StoreError> {
        let tx = self.tx(&[RECORDS], TransactionMode::ReadOnly)?;
        let store = tx.object_store(RECORDS).map_err(err)?;
        store
            .count(Some(Self::table_range(table)?))
            .map_err(err)?
            .await
            .map_err(err)
    }

    pub async fn outbox_len(&self) -> Result<u32, StoreError> {
        let tx = self.tx(&[OUTBOX], TransactionMode::ReadOnly)?;
        let store = tx.object_store(OUTBOX).map_err(err)?;
        store.count(None).map_err(err)?.await.map_err(err)
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
        let tx = self.tx(&[RECORDS], TransactionMode::ReadOnly)?;
        let store = tx.object_store(RECORDS).map_err(err)?;
        let v = store
            .get(record_key(key))
            .map_err(err)?
            .await
            .map_err(err)?;
        v.map(|v| row_of(&v)).transpose()
    }

    async fn all(&self, table: &str) -> Result<Vec<Row>, StoreError> {
        let tx = self.tx(&[RECORDS], TransactionMode::ReadOnly)?;
        let store = tx.object_store(RECORDS).map_err(err)?;
        let values = store
            .get_all(Some(Self::table_range(table)?), None)
            .map_err(err)?
            .await
            .map_err(err)?;
        values.iter().map(row_of).collect()
    }

    async fn of_client(&self, table: &str, client_id: &str) -> Result<Vec<Row>, StoreError> {
        let tx = self.tx(&[RECORDS], TransactionMode::ReadOnly)?;
        let store = tx.object_store(RECORDS).map_err(err)?;
        let index = store.index(BY_CLIENT).map_err(err)?;
        let values = index
            .get_all(Some(Query::from(JsValue::from_str(client_id))), None)
            .map_err(err)?
            .await
            .map_err(err)?;
        let rows: Result<Vec<Row>, StoreError> = values.iter().map(row_of).collect();
        Ok(rows?
            .into_iter()
            .filter(|r| r.key().table == table)
            .collect())
    }

    async fn commit_local(
        &self,
        row: Row,
        mut op: Op,
        change: &MetaChange,
    ) -> Result<(), StoreError> {
        let tx = self.tx(&[RECORDS, OUTBOX, META], TransactionMode::ReadWrite)?;
        let m = tx.object_store(META).map_err(err)?;
        let mut meta = Self::meta_in(&m).await?;
        take_seq(&mut meta, &mut op);
        change.apply(&mut meta);
        let records = tx.object_store(RECORDS).map_err(err)?;
        records
            .put(&stored_row(&row)?, Some(&record_key(&row.key())))
            .map_err(err)?;
        let outbox = tx.object_store(OUTBOX).map_err(err)?;
        // `add`, not `put`: a taken sequence number fails the whole edit
        // rather than replace the operation queued under it.
        outbox
            .add(&encode(&op)?, Some(&JsValue::from_f64(op.seq as f64)))
            .map_err(err)?;
        Self::put_meta_in(&m, &meta)?;
        Self::finish(tx).await
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
        let tx = self.tx(&[RECORDS, META], TransactionMode::ReadWrite)?;
        let m = tx.object_store(META).map_err(err)?;
        let mut meta = Self::meta_in(&m).await?;
        change.apply(&mut meta);
        let records = tx.object_store(RECORDS).map_err(err)?;
        for k in &gone {
            records.delete(record_key(k)).map_err(err)?;
        }
        for r in &rows {
            records
                .put(&stored_row(r)?, Some(&record_key(&r.key())))
                .map_err(err)?;
        }
        Self::put_meta_in(&m, &meta)?;
        Self::finish(tx).await
    }

    async fn clear_records(&self) -> Result<(), StoreError> {
        let tx = self.tx(&[RECORDS, META], TransactionMode::ReadWrite)?;
        let m = tx.object_store(META).map_err(err)?;
        let mut meta = Self::meta_in(&m).await?;
        meta.cursor = None;
        let records = tx.object_store(RECORDS).map_err(err)?;
        records.clear().map_err(err)?;
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
