//! The price list, imported on the server by heads, directors and
//! administrators; devices receive its items by sync (reference data).

use super::ApiError;
use crate::domain::price_list_import::PriceListReport;
use leptos::prelude::*;
use leptos::server_fn::codec::Json;

/// Imports (or, with `preview`, only checks and compares) the price list in
/// `data` (the file's bytes, base64: CSV or XLSX).
#[server(endpoint = "prices/import", input = Json)]
pub async fn import_price_list(data: String, preview: bool) -> Result<PriceListReport, ApiError> {
    use crate::backend::{context, price_list};
    context::respond(
        async {
            let (db, me) = context::signed_in().await?;
            price_list::upload(&db, &me, &data, preview).await
        }
        .await,
    )
}
