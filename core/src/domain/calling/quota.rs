//! Today's quotas: calls made, phone offers, e-mailed proposals, and new-client
//! contracts this month, each against a target the head sets. Defaults come
//! from the job description.

use super::call_kind::CallKind;
use super::local_day::{day_span, local_day};
use crate::domain::call_log::{CallLog, Direction, Outcome};
use chrono::{DateTime, Datelike, NaiveDate, TimeZone, Utc};
use serde::{Deserialize, Serialize};
use std::collections::HashSet;

/// One call as the quotas see it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CallFact {
    pub client_id: String,
    pub at: DateTime<Utc>,
    pub direction: Direction,
    pub outcome: Outcome,
    pub kind: CallKind,
}

impl From<&CallLog> for CallFact {
    fn from(c: &CallLog) -> Self {
        CallFact {
            client_id: c.fields.client_id.clone(),
            at: c.fields.at,
            direction: c.fields.direction,
            outcome: c.fields.outcome,
            kind: c.fields.kind,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Targets {
    pub calls: u32,
    pub phone_offers: u32,
    pub email_proposals: u32,
    /// Contracts signed with new clients per calendar month.
    pub new_contracts: u32,
}

impl Default for Targets {
    /// "At least 30 calls, offers to 20 companies by phone, 50 proposals by
    /// e-mail a day; at least 4 contracts with new clients a month."
    fn default() -> Self {
        Targets {
            calls: 30,
            phone_offers: 20,
            email_proposals: 50,
            new_contracts: 4,
        }
    }
}

/// How far one counter is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Progress {
    pub done: u32,
    pub target: u32,
}

impl Progress {
    pub fn met(self) -> bool {
        self.done >= self.target
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Quotas {
    pub calls: Progress,
    pub phone_offers: Progress,
    pub email_proposals: Progress,
    pub new_contracts: Progress,
}

/// A call counts towards "calls made" when the manager dialled it and it
/// reached (or tried to reach) a client: wrong numbers do not count.
pub fn counts_as_call(c: &CallFact) -> bool {
    c.direction == Direction::Outgoing && c.outcome != Outcome::WrongNumber
}

/// Calls made on a local day.
pub fn calls_on<'a, Tz: TimeZone>(
    calls: impl IntoIterator<Item = &'a CallFact>,
    day: NaiveDate,
    tz: &Tz,
) -> u32 {
    let (start, end) = day_span(day, tz);
    calls
        .into_iter()
        .filter(|c| counts_as_call(c) && start <= c.at && c.at < end)
        .count() as u32
}

/// Companies that heard an offer by phone on a local day: a connected
/// outgoing phone-offer call, each client once.
pub fn phone_offers_on<'a, Tz: TimeZone>(
    calls: impl IntoIterator<Item = &'a CallFact>,
    day: NaiveDate,
    tz: &Tz,
) -> u32 {
    let (start, end) = day_span(day, tz);
    calls
        .into_iter()
        .filter(|c| {
            c.kind == CallKind::PhoneOffer
                && c.direction == Direction::Outgoing
                && c.outcome == Outcome::Connected
                && start <= c.at
                && c.at < end
        })
        .map(|c| c.client_id.as_str())
        .collect::<HashSet<_>>()
        .len() as u32
}

/// Instants (proposals sent, contracts signed) that fall on a local day.
pub fn on_day<Tz: TimeZone>(at: &[DateTime<Utc>], day: NaiveDate, tz: &Tz) -> u32 {
    let (start, end) = day_span(day, tz);
    at.iter().filter(|t| start <= **t && **t < end).count() as u32
}

/// Instants that fall in the local calendar month of `day`.
pub fn in_month<Tz: TimeZone>(at: &[DateTime<Utc>], day: NaiveDate, tz: &Tz) -> u32 {
    at.iter()
        .map(|t| local_day(*t, tz))
        .filter(|d| d.year() == day.year() && d.month() == day.month())
        .count() as u32
}

/// Everything the quota strip shows for one local day.
pub fn quotas<Tz: TimeZone>(
    calls: &[CallFact],
    proposals_sent: &[DateTime<Utc>],
    new_contracts_signed: &[DateTime<Utc>],
    targets: Targets,
    day: NaiveDate,
    tz: &Tz,
) -> Quotas {
    Quotas {
        calls: Progress {
            done: calls_on(calls, day, tz),
            target: targets.calls,
        },
        phone_offers: Progress {
            done: phone_offers_on(calls, day, tz),
            target: targets.phone_offers,
        },
        email_proposals: Progress {
            done: on_day(proposals_sent, day, tz),
            target: targets.email_proposals,
        },
        new_contracts: Progress {
            done: in_month(new_contracts_signed, day, tz),
            target: targets.new_contracts,
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::Duration;
    use chrono_tz::Europe::Riga;
    use proptest::prelude::*;

    fn call(at: &str, outcome: Outcome, kind: CallKind, client: &str) -> CallFact {
        CallFact {
            client_id: client.into(),
            at: at.parse().unwrap(),
            direction: Direction::Outgoing,
            outcome,
            kind,
        }
    }

    fn day(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn calls_count_on_the_riga_day_they_were_made() {
        let calls = [
            // 23:50 Riga time on 14 Jan: counts on the 14th, not the 15th.
            call(
                "2026-01-14T21:50:00Z",
                Outcome::Connected,
                CallKind::Ordinary,
                "a",
            ),
            // 00:10 Riga time on 15 Jan (still 14 Jan in UTC).
            call(
                "2026-01-14T22:10:00Z",
                Outcome::NoAnswer,
                CallKind::Ordinary,
                "b",
            ),
            call(
                "2026-01-15T09:00:00Z",
                Outcome::Busy,
                CallKind::Ordinary,
                "c",
            ),
            // A wrong number is not a client call.
            call(
                "2026-01-15T10:00:00Z",
                Outcome::WrongNumber,
                CallKind::Ordinary,
                "d",
            ),
        ];
        assert_eq!(calls_on(&calls, day("2026-01-14"), &Riga), 1);
        assert_eq!(calls_on(&calls, day("2026-01-15"), &Riga), 2);
    }

    #[test]
    fn an_incoming_call_is_not_a_call_made() {
        let mut c = call(
            "2026-01-15T09:00:00Z",
            Outcome::Connected,
            CallKind::Ordinary,
            "a",
        );
        c.direction = Direction::Incoming;
        assert_eq!(calls_on([&c], day("2026-01-15"), &Riga), 0);
    }

    #[test]
    fn the_25_hour_autumn_day_keeps_both_1_am_hours() {
        // 03:30 happens twice in Riga on 2026-10-25 (00:30 and 01:30 UTC).
        let calls = [
            call(
                "2026-10-25T00:30:00Z",
                Outcome::Connected,
                CallKind::Ordinary,
                "a",
            ),
            call(
                "2026-10-25T01:30:00Z",
                Outcome::Connected,
                CallKind::Ordinary,
                "b",
            ),
            // 23:59 local on the 25th is 21:59 UTC (winter time again).
            call(
                "2026-10-25T21:59:00Z",
                Outcome::Connected,
                CallKind::Ordinary,
                "c",
            ),
            call(
                "2026-10-25T22:00:00Z",
                Outcome::Connected,
                CallKind::Ordinary,
                "d",
            ),
        ];
        assert_eq!(calls_on(&calls, day("2026-10-25"), &Riga), 3);
        assert_eq!(calls_on(&calls, day("2026-10-26"), &Riga), 1);
    }

    #[test]
    fn phone_offers_count_companies_that_heard_one() {
        let calls = [
            call(
                "2026-03-02T08:00:00Z",
                Outcome::Connected,
                CallKind::PhoneOffer,
                "a",
            ),
            call(
                "2026-03-02T09:00:00Z",
                Outcome::Connected,
                CallKind::PhoneOffer,
                "a",
            ),
            call(
                "2026-03-02T10:00:00Z",
                Outcome::NoAnswer,
                CallKind::PhoneOffer,
                "b",
            ),
            call(
                "2026-03-02T11:00:00Z",
                Outcome::Connected,
                CallKind::Negotiation,
                "c",
            ),
            call(
                "2026-03-02T12:00:00Z",
                Outcome::Connected,
                CallKind::PhoneOffer,
                "d",
            ),
        ];
        assert_eq!(phone_offers_on(&calls, day("2026-03-02"), &Riga), 2);
    }

    #[test]
    fn contracts_count_by_riga_month_and_targets_turn_met() {
        let signed: Vec<DateTime<Utc>> = [
            "2026-01-31T22:30:00Z", // 1 Feb, 00:30 in Riga
            "2026-02-10T10:00:00Z",
            "2026-02-28T21:59:00Z", // 28 Feb, 23:59 in Riga
            "2026-02-28T22:01:00Z", // 1 Mar in Riga
        ]
        .iter()
        .map(|s| s.parse().unwrap())
        .collect();
        let q = quotas(
            &[],
            &[],
            &signed,
            Targets::default(),
            day("2026-02-15"),
            &Riga,
        );
        assert_eq!(q.new_contracts, Progress { done: 3, target: 4 });
        assert!(!q.new_contracts.met());
        let q = quotas(
            &[],
            &[],
            &signed,
            Targets {
                new_contracts: 3,
                ..Targets::default()
            },
            day("2026-02-01"),
            &Riga,
        );
        assert!(q.new_contracts.met());
        assert_eq!(
            q.calls,
            Progress {
                done: 0,
                target: 30
            }
        );
    }

    proptest! {
        /// Counting day by day loses and doubles nothing, DST days included.
        #[test]
        fn days_partition_the_calls(offsets in proptest::collection::vec(0i64..(60 * 24 * 40), 0..60)) {
            let base: DateTime<Utc> = "2026-10-10T00:00:00Z".parse().unwrap();
            let calls: Vec<CallFact> = offsets
                .iter()
                .map(|m| CallFact {
                    client_id: m.to_string(),
                    at: base + Duration::minutes(*m),
                    direction: Direction::Outgoing,
                    outcome: Outcome::Connected,
                    kind: CallKind::Ordinary,
                })
                .collect();
            let first = day("2026-10-09");
            let total: u32 = (0..45).map(|d| calls_on(&calls, first + Duration::days(d), &Riga)).sum();
            prop_assert_eq!(total as usize, calls.len());
        }
    }
}
