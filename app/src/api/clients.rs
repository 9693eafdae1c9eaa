//! Client cards: list and search, view, create, edit, archive.

use super::ApiError;
use crate::domain::client::{ClientCard, ClientPage, ClientQuery};
use crate::domain::client_input::ClientInput;
use leptos::prelude::*;
use leptos::server_fn::codec::Json;

#[server(endpoint = "clients/list", input = Json)]
pub async fn list_clients(query: ClientQuery) -> Result<ClientPage, ApiError> {
    use crate::backend::{clients, context};
    context::respond(
        async {
            let (db, me) = context::signed_in().await?;
            let index = context::search_index()?;
            clients::list(&db, &index, &me, &query).await
        }
        .await,
    )
}

#[server(endpoint = "clients/get", input = Json)]
pub async fn get_client(id: String) -> Result<ClientCard, ApiError> {
    use crate::backend::{clients, context};
    context::respond(
        async {
            let (db, me) = context::signed_in().await?;
            clients::get(&db, &me, &id).await
        }
        .await,
    )
}

#[server(endpoint = "clients/create", input = Json)]
pub async fn create_client(input: ClientInput) -> Result<ClientCard, ApiError> {
    use crate::backend::{clients, context};
    context::respond(
        async {
            let (db, me) = context::signed_in().await?;
            clients::create(&db, &me, &input).await
        }
        .await,
    )
}

#[server(endpoint = "clients/update", input = Json)]
pub async fn update_client(id: String, input: ClientInput) -> Result<ClientCard, ApiError> {
    use crate::backend::{clients, context};
    context::respond(
        async {
            let (db, me) = context::signed_in().await?;
            clients::update(&db, &me, &id, &input).await
        }
        .await,
    )
}

#[server(endpoint = "clients/archive", input = Json)]
pub async fn set_client_archived(id: String, archived: bool) -> Result<ClientCard, ApiError> {
    use crate::backend::{clients, context};
    context::respond(
        async {
            let (db, me) = context::signed_in().await?;
            clients::set_archived(&db, &me, &id, archived).await
        }
        .await,
    )
}

/// A client list exported as CSV.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct CsvExport {
    pub rows: usize,
    pub csv: String,
}

/// Exports the cards matching the list's filters (every page) as CSV for a
/// reader of `lang` (its separator): a permission (heads and directors by
/// default), audited with its filters and size.
#[server(endpoint = "clients/export", input = Json)]
pub async fn export_clients(
    query: ClientQuery,
    lang: crate::domain::user::Language,
) -> Result<CsvExport, ApiError> {
    use crate::backend::{clients, context};
    context::respond(
        async {
            let (db, me) = context::signed_in().await?;
            let index = context::search_index()?;
            let (header, rows) = clients::export_audited(&db, &index, &me, &query, "csv").await?;
            Ok(CsvExport {
                rows: rows.len(),
                csv: crate::domain::csv::table(lang, &header, &rows),
            })
        }
        .await,
    )
}

/// A client list exported as an XLSX workbook.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct XlsxExport {
    pub rows: usize,
    /// The workbook's bytes, base64.
    pub data: String,
}

/// Exports the cards matching the list's filters as an XLSX workbook: the
/// same rows, permission and audit as the CSV.
#[server(endpoint = "clients/export/xlsx", input = Json)]
pub async fn export_clients_xlsx(query: ClientQuery) -> Result<XlsxExport, ApiError> {
    use crate::backend::{clients, context, xlsx_table};
    context::respond(
        async {
            let (db, me) = context::signed_in().await?;
            let index = context::search_index()?;
            let (header, rows) = clients::export_audited(&db, &index, &me, &query, "xlsx").await?;
            let bytes = xlsx_table::workbook("Klienti", &header, &rows)?;
            Ok(XlsxExport {
                rows: rows.len(),
                data: crate::domain::contract_scan::encode(&bytes),
            })
        }
        .await,
    )
}
