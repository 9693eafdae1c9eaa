//! Proposal templates, written on the server by those who lead people;
//! devices receive them by sync (reference data), so reading needs no
//! function here.

use super::ApiError;
use crate::domain::template::{Template, TemplateFields};
use leptos::prelude::*;
use leptos::server_fn::codec::Json;

/// Creates a template (`id` is `None`) or changes one; answers it as stored.
#[server(endpoint = "templates/save", input = Json)]
pub async fn save_template(
    id: Option<String>,
    fields: TemplateFields,
) -> Result<Template, ApiError> {
    use crate::backend::{context, templates};
    context::respond(
        async {
            let (db, me) = context::signed_in().await?;
            templates::save(&db, &me, id.as_deref(), fields).await
        }
        .await,
    )
}
