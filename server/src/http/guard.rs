//! What every server-function request passes before it reaches the
//! function, and what its answer passes on the way out:
//!
//! - a body limit per route (a sync push may be large, everything else is
//!   small), answered `413` before the body is decoded;
//! - JSON only (`415` otherwise): a cross-site form or `text/plain` request
//!   can never be a server-function call;
//! - the same origin only (`403`): a browser names the page that sent a
//!   state-changing request in `Origin` and `Sec-Fetch-Site`, so another
//!   site cannot make a signed-in browser act (nor sign it in as someone
//!   else); clients that are not browsers send neither;
//! - on the way out, an error's status is the one its kind has, an internal
//!   error's cause goes to the log and not to the client, and refused
//!   requests are logged.

use app::api::ApiError;
use app::api::error::INTERNAL_PUBLIC;
use app::backend::client_addr;
use app::backend::context::AppState;
use app::domain::validation::{Issue, Issues, Problem};
use axum::body::{Body, to_bytes};
use axum::extract::{ConnectInfo, Request, State};
use axum::http::{HeaderMap, HeaderValue, Method, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use std::net::SocketAddr;

/// The largest sync push body: 1,000 operations of a few kilobytes each.
pub const PUSH_LIMIT: usize = 16 * 1024 * 1024;
/// A contract's signed scan: 10 MB, base64 in JSON.
pub const SCAN_LIMIT: usize = 14 * 1024 * 1024;
/// An accounting export from the import page (its text in JSON, quotes
/// escaped); larger files go through the command line, which streams.
pub const IMPORT_LIMIT: usize = 2 * app::domain::receivables::upload::MAX_BYTES;
/// The largest body of every other server function.
pub const DEFAULT_LIMIT: usize = 512 * 1024;
/// Error answers are read back to check them; none is near this size.
const ERROR_LIMIT: usize = 1024 * 1024;

pub fn limit_for(path: &str) -> usize {
    match path {
        "/api/sync/push" => PUSH_LIMIT,
        "/api/contracts/scan/save" => SCAN_LIMIT,
        "/api/money/import" => IMPORT_LIMIT,
        _ => DEFAULT_LIMIT,
    }
}

fn error(status: StatusCode, e: &ApiError) -> Response {
    let body = serde_json::to_vec(e).unwrap_or_default();
    (
        status,
        [(
            header::CONTENT_TYPE,
            HeaderValue::from_static("application/json"),
        )],
        body,
    )
        .into_response()
}

fn malformed(path: &str, problem: Problem) -> ApiError {
    ApiError::Invalid(Issues(vec![Issue::new(path, problem)]))
}

/// Whether the request comes from a page of this site (or from something
/// that is not a browser page at all). `X-Forwarded-Host` names the site
/// only when a trusted proxy sent the request. HTTP/2 (what browsers speak
/// over HTTPS) sends no `Host`: the site is then the request's own
/// authority, `uri_authority`.
pub fn same_origin(
    headers: &HeaderMap,
    uri_authority: Option<&str>,
    via_trusted_proxy: bool,
) -> bool {
    let value = |name: header::HeaderName| headers.get(name).and_then(|v| v.to_str().ok());
    if let Some(site) = headers.get("sec-fetch-site").and_then(|v| v.to_str().ok())
        && !matches!(site, "same-origin" | "none")
    {
        return false;
    }
    let Some(origin) = value(header::ORIGIN) else {
        return true;
    };
    let forwarded = via_trusted_proxy
        .then(|| headers.get("x-forwarded-host"))
        .flatten();
    let host = forwarded
        .or_else(|| headers.get(header::HOST))
        .and_then(|v| v.to_str().ok())
        .or(uri_authority);
    let authority = origin
        .split_once("://")
        .map(|(_, rest)| rest.trim_end_matches('/'));
    matches!((authority, host), (Some(a), Some(h)) if a.eq_ignore_ascii_case(h))
}

fn is_json(headers: &HeaderMap) -> bool {
    headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.split(';').next())
        .is_some_and(|t| t.trim().eq_ignore_ascii_case("application/json"))
}

/// The guard around `/api/*` (see the module's comment).
pub async fn server_fns(State(state): State<AppState>, req: Request, next: Next) -> Response {
    let path = req.uri().path().to_string();
    let peer = req
        .extensions()
        .get::<ConnectInfo<SocketAddr>>()
        .map(|c| c.0.ip());
    let client = peer
        .map(|ip| client_addr::client_ip(ip, req.headers(), &state.settings.trusted_proxies))
        .map_or_else(|| "unknown".to_string(), |ip| ip.to_string());
    if req.method() != Method::POST {
        return StatusCode::METHOD_NOT_ALLOWED.into_response();
    }
    let via_proxy = peer.is_some_and(|ip| {
        state
            .settings
            .trusted_proxies
            .iter()
            .any(|c| c.contains(ip))
    });
    let authority = req.uri().authority().map(|a| a.as_str());
    if !same_origin(req.headers(), authority, via_proxy) {
        tracing::warn!(%path, %client, origin = ?req.headers().get(header::ORIGIN), host = ?req.headers().get(header::HOST), ?authority, "refused: cross-site request");
        return error(StatusCode::FORBIDDEN, &ApiError::Forbidden);
    }
    if !is_json(req.headers()) {
        tracing::info!(%path, %client, "refused: not JSON");
        return error(
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            &malformed("content-type", Problem::Malformed),
        );
    }
    let limit = limit_for(&path);
    let declared = req
        .headers()
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<usize>().ok());
    let too_large = || {
        tracing::info!(%path, %client, limit, "refused: request body too large");
        error(
            StatusCode::PAYLOAD_TOO_LARGE,
            &malformed("request", Problem::TooLong { max: limit }),
        )
    };
    if declared.is_some_and(|n| n > limit) {
        return too_large();
    }
    let (parts, body) = req.into_parts();
    let Ok(bytes) = to_bytes(body, limit).await else {
        return too_large();
    };
    let response = next
        .run(Request::from_parts(parts, Body::from(bytes)))
        .await;
    checked_answer(response, &path, &client).await
}

/// Gives an error answer the status of its kind, keeps an internal error's
/// cause in the log, and logs refusals.
async fn checked_answer(response: Response, path: &str, client: &str) -> Response {
    if response.status().is_success() {
        return response;
    }
    let (mut parts, body) = response.into_parts();
    let Ok(bytes) = to_bytes(body, ERROR_LIMIT).await else {
        return error(
            StatusCode::INTERNAL_SERVER_ERROR,
            &ApiError::Internal(INTERNAL_PUBLIC.into()),
        );
    };
    let Ok(e) = serde_json::from_slice::<ApiError>(&bytes) else {
        return Response::from_parts(parts, Body::from(bytes));
    };
    let status = StatusCode::from_u16(e.status()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    let e = match e {
        ApiError::Internal(cause) => {
            tracing::error!(%path, %client, %cause, "server error");
            ApiError::Internal(INTERNAL_PUBLIC.into())
        }
        ApiError::Unauthorized | ApiError::SignedOut | ApiError::Forbidden => {
            tracing::info!(%path, %client, status = status.as_u16(), "refused: {e}");
            e
        }
        ApiError::BadCredentials | ApiError::Throttled { .. } => {
            tracing::warn!(%path, %client, status = status.as_u16(), "refused sign-in: {e}");
            e
        }
        other => {
            tracing::debug!(%path, %client, status = status.as_u16(), "answered: {other}");
            other
        }
    };
    parts.status = status;
    parts.headers.remove(header::CONTENT_LENGTH);
    Response::from_parts(
        parts,
        Body::from(serde_json::to_vec(&e).unwrap_or_default()),
    )
}

/// `Strict-Transport-Security` on answers to requests that came over HTTPS,
/// so the browser never tries plain HTTP for this site again.
pub async fn hsts(State(state): State<AppState>, req: Request, next: Next) -> Response {
    let https = state.settings.tls
        || req
            .extensions()
            .get::<ConnectInfo<SocketAddr>>()
            .is_some_and(|c| {
                client_addr::is_https(c.0.ip(), req.headers(), &state.settings.trusted_proxies)
            });
    let mut response = next.run(req).await;
    if https {
        response.headers_mut().insert(
            header::STRICT_TRANSPORT_SECURITY,
            HeaderValue::from_static("max-age=31536000"),
        );
    }
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(pairs: &[(&'static str, &str)]) -> HeaderMap {
        let mut h = HeaderMap::new();
        for (k, v) in pairs {
            h.insert(*k, v.parse().unwrap());
        }
        h
    }

    #[test]
    fn only_this_sites_pages_or_non_browsers_pass() {
        let h = |pairs| headers(pairs);
        assert!(same_origin(&h(&[("host", "127.0.0.1:3000")]), None, false));
        assert!(same_origin(
            &h(&[
                ("host", "127.0.0.1:3000"),
                ("origin", "http://127.0.0.1:3000"),
                ("sec-fetch-site", "same-origin"),
            ]),
            None,
            false
        ));
        assert!(!same_origin(
            &h(&[
                ("host", "127.0.0.1:3000"),
                ("origin", "https://evil.example")
            ]),
            None,
            false
        ));
        assert!(!same_origin(
            &h(&[("host", "127.0.0.1:3000"), ("sec-fetch-site", "cross-site")]),
            None,
            false
        ));
        assert!(!same_origin(
            &h(&[
                ("host", "crm.firma.lv"),
                ("origin", "https://crm.firma.lv.evil.example"),
            ]),
            None,
            false
        ));
        // Behind a proxy the site is the host the proxy was asked for.
        let proxied = h(&[
            ("host", "127.0.0.1:3000"),
            ("x-forwarded-host", "crm.firma.lv"),
            ("origin", "https://crm.firma.lv"),
        ]);
        assert!(same_origin(&proxied, None, true));
        assert!(!same_origin(&proxied, None, false));
    }

    #[test]
    fn over_http2_the_site_is_the_requests_authority() {
        let page = headers(&[
            ("origin", "https://crm.firma.lv"),
            ("sec-fetch-site", "same-origin"),
        ]);
        assert!(same_origin(&page, Some("crm.firma.lv"), false));
        assert!(!same_origin(&page, Some("evil.example"), false));
        assert!(!same_origin(&page, None, false));
        let other = headers(&[("origin", "https://crm.firma.lv.evil.example")]);
        assert!(!same_origin(&other, Some("crm.firma.lv"), false));
    }

    #[test]
    fn pushes_may_be_larger_than_the_rest() {
        assert_eq!(limit_for("/api/sync/push"), PUSH_LIMIT);
        assert_eq!(limit_for("/api/clients/create"), DEFAULT_LIMIT);
    }
}
