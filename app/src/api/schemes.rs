//! Key-client schemes, written on the server by those who lead people;
//! devices receive them by sync (reference data).

use super::ApiError;
use crate::domain::scheme::{Scheme, SchemeInput};
use leptos::prelude::*;
use leptos::server_fn::codec::Json;

/// Creates a scheme (`id` is `None`) or changes one; answers it as stored.
#[server(endpoint = "schemes/save", input = Json)]
pub async fn save_scheme(id: Option<String>, input: SchemeInput) -> Result<Scheme, ApiError> {
    use crate::backend::{context, schemes};
    context::respond(
        async {
            let (db, me) = context::signed_in().await?;
            schemes::save(&db, &me, id.as_deref(), input).await
        }
        .await,
    )
}
