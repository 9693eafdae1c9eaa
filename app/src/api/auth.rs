//! Signing in and out, and who is signed in.

use super::ApiError;
use crate::domain::user::{Language, Me};
use leptos::prelude::*;
use leptos::server_fn::codec::Json;
use serde::{Deserialize, Serialize};

/// What the sign-in page needs to know before anyone signs in.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SetupInfo {
    /// No user exists yet: show how to create the first admin.
    pub needs_first_admin: bool,
}

#[server(endpoint = "setup-status", input = Json)]
pub async fn setup_status() -> Result<SetupInfo, ApiError> {
    use crate::backend::{context, users};
    context::respond(
        async {
            let db = context::db()?;
            Ok(SetupInfo {
                needs_first_admin: !users::any_exists(&db).await?,
            })
        }
        .await,
    )
}

#[server(endpoint = "sign-in", input = Json)]
pub async fn sign_in(email: String, password: String) -> Result<Me, ApiError> {
    use crate::backend::{audit, context, covers, sessions};
    context::respond(
        async {
            let db = context::db()?;
            let request = context::request_info();
            let (mut me, token) = sessions::sign_in(&db, &email, &password, &request).await?;
            context::set_session_cookie(&token);
            audit::record_from(
                &db,
                &me.id,
                "session.sign_in",
                &format!("user:{}", me.id),
                serde_json::json!({ "ip": request.ip }),
                request.user_agent.as_deref(),
            )
            .await?;
            me.covers = covers::current(&db, &me.id, context::now()).await?;
            Ok(me)
        }
        .await,
    )
}

#[server(endpoint = "sign-out", input = Json)]
pub async fn sign_out() -> Result<(), ApiError> {
    use crate::backend::{context, sessions};
    context::respond(
        async {
            let db = context::db()?;
            if let Some(token) = context::session_token() {
                sessions::end(&db, &token).await?;
            }
            context::clear_session_cookie();
            Ok(())
        }
        .await,
    )
}

/// The signed-in user, or `None` (not an error: the app shows sign-in).
#[server(endpoint = "me", input = Json)]
pub async fn current_user() -> Result<Option<Me>, ApiError> {
    use crate::backend::{context, covers};
    context::respond(
        async {
            match context::signed_in().await {
                Ok((db, mut me)) => {
                    me.covers = covers::current(&db, &me.id, context::now()).await?;
                    Ok(Some(me))
                }
                Err(ApiError::Unauthorized) => Ok(None),
                Err(e) => Err(e),
            }
        }
        .await,
    )
}

#[server(endpoint = "me/language", input = Json)]
pub async fn set_my_language(language: Language) -> Result<(), ApiError> {
    use crate::backend::{context, users};
    context::respond(
        async {
            let (db, me) = context::signed_in().await?;
            users::set_language(&db, &me.id, language).await
        }
        .await,
    )
}

/// Changes the signed-in user's password: the current one is checked (and
/// counted like a sign-in, so it cannot be guessed here either); every
/// other session of theirs is signed out, this one kept. Clears a temporary
/// password's "must change".
#[server(endpoint = "me/password", input = Json)]
pub async fn change_my_password(current: String, new: String) -> Result<(), ApiError> {
    use crate::backend::{account, context};
    context::respond(
        async {
            let (db, me, session) = context::signed_in_session().await?;
            let request = context::request_info();
            account::change_password(&db, &me, &session, &request, current, new).await
        }
        .await,
    )
}

/// Creates the first administrator of a fresh install with the one-time
/// set-up link's token, and signs them in.
#[server(endpoint = "setup/first-admin", input = Json)]
pub async fn create_first_admin(
    token: String,
    input: crate::domain::user::UserInput,
) -> Result<Me, ApiError> {
    use crate::backend::{audit, context, first_admin, sessions};
    context::respond(
        async {
            let db = context::db()?;
            let request = context::request_info();
            let created = first_admin::create(&db, &token, &input, context::now()).await?;
            let user = crate::backend::users::get(&db, &created.id)
                .await?
                .ok_or(ApiError::NotFound)?;
            let ttl = crate::backend::settings::current().session_ttl;
            let token = sessions::open(&db, &user, &request, ttl).await?;
            context::set_session_cookie(&token);
            audit::record(
                &db,
                &created.id,
                "user.first_admin",
                &created.id,
                serde_json::json!({ "email": created.email, "ip": request.ip }),
            )
            .await?;
            Ok(user.me())
        }
        .await,
    )
}
