//! How far each running import from the import page has got, kept in
//! memory while it runs (and briefly after), so the page can show a
//! progress bar: one import call, asked about by its run's name.

use crate::domain::receivables::import_report::ImportReport;
use std::collections::HashMap;
use std::sync::{Mutex, OnceLock};
use std::time::{Duration, Instant};

struct Entry {
    actor: String,
    report: ImportReport,
    at: Instant,
}

/// Finished runs are forgotten after this.
const KEEP: Duration = Duration::from_secs(600);

fn runs() -> &'static Mutex<HashMap<String, Entry>> {
    static RUNS: OnceLock<Mutex<HashMap<String, Entry>>> = OnceLock::new();
    RUNS.get_or_init(Default::default)
}

pub fn set(run: &str, actor: &str, report: &ImportReport) {
    let mut runs = runs().lock().unwrap_or_else(|e| e.into_inner());
    runs.retain(|_, e| e.at.elapsed() < KEEP);
    runs.insert(
        run.to_string(),
        Entry {
            actor: actor.to_string(),
            report: report.clone(),
            at: Instant::now(),
        },
    );
}

/// The run's report so far, for the person who started it only.
pub fn get(run: &str, actor: &str) -> Option<ImportReport> {
    let runs = runs().lock().unwrap_or_else(|e| e.into_inner());
    runs.get(run)
        .filter(|e| e.actor == actor)
        .map(|e| e.report.clone())
}
