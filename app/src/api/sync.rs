//! The sync endpoints a device talks to (see docs/ARCHITECTURE.md, "Sync").

use super::ApiError;
use crate::sync::protocol::{Ack, PullAnswer, PullRequest, PushBatch};
use leptos::prelude::*;
use leptos::server_fn::codec::Json;

#[server(endpoint = "sync/push", input = Json)]
pub async fn sync_push(batch: PushBatch) -> Result<Vec<Ack>, ApiError> {
    use crate::backend::{context, sync_push};
    context::respond(
        async {
            let (db, me) = context::signed_in().await?;
            sync_push::push(&db, &me, &batch).await
        }
        .await,
    )
}

#[server(endpoint = "sync/pull", input = Json)]
pub async fn sync_pull(request: PullRequest) -> Result<PullAnswer, ApiError> {
    use crate::backend::{context, sync_pull};
    context::respond(
        async {
            let (db, me) = context::signed_in().await?;
            sync_pull::pull(&db, &me, &request).await
        }
        .await,
    )
}
