//! The device's own storage (browser only): the sync store in IndexedDB.

pub mod idb_store;
