//! The one way a view reads the device's data. Every read answers from the
//! replica's in-memory mirror (`records.rs`), and runs again whenever the
//! device's records change (a local edit, a pull, another tab), so views
//! never read the store themselves nor track the replica's revision.

use super::engine::{Replica, use_replica};
use crate::api::ApiError;
use crate::ui::errors::api_error_text;
use crate::ui::session::use_session;
use crate::ui::widgets::perf;
use leptos::prelude::*;
use std::future::Future;

/// What a view shows of the device's data: the last value read, and the
/// last failure in the user's language (the value stays).
pub struct DeviceData<T: Send + Sync + 'static> {
    pub value: RwSignal<Option<T>>,
    pub error: RwSignal<Option<String>>,
}

impl<T: Send + Sync + 'static> Clone for DeviceData<T> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<T: Send + Sync + 'static> Copy for DeviceData<T> {}

/// Reads for a view: `read` runs once the replica is ready, again whenever
/// the device's records change, and again when a signal it reads *before*
/// returning its future changes (an id in the address, a picked range). It
/// answers `None` while there is nothing to read yet. With `mark`, the
/// browser benchmark's performance marks time the read until it is painted.
pub fn use_device_data<T, Fut>(
    mark: Option<&'static str>,
    read: impl Fn(Replica) -> Option<Fut> + 'static,
) -> DeviceData<T>
where
    T: Send + Sync + 'static,
    Fut: Future<Output = Result<T, ApiError>> + 'static,
{
    let s = use_session();
    let r = use_replica();
    let data = DeviceData {
        value: RwSignal::new(None),
        error: RwSignal::new(None),
    };
    // Reads can finish out of order (a store read while the mirror fills);
    // only the newest one's answer is shown.
    let latest = StoredValue::new(0u64);
    Effect::new(move |_| {
        r.revision.track();
        if !r.ready.get() {
            return;
        }
        let Some(answer) = read(r) else { return };
        if let Some(m) = mark {
            perf::start(m);
        }
        latest.update_value(|n| *n += 1);
        let this = latest.get_value();
        leptos::task::spawn_local(async move {
            let answer = answer.await;
            if latest.try_get_value() != Some(this) {
                return;
            }
            match answer {
                Ok(v) => {
                    data.error.set(None);
                    data.value.set(Some(v));
                    if let Some(m) = mark {
                        perf::painted(m);
                    }
                }
                Err(e) => data
                    .error
                    .set(Some(api_error_text(s.lang.get_untracked(), &e))),
            }
        });
    });
    data
}
