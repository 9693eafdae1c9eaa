//! `POST /api/accounting/documents`: an accounting system pushes its
//! documents as JSON with its own API token (`Authorization: Bearer kt_…`),
//! nightly or whenever it likes. No session, no same-origin check (the
//! token is not a cookie a browser would send by itself, so another site
//! cannot ride on it): it is not a server function and skips their guard,
//! keeping a body limit of its own and the access log. Failed tokens are
//! throttled per address as sign-ins are.
//!
//! Answers, each with a JSON body: `200` the import's report (problems by
//! the document's position, from 1); `401` `{"error": …}` for a missing,
//! unknown or revoked token, before the body is read; `400` for a body that
//! is not a push, in the JSON reader's words; `413` for a body over
//! [`LIMIT`] or with more than `push::MAX_DOCUMENTS` documents; `429` while
//! an address that guessed is made to wait.

use app::api::ApiError;
use app::api::error::INTERNAL_PUBLIC;
use app::backend::client_addr;
use app::backend::context::AppState;
use app::backend::money_import::api_tokens::{self, Refused};
use app::backend::money_import::push::{self, BadBody};
use app::backend::throttle;
use axum::body::to_bytes;
use axum::extract::{ConnectInfo, Request, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use std::net::SocketAddr;

/// The largest body: 100,000 documents of about 250 bytes each, with room.
pub const LIMIT: usize = 32 * 1024 * 1024;

fn refuse(status: StatusCode, message: &str) -> Response {
    (status, axum::Json(serde_json::json!({ "error": message }))).into_response()
}

/// The secret of `Authorization: Bearer <secret>`, or what is wrong with
/// the header.
pub fn bearer(headers: &HeaderMap) -> Result<&str, &'static str> {
    let value = headers
        .get(header::AUTHORIZATION)
        .ok_or("missing bearer token: send Authorization: Bearer <token>")?;
    let text = value
        .to_str()
        .map_err(|_| "the Authorization header is not text")?;
    let text = text.trim();
    let (scheme, secret) = text.split_once(' ').unwrap_or((text, ""));
    if !scheme.eq_ignore_ascii_case("bearer") {
        return Err("the Authorization header is not Bearer <token>");
    }
    let secret = secret.trim();
    if secret.is_empty() {
        return Err("missing bearer token: send Authorization: Bearer <token>");
    }
    Ok(secret)
}

fn client(state: &AppState, req: &Request) -> String {
    req.extensions()
        .get::<ConnectInfo<SocketAddr>>()
        .map(|c| client_addr::client_ip(c.0.ip(), req.headers(), &state.settings.trusted_proxies))
        .map_or_else(|| "unknown".to_string(), |ip| ip.to_string())
}

fn server_error(e: &ApiError) -> Response {
    tracing::error!(error = %e, "accounting push");
    refuse(
        StatusCode::INTERNAL_SERVER_ERROR,
        &format!("server error: {INTERNAL_PUBLIC}"),
    )
}

pub async fn documents(State(state): State<AppState>, req: Request) -> Response {
    let client = client(&state, &req);
    let secret = match bearer(req.headers()) {
        Ok(s) => s.to_string(),
        Err(why) => {
            tracing::info!(%client, "accounting push refused: {why}");
            return refuse(StatusCode::UNAUTHORIZED, why);
        }
    };
    // Counted before the check, as a sign-in is: parallel guesses cannot
    // outrun the count. Its own key, so a guessing system does not lock
    // the office's sign-ins out.
    let key = throttle::address_key(&format!("api-token:{client}"));
    let now = state.clock.now();
    match throttle::reserve(&state.db, std::slice::from_ref(&key), now).await {
        Ok(()) => {}
        Err(ApiError::Throttled { retry_after_s }) => {
            tracing::warn!(%client, retry_after_s, "accounting push throttled");
            let mut r = refuse(
                StatusCode::TOO_MANY_REQUESTS,
                &format!("too many failed token attempts; try again in {retry_after_s} s"),
            );
            r.headers_mut()
                .insert(header::RETRY_AFTER, HeaderValue::from(retry_after_s));
            return r;
        }
        Err(e) => return server_error(&e),
    }
    let token = match api_tokens::verify(&state.db, &secret, now).await {
        Ok(Ok(t)) => t,
        Ok(Err(refused)) => {
            let why = match refused {
                Refused::Unknown => "unknown token",
                Refused::Revoked => "revoked token",
            };
            tracing::warn!(%client, "accounting push refused: {why}");
            return refuse(StatusCode::UNAUTHORIZED, why);
        }
        Err(e) => return server_error(&e),
    };
    if let Err(e) = throttle::clear(&state.db, &key).await {
        tracing::warn!(error = %e, "accounting push: the throttle was not cleared");
    }
    // The access log's line names who pushed.
    tracing::Span::current().record("user", format!("api_token:{}", token.id).as_str());

    let device = req
        .headers()
        .get(header::USER_AGENT)
        .and_then(|v| v.to_str().ok())
        .map(|s| s.chars().take(300).collect::<String>());
    let too_large = || {
        tracing::info!(%client, limit = LIMIT, "accounting push refused: body too large");
        refuse(
            StatusCode::PAYLOAD_TOO_LARGE,
            &format!("the body is larger than {} MB", LIMIT / (1024 * 1024)),
        )
    };
    let declared = req
        .headers()
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<usize>().ok());
    if declared.is_some_and(|n| n > LIMIT) {
        return too_large();
    }
    let Ok(bytes) = to_bytes(req.into_body(), LIMIT).await else {
        return too_large();
    };
    let docs = match push::parse(&bytes) {
        Ok(docs) => docs,
        Err(bad @ BadBody::TooMany) => {
            return refuse(StatusCode::PAYLOAD_TOO_LARGE, &bad.to_string());
        }
        Err(bad) => return refuse(StatusCode::BAD_REQUEST, &bad.to_string()),
    };
    drop(bytes);
    match push::import(&state.db, &token, docs, device).await {
        Ok(report) => (StatusCode::OK, axum::Json(report)).into_response(),
        Err(e @ ApiError::Internal(_)) => server_error(&e),
        Err(e) => {
            let status =
                StatusCode::from_u16(e.status()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
            refuse(status, &e.to_string())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn with(value: &str) -> HeaderMap {
        let mut h = HeaderMap::new();
        h.insert(header::AUTHORIZATION, value.parse().unwrap());
        h
    }

    #[test]
    fn the_token_comes_as_a_bearer() {
        assert_eq!(bearer(&with("Bearer kt_abc")), Ok("kt_abc"));
        assert_eq!(bearer(&with("bearer  kt_abc ")), Ok("kt_abc"));
        assert!(
            bearer(&HeaderMap::new())
                .unwrap_err()
                .starts_with("missing bearer token")
        );
        assert!(
            bearer(&with("Bearer "))
                .unwrap_err()
                .starts_with("missing bearer token")
        );
        assert_eq!(
            bearer(&with("Basic dXNlcjpwYXNz")),
            Err("the Authorization header is not Bearer <token>")
        );
    }
}
