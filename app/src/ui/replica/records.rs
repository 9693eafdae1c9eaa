//! The Replica's in-memory mirror of the device's records (`sync::mirror`):
//! filled once when the store opens, kept current by the watched store,
//! filled again when another tab changed the store. Screens that read every
//! card and call run over it.

use super::engine::Replica;
use crate::api::ApiError;
use crate::domain::calling::hourly_zone::HourlyZone;
use crate::sync::kinds;
use crate::sync::mirror::Mirror;
use crate::sync::protocol::Row;
use crate::sync::store::LocalStore;
use leptos::prelude::*;

async fn read_all(store: &impl LocalStore) -> Result<Vec<Row>, ApiError> {
    let mut rows = Vec::new();
    for kind in kinds::ALL {
        rows.extend(
            store
                .all(kind.table)
                .await
                .map_err(|e| ApiError::Internal(e.to_string()))?,
        );
    }
    Ok(rows)
}

impl Replica {
    /// This device's time zone, its offsets remembered by the hour (see
    /// `hourly_zone.rs`); shared, so the memory lasts the session.
    pub fn zone(&self) -> HourlyZone<chrono::Local> {
        self.zone.get_value()
    }

    /// Reads the store into the mirror; changes stored meanwhile wait and
    /// follow. Screens read again when it is done.
    pub(super) async fn fill_mirror(&self) {
        let Ok(d) = self.device() else { return };
        let mirror = self.mirror.get_value();
        let generation = mirror.borrow_mut().reset();
        match read_all(d.store()).await {
            Ok(rows) => {
                // Two fills may overlap (tabs announcing at once): only the
                // latest one's read is kept.
                if mirror.borrow_mut().fill_from(generation, rows) {
                    self.revision.update(|r| *r += 1);
                }
            }
            Err(e) => self.last_error.set(Some(e)),
        }
    }

    /// Runs `f` over the device's records: the mirror once it is filled,
    /// else (the first seconds after the app opens) one read of the store.
    pub async fn over_records<T>(&self, f: impl FnOnce(&Mirror) -> T) -> Result<T, ApiError> {
        let mirror = self.mirror.get_value();
        if mirror.borrow().is_filled() {
            return Ok(f(&mirror.borrow()));
        }
        let rows = read_all(self.device()?.store()).await?;
        let mut once = Mirror::default();
        once.fill(rows);
        Ok(f(&once))
    }

    /// The records of one kind about one client: from the mirror once it is
    /// filled, else (the first seconds after the app opens, while the fill
    /// runs) from the store's by-client index, since reading every record
    /// again for one card would cost seconds.
    pub(super) async fn of_client<T>(
        &self,
        table: &str,
        client_id: &str,
        in_mirror: impl FnOnce(&Mirror) -> Vec<T>,
        of_row: impl Fn(Row) -> Option<T>,
    ) -> Result<Vec<T>, ApiError> {
        let mirror = self.mirror.get_value();
        if mirror.borrow().is_filled() {
            return Ok(in_mirror(&mirror.borrow()));
        }
        let rows = self
            .device()?
            .store()
            .of_client(table, client_id)
            .await
            .map_err(|e| ApiError::Internal(e.to_string()))?;
        Ok(rows.into_iter().filter_map(of_row).collect())
    }
}
