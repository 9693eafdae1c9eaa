//! Money from accounting: an export imported from the import page (those
//! who may import only), how far a running import has got, and the API
//! tokens accounting systems push their documents with.

use super::ApiError;
use crate::domain::receivables::import_report::ImportReport;
use crate::domain::receivables::upload::Upload;
use leptos::prelude::*;
use leptos::server_fn::codec::Json;

/// Imports (or, with `preview`, only checks) an accounting export.
#[server(endpoint = "money/import", input = Json)]
pub async fn import_documents(upload: Upload) -> Result<ImportReport, ApiError> {
    use crate::backend::{context, money_import};
    context::respond(
        async {
            let (db, me) = context::signed_in().await?;
            money_import::upload(&db, &me, upload).await
        }
        .await,
    )
}

/// The report so far of the caller's import `run` (`None`: not started).
#[server(endpoint = "money/import/progress", input = Json)]
pub async fn import_progress(run: String) -> Result<Option<ImportReport>, ApiError> {
    use crate::backend::{context, money_import};
    context::respond(
        async {
            let (_db, me) = context::signed_in().await?;
            money_import::progress_of(&me, &run)
        }
        .await,
    )
}

/// An accounting system's API token as the import page lists it (never its
/// secret or hash).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct ApiTokenView {
    pub id: String,
    /// The accounting system's name; its pushes' source.
    pub name: String,
    pub created_at: chrono::DateTime<chrono::Utc>,
    pub last_used_at: Option<chrono::DateTime<chrono::Utc>>,
}

/// A token just made: its secret is in this answer only.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct NewApiToken {
    pub id: String,
    pub name: String,
    pub secret: String,
}

/// The API tokens not revoked (those who may import).
#[server(endpoint = "money/tokens", input = Json)]
pub async fn list_api_tokens() -> Result<Vec<ApiTokenView>, ApiError> {
    use crate::backend::{context, money_import::api_tokens};
    context::respond(
        async {
            let (db, me) = context::signed_in().await?;
            let tokens = api_tokens::list_for(&db, &me).await?;
            Ok(tokens
                .into_iter()
                .map(|t| ApiTokenView {
                    id: t.id,
                    name: t.name,
                    created_at: t.created_at,
                    last_used_at: t.last_used_at,
                })
                .collect())
        }
        .await,
    )
}

/// Makes an API token for the accounting system `name`; the answer is the
/// only place its secret is ever shown.
#[server(endpoint = "money/tokens/create", input = Json)]
pub async fn create_api_token(name: String) -> Result<NewApiToken, ApiError> {
    use crate::backend::{context, money_import::api_tokens};
    context::respond(
        async {
            let (db, me) = context::signed_in().await?;
            let made = api_tokens::create_for(&db, &me, &name).await?;
            Ok(NewApiToken {
                id: made.id,
                name: made.name,
                secret: made.secret,
            })
        }
        .await,
    )
}

/// Revokes API token `id`: its next push is refused.
#[server(endpoint = "money/tokens/revoke", input = Json)]
pub async fn revoke_api_token(id: String) -> Result<(), ApiError> {
    use crate::backend::{context, money_import::api_tokens};
    context::respond(
        async {
            let (db, me) = context::signed_in().await?;
            api_tokens::revoke_for(&db, &me, &id).await
        }
        .await,
    )
}
