//! Clients gone cold: no contact for more days than their segment allows.
//! The Today screen lists them, coldest first.

use super::last_contact::LastContacts;
use super::local_day::local_day;
use crate::domain::client::{ClientCard, Segment};
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
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClientContact<'a> {
    pub client_id: &'a str,
    pub segment: Segment,
    pub created_at: DateTime<Utc>,
    /// The last call, e-mail or visit either way; `None`: never.
    pub last_contact: Option<DateTime<Utc>>,
}

/// What cold detection needs of each of `cards`: one lookup per card in the
/// last contacts, kept beside the calls rather than found among them.
pub fn contacts_of<'a>(cards: &[&'a ClientCard], last: &LastContacts) -> Vec<ClientContact<'a>> {
    cards
        .iter()
        .map(|c| ClientContact {
            client_id: c.id.as_str(),
            segment: c.fields.segment,
            created_at: c.created_at,
            last_contact: last.get(&c.id),
        })
        .collect()
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

/// The cold clients, coldest first (ties by id, so the list is stable).
pub fn cold_clients<'a, Tz: TimeZone>(
    clients: &[ClientContact<'a>],
    rules: ColdAfter,
    now: DateTime<Utc>,
    tz: &Tz,
) -> Vec<Cold<'a>> {
    let today = local_day(now, tz);
    let mut out: Vec<Cold<'a>> = clients
        .iter()
        .filter_map(|c| {
            let limit = rules.days(c.segment)?;
            let quiet = quiet_days(c.last_contact.unwrap_or(c.created_at), today, tz);
            (quiet > limit).then_some(Cold {
                client_id: c.client_id,
                quiet_days: quiet,
            })
        })
        .collect();
    out.sort_by(|a, b| {
        b.quiet_days
            .cmp(&a.quiet_days)
            .then_with(|| a.client_id.cmp(b.client_id))
    });
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

    #[test]
    fn last_contact_is_the_latest_call_with_that_client_only() {
        let card = |id: &str| -> ClientCard {
            serde_json::from_value(serde_json::json!({
                "id": id, "owner_id": "me", "owner_name": "", "archived": false,
                "created_at": "2025-01-01T08:00:00Z", "created_by": "me",
                "updated_at": "2025-01-01T08:00:00Z", "updated_by": "me",
                "contacts": [],
                "fields": crate::domain::client_input::ClientInput {
                    name: format!("SIA {id}"),
                    ..Default::default()
                }.validate(NaiveDate::from_ymd_opt(2026, 1, 1).unwrap()).unwrap().fields,
            }))
            .unwrap()
        };
        let call = super::super::last_contact::tests::call;
        let cards = [card("a"), card("b")];
        let calls = [
            call("a", "2026-03-01T08:00:00Z"),
            call("a", "2026-03-05T08:00:00Z"),
            call("a", "2026-03-03T08:00:00Z"),
            // Not one of these cards: ignored.
            call("x", "2026-03-09T08:00:00Z"),
        ];
        let got = contacts_of(&cards.iter().collect::<Vec<_>>(), &LastContacts::of(&calls));
        assert_eq!(got.len(), 2);
        assert_eq!(got[0].client_id, "a");
        assert_eq!(got[0].last_contact, Some(utc("2026-03-05T08:00:00Z")));
        assert_eq!(got[1].client_id, "b");
        assert_eq!(got[1].last_contact, None);
        assert_eq!(got[1].created_at, utc("2025-01-01T08:00:00Z"));
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
    }
}
