//! Calendar days in the user's time zone. A day is not always 24 hours: in
//! Riga the last Sunday of March has 23 and the last Sunday of October 25.

use chrono::{DateTime, Duration, NaiveDate, NaiveDateTime, TimeZone, Utc};

/// The local date an instant falls on.
pub fn local_day<Tz: TimeZone>(at: DateTime<Utc>, tz: &Tz) -> NaiveDate {
    at.with_timezone(tz).date_naive()
}

/// The instant a local wall-clock time happens. A time skipped by a clock
/// change (02:30 on a spring-forward night in some zones) is taken as the
/// first instant after the gap; a repeated one as its first occurrence.
pub fn instant_of<Tz: TimeZone>(local: NaiveDateTime, tz: &Tz) -> DateTime<Utc> {
    if let Some(at) = tz.from_local_datetime(&local).earliest() {
        return at.with_timezone(&Utc);
    }
    // Inside a gap: walk forward a minute at a time (gaps are at most hours).
    let mut probe = local;
    for _ in 0..(24 * 60) {
        probe += Duration::minutes(1);
        if let Some(at) = tz.from_local_datetime(&probe).earliest() {
            return at.with_timezone(&Utc);
        }
    }
    // No zone has a day-long gap; fall back to reading the time as UTC.
    local.and_utc()
}

/// The instants a local day covers: `[start, end)`.
pub fn day_span<Tz: TimeZone>(day: NaiveDate, tz: &Tz) -> (DateTime<Utc>, DateTime<Utc>) {
    let start = instant_of(day.and_time(chrono::NaiveTime::MIN), tz);
    let next = day.succ_opt().unwrap_or(day);
    let end = instant_of(next.and_time(chrono::NaiveTime::MIN), tz);
    (start, end)
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono_tz::Europe::Riga;
    use proptest::prelude::*;

    fn utc(s: &str) -> DateTime<Utc> {
        s.parse().unwrap()
    }

    fn date(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn a_late_evening_call_in_riga_counts_on_the_riga_day() {
        // 23:30 in Riga in winter (UTC+2) is 21:30 UTC the same day...
        assert_eq!(
            local_day(utc("2026-01-15T21:30:00Z"), &Riga),
            date("2026-01-15")
        );
        // ...and 00:30 the next morning is still the previous UTC day.
        assert_eq!(
            local_day(utc("2026-01-15T22:30:00Z"), &Riga),
            date("2026-01-16")
        );
        // Summer time is UTC+3.
        assert_eq!(
            local_day(utc("2026-07-15T21:30:00Z"), &Riga),
            date("2026-07-16")
        );
    }

    #[test]
    fn dst_days_are_23_and_25_hours_long() {
        let hours = |d: &str| {
            let (s, e) = day_span(date(d), &Riga);
            (e - s).num_hours()
        };
        assert_eq!(hours("2026-03-29"), 23);
        assert_eq!(hours("2026-10-25"), 25);
        assert_eq!(hours("2026-06-01"), 24);
    }

    #[test]
    fn a_time_inside_the_spring_gap_moves_past_it() {
        // 03:30 does not exist in Riga on 2026-03-29 (03:00 → 04:00).
        let at = instant_of(date("2026-03-29").and_hms_opt(3, 30, 0).unwrap(), &Riga);
        assert_eq!(at, utc("2026-03-29T01:00:00Z"));
        assert_eq!(at.with_timezone(&Riga).format("%H:%M").to_string(), "04:00");
    }

    #[test]
    fn a_repeated_autumn_time_is_its_first_occurrence() {
        // 03:30 happens twice in Riga on 2026-10-25: first at UTC+3.
        let at = instant_of(date("2026-10-25").and_hms_opt(3, 30, 0).unwrap(), &Riga);
        assert_eq!(at, utc("2026-10-25T00:30:00Z"));
    }

    proptest! {
        #[test]
        fn every_instant_lies_in_the_span_of_its_local_day(secs in 1_700_000_000i64..1_900_000_000) {
            let at = DateTime::from_timestamp(secs, 0).unwrap();
            let (start, end) = day_span(local_day(at, &Riga), &Riga);
            prop_assert!(start <= at && at < end);
        }

        #[test]
        fn consecutive_days_tile_time(days in 0i64..3650) {
            let d = date("2024-01-01") + Duration::days(days);
            let (_, end) = day_span(d, &Riga);
            let (next_start, _) = day_span(d.succ_opt().unwrap(), &Riga);
            prop_assert_eq!(end, next_start);
            let (s, e) = day_span(d, &Riga);
            prop_assert!([23, 24, 25].contains(&(e - s).num_hours()));
        }
    }
}
