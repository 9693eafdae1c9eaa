//! "Not in the future" for dates people enter (a signing day, a birthday):
//! measured against the newest calendar day anywhere, UTC+14.
//!
//! The form checks the user's own day first, for a precise message. The
//! device's store and the server check this bound: neither may refuse what
//! the form accepted, whatever the zone. A user in Riga signs "today" after
//! local midnight while it is still yesterday in UTC.

use chrono::{DateTime, Duration, NaiveDate, Utc};

/// The newest calendar day anywhere at `now`.
pub fn latest_day(now: DateTime<Utc>) -> NaiveDate {
    (now + Duration::hours(14)).date_naive()
}

#[cfg(test)]
mod tests {
    use super::*;

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
