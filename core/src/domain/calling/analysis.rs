//! Call analysis for a range of local days: calls by outcome and type,
//! connect rate, average talk time, calls per client, on how many working
//! days the call target was met, and which of the user's clients were not
//! contacted at all. For one user, or a team (heads) by passing their ids.

use super::call_kind::CallKind;
use super::local_day::{day_span, local_day};
use super::quota::{CallFact, calls_on, counts_as_call};
use crate::domain::call_log::{CallLog, Outcome};
use crate::domain::client::ClientCard;
use crate::sort;
use chrono::{Datelike, Duration, NaiveDate, TimeZone, Weekday};
use rustc_hash::FxHashSet;
use std::collections::BTreeMap;

#[derive(Debug, Clone, PartialEq)]
pub struct Analysis {
    pub from: NaiveDate,
    pub to: NaiveDate,
    /// Calls made (outgoing, wrong numbers excluded) in the range.
    pub calls: u32,
    pub by_outcome: BTreeMap<&'static str, u32>,
    pub by_kind: BTreeMap<&'static str, u32>,
    /// Connected ÷ calls made; `None` with no calls.
    pub connect_rate: Option<f64>,
    /// Seconds, over connected calls; `None` with none.
    pub avg_talk_s: Option<u32>,
    pub clients_called: u32,
    /// Calls made ÷ clients called.
    pub calls_per_client: Option<f64>,
    pub working_days: u32,
    /// Working days on which the call target was met.
    pub days_target_met: u32,
    /// Active cards of the users with no call either way in the range.
    pub not_contacted: Vec<String>,
}

/// The ranges the analysis screen offers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Period {
    Day,
    Week,
    Month,
}

impl Period {
    /// `from..=to` ending today: today, this week from Monday, this month
    /// from the 1st.
    pub fn range(self, today: NaiveDate) -> (NaiveDate, NaiveDate) {
        let from = match self {
            Period::Day => today,
            Period::Week => {
                today - Duration::days(i64::from(today.weekday().num_days_from_monday()))
            }
            Period::Month => today.with_day(1).unwrap_or(today),
        };
        (from, today)
    }
}

fn working(d: NaiveDate) -> bool {
    !matches!(d.weekday(), Weekday::Sat | Weekday::Sun)
}

/// `from..=to` in local days; `users` are whose calls and cards count.
pub fn analyse<Tz: TimeZone>(
    calls: &[CallLog],
    cards: &[ClientCard],
    users: &[&str],
    from: NaiveDate,
    to: NaiveDate,
    daily_target: u32,
    tz: &Tz,
) -> Analysis {
    let (start, _) = day_span(from, tz);
    let (_, end) = day_span(to, tz);
    let in_range: Vec<&CallLog> = calls
        .iter()
        .filter(|c| users.contains(&c.by.as_str()) && start <= c.fields.at && c.fields.at < end)
        .collect();
    let facts: Vec<CallFact> = in_range.iter().map(|c| CallFact::from(*c)).collect();
    let made: Vec<&CallFact> = facts.iter().filter(|f| counts_as_call(f)).collect();
    let mut by_outcome: BTreeMap<&'static str, u32> =
        Outcome::ALL.iter().map(|o| (o.code(), 0)).collect();
    let mut by_kind: BTreeMap<&'static str, u32> =
        CallKind::ALL.iter().map(|k| (k.code(), 0)).collect();
    for f in &made {
        *by_outcome.entry(f.outcome.code()).or_default() += 1;
        *by_kind.entry(f.kind.code()).or_default() += 1;
    }
    let connected: Vec<&&CallLog> = in_range
        .iter()
        .filter(|c| c.fields.outcome == Outcome::Connected)
        .collect();
    let talk: u64 = connected
        .iter()
        .map(|c| u64::from(c.fields.duration_s))
        .sum();
    let clients: FxHashSet<&str> = made.iter().map(|f| f.client_id.as_str()).collect();
    let calls_made = made.len() as u32;
    let mut working_days = 0;
    let mut days_target_met = 0;
    let mut day = from;
    while day <= to {
        if working(day) {
            working_days += 1;
            if calls_on(made.iter().copied(), day, tz) >= daily_target {
                days_target_met += 1;
            }
        }
        day += Duration::days(1);
    }
    let touched: FxHashSet<&str> = in_range
        .iter()
        .map(|c| c.fields.client_id.as_str())
        .collect();
    let mut not_contacted: Vec<String> = cards
        .iter()
        .filter(|c| {
            !c.archived
                && users.contains(&c.owner_id.as_str())
                && local_day(c.created_at, tz) <= to
                && !touched.contains(c.id.as_str())
        })
        .map(|c| c.id.clone())
        .collect();
    sort::natural(&mut not_contacted);
    let ratio = |a: u32, b: u32| (b > 0).then(|| f64::from(a) / f64::from(b));
    Analysis {
        from,
        to,
        calls: calls_made,
        connect_rate: ratio(by_outcome[Outcome::Connected.code()], calls_made),
        by_outcome,
        by_kind,
        avg_talk_s: (!connected.is_empty()).then(|| (talk / connected.len() as u64) as u32),
        clients_called: clients.len() as u32,
        calls_per_client: ratio(calls_made, clients.len() as u32),
        working_days,
        days_target_met,
        not_contacted,
    }
}

#[cfg(test)]
#[allow(clippy::disallowed_methods)] // tests build their JSON any way
mod tests {
    use super::*;
    use crate::domain::call_log::{CallFields, Direction};
    use chrono::{DateTime, Utc};
    use chrono_tz::Europe::Riga;
    use proptest::prelude::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    fn call(
        n: usize,
        client: &str,
        by: &str,
        at: DateTime<Utc>,
        outcome: Outcome,
        secs: u32,
    ) -> CallLog {
        CallLog {
            id: format!("call-{n}"),
            fields: CallFields {
                client_id: client.into(),
                contact_id: None,
                at,
                direction: Direction::Outgoing,
                outcome,
                kind: CallKind::Ordinary,
                duration_s: secs,
                note: None,
            },
            by: by.into(),
            on_behalf_of: None,
            logged_at: at,
        }
    }

    fn card(id: &str, owner: &str) -> ClientCard {
        serde_json::from_value(serde_json::json!({
            "id": id, "owner_id": owner, "owner_name": "", "archived": false,
            "created_at": "2026-01-01T08:00:00Z", "created_by": owner,
            "updated_at": "2026-01-01T08:00:00Z", "updated_by": owner, "contacts": [],
            "fields": crate::domain::client_input::ClientInput { name: format!("SIA {id}"), ..Default::default() }
                .validate(d("2026-01-01")).unwrap().fields,
        }))
        .unwrap()
    }

    #[test]
    fn periods_end_today() {
        let today = d("2026-03-05"); // a Thursday
        assert_eq!(Period::Day.range(today), (today, today));
        assert_eq!(Period::Week.range(today), (d("2026-03-02"), today));
        assert_eq!(Period::Month.range(today), (d("2026-03-01"), today));
    }

    #[test]
    fn a_week_of_calls() {
        let at = |s: &str| s.parse::<DateTime<Utc>>().unwrap();
        let calls = vec![
            // Monday 2 March: two calls, target 2 met.
            call(
                1,
                "a",
                "me",
                at("2026-03-02T08:00:00Z"),
                Outcome::Connected,
                120,
            ),
            call(
                2,
                "b",
                "me",
                at("2026-03-02T09:00:00Z"),
                Outcome::NoAnswer,
                0,
            ),
            // Tuesday: one call and a wrong number (not a call made).
            call(
                3,
                "a",
                "me",
                at("2026-03-03T08:00:00Z"),
                Outcome::Connected,
                60,
            ),
            call(
                4,
                "x",
                "me",
                at("2026-03-03T09:00:00Z"),
                Outcome::WrongNumber,
                5,
            ),
            // A colleague's call does not count for me.
            call(
                5,
                "c",
                "other",
                at("2026-03-03T10:00:00Z"),
                Outcome::Connected,
                600,
            ),
            // Sunday 8 March 23:30 Riga is in the range; Monday 00:30 is not.
            call(6, "b", "me", at("2026-03-08T21:30:00Z"), Outcome::Busy, 0),
            call(7, "b", "me", at("2026-03-08T22:30:00Z"), Outcome::Busy, 0),
        ];
        let cards = vec![
            card("a", "me"),
            card("b", "me"),
            card("c", "me"),
            card("z", "other"),
        ];
        let a = analyse(
            &calls,
            &cards,
            &["me"],
            d("2026-03-02"),
            d("2026-03-08"),
            2,
            &Riga,
        );
        assert_eq!(a.calls, 4);
        assert_eq!(a.by_outcome["connected"], 2);
        assert_eq!(a.by_outcome["busy"], 1);
        assert_eq!(a.by_outcome["wrong_number"], 0);
        assert_eq!(a.connect_rate, Some(0.5));
        assert_eq!(a.avg_talk_s, Some(90));
        assert_eq!(a.clients_called, 2);
        assert_eq!(a.calls_per_client, Some(2.0));
        assert_eq!((a.working_days, a.days_target_met), (5, 1));
        assert_eq!(a.not_contacted, ["c"]);
        // A head sees the team: both users' calls.
        let team = analyse(
            &calls,
            &cards,
            &["me", "other"],
            d("2026-03-02"),
            d("2026-03-08"),
            2,
            &Riga,
        );
        assert_eq!(team.calls, 5);
        assert_eq!(team.not_contacted, ["z"]);
    }

    proptest! {
        /// Splitting a range in two splits the calls made exactly.
        #[test]
        fn ranges_add_up(offsets in proptest::collection::vec(0i64..(60 * 24 * 60), 0..80), cut in 1i64..59) {
            let base: DateTime<Utc> = "2026-03-01T00:00:00Z".parse().unwrap();
            let calls: Vec<CallLog> = offsets.iter().enumerate()
                .map(|(i, m)| call(i, &format!("c{}", i % 7), "me", base + Duration::minutes(*m), Outcome::Connected, 30))
                .collect();
            let first = d("2026-02-28");
            let last = d("2026-05-01");
            let mid = first + Duration::days(cut);
            let whole = analyse(&calls, &[], &["me"], first, last, 1, &Riga);
            let a = analyse(&calls, &[], &["me"], first, mid, 1, &Riga);
            let b = analyse(&calls, &[], &["me"], mid + Duration::days(1), last, 1, &Riga);
            prop_assert_eq!(whole.calls, a.calls + b.calls);
            prop_assert_eq!(whole.calls as usize, calls.len());
            prop_assert_eq!(whole.working_days, a.working_days + b.working_days);
        }
    }
}
