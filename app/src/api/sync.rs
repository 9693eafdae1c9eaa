//! The sync endpoints a device talks to (see docs/ARCHITECTURE.md, "Sync").

use super::ApiError;
use crate::sync::protocol::{Ack, PullAnswer, PullRequest, PushBatch};
use leptos::prelude::*;
use leptos::server_fn::codec::Json;

/// Applies a device's operations. A device signed out from elsewhere, or a
/// deactivated user's, applies nothing more: what it still holds is handed
/// to the user's head for review (the server cannot tell work done before
/// the sign-out from work a stolen phone backdates), then it wipes.
#[server(endpoint = "sync/push", input = Json)]
pub async fn sync_push(batch: PushBatch) -> Result<Vec<Ack>, ApiError> {
    use crate::backend::sessions::Found;
    use crate::backend::{context, records, review, sessions};
    context::respond(
        async {
            let (db, found) = context::session_found().await?;
            match found {
                Found::Current {
                    me,
                    session,
                    signed_in_at,
                } => {
                    let acks = records::push(&db, &me, &batch, Some(signed_in_at)).await?;
                    sessions::synced(&db, &session, Some(&batch.device_id)).await?;
                    Ok(acks)
                }
                Found::Revoked { user, .. } => review::hand_in(&db, &user, &batch).await,
                Found::Unknown => Err(ApiError::Unauthorized),
            }
        }
        .await,
    )
}

#[server(endpoint = "sync/pull", input = Json)]
pub async fn sync_pull(request: PullRequest) -> Result<PullAnswer, ApiError> {
    use crate::backend::{context, records, sessions};
    context::respond(
        async {
            let (db, me, session) = context::signed_in_session().await?;
            let answer = records::pull(&db, &me, &request).await?;
            sessions::synced(&db, &session, None).await?;
            Ok(answer)
        }
        .await,
    )
}
