//! Passwords after the first: a user changes their own (the current one
//! checked and counted like a sign-in); an administrator issues a temporary
//! one that must be changed at the next sign-in. Either way the other
//! devices' sessions end (they sign in again and keep their unsent work),
//! and the audit says so.

use super::request::RequestInfo;
use super::{Db, audit, password, sessions, throttle, users};
use crate::ApiError;
use crate::domain::user::Me;
use crate::domain::validation::{Issue, Issues, Problem};

fn invalid(path: &str, problem: Problem) -> ApiError {
    ApiError::Invalid(Issues(vec![Issue::new(path, problem)]))
}

/// Changes `me`'s password, keeping the session `keep` signed in.
pub async fn change_password(
    db: &Db,
    me: &Me,
    keep: &str,
    req: &RequestInfo,
    current: String,
    new: String,
) -> Result<(), ApiError> {
    crate::domain::user::check_password(&new).map_err(|p| invalid("new", p))?;
    let keys = [
        throttle::account_key(&me.email),
        throttle::address_key(&req.ip),
    ];
    throttle::reserve(db, &keys, chrono::Utc::now()).await?;
    let stored = users::password_hash(db, &me.id)
        .await?
        .ok_or(ApiError::Unauthorized)?;
    if !password::verify(current, stored).await {
        tracing::warn!(user = %me.id, ip = %req.ip, "password change: wrong current password");
        return Err(invalid("current", Problem::WrongPassword));
    }
    throttle::succeeded(db, &keys).await?;
    users::set_password(db, &me.id, new, false).await?;
    sessions::end_all(db, &me.id, Some(keep)).await?;
    audit::record(
        db,
        &me.id,
        "user.password_change",
        &me.id,
        serde_json::json!({}),
    )
    .await
}

/// Gives `user_id` a temporary password (answered once, to the admin) and
/// signs all their devices out.
pub async fn issue_temporary_password(db: &Db, me: &Me, user_id: &str) -> Result<String, ApiError> {
    users::get(db, user_id).await?.ok_or(ApiError::NotFound)?;
    let temporary = password::temporary();
    users::set_password(db, user_id, temporary.clone(), true).await?;
    sessions::end_all(db, user_id, None).await?;
    audit::record(
        db,
        &me.id,
        "user.password_reset",
        user_id,
        serde_json::json!({}),
    )
    .await?;
    Ok(temporary)
}
