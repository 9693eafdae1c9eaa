//! Reading the audit trail: a card's history (and a contract's versions)
//! for those who work it, and
//! the search by person and period for heads (their department) and
//! directors (everyone).

use super::ApiError;
use crate::domain::audit::{AuditEntry, AuditQuery};
use leptos::prelude::*;
use leptos::server_fn::codec::Json;

#[server(endpoint = "audit/card", input = Json)]
pub async fn card_history(client_id: String) -> Result<Vec<AuditEntry>, ApiError> {
    use crate::backend::access::Sight;
    use crate::backend::{audit, clients, context};
    context::respond(
        async {
            let (db, me) = context::signed_in().await?;
            // The history holds commercial terms: only for those who work
            // the client.
            if clients::sight_of(&db, &me, &client_id).await? != Sight::Full {
                return Err(ApiError::NotFound);
            }
            audit::history(&db, &client_id).await
        }
        .await,
    )
}

/// A contract's versions: every change to it, who made it and when, for
/// those who work its client.
#[server(endpoint = "audit/contract", input = Json)]
pub async fn contract_history(contract_id: String) -> Result<Vec<AuditEntry>, ApiError> {
    use crate::backend::access::Sight;
    use crate::backend::{audit, clients, context, records};
    context::respond(
        async {
            let (db, me) = context::signed_in().await?;
            let client = records::contract::client_of(&db, &contract_id)
                .await?
                .ok_or(ApiError::NotFound)?;
            if clients::sight_of(&db, &me, &client).await? != Sight::Full {
                return Err(ApiError::NotFound);
            }
            audit::history(&db, &contract_id).await
        }
        .await,
    )
}

#[server(endpoint = "audit/search", input = Json)]
pub async fn search_audit(query: AuditQuery) -> Result<Vec<AuditEntry>, ApiError> {
    use crate::backend::{access, audit, context};
    use crate::domain::user::Role;
    context::respond(
        async {
            let (db, me) = context::signed_in().await?;
            context::require(me.role.leads_people())?;
            if query.to <= query.from {
                return Err(ApiError::Invalid(crate::domain::validation::Issues(vec![
                    crate::domain::validation::Issue::new(
                        "to",
                        crate::domain::validation::Problem::EndsBeforeStart,
                    ),
                ])));
            }
            let actors = match (me.role, &query.user_id) {
                (Role::Director, None) => None,
                (Role::Director, Some(u)) => Some(vec![u.clone()]),
                (_, wanted) => {
                    let mine = access::department_members(&db, &me).await?;
                    Some(match wanted {
                        None => mine,
                        Some(u) if mine.contains(u) => vec![u.clone()],
                        Some(_) => return Err(ApiError::Forbidden),
                    })
                }
            };
            let found = audit::search(&db, actors, query.from, query.to).await?;
            let scope = access::Scope::load(&db, &me, context::now()).await?;
            access::redact(&db, &scope, found).await
        }
        .await,
    )
}
