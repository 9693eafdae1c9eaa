//! The browser's way to the server: the sync server functions.

use crate::api::ApiError;
use crate::api::sync::{sync_pull, sync_push};
use crate::sync::protocol::{Ack, PullAnswer, PullRequest, PushBatch};
use crate::sync::transport::Transport;

pub struct ServerFns;

impl Transport for ServerFns {
    async fn push(&self, batch: PushBatch) -> Result<Vec<Ack>, ApiError> {
        sync_push(batch).await
    }

    async fn pull(&self, request: PullRequest) -> Result<PullAnswer, ApiError> {
        sync_pull(request).await
    }
}
