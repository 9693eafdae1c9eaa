//! A call started from the app: the phone's dialer opened at `started`. When
//! the person comes back, the call form asks how it went, with the duration
//! already filled in from this.

use crate::domain::call_log::MAX_DURATION_S;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// How long after tapping a number a return to the app counts as "back from
/// the call": a phone fires focus events while it opens the dialer.
pub const RETURN_AFTER_MS: i64 = 1500;

/// After this long a call started from a list is no longer followed to its
/// card: the person has long moved on (a dialer cancelled at once, say).
pub const FOLLOW_FOR_MINUTES: i64 = 120;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Dialing {
    pub client_id: String,
    pub contact_id: Option<String>,
    pub started: DateTime<Utc>,
}

impl Dialing {
    /// Whether a return at `now` is the person coming back from the call
    /// rather than the tap that opened the dialer.
    pub fn is_back(&self, now: DateTime<Utc>) -> bool {
        (now - self.started).num_milliseconds() >= RETURN_AFTER_MS
    }

    /// Whether a return at `now` is still worth taking to the card.
    pub fn is_recent(&self, now: DateTime<Utc>) -> bool {
        (now - self.started).num_minutes() < FOLLOW_FOR_MINUTES
    }

    /// Seconds since the dialer opened, as the form's duration text ("m:ss"),
    /// within what the form accepts (a clock set back gives 0:00).
    pub fn duration_text(&self, now: DateTime<Utc>) -> String {
        let secs = (now - self.started)
            .num_seconds()
            .clamp(0, i64::from(MAX_DURATION_S));
        format!("{}:{:02}", secs / 60, secs % 60)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::call_log::parse_duration;
    use chrono::Duration;
    use proptest::prelude::*;

    fn at(s: &str) -> DateTime<Utc> {
        s.parse().unwrap()
    }

    fn dialing() -> Dialing {
        Dialing {
            client_id: "c".into(),
            contact_id: None,
            started: at("2026-03-02T10:00:00Z"),
        }
    }

    #[test]
    fn the_timer_reads_as_the_form_writes_it() {
        assert_eq!(dialing().duration_text(at("2026-03-02T10:01:35Z")), "1:35");
        assert_eq!(dialing().duration_text(at("2026-03-02T09:59:00Z")), "0:00");
        assert_eq!(
            dialing().duration_text(at("2026-03-03T10:00:00Z")),
            "240:00"
        );
    }

    #[test]
    fn the_tap_itself_is_not_a_return() {
        let d = dialing();
        assert!(!d.is_back(at("2026-03-02T10:00:01Z")));
        assert!(d.is_back(at("2026-03-02T10:00:02Z")));
        // A clock set back is no return either.
        assert!(!d.is_back(at("2026-03-02T09:59:00Z")));
        assert!(d.is_recent(at("2026-03-02T11:59:00Z")));
        assert!(!d.is_recent(at("2026-03-02T12:00:00Z")));
    }

    proptest! {
        /// Whatever the clock says, the form accepts the filled-in duration.
        #[test]
        fn the_filled_duration_is_always_valid(secs in -100_000i64..100_000) {
            let d = dialing();
            let text = d.duration_text(d.started + Duration::seconds(secs));
            let parsed = parse_duration(&text).unwrap();
            prop_assert_eq!(i64::from(parsed), secs.clamp(0, i64::from(MAX_DURATION_S)));
        }
    }
}
