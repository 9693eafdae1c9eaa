//! Deputy cover: appointing a deputy for a date range, ending it early, and
//! the covers one takes part in or arranges.

use super::ApiError;
use crate::domain::cover::{CoverInput, CoverView};
use leptos::prelude::*;
use leptos::server_fn::codec::Json;

#[server(endpoint = "covers/list", input = Json)]
pub async fn list_covers() -> Result<Vec<CoverView>, ApiError> {
    use crate::backend::{context, covers};
    context::respond(
        async {
            let (db, me) = context::signed_in().await?;
            covers::list(&db, &me, context::now()).await
        }
        .await,
    )
}

/// Appoints a deputy: the owner themself or whoever leads them.
#[server(endpoint = "covers/create", input = Json)]
pub async fn create_cover(input: CoverInput) -> Result<CoverView, ApiError> {
    use crate::backend::{context, covers};
    context::respond(
        async {
            let (db, me) = context::signed_in().await?;
            context::require(me.role.works_clients())?;
            let valid = input.validate(context::now())?;
            covers::create(&db, &me, valid).await
        }
        .await,
    )
}

/// Ends a cover now, or cancels one that has not started.
#[server(endpoint = "covers/end", input = Json)]
pub async fn end_cover(id: String) -> Result<CoverView, ApiError> {
    use crate::backend::{context, covers};
    context::respond(
        async {
            let (db, me) = context::signed_in().await?;
            covers::end(&db, &me, &id, context::now()).await
        }
        .await,
    )
}
