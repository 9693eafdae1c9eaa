//! The batches this process committed lately and what each one wrote. A
//! batch planned while an earlier one was still being written (sent behind
//! it, see `after.rs`) is written as planned if every commit since its
//! planning is among these and wrote nothing its planning read; otherwise it
//! is planned again.

use std::collections::{HashSet, VecDeque};
use std::sync::{Mutex, OnceLock};
use tokio::sync::Notify;

/// Commits kept: a batch planned ahead waits behind one or two.
const KEPT: usize = 8;

/// What a batch's planning read, or what its write changed.
#[derive(Debug, Default)]
pub struct Touched {
    /// Operation ids: asked for an earlier answer, or answered.
    pub ops: HashSet<String>,
    /// Records as `table:id`.
    pub records: HashSet<String>,
    /// Clients whose card was read (for its owner or contacts) or written.
    pub clients: HashSet<String>,
    /// Registration numbers looked up for another holder, or held by a
    /// written card before or after.
    pub reg_nos: HashSet<String>,
}

impl Touched {
    fn meets(&self, other: &Touched) -> bool {
        !self.ops.is_disjoint(&other.ops)
            || !self.records.is_disjoint(&other.records)
            || !self.clients.is_disjoint(&other.clients)
            || !self.reg_nos.is_disjoint(&other.reg_nos)
    }
}

struct Log {
    /// The database (its epoch), the change counter each commit wrote, and
    /// what it wrote. (A process has one database; tests have many.)
    commits: VecDeque<(String, i64, Touched)>,
}

fn log() -> &'static Mutex<Log> {
    static LOG: OnceLock<Mutex<Log>> = OnceLock::new();
    LOG.get_or_init(|| {
        Mutex::new(Log {
            commits: VecDeque::new(),
        })
    })
}

/// Woken at every batch this process writes: a batch waiting for an
/// earlier one's answer looks again.
pub fn written() -> &'static Notify {
    static WRITTEN: OnceLock<Notify> = OnceLock::new();
    WRITTEN.get_or_init(Notify::new)
}

/// Notes a written batch: at change counter `version` if it changed any
/// record (a batch of refusals only leaves the counter alone).
pub fn record(epoch: &str, version: Option<i64>, wrote: Touched) {
    if let Some(version) = version
        && let Ok(mut log) = log().lock()
    {
        log.commits.push_back((epoch.to_string(), version, wrote));
        while log.commits.len() > KEPT {
            log.commits.pop_front();
        }
    }
    written().notify_waiters();
}

/// Whether a planning that read `read` at change counter `from` of database
/// `epoch` still holds at `to`: every commit in between is one of this
/// process's and wrote nothing it read.
pub fn holds(epoch: &str, read: &Touched, from: i64, to: i64) -> bool {
    let Ok(log) = log().lock() else {
        return false;
    };
    (from + 1..=to).all(|v| {
        log.commits
            .iter()
            .find(|(e, w, _)| *w == v && e == epoch)
            .is_some_and(|(_, _, wrote)| !wrote.meets(read))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn touched(ops: &[&str], records: &[&str], clients: &[&str]) -> Touched {
        let set = |xs: &[&str]| xs.iter().map(|x| x.to_string()).collect();
        Touched {
            ops: set(ops),
            records: set(records),
            clients: set(clients),
            ..Touched::default()
        }
    }

    // The log is the process's: each test uses its own database.
    #[test]
    fn a_planning_holds_over_commits_that_wrote_nothing_it_read() {
        const EPOCH: &str = "e1";
        record(
            EPOCH,
            Some(1001),
            touched(&["o1"], &["call_log:a"], &["k1"]),
        );
        record(EPOCH, Some(1002), touched(&["o2"], &["call_log:b"], &[]));
        let read = touched(&["o3"], &["call_log:c"], &["k2"]);
        assert!(holds(EPOCH, &read, 1000, 1002));
        assert!(holds(EPOCH, &read, 1002, 1002), "nothing written since");
    }

    #[test]
    fn a_planning_fails_when_a_commit_wrote_what_it_read() {
        const EPOCH: &str = "e2";
        record(
            EPOCH,
            Some(2001),
            touched(&["o1"], &["follow_up:f"], &["k1"]),
        );
        assert!(
            !holds(EPOCH, &touched(&["o1"], &[], &[]), 2000, 2001),
            "same op"
        );
        assert!(!holds(
            EPOCH,
            &touched(&[], &["follow_up:f"], &[]),
            2000,
            2001
        ));
        assert!(
            !holds(EPOCH, &touched(&[], &[], &["k1"]), 2000, 2001),
            "its card"
        );
    }

    #[test]
    fn a_planning_fails_when_a_commit_took_or_freed_a_registration_number_it_checked() {
        const EPOCH: &str = "e4";
        let mut wrote = touched(&["o1"], &["client:a", "contact:p"], &["a"]);
        wrote.reg_nos.insert("40003032949".into());
        record(EPOCH, Some(4001), wrote);
        let mut read = touched(&["o2"], &["client:b"], &["b"]);
        assert!(holds(EPOCH, &read, 4000, 4001));
        read.reg_nos.insert("40003032949".into());
        assert!(!holds(EPOCH, &read, 4000, 4001), "the same number");
        let contact = touched(&["o2"], &["client:b", "contact:p"], &["b"]);
        assert!(!holds(EPOCH, &contact, 4000, 4001), "the same contact");
    }

    #[test]
    fn a_planning_fails_over_a_commit_this_process_did_not_make() {
        const EPOCH: &str = "e3";
        record(EPOCH, Some(3001), touched(&["o1"], &[], &[]));
        // 3002 was written elsewhere (another process or writer).
        record(EPOCH, Some(3003), touched(&["o3"], &[], &[]));
        assert!(!holds(EPOCH, &touched(&["o9"], &[], &[]), 3000, 3003));
        assert!(holds(EPOCH, &touched(&["o9"], &[], &[]), 3002, 3003));
        assert!(
            !holds("another", &touched(&["o9"], &[], &[]), 3002, 3003),
            "another database's counter"
        );
    }
}
