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
            context::require(me.role.manages_users())?;
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
            context::require(me.role.manages_users())?;
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
            context::require(me.role.manages_users())?;
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

/// People who may own cards, for owner pickers and filters. A manager only
/// ever sees themself.
#[server(endpoint = "users/owners", input = Json)]
pub async fn list_owners() -> Result<Vec<OwnerOption>, ApiError> {
    use crate::backend::{context, users};
    context::respond(
        async {
            let (db, me) = context::signed_in().await?;
            if !me.role.sees_all_clients() {
                return Ok(vec![OwnerOption {
                    id: me.id,
                    name: me.name,
                }]);
            }
            users::owners(&db).await
        }
        .await,
    )
}
