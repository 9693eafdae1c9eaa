//! Money from accounting: an export imported from the import page (those
//! who may import only), and how far a running import has got.

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
