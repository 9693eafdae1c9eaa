//! How a device reaches the server: the server functions in the browser, the
//! in-process router or real HTTP in native tests and benchmarks.

use super::protocol::{Ack, PullAnswer, PullRequest, PushBatch};
use crate::ApiError;

#[allow(async_fn_in_trait)]
pub trait Transport {
    async fn push(&self, batch: PushBatch) -> Result<Vec<Ack>, ApiError>;
    async fn pull(&self, request: PullRequest) -> Result<PullAnswer, ApiError>;
}
