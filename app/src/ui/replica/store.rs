//! Which store a device uses: IndexedDB in the browser. Native builds of the
//! UI (server-side checks and tests) never run it and use memory.

#[cfg(feature = "csr")]
pub type DeviceStore = crate::local::idb_store::IdbStore;
#[cfg(not(feature = "csr"))]
pub type DeviceStore = crate::sync::memory_store::MemoryStore;

use crate::sync::store::StoreError;

pub async fn open(user_id: &str) -> Result<DeviceStore, StoreError> {
    #[cfg(feature = "csr")]
    {
        crate::local::idb_store::IdbStore::open(user_id).await
    }
    #[cfg(not(feature = "csr"))]
    {
        let _ = user_id;
        Ok(DeviceStore::default())
    }
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
    store.close();
    #[cfg(not(feature = "csr"))]
    let _ = store;
}
