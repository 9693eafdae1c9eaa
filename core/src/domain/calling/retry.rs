//! "Try again in 2 hours / tomorrow" after no answer or busy: a follow-up
//! time inside working hours on a working day, in the user's time zone.

use super::local_day::instant_of;
use chrono::{DateTime, Datelike, Duration, NaiveDate, NaiveTime, TimeZone, Utc, Weekday};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Retry {
    InTwoHours,
    Tomorrow,
}

/// When clients are called: Monday to Friday, `start` to `end` local time.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct WorkingHours {
    pub start: NaiveTime,
    pub end: NaiveTime,
}

impl Default for WorkingHours {
    fn default() -> Self {
        WorkingHours {
            start: NaiveTime::from_hms_opt(9, 0, 0).unwrap_or(NaiveTime::MIN),
            end: NaiveTime::from_hms_opt(18, 0, 0).unwrap_or(NaiveTime::MIN),
        }
    }
}

fn working_day(d: NaiveDate) -> bool {
    !matches!(d.weekday(), Weekday::Sat | Weekday::Sun)
}

/// The first working day after `d`.
pub fn next_working_day(d: NaiveDate) -> NaiveDate {
    let mut next = d + Duration::days(1);
    while !working_day(next) {
        next += Duration::days(1);
    }
    next
}

/// The earliest working moment at or after `at`.
fn within_hours<Tz: TimeZone>(at: DateTime<Utc>, tz: &Tz, hours: WorkingHours) -> DateTime<Utc> {
    let local = at.with_timezone(tz).naive_local();
    let (date, time) = (local.date(), local.time());
    if working_day(date) && time >= hours.start && time < hours.end {
        return at;
    }
    let day = if working_day(date) && time < hours.start {
        date
    } else {
        next_working_day(date)
    };
    instant_of(day.and_time(hours.start), tz)
}

/// When to call again.
pub fn retry_at<Tz: TimeZone>(
    now: DateTime<Utc>,
    retry: Retry,
    tz: &Tz,
    hours: WorkingHours,
) -> DateTime<Utc> {
    match retry {
        Retry::InTwoHours => within_hours(now + Duration::hours(2), tz, hours),
        Retry::Tomorrow => {
            // The same time of day on the next working day, kept inside
            // working hours (a call at 19:00 is retried at the next start).
            let local = now.with_timezone(tz).naive_local();
            let time = if local.time() < hours.start || local.time() >= hours.end {
                hours.start
            } else {
                local.time()
            };
            instant_of(next_working_day(local.date()).and_time(time), tz)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono_tz::Europe::Riga;
    use proptest::prelude::*;

    fn utc(s: &str) -> DateTime<Utc> {
        s.parse().unwrap()
    }

    fn riga(at: DateTime<Utc>) -> String {
        at.with_timezone(&Riga)
            .format("%a %Y-%m-%d %H:%M")
            .to_string()
    }

    const H: WorkingHours = WorkingHours {
        start: NaiveTime::from_hms_opt(9, 0, 0).unwrap(),
        end: NaiveTime::from_hms_opt(18, 0, 0).unwrap(),
    };

    #[test]
    fn two_hours_later_inside_the_working_day() {
        // Tuesday 10:15 in Riga (UTC+2).
        let at = retry_at(utc("2026-01-13T08:15:00Z"), Retry::InTwoHours, &Riga, H);
        assert_eq!(riga(at), "Tue 2026-01-13 12:15");
    }

    #[test]
    fn two_hours_after_17_00_is_the_next_morning_and_friday_goes_to_monday() {
        let at = retry_at(utc("2026-01-13T15:00:00Z"), Retry::InTwoHours, &Riga, H);
        assert_eq!(riga(at), "Wed 2026-01-14 09:00");
        let at = retry_at(utc("2026-01-16T15:00:00Z"), Retry::InTwoHours, &Riga, H);
        assert_eq!(riga(at), "Mon 2026-01-19 09:00");
    }

    #[test]
    fn tomorrow_keeps_the_time_of_day_across_the_dst_change() {
        // Friday 27 March 2026, 11:00 in Riga (UTC+2); the clocks go forward
        // on Sunday: Monday 11:00 is UTC+3.
        let at = retry_at(utc("2026-03-27T09:00:00Z"), Retry::Tomorrow, &Riga, H);
        assert_eq!(riga(at), "Mon 2026-03-30 11:00");
        assert_eq!(at, utc("2026-03-30T08:00:00Z"));
    }

    #[test]
    fn tomorrow_after_hours_is_the_next_working_start() {
        let at = retry_at(utc("2026-01-13T18:30:00Z"), Retry::Tomorrow, &Riga, H);
        assert_eq!(riga(at), "Wed 2026-01-14 09:00");
    }

    proptest! {
        #[test]
        fn a_retry_is_later_and_inside_working_hours(
            secs in 1_760_000_000i64..1_830_000_000,
            tomorrow in any::<bool>(),
        ) {
            let now = DateTime::from_timestamp(secs, 0).unwrap();
            let retry = if tomorrow { Retry::Tomorrow } else { Retry::InTwoHours };
            let at = retry_at(now, retry, &Riga, H);
            prop_assert!(at > now);
            if retry == Retry::InTwoHours {
                prop_assert!(at >= now + Duration::hours(2));
            } else {
                prop_assert!(at.with_timezone(&Riga).date_naive() > now.with_timezone(&Riga).date_naive());
            }
            let local = at.with_timezone(&Riga).naive_local();
            prop_assert!(working_day(local.date()));
            prop_assert!(local.time() >= H.start && local.time() < H.end);
            // Never more than a long weekend away.
            prop_assert!(at - now < Duration::days(4));
        }
    }
}
