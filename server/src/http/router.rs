//! Routes and the layers around them (compression, cache headers, security
//! headers, request tracing).

use super::guard;
use super::health::healthz;
use super::service_worker;
use super::shell;
use super::site::Site;
use app::backend::context::AppState;
use axum::Router;
use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use leptos::prelude::provide_context;
use std::sync::Arc;
use tower_http::compression::CompressionLayer;
use tower_http::services::ServeDir;
use tower_http::set_header::SetResponseHeaderLayer;

const IMMUTABLE: &str = "public, max-age=31536000, immutable";
const REVALIDATE: &str = "no-cache";
const CSP: &str = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; \
    worker-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; \
    connect-src 'self'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'";

#[derive(Clone)]
struct Pages {
    shell: Arc<String>,
    boot: Arc<String>,
    sw: Arc<String>,
}

pub fn router(state: AppState, site: &Site) -> Router {
    let pages = Pages {
        shell: Arc::new(shell::html(&site.manifest)),
        boot: Arc::new(shell::boot_js(&site.manifest)),
        sw: Arc::new(service_worker::js(&site.manifest)),
    };
    // Bodies are limited (per route) by the guard, which reads them first.
    let server_fns = Router::new()
        .route("/api/{*fn_name}", axum::routing::any(server_fn))
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            guard::server_fns,
        ))
        .layer(axum::extract::DefaultBodyLimit::disable());
    #[allow(unused_mut)]
    let mut api = Router::new()
        .route("/healthz", get(healthz))
        .route(
            "/unsubscribe/{token}",
            get(super::unsubscribe::ask).post(super::unsubscribe::confirm),
        )
        .route(
            "/reconcile/{token}",
            // A form of a balance and a note: a few kilobytes at most.
            get(super::reconcile::show)
                .post(super::reconcile::answer)
                .layer(axum::extract::DefaultBodyLimit::max(16 * 1024)),
        )
        .route("/metrics", get(metrics))
        // Not a server function: an accounting system's token, not a
        // browser's session, so outside their guard (it limits its own body).
        .route(
            "/api/accounting/documents",
            post(super::accounting_push::documents),
        )
        .merge(server_fns);
    #[cfg(feature = "test-clock")]
    if state.settings.test_clock {
        api = api.route("/test/clock", post(shift_clock));
    }
    let hsts_state = state.clone();
    let api = api.with_state(state);
    // Hashed names change with their content: cache them for a year.
    let pkg = Router::new()
        // Compressed at build time at the highest level (`scripts/build-web`).
        .nest_service(
            "/pkg",
            ServeDir::new(site.dir.join("pkg"))
                .precompressed_br()
                .precompressed_gzip(),
        )
        .layer(SetResponseHeaderLayer::overriding(
            header::CACHE_CONTROL,
            HeaderValue::from_static(IMMUTABLE),
        ));
    let public = ServeDir::new(site.dir.clone()).fallback(get(app_shell).with_state(pages.clone()));
    Router::new()
        .merge(api)
        .merge(pkg)
        .route("/boot.js", get(boot_js).with_state(pages.clone()))
        .route("/sw.js", get(sw_js).with_state(pages.clone()))
        .route("/", get(app_shell).with_state(pages))
        .fallback_service(public)
        .layer(SetResponseHeaderLayer::if_not_present(
            header::CACHE_CONTROL,
            HeaderValue::from_static(REVALIDATE),
        ))
        .layer(SetResponseHeaderLayer::overriding(
            header::X_CONTENT_TYPE_OPTIONS,
            HeaderValue::from_static("nosniff"),
        ))
        .layer(SetResponseHeaderLayer::overriding(
            header::REFERRER_POLICY,
            HeaderValue::from_static("same-origin"),
        ))
        .layer(SetResponseHeaderLayer::overriding(
            header::CONTENT_SECURITY_POLICY,
            HeaderValue::from_static(CSP),
        ))
        .layer(axum::middleware::from_fn_with_state(
            hsts_state,
            guard::hsts,
        ))
        .layer(CompressionLayer::new().br(true).gzip(true))
        .layer(axum::middleware::from_fn(super::access_log::access_log))
}

async fn server_fn(State(state): State<AppState>, req: Request<Body>) -> impl IntoResponse {
    leptos_axum::handle_server_fns_with_context(
        move || {
            // The settings and the clock on their own too: the data layer's
            // lower modules read them without knowing the whole state.
            provide_context(state.settings.clone());
            provide_context(state.clock.clone());
            provide_context(state.clone());
        },
        req,
    )
    .await
}

/// How far to move the clock, for `POST /test/clock`.
#[cfg(feature = "test-clock")]
#[derive(serde::Deserialize)]
struct Shift {
    seconds: i64,
}

/// Moves the server's clock; compiled only into test builds (the
/// `test-clock` feature) and routed only with `--test-clock`.
#[cfg(feature = "test-clock")]
async fn shift_clock(
    State(state): State<AppState>,
    axum::Json(shift): axum::Json<Shift>,
) -> Response {
    let Some(by) = chrono::Duration::try_seconds(shift.seconds) else {
        return (StatusCode::BAD_REQUEST, "shift out of range").into_response();
    };
    if !state.clock.shift(by) {
        return (StatusCode::BAD_REQUEST, "shift out of range").into_response();
    }
    tracing::warn!(seconds = shift.seconds, now = %state.clock.now(), "test clock moved");
    (StatusCode::OK, state.clock.now().to_rfc3339()).into_response()
}

async fn app_shell(State(pages): State<Pages>, req: Request<Body>) -> Response {
    // Unknown files (a path with an extension) are a real 404, not the app.
    let path = req.uri().path();
    if path
        .rsplit('/')
        .next()
        .is_some_and(|last| last.contains('.'))
    {
        return (StatusCode::NOT_FOUND, "not found").into_response();
    }
    (
        [(header::CONTENT_TYPE, "text/html; charset=utf-8")],
        pages.shell.as_str().to_owned(),
    )
        .into_response()
}

async fn boot_js(State(pages): State<Pages>) -> Response {
    (
        [(header::CONTENT_TYPE, "text/javascript; charset=utf-8")],
        pages.boot.as_str().to_owned(),
    )
        .into_response()
}

async fn sw_js(State(pages): State<Pages>) -> Response {
    // no-cache: the browser checks for a new worker (a new build) each time.
    (
        [
            (header::CONTENT_TYPE, "text/javascript; charset=utf-8"),
            (header::CACHE_CONTROL, REVALIDATE),
        ],
        pages.sw.as_str().to_owned(),
    )
        .into_response()
}

/// Prometheus metrics: only when enabled, and only to the peers allowed
/// (anyone else gets the app's ordinary 404).
async fn metrics(
    State(state): State<AppState>,
    axum::extract::ConnectInfo(peer): axum::extract::ConnectInfo<std::net::SocketAddr>,
) -> Response {
    let allowed = state
        .settings
        .metrics_from
        .iter()
        .any(|c| c.contains(peer.ip()));
    if !allowed {
        return (StatusCode::NOT_FOUND, "not found").into_response();
    }
    (
        [(header::CONTENT_TYPE, "text/plain; version=0.0.4")],
        app::backend::metrics::render(),
    )
        .into_response()
}
