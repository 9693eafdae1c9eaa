//! Clients' accounts beyond the import: stopping shipments, and the
//! company's details its statements print.

use super::ApiError;
use crate::domain::receivables::shipment_stop::{ShipmentStop, StopInput};
use leptos::prelude::*;
use leptos::server_fn::codec::Json;

/// Stops or resumes shipments to a client (heads and directors for the
/// clients they work, accounting for any).
#[server(endpoint = "money/stop", input = Json)]
pub async fn stop_shipments(input: StopInput) -> Result<ShipmentStop, ApiError> {
    use crate::backend::{context, shipment_stops};
    context::respond(
        async {
            let (db, me) = context::signed_in().await?;
            shipment_stops::save(&db, &me, input).await
        }
        .await,
    )
}

/// The company's details printed on statements (administrators).
#[server(endpoint = "company/get", input = Json)]
pub async fn company_details() -> Result<crate::domain::company::Company, ApiError> {
    use crate::backend::{company, context};
    context::respond(
        async {
            let (db, me) = context::signed_in().await?;
            company::get(&db, &me).await
        }
        .await,
    )
}

/// Saves the company's details (administrators).
#[server(endpoint = "company/save", input = Json)]
pub async fn save_company(
    input: crate::domain::company::CompanyInput,
) -> Result<crate::domain::company::Company, ApiError> {
    use crate::backend::{company, context};
    context::respond(
        async {
            let (db, me) = context::signed_in().await?;
            company::save(&db, &me, input).await
        }
        .await,
    )
}

/// Every client's account, for accounting (whose devices hold no cards).
#[server(endpoint = "money/accounts", input = Json)]
pub async fn accounts(
    query: crate::domain::receivables::accounts::AccountsQuery,
) -> Result<crate::domain::receivables::accounts::AccountsPage, ApiError> {
    use crate::backend::{accounts, context};
    context::respond(
        async {
            let (db, me) = context::signed_in().await?;
            accounts::list(&db, &me, query).await
        }
        .await,
    )
}
