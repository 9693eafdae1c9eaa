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
use crate::ui::widgets::perf;
use futures::channel::oneshot;
use leptos::prelude::*;

/// The browser benchmark's measure of the fill (the warm start's wait).
const FILL: &str = "kartoteka:fill";

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
    /// follow. Reads that need every record wait for it.
    pub(super) async fn fill_mirror(&self) {
        let Ok(d) = self.device() else { return };
        let mirror = self.mirror.get_value();
        let generation = mirror.borrow_mut().reset();
        self.filled.set(false);
        perf::start(FILL);
        match read_all(d.store()).await {
            Ok(rows) => {
                // Two fills may overlap (tabs announcing at once): only the
                // latest one's read is kept, and its readers wait for it.
                if mirror.borrow_mut().fill_from(generation, rows) {
                    perf::done(FILL);
                    self.fill_done();
                    self.filled.set(true);
                }
            }
            Err(e) => {
                self.fill_done();
                self.last_error.set(Some(e));
            }
        }
    }

    /// Forgets the mirror's records until the next fill: reads from now on
    /// wait for it rather than answer from what another tab has changed.
    pub(super) fn mirror_stale(&self) {
        let _ = self.mirror.get_value().borrow_mut().reset();
        self.filled.set(false);
    }

    /// Wakes the reads waiting for the fill (done, failed or abandoned).
    pub(super) fn fill_done(&self) {
        for waiter in self
            .fill_waiters
            .try_update_value(std::mem::take)
            .unwrap_or_default()
        {
            let _ = waiter.send(());
        }
    }

    /// Runs `f` over the device's records: the mirror, once the fill that
    /// runs after the store opens is done (reading every record beside it
    /// would double the wait, and on a slow phone that was seconds).
    pub async fn over_records<T>(&self, f: impl FnOnce(&Mirror) -> T) -> Result<T, ApiError> {
        let store = self.device()?;
        let mirror = self.mirror.get_value();
        if !mirror.borrow().is_filled() {
            let (tx, rx) = oneshot::channel();
            self.fill_waiters.update_value(|w| w.push(tx));
            let _ = rx.await;
        }
        if mirror.borrow().is_filled() {
            return Ok(f(&mirror.borrow()));
        }
        // The fill failed: one read of the store for this screen.
        let rows = read_all(store.store()).await?;
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
            .of_clients(table, &[client_id.to_string()])
            .await
            .map_err(|e| ApiError::Internal(e.to_string()))?;
        Ok(rows.into_iter().filter_map(of_row).collect())
    }
}
