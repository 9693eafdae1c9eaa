//! The sync endpoints a device talks to (see docs/ARCHITECTURE.md, "Sync").

use super::ApiError;
use crate::sync::protocol::{Ack, PullAnswer, PullRequest, PushBatch};
use leptos::prelude::*;
use leptos::server_fn::codec::Json;

/// Applies a device's operations. A device signed out from elsewhere may
/// still hand in what it did before that; a deactivated user's device hands
/// its work to their head for review. Either way it then wipes.
#[server(endpoint = "sync/push", input = Json)]
pub async fn sync_push(batch: PushBatch) -> Result<Vec<Ack>, ApiError> {
    use crate::backend::sessions::Found;
    use crate::backend::{context, review, sessions, sync_push};
    use crate::sync::protocol::AckStatus;
    context::respond(
        async {
            let (db, found) = context::session_found().await?;
            match found {
                Found::Current { me, session } => {
                    let acks = sync_push::push(&db, &me, &batch).await?;
                    sessions::synced(&db, &session, Some(&batch.device_id)).await?;
                    Ok(acks)
                }
                Found::Revoked { user, revoked_at } if user.active => {
                    // Only what was done before the sign-out: a lost phone
                    // must not keep writing.
                    let (before, after): (Vec<_>, Vec<_>) = batch
                        .ops
                        .iter()
                        .cloned()
                        .partition(|op| op.made_at() < revoked_at);
                    let earlier = PushBatch {
                        device_id: batch.device_id.clone(),
                        ops: before,
                    };
                    let mut acks = sync_push::push(&db, &user.me(), &earlier).await?;
                    acks.extend(after.iter().map(|op| Ack {
                        op_id: op.op_id.clone(),
                        status: AckStatus::Rejected {
                            reason: ApiError::SignedOut,
                        },
                    }));
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
    use crate::backend::{context, sessions, sync_pull};
    context::respond(
        async {
            let (db, me, session) = context::signed_in_session().await?;
            let answer = sync_pull::pull(&db, &me, &request).await?;
            sessions::synced(&db, &session, None).await?;
            Ok(answer)
        }
        .await,
    )
}
