//! The access log: one line at `info` per request (method, route, status,
//! duration, user, request id), and a span around the request so every
//! line logged while serving it carries the same request id. The id is also
//! sent back as `X-Request-Id`, so a user's report can be matched to the log.

use axum::extract::Request;
use axum::http::HeaderValue;
use axum::middleware::Next;
use axum::response::Response;
use tracing::Instrument;

pub async fn access_log(req: Request, next: Next) -> Response {
    let id = uuid::Uuid::now_v7().simple().to_string();
    let method = req.method().clone();
    // The path without its query (which may hold a search text).
    let route = req.uri().path().to_string();
    let span = tracing::info_span!(
        "request",
        request_id = %id,
        %method,
        %route,
        user = tracing::field::Empty
    );
    let started = std::time::Instant::now();
    let mut response = next.run(req).instrument(span.clone()).await;
    let status = response.status().as_u16();
    let ms = started.elapsed().as_secs_f64() * 1000.0;
    app::backend::metrics::observe(&route, ms);
    span.in_scope(
        || tracing::info!(target: "kartoteka::access", status, ms = format!("{ms:.1}"), "request"),
    );
    if let Ok(v) = HeaderValue::from_str(&id) {
        response.headers_mut().insert("x-request-id", v);
    }
    response
}
