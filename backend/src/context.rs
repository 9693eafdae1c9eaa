//! What a server function finds in its request context: the database, the
//! server's settings, the request itself, and so the signed-in user.

use super::{Db, sessions};
use crate::ApiError;
use crate::domain::user::Me;
use http::{HeaderValue, StatusCode, header};
use leptos::prelude::*;
use std::net::SocketAddr;
use std::sync::Arc;

pub const SESSION_COOKIE: &str = "kt_session";

/// Server-wide settings the server functions need.
#[derive(Debug, Clone)]
pub struct Settings {
    /// Mark the session cookie `Secure` (behind HTTPS).
    pub secure_cookies: bool,
    /// How long a session lasts after sign-in.
    pub session_ttl: chrono::Duration,
    /// How long a session lasts unused (shorter than `session_ttl`).
    pub session_idle: chrono::Duration,
    /// Accept `POST /test/clock` to move the clock (end-to-end tests only;
    /// the route exists only in builds with the `test-clock` feature).
    pub test_clock: bool,
    /// Reverse proxies whose `X-Forwarded-*` / `Forwarded` headers name the
    /// client's address and scheme.
    pub trusted_proxies: Vec<super::client_addr::Cidr>,
}

impl Default for Settings {
    fn default() -> Self {
        Self {
            secure_cookies: false,
            session_ttl: chrono::Duration::days(14),
            session_idle: chrono::Duration::days(7),
            test_clock: false,
            trusted_proxies: Vec::new(),
        }
    }
}

/// Provided to every server function by the HTTP layer.
#[derive(Clone)]
pub struct AppState {
    pub db: Db,
    pub settings: Arc<Settings>,
    /// The client list's in-memory read model.
    pub search: Arc<super::search_index::SearchIndex>,
    pub clock: super::clock::Clock,
}

/// Facts about the request used for throttling and the session list.
#[derive(Debug, Clone, Default)]
pub struct RequestInfo {
    pub ip: String,
    pub user_agent: Option<String>,
}

pub fn state() -> Result<AppState, ApiError> {
    use_context::<AppState>().ok_or_else(|| ApiError::Internal("no application state".into()))
}

pub fn db() -> Result<Db, ApiError> {
    state().map(|s| s.db)
}

/// The server's time (see `clock`); the system time outside a request.
pub fn now() -> chrono::DateTime<chrono::Utc> {
    state()
        .map(|s| s.clock.now())
        .unwrap_or_else(|_| chrono::Utc::now())
}

pub fn search_index() -> Result<Arc<super::search_index::SearchIndex>, ApiError> {
    state().map(|s| s.search)
}

fn parts() -> Option<http::request::Parts> {
    use_context::<http::request::Parts>()
}

fn trusted_proxies() -> Vec<super::client_addr::Cidr> {
    state()
        .map(|s| s.settings.trusted_proxies.clone())
        .unwrap_or_default()
}

fn peer(p: &http::request::Parts) -> Option<std::net::IpAddr> {
    p.extensions
        .get::<axum::extract::ConnectInfo<SocketAddr>>()
        .map(|c| c.0.ip())
}

/// Whether the request came over HTTPS (through a trusted proxy).
pub fn request_is_https() -> bool {
    parts().is_some_and(|p| {
        peer(&p).is_some_and(|ip| super::client_addr::is_https(ip, &p.headers, &trusted_proxies()))
    })
}

pub fn request_info() -> RequestInfo {
    let Some(p) = parts() else {
        return RequestInfo::default();
    };
    let ip = peer(&p)
        .map(|ip| super::client_addr::client_ip(ip, &p.headers, &trusted_proxies()).to_string())
        .unwrap_or_else(|| "unknown".into());
    let user_agent = p
        .headers
        .get(header::USER_AGENT)
        .and_then(|v| v.to_str().ok())
        .map(|s| s.chars().take(300).collect());
    RequestInfo { ip, user_agent }
}

/// The session token from the request's cookie, if any.
pub fn session_token() -> Option<String> {
    let p = parts()?;
    p.headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|kv| kv.trim().split_once('='))
        .find(|(k, _)| *k == SESSION_COOKIE)
        .map(|(_, v)| v.to_string())
        .filter(|v| !v.is_empty())
}

/// The database and the signed-in user; `SignedOut` for a device signed
/// out from elsewhere (or of a deactivated user), else `Unauthorized`.
pub async fn signed_in() -> Result<(Db, Me), ApiError> {
    signed_in_session().await.map(|(db, me, _)| (db, me))
}

/// How long a session lasts unused, by the server's settings.
pub fn session_idle() -> chrono::Duration {
    state()
        .map(|s| s.settings.session_idle)
        .unwrap_or_else(|_| Settings::default().session_idle)
}

/// As [`signed_in`], with the session's id.
pub async fn signed_in_session() -> Result<(Db, Me, String), ApiError> {
    let db = db()?;
    let token = session_token().ok_or(ApiError::Unauthorized)?;
    match sessions::find(&db, &token, session_idle()).await? {
        sessions::Found::Current { me, session, .. } => Ok((db, me, session)),
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
