//! A time zone that remembers its UTC offset hour by hour. In the browser
//! `chrono::Local` asks JavaScript for every conversion, and the calling
//! day's screens convert tens of thousands of instants (each card's last
//! contact, each call's day). An offset holds for a whole UTC hour unless
//! the zone changes within it; the cache checks both ends of the hour and
//! asks the zone itself for the rare hour that has a change.

use chrono::offset::MappedLocalTime;
use chrono::{FixedOffset, NaiveDate, NaiveDateTime, Offset, TimeZone};
use std::cell::RefCell;
use std::collections::HashMap;
use std::fmt;
use std::rc::Rc;

#[derive(Clone)]
pub struct HourlyZone<Tz: TimeZone> {
    tz: Tz,
    /// UTC hour → its offset, or `None` when the zone changes within it.
    hours: Rc<RefCell<HashMap<i64, Option<FixedOffset>>>>,
}

impl<Tz: TimeZone> HourlyZone<Tz> {
    pub fn new(tz: Tz) -> HourlyZone<Tz> {
        HourlyZone {
            tz,
            hours: Rc::default(),
        }
    }

    fn exact(&self, utc: &NaiveDateTime) -> FixedOffset {
        self.tz.offset_from_utc_datetime(utc).fix()
    }

    fn offset_at(&self, utc: &NaiveDateTime) -> FixedOffset {
        let hour = utc.and_utc().timestamp().div_euclid(3600);
        let known = self.hours.borrow().get(&hour).copied();
        let steady = match known {
            Some(steady) => steady,
            None => {
                let start = chrono::DateTime::from_timestamp(hour * 3600, 0)
                    .map(|t| t.naive_utc())
                    .unwrap_or(*utc);
                let end = start + chrono::Duration::seconds(3599);
                let (a, b) = (self.exact(&start), self.exact(&end));
                let steady = (a == b).then_some(a);
                self.hours.borrow_mut().insert(hour, steady);
                steady
            }
        };
        steady.unwrap_or_else(|| self.exact(utc))
    }

    fn wrap(&self, fixed: FixedOffset) -> ZoneOffset<Tz> {
        ZoneOffset {
            fixed,
            zone: self.clone(),
        }
    }
}

impl<Tz: TimeZone> fmt::Debug for HourlyZone<Tz> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("HourlyZone")
    }
}

/// An offset that knows its zone (chrono rebuilds a zone from an offset).
#[derive(Clone)]
pub struct ZoneOffset<Tz: TimeZone> {
    fixed: FixedOffset,
    zone: HourlyZone<Tz>,
}

impl<Tz: TimeZone> fmt::Debug for ZoneOffset<Tz> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&self.fixed, f)
    }
}

impl<Tz: TimeZone> Offset for ZoneOffset<Tz> {
    fn fix(&self) -> FixedOffset {
        self.fixed
    }
}

impl<Tz: TimeZone> TimeZone for HourlyZone<Tz> {
    type Offset = ZoneOffset<Tz>;

    fn from_offset(offset: &Self::Offset) -> Self {
        offset.zone.clone()
    }

    fn offset_from_local_date(&self, local: &NaiveDate) -> MappedLocalTime<Self::Offset> {
        self.offset_from_local_datetime(&local.and_time(chrono::NaiveTime::MIN))
    }

    fn offset_from_local_datetime(&self, local: &NaiveDateTime) -> MappedLocalTime<Self::Offset> {
        // Local to UTC is rarer (day boundaries): the zone answers directly.
        self.tz
            .offset_from_local_datetime(local)
            .map(|o| self.wrap(o.fix()))
    }

    fn offset_from_utc_date(&self, utc: &NaiveDate) -> Self::Offset {
        self.offset_from_utc_datetime(&utc.and_time(chrono::NaiveTime::MIN))
    }

    fn offset_from_utc_datetime(&self, utc: &NaiveDateTime) -> Self::Offset {
        self.wrap(self.offset_at(utc))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::{DateTime, Utc};
    use chrono_tz::Europe::Riga;
    use proptest::prelude::*;

    proptest! {
        /// Across years with DST changes, the cached zone gives the zone's
        /// own local time for every instant, to the second.
        #[test]
        fn the_same_local_time_as_the_zone(secs in 1_700_000_000i64..1_900_000_000) {
            let zone = HourlyZone::new(Riga);
            let at = DateTime::<Utc>::from_timestamp(secs, 0).unwrap();
            // Ask twice: once filling the cache, once from it.
            for _ in 0..2 {
                prop_assert_eq!(
                    at.with_timezone(&zone).naive_local(),
                    at.with_timezone(&Riga).naive_local()
                );
            }
        }
    }

    #[test]
    fn the_hour_of_a_change_is_exact_on_both_sides() {
        let zone = HourlyZone::new(Riga);
        // 29 March 2026: 03:00 Riga (01:00 UTC) becomes 04:00.
        for s in [
            "2026-03-29T00:59:59Z",
            "2026-03-29T01:00:00Z",
            "2026-03-29T00:30:00Z",
        ] {
            let at: DateTime<Utc> = s.parse().unwrap();
            assert_eq!(
                at.with_timezone(&zone).naive_local(),
                at.with_timezone(&Riga).naive_local(),
                "{s}"
            );
        }
        let local = "2026-10-25T03:30:00".parse::<NaiveDateTime>().unwrap();
        assert_eq!(
            zone.from_local_datetime(&local)
                .earliest()
                .map(|t| t.naive_utc()),
            Riga.from_local_datetime(&local)
                .earliest()
                .map(|t| t.naive_utc())
        );
    }
}
