//! The server's clock. Production reads the system time; a server started
//! with `--test-clock` lets end-to-end tests move it forward (a cover's end,
//! a session's expiry) without waiting days. Integration tests move it
//! through the state they hold.

use chrono::{DateTime, Duration, NaiveDate, Utc};
use std::sync::Arc;
use std::sync::atomic::{AtomicI64, Ordering};

/// The server's time in a server function (the clock the HTTP layer
/// provides); the system time outside one.
pub fn now() -> DateTime<Utc> {
    leptos::prelude::use_context::<Clock>().map_or_else(Utc::now, |c| c.now())
}

/// The newest calendar day anywhere (UTC+14) at `now`. A device checks "not
/// in the future" against its own day; the server, not knowing the user's
/// zone, checks against this one, so a user east of the server who signs
/// just after midnight is not refused what the device accepted.
pub fn latest_day(now: DateTime<Utc>) -> NaiveDate {
    (now + Duration::hours(14)).date_naive()
}

#[derive(Debug, Clone, Default)]
pub struct Clock {
    offset_ms: Arc<AtomicI64>,
}

impl Clock {
    pub fn now(&self) -> DateTime<Utc> {
        Utc::now() + Duration::milliseconds(self.offset_ms.load(Ordering::Relaxed))
    }

    /// Moves the clock by `by` (forward when positive); `false`, and the
    /// clock unmoved, when the result would leave the representable range.
    pub fn shift(&self, by: Duration) -> bool {
        let by = by.num_milliseconds();
        let moved = self
            .offset_ms
            .fetch_update(Ordering::Relaxed, Ordering::Relaxed, |now| {
                let next = now.checked_add(by)?;
                Utc::now()
                    .checked_add_signed(Duration::try_milliseconds(next)?)
                    .map(|_| next)
            });
        moved.is_ok()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_shift_out_of_range_is_refused_not_a_panic() {
        let c = Clock::default();
        assert!(!c.shift(Duration::MAX));
        assert!(c.shift(Duration::days(1)));
        assert!(!c.shift(Duration::MIN));
        assert!(c.now() > Utc::now());
    }

    #[test]
    fn shifting_moves_every_copy() {
        let c = Clock::default();
        let copy = c.clone();
        assert!(c.shift(Duration::days(3)));
        let ahead = copy.now() - Utc::now();
        assert!(ahead > Duration::days(3) - Duration::minutes(1));
        assert!(ahead < Duration::days(3) + Duration::minutes(1));
    }

    #[test]
    fn the_latest_day_is_the_one_in_the_easternmost_zone() {
        let at = |s: &str| s.parse::<DateTime<Utc>>().unwrap();
        let day = |s: &str| s.parse::<NaiveDate>().unwrap();
        // 23:30 in Riga (UTC+2) is already the 1st there.
        assert_eq!(latest_day(at("2026-11-30T21:30:00Z")), day("2026-12-01"));
        // Early in the UTC day no zone has reached tomorrow yet.
        assert_eq!(latest_day(at("2026-11-30T09:59:00Z")), day("2026-11-30"));
        assert_eq!(latest_day(at("2026-11-30T10:00:00Z")), day("2026-12-01"));
    }
}
