//! Contact persons' birthdays coming up, to greet them on the day.

use chrono::{Datelike, Duration, NaiveDate};

/// The birthday's date in `year` (29 February falls on the 28th in other years).
pub fn in_year(birthday: NaiveDate, year: i32) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(year, birthday.month(), birthday.day())
        .or_else(|| NaiveDate::from_ymd_opt(year, birthday.month(), birthday.day() - 1))
}

/// Days from `today` to the next birthday (0: today).
pub fn days_until(birthday: NaiveDate, today: NaiveDate) -> Option<u32> {
    let this_year = in_year(birthday, today.year())?;
    let next = if this_year >= today {
        this_year
    } else {
        in_year(birthday, today.year() + 1)?
    };
    u32::try_from((next - today).num_days()).ok()
}

/// Whether the birthday falls within the week starting today.
pub fn this_week(birthday: NaiveDate, today: NaiveDate) -> bool {
    // A week ahead lies in this month or the next: that rules out most of
    // a portfolio's contacts without any date arithmetic (Today asks for
    // each of tens of thousands).
    let next_month = today.month() % 12 + 1;
    if birthday.month() != today.month() && birthday.month() != next_month {
        return false;
    }
    days_until(birthday, today).is_some_and(|d| i64::from(d) < Duration::days(7).num_days())
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn next_birthday_wraps_the_year_and_handles_29_february() {
        assert_eq!(days_until(d("1980-03-05"), d("2026-03-05")), Some(0));
        assert_eq!(days_until(d("1980-03-06"), d("2026-03-05")), Some(1));
        assert_eq!(days_until(d("1980-01-02"), d("2026-12-30")), Some(3));
        assert_eq!(days_until(d("1984-02-29"), d("2026-02-27")), Some(1));
        assert_eq!(days_until(d("1984-02-29"), d("2028-02-28")), Some(1));
        assert!(this_week(d("1990-12-31"), d("2026-12-25")));
        assert!(!this_week(d("1990-01-01"), d("2026-12-25")));
    }

    proptest! {
        #[test]
        fn a_birthday_is_never_more_than_a_year_away(
            born in 0i64..30_000, today in 0i64..30_000,
        ) {
            let born = d("1930-01-01") + Duration::days(born);
            let today = d("1950-01-01") + Duration::days(today);
            let days = days_until(born, today).unwrap();
            prop_assert!(days <= 366);
            let on = today + Duration::days(i64::from(days));
            prop_assert_eq!(on.month(), if born.month() == 2 && born.day() == 29 && on.day() == 28 { 2 } else { born.month() });
        }

        /// The quick month test never turns away a birthday the days count
        /// would let through.
        #[test]
        fn this_week_is_fewer_than_seven_days_away(
            born in 0i64..30_000, today in 0i64..30_000,
        ) {
            let born = d("1930-01-01") + Duration::days(born);
            let today = d("1950-01-01") + Duration::days(today);
            prop_assert_eq!(this_week(born, today), days_until(born, today).unwrap() < 7);
        }
    }
}
