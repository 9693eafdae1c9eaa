//! The browser's way to the server: the sync server functions, and the sync
//! itself in a module of its own. `scripts/build-web` cuts the push, pull and
//! rebase code off the main module like the seldom-opened screens
//! (`ui/split_pages.rs`): Today is drawn from the device's data, so the first
//! screen does not wait for them; the first sync does.

use crate::api::ApiError;
use crate::api::sync::{sync_pull, sync_push};
use crate::sync::device::{Device, Progress, SyncError};
use crate::sync::protocol::{Ack, PullAnswer, PullRequest, PushBatch};
use crate::sync::transport::Transport;
use crate::ui::split_pages::NotLoaded;
use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;
use wasm_split_helpers::wasm_split;

use super::store::DeviceStore;

pub struct ServerFns;

impl Transport for ServerFns {
    async fn push(&self, batch: PushBatch) -> Result<Vec<Ack>, ApiError> {
        sync_push(batch).await
    }

    async fn pull(&self, request: PullRequest) -> Result<PullAnswer, ApiError> {
        sync_pull(request).await
    }
}

type Run = Pin<Box<dyn Future<Output = Result<Progress, SyncError>>>>;

#[wasm_split(sync, fallible)]
fn run(
    device: Rc<Device<DeviceStore>>,
    progress: Box<dyn FnMut(&Progress)>,
) -> Result<Run, NotLoaded> {
    Ok(Box::pin(
        async move { device.sync(&ServerFns, progress).await },
    ))
}

/// Pushes and pulls (`Device::sync`) once the module is in. A module that
/// cannot be fetched (offline before the service worker kept it) is a
/// network failure: nothing is lost and the next sync tries again.
pub async fn sync(
    device: Rc<Device<DeviceStore>>,
    progress: impl FnMut(&Progress) + 'static,
) -> Result<Progress, SyncError> {
    match run(device, Box::new(progress)).await {
        Ok(running) => running.await,
        Err(NotLoaded) => Err(SyncError::Server(ApiError::Network(
            "the sync's code could not be fetched".into(),
        ))),
    }
}
