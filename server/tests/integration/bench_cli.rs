//! The benchmarks as a user runs them: the real binary, small sizes.
//! Their figures are not checked (timing belongs in docs/BENCHMARKS.md);
//! that they run, write what they say and refuse what they cannot do is.

use std::process::{Command, Output};

const BIN: &str = env!("CARGO_BIN_EXE_kartoteka");

fn bench(args: &[&str]) -> Output {
    let data = tempfile::tempdir().unwrap();
    Command::new(BIN)
        .arg("--data-dir")
        .arg(data.path())
        .args(["--log", "error", "bench"])
        .args(args)
        .output()
        .unwrap()
}

fn last_line(out: &Output) -> String {
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "failed: {}\n{stdout}",
        String::from_utf8_lossy(&out.stderr)
    );
    stdout.lines().last().unwrap_or_default().to_string()
}

/// The figure `name=…` on a benchmark's line.
fn figure(line: &str, name: &str) -> f64 {
    line.split_whitespace()
        .find_map(|w| w.strip_prefix(&format!("{name}=")))
        .unwrap_or_else(|| panic!("no {name} in {line}"))
        .parse()
        .unwrap()
}

#[test]
fn the_store_floor_writes_every_row_it_names() {
    let line = last_line(&bench(&[
        "store", "--calls", "30", "--cards", "4", "--edits", "1", "--batch", "10",
    ]));
    assert!(line.starts_with("store calls=30 "), "{line}");
    assert_eq!(figure(&line, "cards"), 4.0);
    assert_eq!(figure(&line, "edits"), 4.0);
    // Each figure is printed and is a number (at these sizes it may round
    // to 0.00 seconds).
    for name in ["calls_s", "cards_s", "floor_s", "folded_rows_floor_s"] {
        assert!(figure(&line, name) >= 0.0, "{name} in {line}");
    }
}

#[test]
fn the_sync_bench_pushes_and_pulls_every_record() {
    let line = last_line(&bench(&[
        "sync", "--calls", "25", "--cards", "3", "--edits", "1",
    ]));
    assert!(line.starts_with("sync push_s="), "{line}");
    // Device B holds every card and call device A made.
    assert_eq!(figure(&line, "docs"), 28.0);
}

#[test]
fn calls_without_a_card_are_refused_with_a_reason() {
    let out = bench(&["sync", "--calls", "10", "--cards", "0"]);
    assert!(!out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("--calls 10 needs at least one card"),
        "{stderr}"
    );
    assert!(!stderr.contains("panicked"), "{stderr}");
}

#[test]
fn the_search_bench_searches_the_cards_it_seeded() {
    let out = bench(&["search", "--clients", "300", "--queries", "20"]);
    let line = last_line(&out);
    assert!(line.starts_with("search clients=300 "), "{line}");
    let (p50, p95, p99) = (
        figure(&line, "p50_ms"),
        figure(&line, "p95_ms"),
        figure(&line, "p99_ms"),
    );
    assert!(0.0 < p50 && p50 <= p95 && p95 <= p99, "{line}");
    assert!(
        figure(&line, "index_p99_ms") <= figure(&line, "index_max_ms"),
        "{line}"
    );
    // Realistic words find cards among the seeded ones.
    let stderr = String::from_utf8_lossy(&out.stderr);
    let found: usize = stderr
        .lines()
        .find_map(|l| l.strip_prefix("20 searches, "))
        .and_then(|rest| rest.split_whitespace().next())
        .and_then(|n| n.parse().ok())
        .unwrap_or_else(|| panic!("no count of rows in {stderr}"));
    assert!(found > 0, "{stderr}");
}

#[test]
fn a_search_bench_with_no_searches_is_refused_with_a_reason() {
    let out = bench(&["search", "--clients", "10", "--queries", "0"]);
    assert!(!out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("--queries must be at least 1"), "{stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
}
