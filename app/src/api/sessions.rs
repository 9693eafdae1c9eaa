//! Signed-in devices: one's own, a head's people's, anyone's for an admin;
//! signing one out from afar (it pushes what it may and wipes at its next
//! contact).

use super::ApiError;
use crate::domain::device_session::SessionView;
use leptos::prelude::*;
use leptos::server_fn::codec::Json;

/// May `me` see and sign out `user_id`'s devices?
#[cfg(feature = "ssr")]
async fn may_manage(
    db: &crate::backend::Db,
    me: &crate::domain::user::Me,
    user_id: &str,
) -> Result<bool, ApiError> {
    if me.id == user_id || me.manages_users() {
        return Ok(true);
    }
    let person = crate::backend::users::get(db, user_id).await?;
    Ok(person.is_some_and(|p| crate::backend::access::leads(me, &p.id, p.department.as_deref())))
}

/// `None`: the caller's own devices.
#[server(endpoint = "sessions/list", input = Json)]
pub async fn list_sessions(user_id: Option<String>) -> Result<Vec<SessionView>, ApiError> {
    use crate::backend::{context, sessions};
    context::respond(
        async {
            let (db, me, current) = context::signed_in_session().await?;
            let user = user_id.unwrap_or_else(|| me.id.clone());
            context::require(may_manage(&db, &me, &user).await?)?;
            sessions::list(&db, &user, Some(&current)).await
        }
        .await,
    )
}

#[server(endpoint = "sessions/revoke", input = Json)]
pub async fn revoke_session(id: String) -> Result<(), ApiError> {
    use crate::backend::{audit, context, sessions};
    context::respond(
        async {
            let (db, me) = context::signed_in().await?;
            let owner = sessions::owner_of(&db, &id)
                .await?
                .ok_or(ApiError::NotFound)?;
            if !may_manage(&db, &me, &owner).await? {
                return Err(ApiError::NotFound);
            }
            sessions::revoke(&db, &id, &me.id).await?;
            audit::record(
                &db,
                &me.id,
                "session.revoke",
                &format!("user:{owner}"),
                serde_json::json!({ "session": id }),
            )
            .await
        }
        .await,
    )
}
