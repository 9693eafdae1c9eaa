//! A contract's files, made or kept on the server and fetched online by
//! those who work the client: its signed scan (attached from the contract
//! page) and drafts from contract templates. The bytes travel base64 in the
//! JSON (the largest body the guard allows any function but a push).

use super::ApiError;
use crate::domain::contract_scan::{ScanFile, ScanInfo, ScanUpload};
use leptos::prelude::*;
use leptos::server_fn::codec::Json;

/// Attaches the scan, replacing an earlier one; answers what is stored.
#[server(endpoint = "contracts/scan/save", input = Json)]
pub async fn save_scan(upload: ScanUpload) -> Result<ScanInfo, ApiError> {
    use crate::backend::{context, contract_scans};
    context::respond(
        async {
            let (db, me) = context::signed_in().await?;
            contract_scans::save(&db, &me, &upload).await
        }
        .await,
    )
}

/// What is attached to the contract (`None`: nothing yet).
#[server(endpoint = "contracts/scan/attached", input = Json)]
pub async fn scan_attached(contract_id: String) -> Result<Option<ScanInfo>, ApiError> {
    use crate::backend::{context, contract_scans};
    context::respond(
        async {
            let (db, me) = context::signed_in().await?;
            contract_scans::info(&db, &me, &contract_id).await
        }
        .await,
    )
}

/// The scan itself.
#[server(endpoint = "contracts/scan/get", input = Json)]
pub async fn get_scan(contract_id: String) -> Result<ScanFile, ApiError> {
    use crate::backend::{context, contract_scans};
    context::respond(
        async {
            let (db, me) = context::signed_in().await?;
            contract_scans::fetch(&db, &me, &contract_id).await
        }
        .await,
    )
}

/// A draft of the contract from a contract template, in `lang`, dated the
/// asker's `today`: a PDF made on the server, audited.
#[server(endpoint = "contracts/draft", input = Json)]
pub async fn contract_draft(
    contract_id: String,
    template_id: String,
    lang: crate::domain::user::Language,
    today: chrono::NaiveDate,
) -> Result<crate::domain::contract_text::DraftFile, ApiError> {
    use crate::backend::{context, contract_drafts};
    context::respond(
        async {
            let (db, me) = context::signed_in().await?;
            contract_drafts::make(&db, &me, &contract_id, &template_id, lang, today).await
        }
        .await,
    )
}
