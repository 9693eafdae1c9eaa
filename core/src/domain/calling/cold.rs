//! Clients gone cold: no contact for more days than their segment allows.
//! The Today screen lists them, coldest first.

use super::local_day::{day_span, local_day};
use crate::domain::client::Segment;
use chrono::{DateTime, NaiveDate, TimeZone, Utc};
use serde::{Deserialize, Serialize};

/// Days without contact after which a client counts as cold, per segment
/// (`None`: never, e.g. lost clients). Set per team; these are the defaults.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct ColdAfter {
    pub prospect: Option<u32>,
    pub active: Option<u32>,
    pub key: Option<u32>,
    pub lost: Option<u32>,
}

impl Default for ColdAfter {
    fn default() -> Self {
        ColdAfter {
            prospect: Some(14),
            active: Some(30),
            key: Some(14),
            lost: None,
        }
    }
}

impl ColdAfter {
    pub fn days(&self, segment: Segment) -> Option<u32> {
        match segment {
            Segment::Prospect => self.prospect,
            Segment::Active => self.active,
            Segment::Key => self.key,
            Segment::Lost => self.lost,
        }
    }
}

/// What cold detection needs to know about a client.
#[cfg(test)]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClientContact<'a> {
    pub client_id: &'a str,
    pub segment: Segment,
    pub created_at: DateTime<Utc>,
    /// The last call, e-mail or visit either way; `None`: never.
    pub last_contact: Option<DateTime<Utc>>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cold<'a> {
    pub client_id: &'a str,
    /// Whole local days since the last contact (or since the card was made).
    pub quiet_days: u32,
}

/// Local calendar days between the last contact and today.
pub fn quiet_days<Tz: TimeZone>(since: DateTime<Utc>, today: NaiveDate, tz: &Tz) -> u32 {
    let days = (today - local_day(since, tz)).num_days();
    u32::try_from(days.max(0)).unwrap_or(u32::MAX)
}

/// The cold rules as instants for one local day: a client is cold when
/// their last contact (or, never contacted, their card's making) is before
/// their segment's instant. One comparison per client instead of a time
/// zone lookup: Today checks every card of a portfolio of thousands.
#[derive(Debug, Clone, Copy)]
pub struct ColdLine {
    prospect: Option<DateTime<Utc>>,
    active: Option<DateTime<Utc>>,
    key: Option<DateTime<Utc>>,
    lost: Option<DateTime<Utc>>,
}

impl ColdLine {
    /// Quiet for more than `days` local days by `today`: the last contact
    /// fell before the start of the day `days` before today.
    pub fn new<Tz: TimeZone>(rules: ColdAfter, today: NaiveDate, tz: &Tz) -> ColdLine {
        let line = |days: Option<u32>| {
            let day = today.checked_sub_days(chrono::Days::new(u64::from(days?)))?;
            Some(day_span(day, tz).0)
        };
        ColdLine {
            prospect: line(rules.prospect),
            active: line(rules.active),
            key: line(rules.key),
            lost: line(rules.lost),
        }
    }

    pub fn is_cold(&self, segment: Segment, since: DateTime<Utc>) -> bool {
        let line = match segment {
            Segment::Prospect => self.prospect,
            Segment::Active => self.active,
            Segment::Key => self.key,
            Segment::Lost => self.lost,
        };
        line.is_some_and(|line| since < line)
    }
}

/// Coldest first, ties by id (so the list is stable).
fn colder(a: &Cold<'_>, b: &Cold<'_>) -> std::cmp::Ordering {
    b.quiet_days
        .cmp(&a.quiet_days)
        .then_with(|| a.client_id.cmp(b.client_id))
}

/// Puts the `n` coldest of `cold` first, in order; the rest follow in no
/// order (a screen that lists thirty of thousands sorts only those).
pub fn coldest_first(cold: &mut [Cold<'_>], n: usize) {
    if n < cold.len() {
        cold.select_nth_unstable_by(n, colder);
    }
    let n = n.min(cold.len());
    cold[..n].sort_unstable_by(colder);
}

/// The cold clients, coldest first (ties by id, so the list is stable): the
/// rule stated whole, for the tests; the screens apply `ColdLine` in their
/// own pass over the cards.
#[cfg(test)]
pub fn cold_clients<'a, Tz: TimeZone>(
    clients: &[ClientContact<'a>],
    rules: ColdAfter,
    now: DateTime<Utc>,
    tz: &Tz,
) -> Vec<Cold<'a>> {
    let today = local_day(now, tz);
    let line = ColdLine::new(rules, today, tz);
    let mut out: Vec<Cold<'a>> = clients
        .iter()
        .filter_map(|c| {
            let since = c.last_contact.unwrap_or(c.created_at);
            line.is_cold(c.segment, since).then(|| Cold {
                client_id: c.client_id,
                quiet_days: quiet_days(since, today, tz),
            })
        })
        .collect();
    out.sort_unstable_by(colder);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::Duration;
    use chrono_tz::Europe::Riga;
    use proptest::prelude::*;

    fn utc(s: &str) -> DateTime<Utc> {
        s.parse().unwrap()
    }

    fn client<'a>(id: &'a str, segment: Segment, last: Option<&str>) -> ClientContact<'a> {
        ClientContact {
            client_id: id,
            segment,
            created_at: utc("2025-06-01T08:00:00Z"),
            last_contact: last.map(utc),
        }
    }

    #[test]
    fn cold_after_the_segments_days_coldest_first() {
        let now = utc("2026-02-20T10:00:00Z");
        let clients = [
            client("key-15", Segment::Key, Some("2026-02-05T10:00:00Z")),
            client("key-14", Segment::Key, Some("2026-02-06T10:00:00Z")),
            client("active-20", Segment::Active, Some("2026-01-31T10:00:00Z")),
            client("active-40", Segment::Active, Some("2026-01-11T10:00:00Z")),
            client("lost", Segment::Lost, Some("2025-01-01T10:00:00Z")),
            client("never", Segment::Prospect, None),
        ];
        let cold = cold_clients(&clients, ColdAfter::default(), now, &Riga);
        let ids: Vec<&str> = cold.iter().map(|c| c.client_id).collect();
        assert_eq!(ids, ["never", "active-40", "key-15"]);
        assert_eq!(cold[1].quiet_days, 40);
    }

    #[test]
    fn days_are_riga_calendar_days() {
        // 23:30 in Riga on 1 March, then 00:30 on 2 March: one day apart.
        let last = utc("2026-03-01T21:30:00Z");
        let today = utc("2026-03-01T22:30:00Z")
            .with_timezone(&Riga)
            .date_naive();
        assert_eq!(quiet_days(last, today, &Riga), 1);
    }

    #[test]
    fn limits_are_configurable() {
        let now = utc("2026-02-20T10:00:00Z");
        let clients = [client("a", Segment::Active, Some("2026-02-10T10:00:00Z"))];
        let strict = ColdAfter {
            active: Some(7),
            ..ColdAfter::default()
        };
        assert_eq!(cold_clients(&clients, strict, now, &Riga).len(), 1);
        assert!(cold_clients(&clients, ColdAfter::default(), now, &Riga).is_empty());
    }

    proptest! {
        /// A contact today makes any client warm; the list is sorted.
        #[test]
        fn contact_warms_and_order_holds(quiet in proptest::collection::vec(0i64..400, 1..30)) {
            let now = utc("2026-05-10T10:00:00Z");
            let ids: Vec<String> = (0..quiet.len()).map(|i| format!("c{i:02}")).collect();
            let clients: Vec<ClientContact> = quiet
                .iter()
                .enumerate()
                .map(|(i, d)| ClientContact {
                    client_id: &ids[i],
                    segment: Segment::Active,
                    created_at: utc("2024-01-01T00:00:00Z"),
                    last_contact: Some(now - Duration::days(*d)),
                })
                .collect();
            let cold = cold_clients(&clients, ColdAfter::default(), now, &Riga);
            prop_assert!(cold.windows(2).all(|w| w[0].quiet_days >= w[1].quiet_days));
            prop_assert!(cold.iter().all(|c| c.quiet_days > 30));
            let warmed: Vec<ClientContact> = clients
                .into_iter()
                .map(|c| ClientContact { last_contact: Some(now), ..c })
                .collect();
            prop_assert!(cold_clients(&warmed, ColdAfter::default(), now, &Riga).is_empty());
        }

        /// The instants say what the day count says, across clock changes
        /// (Riga's last Sundays of March and October) and any limit.
        #[test]
        fn the_cold_line_agrees_with_quiet_days(
            since_min in 0i64..(3 * 365 * 24 * 60),
            now_min in 0i64..(3 * 365 * 24 * 60),
            limit in 0u32..400,
            segment in prop_oneof![Just(Segment::Prospect), Just(Segment::Active), Just(Segment::Key), Just(Segment::Lost)],
        ) {
            let start = utc("2025-01-01T00:00:00Z");
            let since = start + Duration::minutes(since_min);
            let today = local_day(start + Duration::minutes(now_min), &Riga);
            let rules = ColdAfter { prospect: Some(limit), active: Some(limit), key: Some(limit), lost: None };
            let line = ColdLine::new(rules, today, &Riga);
            let by_days = rules.days(segment).is_some_and(|l| quiet_days(since, today, &Riga) > l);
            prop_assert_eq!(line.is_cold(segment, since), by_days);
        }

        /// The first `n` after `coldest_first` are the first `n` of the
        /// whole list sorted.
        #[test]
        fn coldest_first_heads_the_sorted_list(
            quiet in proptest::collection::vec(0u32..50, 0..80),
            n in 0usize..100,
        ) {
            let ids: Vec<String> = (0..quiet.len()).map(|i| format!("c{i:02}")).collect();
            let all: Vec<Cold> = quiet
                .iter()
                .zip(&ids)
                .map(|(q, id)| Cold { client_id: id, quiet_days: *q })
                .collect();
            let mut sorted = all.clone();
            crate::sort::by(&mut sorted, colder);
            let mut head = all;
            coldest_first(&mut head, n);
            let n = n.min(head.len());
            prop_assert_eq!(&head[..n], &sorted[..n]);
        }
    }
}
