//! Counters the server exposes at `/metrics` (Prometheus text, off unless
//! enabled): requests and their latency by route, sync pushes and pulls,
//! operations applied and refused, database errors. Plain atomics: reading
//! them costs nothing on the hot path.

use std::collections::BTreeMap;
use std::sync::Mutex;
use std::sync::atomic::{AtomicU64, Ordering};

/// Upper bounds of the latency buckets, in milliseconds.
pub const BUCKETS_MS: [f64; 10] = [
    5.0, 10.0, 25.0, 50.0, 100.0, 250.0, 500.0, 1000.0, 2500.0, 5000.0,
];

#[derive(Default)]
struct Histogram {
    buckets: [u64; BUCKETS_MS.len()],
    count: u64,
    sum_ms: f64,
}

static REQUESTS: Mutex<BTreeMap<String, Histogram>> = Mutex::new(BTreeMap::new());
pub static OPS_APPLIED: AtomicU64 = AtomicU64::new(0);
pub static OPS_REFUSED: AtomicU64 = AtomicU64::new(0);
/// Push batches written as planned while the batch before them was written.
pub static PLANNED_AHEAD: AtomicU64 = AtomicU64::new(0);
pub static DB_ERRORS: AtomicU64 = AtomicU64::new(0);

/// The route a request is counted under: a server function's path, or
/// "other" (assets, pages), so the number of series stays small.
pub fn route_label(path: &str) -> &str {
    if path.starts_with("/api/") || path == "/healthz" {
        path
    } else {
        "other"
    }
}

/// Counts one answered request.
pub fn observe(path: &str, ms: f64) {
    let mut all = REQUESTS.lock().unwrap_or_else(|p| p.into_inner());
    let h = all.entry(route_label(path).to_string()).or_default();
    for (i, bound) in BUCKETS_MS.iter().enumerate() {
        if ms <= *bound {
            h.buckets[i] += 1;
        }
    }
    h.count += 1;
    h.sum_ms += ms;
}

pub fn add(counter: &AtomicU64, n: u64) {
    counter.fetch_add(n, Ordering::Relaxed);
}

/// Everything, in Prometheus' text format.
pub fn render() -> String {
    let mut out = String::new();
    out.push_str("# HELP kartoteka_request_duration_seconds Requests by route.\n");
    out.push_str("# TYPE kartoteka_request_duration_seconds histogram\n");
    let all = REQUESTS.lock().unwrap_or_else(|p| p.into_inner());
    for (route, h) in all.iter() {
        for (i, bound) in BUCKETS_MS.iter().enumerate() {
            out.push_str(&format!(
                "kartoteka_request_duration_seconds_bucket{{route=\"{route}\",le=\"{}\"}} {}\n",
                bound / 1000.0,
                h.buckets[i]
            ));
        }
        out.push_str(&format!(
            "kartoteka_request_duration_seconds_bucket{{route=\"{route}\",le=\"+Inf\"}} {}\n",
            h.count
        ));
        out.push_str(&format!(
            "kartoteka_request_duration_seconds_sum{{route=\"{route}\"}} {}\n",
            h.sum_ms / 1000.0
        ));
        out.push_str(&format!(
            "kartoteka_request_duration_seconds_count{{route=\"{route}\"}} {}\n",
            h.count
        ));
    }
    for (name, help, c) in [
        (
            "kartoteka_sync_ops_applied_total",
            "Pushed operations applied.",
            &OPS_APPLIED,
        ),
        (
            "kartoteka_sync_ops_refused_total",
            "Pushed operations refused.",
            &OPS_REFUSED,
        ),
        (
            "kartoteka_sync_batches_planned_ahead_total",
            "Push batches written as planned while the batch before them was written.",
            &PLANNED_AHEAD,
        ),
        ("kartoteka_db_errors_total", "Database errors.", &DB_ERRORS),
    ] {
        out.push_str(&format!(
            "# HELP {name} {help}\n# TYPE {name} counter\n{name} {}\n",
            c.load(Ordering::Relaxed)
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn requests_land_in_their_buckets_and_assets_share_one_series() {
        observe("/api/test/metrics", 7.0);
        observe("/api/test/metrics", 700.0);
        observe("/pkg/kartoteka-abc.wasm", 1.0);
        let text = render();
        assert!(text.contains(
            "kartoteka_request_duration_seconds_bucket{route=\"/api/test/metrics\",le=\"0.01\"} 1"
        ));
        assert!(
            text.contains(
                "kartoteka_request_duration_seconds_count{route=\"/api/test/metrics\"} 2"
            )
        );
        assert!(!text.contains("kartoteka-abc"));
        assert!(text.contains("route=\"other\""));
    }
}
