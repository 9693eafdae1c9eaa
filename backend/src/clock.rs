//! The server's clock. Production reads the system time; a server started
//! with `--test-clock` lets end-to-end tests move it forward (a cover's end,
//! a session's expiry) without waiting days. Integration tests move it
//! through the state they hold.

use chrono::{DateTime, Duration, Utc};
use std::sync::Arc;
use std::sync::atomic::{AtomicI64, Ordering};

/// The server's time in a server function (the clock the HTTP layer
/// provides); the system time outside one.
pub fn now() -> DateTime<Utc> {
    leptos::prelude::use_context::<Clock>().map_or_else(Utc::now, |c| c.now())
}

/// The newest calendar day anywhere, the bound of "not in the future".
pub use crate::domain::latest_day::latest_day;

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
}
