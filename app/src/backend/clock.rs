//! The server's clock. Production reads the system time; a server started
//! with `--test-clock` lets end-to-end tests move it forward (a cover's end,
//! a session's expiry) without waiting days. Integration tests move it
//! through the state they hold.

use chrono::{DateTime, Duration, Utc};
use std::sync::Arc;
use std::sync::atomic::{AtomicI64, Ordering};

#[derive(Debug, Clone, Default)]
pub struct Clock {
    offset_ms: Arc<AtomicI64>,
}

impl Clock {
    pub fn now(&self) -> DateTime<Utc> {
        Utc::now() + Duration::milliseconds(self.offset_ms.load(Ordering::Relaxed))
    }

    /// Moves the clock by `by` (forward when positive).
    pub fn shift(&self, by: Duration) {
        self.offset_ms
            .fetch_add(by.num_milliseconds(), Ordering::Relaxed);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shifting_moves_every_copy() {
        let c = Clock::default();
        let copy = c.clone();
        c.shift(Duration::days(3));
        let ahead = copy.now() - Utc::now();
        assert!(ahead > Duration::days(3) - Duration::minutes(1));
        assert!(ahead < Duration::days(3) + Duration::minutes(1));
    }
}
