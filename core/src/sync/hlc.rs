//! Hybrid logical clock: wall-clock milliseconds plus a counter, tie-broken by
//! device id. Orders every edit across devices even when their clocks
//! disagree, and never goes backwards on one device.

use serde::{Deserialize, Serialize};
use std::cmp::Ordering;

/// How far ahead of the server's clock a device's stamp may be; beyond this
/// the server clamps it (a phone with a wrong date must not win every edit).
pub const MAX_AHEAD_MS: u64 = 5 * 60 * 1000;

/// The range of wall-clock milliseconds a real stamp can have (2020-01-01 to
/// 2100-01-01). A stamp outside it is a corrupt or forged operation: refused,
/// never wrapped or clamped into the range.
pub const PLAUSIBLE_MS: std::ops::Range<u64> = 1_577_836_800_000..4_102_444_800_000;

#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Hlc {
    pub millis: u64,
    pub counter: u32,
    pub device: String,
}

impl Ord for Hlc {
    fn cmp(&self, other: &Self) -> Ordering {
        (self.millis, self.counter, &self.device).cmp(&(other.millis, other.counter, &other.device))
    }
}

impl PartialOrd for Hlc {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Hlc {
    pub fn zero(device: &str) -> Hlc {
        Hlc {
            millis: 0,
            counter: 0,
            device: device.to_string(),
        }
    }

    /// Whether the stamp can be a real one (see [`PLAUSIBLE_MS`]).
    pub fn is_plausible(&self) -> bool {
        PLAUSIBLE_MS.contains(&self.millis)
    }

    /// The stamp that follows `(millis, counter)`: the counter counts up and,
    /// once exhausted, the milliseconds move on (a stamp never wraps back).
    fn next(millis: u64, counter: u32) -> (u64, u32) {
        match counter.checked_add(1) {
            Some(c) => (millis, c),
            None => (millis.saturating_add(1), 0),
        }
    }

    /// A stamp no later than `now_ms + MAX_AHEAD_MS`, keeping its order
    /// relative to other clamped stamps.
    pub fn clamped(&self, now_ms: u64) -> Hlc {
        let limit = now_ms + MAX_AHEAD_MS;
        if self.millis <= limit {
            self.clone()
        } else {
            Hlc {
                millis: limit,
                counter: self.counter,
                device: self.device.clone(),
            }
        }
    }
}

/// One device's clock.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Clock {
    last: Hlc,
}

impl Clock {
    pub fn new(device: &str) -> Clock {
        Clock {
            last: Hlc::zero(device),
        }
    }

    /// Restores a clock from its last stamp (persisted with the device's data).
    pub fn resume(last: Hlc) -> Clock {
        Clock { last }
    }

    pub fn last(&self) -> &Hlc {
        &self.last
    }

    /// A new stamp for a local edit at wall time `now_ms`.
    pub fn tick(&mut self, now_ms: u64) -> Hlc {
        if now_ms > self.last.millis {
            self.last.millis = now_ms;
            self.last.counter = 0;
        } else {
            (self.last.millis, self.last.counter) = Hlc::next(self.last.millis, self.last.counter);
        }
        self.last.clone()
    }

    /// Moves past a stamp seen from elsewhere, so later local edits order after it.
    pub fn observe(&mut self, seen: &Hlc, now_ms: u64) {
        let millis = now_ms.max(self.last.millis).max(seen.millis);
        let (millis, counter) = if millis == self.last.millis && millis == seen.millis {
            Hlc::next(millis, self.last.counter.max(seen.counter))
        } else if millis == self.last.millis {
            Hlc::next(millis, self.last.counter)
        } else if millis == seen.millis {
            Hlc::next(millis, seen.counter)
        } else {
            (millis, 0)
        };
        self.last.millis = millis;
        self.last.counter = counter;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn ticks_increase_even_when_the_wall_clock_stands_still_or_goes_back() {
        let mut c = Clock::new("a");
        let a = c.tick(100);
        let b = c.tick(100);
        let d = c.tick(50);
        assert!(a < b && b < d);
    }

    #[test]
    fn ties_are_broken_by_device() {
        let a = Hlc {
            millis: 1,
            counter: 0,
            device: "a".into(),
        };
        let b = Hlc {
            millis: 1,
            counter: 0,
            device: "b".into(),
        };
        assert!(a < b);
    }

    #[test]
    fn clamps_stamps_from_the_future() {
        let far = Hlc {
            millis: 10_000_000,
            counter: 3,
            device: "x".into(),
        };
        assert_eq!(far.clamped(1000).millis, 1000 + MAX_AHEAD_MS);
        assert_eq!(far.clamped(20_000_000), far);
    }

    #[test]
    fn an_exhausted_counter_moves_the_milliseconds_on_instead_of_wrapping() {
        let top = Hlc {
            millis: 1_700_000_000_000,
            counter: u32::MAX,
            device: "x".into(),
        };
        let mut c = Clock::resume(top.clone());
        let next = c.tick(top.millis - 10);
        assert!(next > top);
        assert_eq!((next.millis, next.counter), (top.millis + 1, 0));
        let mut d = Clock::new("d");
        d.observe(&top, 5);
        assert!(d.tick(5) > top);
    }

    #[test]
    fn stamps_outside_the_plausible_range_are_recognised() {
        let at = |millis| Hlc {
            millis,
            counter: 0,
            device: "x".into(),
        };
        assert!(at(1_764_000_000_000).is_plausible());
        assert!(!at(0).is_plausible());
        assert!(!at(u64::MAX).is_plausible());
        assert!(!at(i64::MAX as u64 + 1).is_plausible());
    }

    proptest! {
        /// After observing a remote stamp, every local stamp orders after it.
        #[test]
        fn local_after_observed(events in proptest::collection::vec((0u64..1000, 0u64..1000, 0u32..5, any::<bool>()), 1..50)) {
            let mut c = Clock::new("me");
            let mut prev = c.last().clone();
            for (now, remote_ms, remote_ctr, is_remote) in events {
                if is_remote {
                    let r = Hlc { millis: remote_ms, counter: remote_ctr, device: "other".into() };
                    c.observe(&r, now);
                    let next = c.tick(now);
                    prop_assert!(next > r);
                    prop_assert!(next > prev);
                    prev = next;
                } else {
                    let next = c.tick(now);
                    prop_assert!(next > prev);
                    prev = next;
                }
            }
        }
    }
}
