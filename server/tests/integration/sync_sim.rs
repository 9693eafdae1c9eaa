//! The sync proof: ten devices and the real server code (in-process, `mem://`)
//! under random edits, offline periods, lost requests, lost answers,
//! duplicated and late deliveries, and restarts from persisted state. After
//! healing: every device equals the server, every acknowledged write is
//! present or accounted for (superseded by a write that saw it, or kept as a
//! conflict), call logs are exact with no duplicates, and no outbox is stuck.
//!
//! `KARTOTEKA_SIM_SEEDS` sets how many seeds run (default 200); `kartoteka
//! bench sync-fuzz --seeds N` runs the same simulation outside the test harness.

use crate::common;

use common::TestApp;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn ten_devices_converge_under_faults() {
    let seeds: u64 = std::env::var("KARTOTEKA_SIM_SEEDS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(200);
    let mut received: std::collections::BTreeMap<String, usize> = Default::default();
    for seed in 0..seeds {
        let app = TestApp::new().await;
        match server::sync_sim::run(&app.db, app.router.clone(), seed).await {
            Ok(made) => made
                .into_iter()
                .for_each(|(table, n)| *received.entry(table).or_default() += n),
            Err(e) => panic!("seed {seed}: {e}"),
        }
    }
    // Every registered kind was worked on, not merely declared.
    if seeds >= 20 {
        for kind in app::sync::kinds::ALL {
            assert!(
                received.get(kind.table).is_some_and(|n| *n > 0),
                "no operation on {} reached the server: {received:?}",
                kind.table
            );
        }
    }
}

/// The simulation makes random operations on every registered record kind.
#[test]
fn every_record_kind_has_random_operations() {
    let simulated: Vec<&str> = server::sync_sim::OPERATIONS
        .iter()
        .map(|(t, _)| *t)
        .collect();
    for kind in app::sync::kinds::ALL {
        assert!(
            simulated.contains(&kind.table),
            "the simulation makes no operation on {}",
            kind.table
        );
    }
}
