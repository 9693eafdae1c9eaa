//! The sync proof: ten devices and the real server code (in-process, `mem://`)
//! under random edits, offline periods, lost requests, lost answers,
//! duplicated and late deliveries, and restarts from persisted state. After
//! healing: every device equals the server, every acknowledged write is
//! present or accounted for (superseded by a write that saw it, or kept as a
//! conflict), call logs are exact with no duplicates, and no outbox is stuck.
//!
//! `KARTOTEKA_SIM_SEEDS` sets how many seeds run (default 200); `kartoteka
//! bench sync-fuzz --seeds N` runs the same simulation outside the test harness.

mod common;

use common::TestApp;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn ten_devices_converge_under_faults() {
    let seeds: u64 = std::env::var("KARTOTEKA_SIM_SEEDS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(200);
    for seed in 0..seeds {
        let app = TestApp::new().await;
        if let Err(e) = server::sync_sim::run(&app.db, app.router.clone(), seed).await {
            panic!("seed {seed}: {e}");
        }
    }
}
