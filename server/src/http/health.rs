//! `/healthz`: 200 only when the database answers, within two seconds.

use app::backend::context::AppState;
use axum::extract::State;
use axum::http::StatusCode;
use std::time::Duration;

pub async fn healthz(State(state): State<AppState>) -> (StatusCode, &'static str) {
    let probe = async { state.db.query("RETURN 1").await.and_then(|r| r.check()) };
    match tokio::time::timeout(Duration::from_secs(2), probe).await {
        Ok(Ok(_)) => (StatusCode::OK, "ok"),
        Ok(Err(e)) => {
            tracing::warn!(error = %e, "health check: database error");
            (StatusCode::SERVICE_UNAVAILABLE, "database unavailable")
        }
        Err(_) => (StatusCode::SERVICE_UNAVAILABLE, "database timeout"),
    }
}
