//! What every write of a card must respect, on the form and in the push
//! alike: who may own it, a registration number held by one active card,
//! and the ids its contacts keep.

use super::access::Scope;
use super::client_rows::{ContactDoc, ContactWrite};
use super::db_error::OrInternal;
use super::{Db, users};
use crate::ApiError;
use crate::domain::client_input::ValidClient;
use crate::domain::contact::ContactFields;
use crate::domain::user::{Me, Role};
use crate::domain::validation::{Issue, Issues, Problem};
use surrealdb::types::SurrealValue;

pub fn contact_fields(v: &ValidClient) -> Vec<ContactFields> {
    v.contacts.iter().map(|(_, c)| c.clone()).collect()
}

pub fn contact_writes(client_id: &str, v: &ValidClient, existing: &[String]) -> Vec<ContactWrite> {
    v.contacts
        .iter()
        .enumerate()
        .map(|(pos, (id, fields))| {
            // An id from the browser is kept only if it is this card's contact.
            let id = id
                .clone()
                .filter(|i| existing.contains(i))
                .unwrap_or_else(|| uuid::Uuid::now_v7().to_string());
            ContactWrite {
                id,
                doc: ContactDoc::new(client_id, pos, fields),
            }
        })
        .collect()
}

/// The owner a save should record, after checking the caller may choose it.
pub async fn resolve_owner(
    db: &Db,
    me: &Me,
    requested: Option<&str>,
    current: Option<&str>,
) -> Result<String, ApiError> {
    let fallback = current.unwrap_or(&me.id).to_string();
    let Some(req) = requested.filter(|r| *r != fallback) else {
        return Ok(fallback);
    };
    if !me.role.assigns_owners() {
        return Err(ApiError::Forbidden);
    }
    // Only the one who leads the card's owner hands it on: working a card
    // through a deputy cover never makes it one's own to give away.
    if let Some(current) = current
        && current != me.id
    {
        let owner_department = users::get(db, current).await?.and_then(|u| u.department);
        if !super::owners::leads(me, current, owner_department.as_deref()) {
            return Err(ApiError::Forbidden);
        }
    }
    // A head hands cards only within their department (or to themself).
    match users::get(db, req).await? {
        Some(u)
            if u.active
                && Role::parse(&u.role).is_some_and(Role::works_clients)
                && (u.id == me.id || super::owners::leads(me, &u.id, u.department.as_deref())) =>
        {
            Ok(u.id)
        }
        _ => Err(ApiError::Invalid(crate::domain::validation::Issues(vec![
            crate::domain::validation::Issue::new(
                "owner_id",
                crate::domain::validation::Problem::Required,
            ),
        ]))),
    }
}

/// Refuses a registration number another card already holds. Whether that
/// card exists is all a user learns of one they may not see (it answers
/// "ask your head", not which card or whose); such a probe is audited.
pub async fn ensure_unique_reg_no(
    db: &Db,
    me: &Me,
    scope: &Scope,
    v: &ValidClient,
    id: &str,
) -> Result<(), ApiError> {
    #[derive(SurrealValue)]
    struct Holder {
        id: String,
        owner: String,
    }
    let Some(reg) = &v.fields.reg_no else {
        return Ok(());
    };
    let mut res = db
        .query(
            "SELECT record::id(id) AS id, owner FROM client \
             WHERE reg_no = $reg AND archived = false",
        )
        .bind(("reg", reg.clone()))
        .await
        .or_internal()?;
    let holders: Vec<Holder> = res.take(0).or_internal()?;
    let Some(other) = holders.into_iter().find(|h| h.id != id) else {
        return Ok(());
    };
    if scope.sees(&other.id, &other.owner) {
        return Err(ApiError::Duplicate("reg_no".into()));
    }
    super::audit::record(
        db,
        &me.id,
        "client.reg_no_probe",
        &other.id,
        serde_json::json!({ "reg_no": reg }),
    )
    .await?;
    Err(ApiError::Invalid(Issues(vec![Issue::new(
        "reg_no",
        Problem::TakenElsewhere,
    )])))
}
