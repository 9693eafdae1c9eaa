//! "Negotiate next": clients who had a connected call in the range and have
//! no open follow-up, so the conversation has no next step yet.

use super::local_day::day_span;
use crate::domain::call_log::{CallLog, Outcome};
use crate::domain::follow_up::FollowUp;
use crate::sort;
use chrono::{DateTime, NaiveDate, TimeZone, Utc};
use std::collections::{HashMap, HashSet};

/// Client ids with their last connected call in `from..=to` (local days) by
/// one of `users`, newest first, when no open follow-up is planned for them.
pub fn negotiate_next<Tz: TimeZone>(
    calls: &[CallLog],
    follow_ups: &[FollowUp],
    users: &[&str],
    from: NaiveDate,
    to: NaiveDate,
    tz: &Tz,
) -> Vec<(String, DateTime<Utc>)> {
    let (start, _) = day_span(from, tz);
    let (_, end) = day_span(to, tz);
    let planned: HashSet<&str> = follow_ups
        .iter()
        .filter(|f| f.is_open())
        .map(|f| f.fields.client_id.as_str())
        .collect();
    let mut last: HashMap<&str, DateTime<Utc>> = HashMap::new();
    for c in calls.iter().filter(|c| {
        c.fields.outcome == Outcome::Connected
            && users.contains(&c.by.as_str())
            && start <= c.fields.at
            && c.fields.at < end
            && !planned.contains(c.fields.client_id.as_str())
    }) {
        let e = last.entry(&c.fields.client_id).or_insert(c.fields.at);
        *e = (*e).max(c.fields.at);
    }
    let mut out: Vec<(String, DateTime<Utc>)> =
        last.into_iter().map(|(k, v)| (k.to_string(), v)).collect();
    sort::by(&mut out, |a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::call_log::{CallFields, Direction};
    use crate::domain::calling::call_kind::CallKind;
    use crate::domain::follow_up::{FollowUpAction, FollowUpFields};
    use chrono_tz::Europe::Riga;

    fn utc(s: &str) -> DateTime<Utc> {
        s.parse().unwrap()
    }

    fn call(client: &str, by: &str, at: &str, outcome: Outcome) -> CallLog {
        CallLog {
            id: format!("{client}-{at}"),
            fields: CallFields {
                client_id: client.into(),
                contact_id: None,
                at: utc(at),
                direction: Direction::Outgoing,
                outcome,
                kind: CallKind::Negotiation,
                duration_s: 120,
                note: None,
            },
            by: by.into(),
            on_behalf_of: None,
            logged_at: utc(at),
        }
    }

    fn follow_up(client: &str, done: bool) -> FollowUp {
        FollowUp {
            id: format!("f-{client}"),
            fields: FollowUpFields {
                client_id: client.into(),
                contact_id: None,
                action: FollowUpAction::Proposal,
                due: utc("2026-03-20T08:00:00Z"),
                note: None,
                done_at: done.then(|| utc("2026-03-11T08:00:00Z")),
                call_id: None,
            },
            by: "me".into(),
            created_at: utc("2026-03-10T08:00:00Z"),
        }
    }

    #[test]
    fn connected_clients_without_a_next_step_newest_first() {
        let calls = [
            call("a", "me", "2026-03-10T08:00:00Z", Outcome::Connected),
            call("a", "me", "2026-03-11T08:00:00Z", Outcome::Connected),
            call("b", "me", "2026-03-12T08:00:00Z", Outcome::Connected),
            call("c", "me", "2026-03-12T09:00:00Z", Outcome::NoAnswer),
            call("d", "other", "2026-03-12T09:00:00Z", Outcome::Connected),
            call("e", "me", "2026-03-12T09:00:00Z", Outcome::Connected),
            // 00:30 Riga on 14 March: outside a range ending on the 13th.
            call("f", "me", "2026-03-13T22:30:00Z", Outcome::Connected),
        ];
        let follow_ups = [follow_up("e", false), follow_up("b", true)];
        let got = negotiate_next(
            &calls,
            &follow_ups,
            &["me"],
            "2026-03-09".parse().unwrap(),
            "2026-03-13".parse().unwrap(),
            &Riga,
        );
        assert_eq!(
            got,
            [
                ("b".to_string(), utc("2026-03-12T08:00:00Z")),
                ("a".to_string(), utc("2026-03-11T08:00:00Z")),
            ]
        );
    }
}
