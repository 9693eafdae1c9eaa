//! Managing users (admins) and listing possible card owners.

use super::ApiError;
pub use crate::domain::user::OwnerOption;
use crate::domain::user::{UserInput, UserView};
use leptos::prelude::*;
use leptos::server_fn::codec::Json;

#[server(endpoint = "users/list", input = Json)]
pub async fn list_users() -> Result<Vec<UserView>, ApiError> {
    use crate::backend::{context, users};
    context::respond(
        async {
            let (db, me) = context::signed_in().await?;
            context::require(me.manages_users())?;
            users::list(&db).await
        }
        .await,
    )
}

#[server(endpoint = "users/create", input = Json)]
pub async fn create_user(input: UserInput) -> Result<UserView, ApiError> {
    use crate::backend::{audit, context, users};
    context::respond(
        async {
            let (db, me) = context::signed_in().await?;
            context::require(me.manages_users())?;
            let new_user = input.validate()?;
            let created = users::create(&db, &new_user).await?;
            audit::record(
                &db,
                &me.id,
                "user.create",
                &created.id,
                serde_json::json!({
                    "email": created.email, "role": created.role, "name": created.name,
                }),
            )
            .await?;
            Ok(created)
        }
        .await,
    )
}

#[server(endpoint = "users/set-active", input = Json)]
pub async fn set_user_active(id: String, active: bool) -> Result<UserView, ApiError> {
    use crate::backend::{audit, context, users};
    context::respond(
        async {
            let (db, me) = context::signed_in().await?;
            context::require(me.manages_users())?;
            if id == me.id && !active {
                // An admin locking themselves out would leave nobody to undo it.
                return Err(ApiError::Forbidden);
            }
            let user = users::set_active(&db, &id, active).await?;
            audit::record(
                &db,
                &me.id,
                "user.set_active",
                &id,
                serde_json::json!({ "active": active }),
            )
            .await?;
            Ok(user)
        }
        .await,
    )
}

/// People who may own cards, for owner pickers and filters: a head their
/// department, a director everyone, anyone else themself.
#[server(endpoint = "users/owners", input = Json)]
pub async fn list_owners() -> Result<Vec<OwnerOption>, ApiError> {
    use crate::backend::{access, context, users};
    context::respond(
        async {
            let (db, me) = context::signed_in().await?;
            if !me.role.leads_people() {
                return Ok(vec![OwnerOption {
                    id: me.id,
                    name: me.name,
                }]);
            }
            Ok(users::owners(&db)
                .await?
                .into_iter()
                .filter(|(o, dep)| o.id == me.id || access::leads(&me, &o.id, dep.as_deref()))
                .map(|(o, _)| o)
                .collect())
        }
        .await,
    )
}

/// People who can stand in as a deputy: every active user who works
/// clients, whatever their department (a colleague from another office
/// often covers). Names only.
#[server(endpoint = "users/deputies", input = Json)]
pub async fn list_deputies() -> Result<Vec<OwnerOption>, ApiError> {
    use crate::backend::{context, users};
    context::respond(
        async {
            let (db, me) = context::signed_in().await?;
            context::require(me.role.works_clients())?;
            Ok(users::owners(&db)
                .await?
                .into_iter()
                .map(|(o, _)| o)
                .collect())
        }
        .await,
    )
}

/// Grants or withdraws the permission to export client lists (admins).
#[server(endpoint = "users/set-export", input = Json)]
pub async fn set_user_export(id: String, may_export: bool) -> Result<UserView, ApiError> {
    use crate::backend::{audit, context, users};
    context::respond(
        async {
            let (db, me) = context::signed_in().await?;
            context::require(me.manages_users())?;
            let before = users::get(&db, &id).await?.ok_or(ApiError::NotFound)?;
            let user = users::set_may_export(&db, &id, may_export).await?;
            audit::record(
                &db,
                &me.id,
                "user.set_export",
                &id,
                serde_json::json!({ "may_export": { "old": before.may_export(), "new": may_export } }),
            )
            .await?;
            Ok(user)
        }
        .await,
    )
}

/// Moves someone to another department (admins): their head changes, and so
/// who sees their cards; devices follow at their next sync.
#[server(endpoint = "users/set-department", input = Json)]
pub async fn set_user_department(id: String, department: String) -> Result<UserView, ApiError> {
    use crate::backend::{audit, context, users};
    context::respond(
        async {
            let (db, me) = context::signed_in().await?;
            context::require(me.manages_users())?;
            let department = crate::domain::text::optional(&department, 100).map_err(|p| {
                ApiError::Invalid(crate::domain::validation::Issues(vec![
                    crate::domain::validation::Issue::new("department", p),
                ]))
            })?;
            let before = users::get(&db, &id).await?.ok_or(ApiError::NotFound)?;
            let user = users::set_department(&db, &id, department.clone()).await?;
            audit::record(
                &db,
                &me.id,
                "user.set_department",
                &id,
                serde_json::json!({ "department": { "old": before.department, "new": department } }),
            )
            .await?;
            Ok(user)
        }
        .await,
    )
}

/// An administrator issues a temporary password (shown to them once): the
/// user's devices are all signed out, and the user must choose a new
/// password at their next sign-in.
#[server(endpoint = "users/reset-password", input = Json)]
pub async fn reset_user_password(id: String) -> Result<String, ApiError> {
    use crate::backend::{account, context};
    context::respond(
        async {
            let (db, me) = context::signed_in().await?;
            context::require(me.manages_users())?;
            account::issue_temporary_password(&db, &me, &id).await
        }
        .await,
    )
}
