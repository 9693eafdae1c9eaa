//! Work handed in by deactivated users' devices, for their heads.

use super::ApiError;
use crate::domain::review::ReviewItem;
use leptos::prelude::*;
use leptos::server_fn::codec::Json;

#[server(endpoint = "review/list", input = Json)]
pub async fn list_review() -> Result<Vec<ReviewItem>, ApiError> {
    use crate::backend::{context, review};
    context::respond(
        async {
            let (db, me) = context::signed_in().await?;
            context::require(me.role.leads_people())?;
            review::list(&db, &me).await
        }
        .await,
    )
}

#[server(endpoint = "review/done", input = Json)]
pub async fn review_done(id: String) -> Result<(), ApiError> {
    use crate::backend::{context, review};
    context::respond(
        async {
            let (db, me) = context::signed_in().await?;
            context::require(me.role.leads_people())?;
            review::done(&db, &me, &id).await
        }
        .await,
    )
}
