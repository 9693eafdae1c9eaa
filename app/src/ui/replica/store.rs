//! Which store a device uses: IndexedDB in the browser. Native builds of the
//! UI (server-side checks and tests) never run it and use memory. Either is
//! watched, so the in-memory mirror hears of every stored change.

use crate::sync::store::StoreError;
use crate::sync::watched_store::{Watched, Watcher};

#[cfg(feature = "csr")]
type Inner = crate::local::idb_store::IdbStore;
#[cfg(not(feature = "csr"))]
type Inner = crate::sync::memory_store::MemoryStore;

pub type DeviceStore = Watched<Inner>;

pub async fn open(user_id: &str, watcher: Watcher) -> Result<DeviceStore, StoreError> {
    #[cfg(feature = "csr")]
    let inner = crate::local::idb_store::IdbStore::open(user_id).await?;
    #[cfg(not(feature = "csr"))]
    let inner = {
        let _ = user_id;
        Inner::default()
    };
    Ok(Watched::new(inner, watcher))
}

/// Removes everything this device keeps for a user.
pub async fn wipe(user_id: &str) -> Result<(), StoreError> {
    #[cfg(feature = "csr")]
    {
        crate::local::idb_store::IdbStore::delete(user_id).await
    }
    #[cfg(not(feature = "csr"))]
    {
        let _ = user_id;
        Ok(())
    }
}

pub fn close(store: &DeviceStore) {
    #[cfg(feature = "csr")]
    store.inner().close();
    #[cfg(not(feature = "csr"))]
    let _ = store;
}
