//! What a server function finds in its request context: the database, the
//! server's settings, the request itself, and so the signed-in user.

use super::{Db, sessions};
use crate::ApiError;
use crate::domain::user::Me;
use http::{HeaderValue, StatusCode, header};
use leptos::prelude::*;
use std::sync::Arc;

pub use super::clock::now;
pub use super::request::{
    RequestInfo, SESSION_COOKIE, request_info, request_is_https, session_token,
};
pub use super::settings::Settings;

/// Provided to every server function by the HTTP layer.
#[derive(Clone)]
pub struct AppState {
    pub db: Db,
    pub settings: Arc<Settings>,
    /// The client list's in-memory read model.
    pub search: Arc<super::search_index::SearchIndex>,
    pub clock: super::clock::Clock,
}

pub fn state() -> Result<AppState, ApiError> {
    use_context::<AppState>().ok_or_else(|| ApiError::Internal("no application state".into()))
}

pub fn db() -> Result<Db, ApiError> {
    state().map(|s| s.db)
}

pub fn search_index() -> Result<Arc<super::search_index::SearchIndex>, ApiError> {
    state().map(|s| s.search)
}

/// The database and the signed-in user; `SignedOut` for a device signed
/// out from elsewhere (or of a deactivated user), else `Unauthorized`.
pub async fn signed_in() -> Result<(Db, Me), ApiError> {
    signed_in_session().await.map(|(db, me, _)| (db, me))
}

/// How long a session lasts unused, by the server's settings.
pub fn session_idle() -> chrono::Duration {
    super::settings::current().session_idle
}

/// As [`signed_in`], with the session's id.
pub async fn signed_in_session() -> Result<(Db, Me, String), ApiError> {
    let db = db()?;
    let token = session_token().ok_or(ApiError::Unauthorized)?;
    match sessions::find(&db, &token, session_idle()).await? {
        sessions::Found::Current { me, session, .. } => {
            // The access log's line for this request names the user.
            tracing::Span::current().record("user", me.id.as_str());
            Ok((db, me, session))
        }
        sessions::Found::Revoked { .. } => Err(ApiError::SignedOut),
        sessions::Found::Unknown => Err(ApiError::Unauthorized),
    }
}

/// The session behind the request as found, revoked ones included (the
/// push lets a signed-out device hand in its work).
pub async fn session_found() -> Result<(Db, sessions::Found), ApiError> {
    let db = db()?;
    let token = session_token().ok_or(ApiError::Unauthorized)?;
    let found = sessions::find(&db, &token, session_idle()).await?;
    let user = match &found {
        sessions::Found::Current { me, .. } => Some(me.id.as_str()),
        sessions::Found::Revoked { user } => Some(user.id.as_str()),
        sessions::Found::Unknown => None,
    };
    if let Some(user) = user {
        tracing::Span::current().record("user", user);
    }
    Ok((db, found))
}

/// `Forbidden` unless the condition holds.
pub fn require(allowed: bool) -> Result<(), ApiError> {
    if allowed {
        Ok(())
    } else {
        Err(ApiError::Forbidden)
    }
}

/// Gives an error its HTTP status, so that logs, proxies and API clients see
/// 401/403/422… rather than a blanket 500.
pub fn respond<T>(result: Result<T, ApiError>) -> Result<T, ApiError> {
    if let Err(e) = &result
        && let Some(opts) = use_context::<leptos_axum::ResponseOptions>()
    {
        opts.set_status(
            StatusCode::from_u16(e.status()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR),
        );
    }
    result
}

fn cookie(value: &str, max_age_s: i64) -> String {
    // Secure whenever the browser used HTTPS, configured or not: a cookie
    // set over HTTPS must never travel over plain HTTP.
    let secure = state().map(|s| s.settings.secure_cookies).unwrap_or(false) || request_is_https();
    format!(
        "{SESSION_COOKIE}={value}; Path=/; HttpOnly; SameSite=Lax; Max-Age={max_age_s}{}",
        if secure { "; Secure" } else { "" }
    )
}

pub fn set_session_cookie(token: &str) {
    let ttl = state()
        .map(|s| s.settings.session_ttl)
        .unwrap_or_else(|_| chrono::Duration::days(14));
    set_cookie(cookie(token, ttl.num_seconds()));
}

pub fn clear_session_cookie() {
    set_cookie(cookie("", 0));
}

fn set_cookie(value: String) {
    if let (Some(opts), Ok(v)) = (
        use_context::<leptos_axum::ResponseOptions>(),
        HeaderValue::from_str(&value),
    ) {
        opts.append_header(header::SET_COOKIE, v);
    }
}
